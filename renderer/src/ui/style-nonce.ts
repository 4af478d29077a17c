/**
 * This page load's style nonce, which the server put in `<meta name="style-nonce">` and in the page's CSP
 * (electron/api/content-security-policy.ts). Empty where the page was not served by us (tests in jsdom).
 */
export const styleNonce: string =
  document.querySelector<HTMLMetaElement>('meta[name="style-nonce"]')?.getAttribute('content') ?? '';
