// The identity provider page. It speaks Internet Identity's window-message protocol with the
// opener (AuthClient): post {kind:"authorize-ready"}, receive {kind:"authorize-client", ...},
// answer {kind:"authorize-client-success", delegations, userPublicKey, authnMethod}. The server
// checks derivationOrigin against the requesting origin (e.origin) as II does.
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Local identity provider (development)</title>
<link rel="icon" href="data:,">
<style>
 body { font-family: system-ui, sans-serif; max-width: 34rem; margin: 3rem auto; padding: 0 1rem; }
 button { display: block; width: 100%; margin: .4rem 0; padding: .6rem; font-size: 1rem; cursor: pointer; }
 #status { color: #666; } .warn { color: #a40; font-size: .85rem; }
</style>
</head>
<body>
<h1>Local identity provider</h1>
<p class="warn">Development only: test users, keys derived from a public seed.</p>
<p id="status">Waiting for the application...</p>
<div id="users"></div>
<form id="create"><input id="name" placeholder="new user name" pattern="[A-Za-z0-9_.\\-]{1,64}" required>
<button type="submit" id="create-button">Create user and sign in</button></form>
<script>
(() => {
  const status = document.getElementById('status');
  let request = null, requestOrigin = null;
  const hex = b => Array.from(new Uint8Array(b), x => x.toString(16).padStart(2, '0')).join('');
  const unhex = h => new Uint8Array(h.match(/../g).map(x => parseInt(x, 16)));
  async function signIn(user) {
    if (!request) { status.textContent = 'No sign-in request from an application yet.'; return; }
    status.textContent = 'Signing in as ' + user + '...';
    const res = await fetch('/identity/api/delegation', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user, sessionPublicKey: hex(request.sessionPublicKey),
        maxTimeToLive: request.maxTimeToLive === undefined ? undefined : String(request.maxTimeToLive),
        origin: requestOrigin, derivationOrigin: request.derivationOrigin || undefined }) });
    if (!res.ok) {
      const message = await res.text();
      status.textContent = 'Error: ' + message;
      window.opener && window.opener.postMessage({ kind: 'authorize-client-failure', text: message }, requestOrigin);
      return;
    }
    const d = await res.json();
    window.opener.postMessage({
      kind: 'authorize-client-success',
      delegations: d.delegations.map(x => ({ delegation: { pubkey: unhex(x.delegation.pubkey),
        expiration: BigInt(x.delegation.expiration),
        }, signature: unhex(x.signature) })),
      userPublicKey: unhex(d.userPublicKey),
      authnMethod: 'passkey'
    }, requestOrigin);
    status.textContent = 'Signed in as ' + user + ' (' + d.principal + ').';
  }
  async function loadUsers() {
    const { users } = await (await fetch('/identity/api/users')).json();
    const div = document.getElementById('users');
    div.textContent = '';
    for (const u of users) {
      const b = document.createElement('button');
      b.textContent = 'Sign in as ' + u; b.dataset.user = u; b.onclick = () => signIn(u);
      div.appendChild(b);
    }
  }
  document.getElementById('create').onsubmit = e => { e.preventDefault(); signIn(document.getElementById('name').value); };
  window.addEventListener('message', e => {
    if (e.source !== window.opener || !e.data || e.data.kind !== 'authorize-client') return;
    request = e.data; requestOrigin = e.origin;
    status.textContent = 'Sign in to ' + (e.data.derivationOrigin || e.origin) + ':';
  });
  loadUsers();
  if (window.opener) window.opener.postMessage({ kind: 'authorize-ready' }, '*');
  else status.textContent = 'Open this page from an application (AuthClient.login).';
})();
</script>
</body>
</html>
`;
