export * from './backend-schemas.js';
export * from './call-names.js';
export * from './calls.js';
export * from './events.js';
export * from './file-schemas.js';
export * from './results.js';
export * from './schemas.js';
