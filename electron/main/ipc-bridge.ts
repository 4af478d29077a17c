import { type IpcMainInvokeEvent, ipcMain, type WebContents } from 'electron';
import { CALL_NAMES } from '../api/contract/call-names.js';
import { CALL_CHANNEL_PREFIX } from '../api/contract/events.js';
import type { Dispatch } from '../api/dispatch.js';
import { isOwnUrl } from './secure-window.js';
import { answerIfOwnPage } from './sender-gate.js';

/** One handler per call; a message from any frame that is not our own page is refused (`forbidden`). */
export function registerIpcHandlers(dispatch: Dispatch, isAppWindow: (contents: WebContents) => boolean): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(`${CALL_CHANNEL_PREFIX}${name}`, (event: IpcMainInvokeEvent, arg: unknown) => {
      const fromOwnPage = isAppWindow(event.sender) && isOwnUrl(event.senderFrame?.url ?? '');
      return answerIfOwnPage(fromOwnPage, () => dispatch(name, arg));
    });
  }
}
