/**
 * The bridge between the sandboxed renderer and main: one function per call of the contract and
 * an event subscription, nothing else. ipcRenderer itself never reaches the page.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { CALL_NAMES } from '../api/contract/call-names.js';
import { type ApiEvent, BRIDGE_NAME, CALL_CHANNEL_PREFIX, EVENT_CHANNEL } from '../api/contract/events.js';

const calls = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (arg: unknown) => ipcRenderer.invoke(`${CALL_CHANNEL_PREFIX}${name}`, arg)]),
);

function onEvent(listener: (event: ApiEvent) => void): () => void {
  const forward = (_event: IpcRendererEvent, payload: ApiEvent) => listener(payload);
  ipcRenderer.on(EVENT_CHANNEL, forward);
  return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward);
}

contextBridge.exposeInMainWorld(BRIDGE_NAME, { ...calls, onEvent });
