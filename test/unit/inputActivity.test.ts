import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InputActivity, TYPING_PAUSE_MS } from '../../src/inputActivity';

describe('InputActivity', () => {
  it('lets background work run at once when nothing was typed and no input is open', () => {
    const activity = new InputActivity(() => 1000);
    assert.deepEqual([activity.delay('slice'), activity.delay('long')], [0, 0]);
  });

  it('holds slices until the typing pause after the last keystroke, and long work until every input has closed', () => {
    let now = 1000;
    const activity = new InputActivity(() => now);
    const close = activity.opened();
    activity.keystroke();
    now += 200;
    assert.equal(TYPING_PAUSE_MS, 500);
    assert.deepEqual([activity.delay('slice'), activity.delay('long')], [300, 500]);
    now += 1000;
    assert.deepEqual([activity.delay('slice'), activity.delay('long')], [0, 500]);
    close();
    close();
    assert.deepEqual([activity.delay('slice'), activity.delay('long')], [0, 0]);
    activity.keystroke();
    now += 100;
    assert.deepEqual([activity.delay('slice'), activity.delay('long')], [400, 400]);
  });

  it('counts each open input: long work waits for the last to close', () => {
    const activity = new InputActivity(() => 0);
    const first = activity.opened();
    const second = activity.opened();
    first();
    assert.equal(activity.delay('long'), 500);
    second();
    assert.equal(activity.delay('long'), 0);
  });
});
