// The relay's tests use the dev stack's mailbox as their SMTP server.
export { LocalMailbox as FakeSmtp, type Mail } from '../../../devstack/src/mailbox.js';
