import { useEffect, useEffectEvent } from 'react';
import { isModifier } from '../ui/keyboard.js';

interface Shortcuts {
  find: () => void;
  newRecord: () => void;
  save: () => void;
  openConnection: () => void;
}

/** Ctrl/Cmd+F, +N, +S and +Shift+O anywhere in the window (the desktop menu's are in use-main-events). */
export function useShortcuts(shortcuts: Shortcuts): void {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (!isModifier(event) || event.altKey || document.querySelector('dialog[open]') !== null) return;
    const key = event.key.toLowerCase();
    const keys: Partial<Record<string, () => void>> = { f: shortcuts.find, n: shortcuts.newRecord, s: shortcuts.save };
    const run = event.shiftKey && key === 'o' ? shortcuts.openConnection : keys[key];
    if (run === undefined) return;
    event.preventDefault();
    run();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}
