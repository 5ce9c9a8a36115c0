// The local stand-in for Chatwoot's website SDK (`/packs/js/sdk.js`), served by
// devstack/src/chatwoot/server.ts. It offers the surface the app uses (`chatwootSDK.run`,
// `$chatwoot.setUser/setConversationCustomAttributes/toggle/reset`, the `chatwoot:ready` event) with
// the widget's semantics: a session is a contact inbox, `setUser` identifies it (a new identifier
// starts a new session), the panel shows the last conversation the identified contact can see, and
// conversation attributes go to that conversation (404 before the first message). Its style sheet
// is injected as upstream's DOMHelpers.loadCSS does: an inline <style id="cw-widget-styles"> appended
// to the body (the server embeds sdk.css here), so the app's CSP must admit it (its sha256).
(function () {
    'use strict';
    var script = document.currentScript;
    var base = script ? new URL(script.src).origin : '';

    function el(tag, props, style) {
        var e = document.createElement(tag);
        Object.assign(e, props || {});
        Object.assign(e.style, style || {});
        return e;
    }

    var SDK_CSS = __SDK_CSS__;

    function loadCSS() {
        if (document.getElementById('cw-widget-styles')) return;
        var css = document.createElement('style');
        css.innerHTML = SDK_CSS;
        css.id = 'cw-widget-styles';
        css.dataset.turboPermanent = true;
        document.body.appendChild(css);
    }

    var SR_ONLY = { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' };

    // Message text with its http(s) links made clickable; never parsed as HTML.
    function appendText(parent, text, mine) {
        var parts = text.split(/(https?:\/\/[^\s]+)/);
        for (var i = 0; i < parts.length; i++) {
            if (i % 2 === 0) { parent.appendChild(document.createTextNode(parts[i])); continue; }
            var a = el('a', { href: parts[i], textContent: parts[i], target: '_blank', rel: 'noopener noreferrer' }, { color: mine ? '#fff' : '#1f5fa8', wordBreak: 'break-all' });
            parent.appendChild(a);
        }
    }

    function run(options) {
        var token = options.websiteToken;
        var api = (options.baseUrl || base).replace(/\/$/, '') + '/widget/v1';
        var user = null; // { identifier, identifier_hash, name }
        var session = null; // the widget's auth token (a contact inbox)
        var verified = false;
        var poll = null;
        var shown = [];

        loadCSS();
        var launcher = el('button', { type: 'button', textContent: 'Chat', className: 'local-chatwoot-launcher' });
        launcher.setAttribute('aria-expanded', 'false');
        launcher.setAttribute('aria-controls', 'local-chatwoot-panel');

        var panel = el('section', { id: 'local-chatwoot-panel', hidden: true }, {
            position: 'fixed', right: '20px', bottom: '76px', zIndex: '2147483000', width: 'min(360px, calc(100vw - 40px))',
            maxHeight: '70vh', display: 'none', flexDirection: 'column', background: '#fff', color: '#1b2430',
            border: '1px solid #c9d3df', borderRadius: '10px', boxShadow: '0 8px 28px rgba(0,0,0,.18)', font: '14px system-ui, sans-serif'
        });
        panel.setAttribute('role', 'dialog');
        panel.setAttribute('aria-label', 'Support chat');

        var header = el('div', {}, { padding: '10px 14px', borderBottom: '1px solid #e3e8ef', display: 'flex', alignItems: 'start', gap: '8px' });
        var titles = el('div', {}, { flex: '1' });
        titles.appendChild(el('h2', { textContent: 'Support chat' }, { margin: '0', fontSize: '16px' }));
        var who = el('p', { className: 'local-chatwoot-identity', textContent: 'Not signed in' }, { margin: '2px 0 0', fontSize: '12px', color: '#4a5668' });
        var about = el('p', { className: 'local-chatwoot-contract', textContent: '' }, { margin: '2px 0 0', fontSize: '12px', color: '#4a5668' });
        titles.appendChild(who);
        titles.appendChild(about);
        var close = el('button', { type: 'button', textContent: '×' }, { border: 'none', background: 'none', fontSize: '20px', cursor: 'pointer', color: '#1b2430' });
        close.setAttribute('aria-label', 'Close chat');
        header.appendChild(titles);
        header.appendChild(close);

        var history = el('div', {}, { overflowY: 'auto', flex: '1', minHeight: '120px' });
        history.setAttribute('role', 'log');
        history.setAttribute('aria-live', 'polite');
        history.setAttribute('aria-label', 'Messages');
        var log = el('ol', {}, { listStyle: 'none', margin: '0', padding: '10px 14px' });
        history.appendChild(log);

        var form = el('form', {}, { display: 'flex', gap: '8px', padding: '10px 14px', borderTop: '1px solid #e3e8ef' });
        var label = el('label', { htmlFor: 'local-chatwoot-input', textContent: 'Message' }, SR_ONLY);
        var input = el('input', { id: 'local-chatwoot-input', type: 'text', autocomplete: 'off' }, { flex: '1', padding: '8px', border: '1px solid #9aa8ba', borderRadius: '6px', font: 'inherit' });
        var send = el('button', { type: 'submit', textContent: 'Send' }, { padding: '8px 14px', border: 'none', borderRadius: '6px', background: '#1f5fa8', color: '#fff', font: '600 14px system-ui, sans-serif', cursor: 'pointer' });
        var status = el('p', { className: 'local-chatwoot-status', textContent: '' }, { margin: '0', padding: '0 14px 10px', fontSize: '12px', color: '#a4262c' });
        status.setAttribute('role', 'status');
        form.appendChild(label);
        form.appendChild(input);
        form.appendChild(send);

        panel.appendChild(header);
        panel.appendChild(history);
        panel.appendChild(form);
        panel.appendChild(status);
        document.body.appendChild(panel);
        document.body.appendChild(launcher);

        function query() {
            return 'website_token=' + encodeURIComponent(token) + '&auth_token=' + encodeURIComponent(session || '');
        }

        function post(path, fields) {
            return fetch(api + path, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify(Object.assign({ website_token: token, auth_token: session }, fields))
            }).then(function (r) { return r.json().then(function (b) { return { ok: r.ok, status: r.status, body: b }; }); });
        }

        var starting = null;
        function ensureSession() {
            if (session) return Promise.resolve(session);
            starting = starting || post('/session', {}).then(function (r) { session = r.body.auth_token; return session; });
            return starting;
        }

        // The contract a contact identifier names (`<principal>/contract/<id>`), for the panel's label.
        function contractOf(identifier) {
            var m = /\/contract\/(\d+)$/.exec(identifier || '');
            return m ? m[1] : null;
        }

        function render(messages) {
            for (var i = shown.length; i < messages.length; i++) {
                var m = messages[i];
                var mine = m.type === 'incoming';
                var li = el('li', {}, { margin: '6px 0', display: 'flex', justifyContent: mine ? 'flex-end' : 'flex-start' });
                var bubble = el('p', {}, {
                    margin: '0', padding: '8px 10px', borderRadius: '8px', maxWidth: '80%', whiteSpace: 'pre-wrap',
                    background: mine ? '#1f5fa8' : '#eef2f7', color: mine ? '#fff' : '#1b2430'
                });
                bubble.appendChild(el('span', { textContent: mine ? 'You: ' : 'Support: ' }, SR_ONLY));
                appendText(bubble, m.content, mine);
                li.appendChild(bubble);
                log.appendChild(li);
                shown.push(m);
            }
            history.scrollTop = history.scrollHeight;
        }

        function refresh() {
            if (!user || !verified) return Promise.resolve();
            return fetch(api + '/messages?' + query())
                .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
                .then(function (r) {
                    if (!r.ok) { status.textContent = r.body.error || 'The chat is unavailable.'; return; }
                    status.textContent = '';
                    render(r.body.messages);
                })
                .catch(function () { status.textContent = 'The chat server cannot be reached.'; });
        }

        function setOpen(open) {
            panel.hidden = !open;
            panel.style.display = open ? 'flex' : 'none';
            launcher.setAttribute('aria-expanded', String(open));
            clearInterval(poll);
            poll = null;
            if (open) {
                refresh();
                poll = setInterval(refresh, 1500);
                input.focus();
            }
        }

        function describe() {
            if (!user) who.textContent = 'Not signed in';
            else who.textContent = (verified ? 'Verified as ' : 'Identity not verified: ') + (user.name || user.identifier);
            var contractId = user ? contractOf(user.identifier) : null;
            about.textContent = contractId ? 'About contract #' + contractId : 'General question';
            input.disabled = send.disabled = !(user && verified);
        }

        launcher.addEventListener('click', function () { setOpen(panel.hidden); });
        close.addEventListener('click', function () { setOpen(false); launcher.focus(); });
        panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') { setOpen(false); launcher.focus(); } });
        form.addEventListener('submit', function (e) {
            e.preventDefault();
            var content = input.value.trim();
            if (!content || !user) return;
            send.disabled = true;
            status.textContent = '';
            post('/messages', { content: content })
                .then(function (r) {
                    if (!r.ok) { status.textContent = r.body.error || 'The message was not sent.'; return; }
                    input.value = '';
                    return refresh();
                })
                .catch(function () { status.textContent = 'The chat server cannot be reached.'; })
                .finally(function () { send.disabled = !(user && verified); });
        });

        window.$chatwoot = {
            setUser: function (identifier, o) {
                if (user && user.identifier === identifier && user.identifier_hash === (o && o.identifier_hash)) return;
                user = { identifier: identifier, identifier_hash: o && o.identifier_hash, name: o && o.name };
                verified = false;
                shown = [];
                log.textContent = '';
                describe();
                ensureSession()
                    .then(function () { return post('/set_user', { identifier: identifier, identifier_hash: user.identifier_hash || '', name: user.name || '' }); })
                    .then(function (r) {
                        if (r.ok) session = r.body.auth_token;
                        verified = r.ok && r.body.verified === true;
                        if (!r.ok) status.textContent = r.body.error || 'Your identity could not be verified; sign in again.';
                        describe();
                        if (!panel.hidden) refresh();
                    })
                    .catch(function () { status.textContent = 'The chat server cannot be reached.'; });
            },
            // Contact attributes: kept by Chatwoot on the contact; they route nothing.
            setCustomAttributes: function () {},
            // Replaces the attributes of the last conversation; Chatwoot answers 404 (swallowed) before there is one.
            setConversationCustomAttributes: function (a) {
                if (!session) return;
                post('/conversation/custom_attributes', { custom_attributes: a || {} }).catch(function () { return undefined; });
            },
            toggle: function (state) { setOpen(state === 'open' ? true : state === 'close' ? false : panel.hidden); },
            reset: function () { user = null; session = null; starting = null; verified = false; shown = []; log.textContent = ''; setOpen(false); describe(); }
        };
        describe();
        // Chatwoot announces readiness after its iframe loads, never synchronously within run().
        setTimeout(function () { window.dispatchEvent(new Event('chatwoot:ready')); }, 0);
    }

    window.chatwootSDK = { run: run };
})();
