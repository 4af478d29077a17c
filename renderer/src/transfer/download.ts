/**
 * Browser mode: fetches a finished export or copy from the server's one-time download URL. A link click, not
 * fetch, so the browser streams the file to disk instead of holding it in the page.
 */
export function startDownload(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
