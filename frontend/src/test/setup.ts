import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// Route tests load lazy route chunks; on a busy machine the first render takes more than a second.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => cleanup());

// happy-dom's <dialog> lacks showModal in some versions.
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
    HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
        this.setAttribute('open', '');
    };
    HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
        this.removeAttribute('open');
    };
}
