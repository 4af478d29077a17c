/**
 * What counts as a JSON object wherever metadata or parsed JSON is checked: an object literal (or one made by
 * JSON.parse or Object.create(null)), never an array, a Date, a Map or a class instance, which JSON would
 * flatten or lose.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
