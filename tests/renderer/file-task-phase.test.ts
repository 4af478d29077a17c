import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../renderer/src/api/api-client.js';
import { endedPhase } from '../../renderer/src/transfer/file-task-phase.js';

describe('how an export or a copy that did not finish ends', () => {
  it('cancelled by the user: says so, no problem shown', () => {
    expect(endedPhase(new ApiCallError({ code: 'cancelled', message: 'Cancelled' }))).toEqual({ step: 'cancelled' });
  });

  it('any other failure: the message the user reads', () => {
    const full = new ApiCallError({ code: 'internal', message: 'The disk is full' });
    expect(endedPhase(full)).toEqual({ step: 'problem', message: 'The disk is full' });
    expect(endedPhase(new Error('lost'))).toEqual({ step: 'problem', message: 'lost' });
  });
});
