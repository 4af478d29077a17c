import type { MenuCommand } from '../../../electron/api/contract/events.js';
import { useApiEvent } from './use-api-event.js';

type MenuHandlers = Partial<Record<MenuCommand, () => void>>;

/**
 * The desktop menu's commands the renderer carries out (main does the rest: new, open, close), and
 * another store opened from a menu, the command line or a second launch.
 */
export function useMainEvents(menu: MenuHandlers, onStoreOpened: () => void): void {
  useApiEvent((event) => {
    if (event.type === 'store-opened') onStoreOpened();
    if (event.type === 'menu') menu[event.command]?.();
  });
}
