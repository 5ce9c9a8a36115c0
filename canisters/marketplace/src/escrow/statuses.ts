// What the escrow publishes to the app (package export `@trustcloud/marketplace/statuses`): the
// contract statuses and the sets by which the app gates actions. Only pure, Azle-free imports.
export { STATUSES, TERMINAL } from '../kernel/records';
export { BILLING } from './domain/settlement';
