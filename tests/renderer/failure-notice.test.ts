/**
 * What a failed call tells the user: its own sentence, except a call refused because another tab switched the
 * store, which the switch notice has said already (docs/architecture.md, "Store identity").
 */
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../renderer/src/api/api-client.js';
import { failureNotice } from '../../renderer/src/ui/api-error.js';

describe('what a failed call says', () => {
  it('a refusal or anything thrown: its own sentence', () => {
    expect(failureNotice(new ApiCallError({ code: 'read-only', message: 'The store is open read-only' }))).toBe(
      'The store is open read-only',
    );
    expect(failureNotice(new Error('socket hang up'))).toBe('socket hang up');
  });

  it('refused by a store switch: nothing, the switch notice says it once', () => {
    const refused = new ApiCallError({
      code: 'store-switched',
      message: 'Another window or tab opened postgres: this call was for /data/a.db and was not made',
      storeId: 'B',
      display: 'postgres',
    });
    expect(failureNotice(refused)).toBeUndefined();
  });
});
