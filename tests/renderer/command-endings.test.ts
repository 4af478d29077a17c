import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../renderer/src/api/api-client.js';
import { commandEndings } from '../../renderer/src/app/command-endings.js';

function recorded() {
  const seen: string[] = [];
  const endings = commandEndings(
    (dialog) => seen.push(`dialog ${dialog?.kind ?? 'closed'}`),
    (text, tone = 'info') => seen.push(`${tone}: ${text}`),
    () => seen.push('grid read again'),
  );
  return { seen, endings };
}

describe('how a workspace command ends', () => {
  it('done: the dialog closes, the user reads what happened, the grid catches up', () => {
    const { seen, endings } = recorded();
    endings.succeeded('Deleted 3 records');
    expect(seen).toEqual(['dialog closed', 'info: Deleted 3 records', 'grid read again']);
  });

  it('failed: the dialog closes and the user reads why; the grid is left as it was', () => {
    const { seen, endings } = recorded();
    endings.failed(new ApiCallError({ code: 'read-only', message: 'The store is open read-only' }));
    expect(seen).toEqual(['dialog closed', 'error: The store is open read-only']);
  });

  it('refused by a store switch: the dialog closes and the switch notice stays the only word of it', () => {
    const { seen, endings } = recorded();
    endings.failed(
      new ApiCallError({
        code: 'store-switched',
        message: 'Another window or tab opened postgres: this call was for /data/a.db and was not made',
        storeId: 'B',
        display: 'postgres',
      }),
    );
    expect(seen).toEqual(['dialog closed']);
  });
});
