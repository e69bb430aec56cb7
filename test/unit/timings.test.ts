import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { QUICKPICK_UPDATES_KEPT, recordQuickPickUpdate, type Timings } from '../../src/api';

describe('recordQuickPickUpdate', () => {
  it('creates the list, keeps the updates in order and drops the oldest beyond the limit', () => {
    const timings: Timings = {};
    recordQuickPickUpdate(timings, { at: 1, items: 50, searchMs: 2, itemsMs: 3 });
    assert.deepEqual(timings.quickPickUpdates, [{ at: 1, items: 50, searchMs: 2, itemsMs: 3 }]);
    for (let at = 2; at <= QUICKPICK_UPDATES_KEPT + 2; at++) recordQuickPickUpdate(timings, { at, items: 0, searchMs: 0, itemsMs: 0 });
    assert.equal(QUICKPICK_UPDATES_KEPT, 500);
    assert.equal(timings.quickPickUpdates?.length, 500);
    assert.deepEqual([timings.quickPickUpdates?.[0].at, timings.quickPickUpdates?.[499].at], [3, 502]);
  });
});
