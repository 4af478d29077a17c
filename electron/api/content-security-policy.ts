import { randomBytes } from 'node:crypto';

/**
 * The page's Content-Security-Policy, the same for the desktop window (app:// protocol) and browser
 * mode: our own scripts and styles only, calls only to ourselves, nothing embedded.
 *
 * The one exception is a nonce for style elements: the value editor (CodeMirror) writes its theme into a
 * `<style>` element at run time, and without its styles the editor reads typed text back wrongly (a space
 * at a line's end came back as U+00A0). The nonce is new for every page load and reaches the page in a
 * `<meta name="style-nonce">` (renderer/src/ui/style-nonce.ts), so only our own code can use it.
 */
export function contentSecurityPolicy(styleNonce?: string): string {
  const styles = styleNonce === undefined ? "'self'" : `'self' 'nonce-${styleNonce}'`;
  return (
    `default-src 'none'; script-src 'self'; style-src ${styles}; img-src 'self' data:; font-src 'self'; ` +
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
  );
}

/** What every response other than the page itself carries. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

function newStyleNonce(): string {
  return randomBytes(18).toString('base64');
}

const NONCE_PLACEHOLDER = '<meta name="style-nonce" content="" />';

/**
 * One page load of the built index.html: a new nonce in its placeholder (renderer/index.html has it) and the
 * CSP that admits it.
 */
export function noncedPage(html: string): { html: string; policy: string } {
  const nonce = newStyleNonce();
  return {
    html: html.replace(NONCE_PLACEHOLDER, `<meta name="style-nonce" content="${nonce}" />`),
    policy: contentSecurityPolicy(nonce),
  };
}
