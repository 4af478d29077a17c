/**
 * The bridge between the sandboxed renderer and main: one function per call of the contract and
 * an event subscription, nothing else. ipcRenderer itself never reaches the page.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer, webUtils } from 'electron';
import { CALL_NAMES } from '../api/contract/call-names.js';
import { type ApiEvent, BRIDGE_NAME, CALL_CHANNEL_PREFIX, EVENT_CHANNEL } from '../api/contract/events.js';
import { DROPPED_FILE_CHANNEL } from '../api/contract/file-schemas.js';

/** Each call carries the store the page made it for; main answers with the store open after it (ipc-bridge.ts). */
const calls = Object.fromEntries(
  CALL_NAMES.map((name) => [
    name,
    (arg: unknown, storeId?: string) => ipcRenderer.invoke(`${CALL_CHANNEL_PREFIX}${name}`, { arg, storeId }),
  ]),
);

function onEvent(listener: (event: ApiEvent) => void): () => void {
  const forward = (_event: IpcRendererEvent, payload: ApiEvent) => listener(payload);
  ipcRenderer.on(EVENT_CHANNEL, forward);
  return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward);
}

/**
 * A file the user dropped or picked in the page, granted for import. The path comes from the File object
 * (which the page cannot forge: a File it built has none), never from the page.
 */
function grantLocalFile(file: File) {
  return ipcRenderer.invoke(DROPPED_FILE_CHANNEL, webUtils.getPathForFile(file));
}

contextBridge.exposeInMainWorld(BRIDGE_NAME, { ...calls, onEvent, grantLocalFile });
