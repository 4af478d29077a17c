/** Ctrl on Linux and Windows, Cmd on macOS. */
export function isModifier(event: { ctrlKey: boolean; metaKey: boolean }): boolean {
  return event.ctrlKey || event.metaKey;
}
