import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isPassageId, parseReaderState, parseTextRange, parseWebviewMessage } from '../../src/core/protocol';

describe('parseWebviewMessage', () => {
  it('accepts each message type and copies only its fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: '<script>' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'selection', id: 7, range: { start: 3, end: 9, x: 1 } }, 100),
      { type: 'selection', id: 7, range: { start: 3, end: 9 } });
    assert.deepEqual(parseWebviewMessage({ type: 'select', passageId: 'p4.s2', origin: 'click' }),
      { type: 'select', passageId: 'p4.s2', origin: 'click' });
    assert.deepEqual(parseWebviewMessage({ type: 'select', passageId: 'p12', origin: 'navigate' }),
      { type: 'select', passageId: 'p12', origin: 'navigate' });
    assert.deepEqual(parseWebviewMessage({ type: 'quoteSelection', range: { start: 0, end: 100 } }, 100),
      { type: 'quoteSelection', range: { start: 0, end: 100 } });
  });

  it('reads a missing or null range as "nothing selected"', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'selection', id: 1 }), { type: 'selection', id: 1 });
    assert.deepEqual(parseWebviewMessage({ type: 'selection', id: 1, range: null }), { type: 'selection', id: 1 });
    assert.deepEqual(parseWebviewMessage({ type: 'quoteSelection' }), { type: 'quoteSelection' });
  });

  it('rejects values that are not message objects', () => {
    for (const value of [undefined, null, 0, 'ready', [], [{ type: 'ready' }], {}, { type: 'READY' }, { type: 'update', highlights: [], reveal: true }, { type: 42 }]) {
      assert.equal(parseWebviewMessage(value), undefined, JSON.stringify(value));
    }
  });

  it('rejects a selection answer without a positive integer id', () => {
    for (const id of [undefined, 0, -1, 1.5, '1', NaN, Infinity, 2 ** 53]) {
      assert.equal(parseWebviewMessage({ type: 'selection', id }), undefined, String(id));
    }
  });

  it('rejects ranges that are not integer offsets with 0 <= start <= end <= body length', () => {
    const bad: unknown[] = [
      { start: -1, end: 2 }, { start: 5, end: 4 }, { start: 0, end: 101 }, { start: 1.5, end: 3 }, { start: '1', end: 3 },
      { start: 1 }, { end: 3 }, { start: NaN, end: 3 }, { start: 0, end: Infinity }, [1, 3], 'p1', 0,
    ];
    for (const range of bad) {
      assert.equal(parseWebviewMessage({ type: 'quoteSelection', range }, 100), undefined, JSON.stringify(range));
      assert.equal(parseWebviewMessage({ type: 'selection', id: 1, range }, 100), undefined, JSON.stringify(range));
    }
  });

  it('accepts an empty range and a range ending at the body length', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'quoteSelection', range: { start: 100, end: 100 } }, 100),
      { type: 'quoteSelection', range: { start: 100, end: 100 } });
  });

  it('rejects a select with a malformed passage id or origin', () => {
    for (const passageId of ['', 'p0', 'p01', 'P1', 'p1.s0', 'p1.s', 'p1.s2.s3', 's1', 'p1 ', '<p1>', 'p12345678', 42, undefined]) {
      assert.equal(parseWebviewMessage({ type: 'select', passageId, origin: 'click' }), undefined, String(passageId));
    }
    assert.equal(parseWebviewMessage({ type: 'select', passageId: 'p1', origin: 'drag' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'select', passageId: 'p1' }), undefined);
  });
});

describe('parseTextRange', () => {
  it('copies start and end only', () => {
    assert.deepEqual(parseTextRange({ start: 2, end: 4, kind: 'x' }), { start: 2, end: 4 });
  });
});

describe('isPassageId', () => {
  it('accepts pN and pN.sM with N, M from 1', () => {
    assert.deepEqual(['p1', 'p9', 'p10.s3', 'p1.s10'].map(isPassageId), [true, true, true, true]);
    assert.deepEqual(['p0', 'p1.s0', 'x1', 'p-1'].map(isPassageId), [false, false, false, false]);
  });
});

describe('parseReaderState', () => {
  it('reads a full state', () => {
    assert.deepEqual(
      parseReaderState({ articleId: 'a', passageId: 'p3.s1', highlights: [{ start: 1, end: 4 }], scrollY: 320.5, tocOpen: true }),
      { articleId: 'a', passageId: 'p3.s1', highlights: [{ start: 1, end: 4 }], scrollY: 320.5, tocOpen: true });
  });

  it('fills defaults and drops invalid parts', () => {
    assert.deepEqual(
      parseReaderState({ articleId: 'a', passageId: 'nope', highlights: [{ start: 4, end: 1 }, { start: 2, end: 3 }, 'x'], scrollY: -5, tocOpen: 'yes' }),
      { articleId: 'a', highlights: [{ start: 2, end: 3 }], scrollY: 0, tocOpen: false });
    assert.deepEqual(parseReaderState({ articleId: 'a', highlights: 'x', scrollY: NaN }),
      { articleId: 'a', highlights: [], scrollY: 0, tocOpen: false });
  });

  it('rejects a state without a usable article id', () => {
    for (const value of [undefined, null, 'a', {}, { articleId: '' }, { articleId: 3 }, { articleId: 'x'.repeat(201) }]) {
      assert.equal(parseReaderState(value), undefined, JSON.stringify(value));
    }
  });
});
