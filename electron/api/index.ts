export * from './contract/index.js';
export { createDispatch, type Dispatch } from './dispatch.js';
export { createHandlers, type Handlers } from './handlers.js';
export { StoreSession } from './store-session.js';
