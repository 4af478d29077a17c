import { type IpcMainInvokeEvent, ipcMain, type WebContents } from 'electron';
import { CALL_NAMES } from '../api/contract/call-names.js';
import { CALL_CHANNEL_PREFIX } from '../api/contract/events.js';
import type { AnswerEnvelope, CallEnvelope } from '../api/contract/store-identity.js';
import type { Dispatch } from '../api/dispatch.js';
import { isOwnUrl } from './secure-window.js';
import { answerIfOwnPage } from './sender-gate.js';

/**
 * One handler per call; a message from any frame that is not our own page is refused (`forbidden`). A call comes
 * with the store the page made it for and is answered with the store open after it (contract/store-identity.ts).
 */
export function registerIpcHandlers(
  dispatch: Dispatch,
  isAppWindow: (contents: WebContents) => boolean,
  currentStoreId: () => string,
): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(
      `${CALL_CHANNEL_PREFIX}${name}`,
      async (event: IpcMainInvokeEvent, envelope: CallEnvelope | undefined): Promise<AnswerEnvelope> => {
        const fromOwnPage = isAppWindow(event.sender) && isOwnUrl(event.senderFrame?.url ?? '');
        const storeId = typeof envelope?.storeId === 'string' ? envelope.storeId : undefined;
        const result = await answerIfOwnPage(fromOwnPage, () => dispatch(name, envelope?.arg, storeId));
        return { result, storeId: currentStoreId() };
      },
    );
  }
}
