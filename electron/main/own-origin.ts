/**
 * Whether a URL is on exactly the given origin: same scheme, host and port. A text prefix is not
 * enough: `http://localhost:5173.evil.example` starts with `http://localhost:5173`.
 */
export function isOnOrigin(url: string, origin: string): boolean {
  const parsed = parseUrl(url);
  const expected = parseUrl(origin);
  if (parsed === undefined || expected === undefined) return false;
  return parsed.protocol === expected.protocol && parsed.host === expected.host && parsed.host !== '';
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
