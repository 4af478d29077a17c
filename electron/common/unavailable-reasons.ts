/**
 * Why a server could not be used, as the API reports it (electron/backends/backend-errors.ts throws them): the
 * Open connection dialog words each. Shared with the page and the command line, so no imports: the CLI's
 * error path must not load the contract's schemas (and zod) to name a reason.
 */
export const UNAVAILABLE_REASONS = ['refused', 'unreachable', 'auth-failed', 'lost', 'timeout'] as const;
