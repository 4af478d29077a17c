/**
 * CodeMirror writes its styles (its base theme: `white-space: pre`, the scroller, the gutters, the
 * cursor, the search panel) into a `<style>` element, which the page's Content-Security-Policy
 * (`style-src 'self'`, docs/architecture.md) refuses to apply: without them every line wrapped like
 * prose, spaces collapsed, and a long line was laid out whole. The policy governs style elements and
 * attributes, not constructed stylesheets, so the same text is applied from one; in a cascade layer,
 * so the page's own rules for the editor (editor.css) still win where both set something.
 */
let mirrored: CSSStyleSheet | undefined;

export function applyEditorStyles(doc: Document): void {
  if (mirrored !== undefined) return;
  const sheet = new CSSStyleSheet();
  mirrored = sheet;
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  const copy = () => {
    // Only the refused elements (no sheet): those are CodeMirror's; the page's own styles are files.
    const refused = Array.from(doc.head.querySelectorAll('style')).filter((element) => element.sheet === null);
    sheet.replaceSync(`@layer codemirror {\n${refused.map((element) => element.textContent).join('\n')}\n}`);
  };
  new MutationObserver(copy).observe(doc.head, { childList: true, subtree: true, characterData: true });
  copy();
}
