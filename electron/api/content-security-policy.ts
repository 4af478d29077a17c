/**
 * The page's Content-Security-Policy, the same for the desktop window (app:// protocol) and browser
 * mode: our own scripts and styles only, calls only to ourselves, nothing embedded.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
