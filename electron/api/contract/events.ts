/** Events main pushes to the renderer (IPC messages, or server-sent events in browser mode). */
export type MenuCommand =
  | 'new-store'
  | 'open-store'
  | 'open-gomicro-store'
  | 'open-connection'
  | 'copy-to-store'
  | 'close-store'
  | 'import'
  | 'export'
  | 'new-record'
  | 'find'
  | 'toggle-read-only';

export type ApiEvent =
  /** Something committed to the open file (this process or another); views refresh what they show. */
  | { type: 'store-changed'; token: string; latestChange: number }
  /** A store was opened or closed (null), from a menu, the command line or a second launch. */
  | { type: 'store-opened'; path: string | null }
  /**
   * The host's one store is another now (a new id: store-identity.ts): in browser mode every tab hears it, and a
   * tab that did not open it stops writing and shows the new store. `display` is null when none is open.
   */
  | { type: 'store-switched'; storeId: string; display: string | null }
  | { type: 'progress'; task: string; done: number; total: number | null }
  | { type: 'menu'; command: MenuCommand; path?: string };

export const EVENT_CHANNEL = 'store-inspector:event';
export const CALL_CHANNEL_PREFIX = 'store-inspector:call:';
/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_NAME = 'storeInspector';
