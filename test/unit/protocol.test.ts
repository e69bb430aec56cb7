import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isPassageId, parseHostMessage, parseReaderState, parseTextRange, parseWebviewMessage } from '../../src/core/protocol';

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

describe('hostile webview messages', () => {
  it('drops command-like and script-carrying fields: only the typed fields reach the host', () => {
    const hostile = { type: 'select', passageId: 'p2', origin: 'click', command: 'workbench.action.terminal.new', args: ['rm -rf /'], html: '<img src=x onerror=alert(1)>' };
    assert.deepEqual(parseWebviewMessage(hostile), { type: 'select', passageId: 'p2', origin: 'click' });
    for (const type of ['command', 'openLink', 'executeCommand', 'did-click-link', 'update', 'getSelection']) {
      assert.equal(parseWebviewMessage({ type, command: 'vscode.open', uri: 'javascript:alert(1)' }), undefined, type);
    }
  });

  it('does not let a __proto__ key pollute the result or Object.prototype', () => {
    const parsed = JSON.parse('{"type":"quoteSelection","range":{"start":1,"end":2,"__proto__":{"polluted":1}},"__proto__":{"type":"ready"}}');
    const m = parseWebviewMessage(parsed, 10);
    assert.deepEqual(m, { type: 'quoteSelection', range: { start: 1, end: 2 } });
    assert.equal(Object.getPrototypeOf(m!.type === 'quoteSelection' ? m!.range : {}), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('rejects passage ids that could reach a selector or a path: p1<script>, p1"], ../p1, p1 with a line separator', () => {
    for (const passageId of ['p1<script>', 'p1"]', '../p1', 'p1\u2028', 'p1\n', ' p1', 'p1.s1.s1', 'p99999999']) {
      assert.equal(parseWebviewMessage({ type: 'select', passageId, origin: 'click' }), undefined, passageId);
    }
  });

  it('rejects offsets that are not safe non-negative integers (NaN, Infinity, 1e300, "3", -0.5)', () => {
    for (const start of [Number.NaN, Infinity, 1e300, '3', -0.5, 2 ** 53]) {
      assert.equal(parseWebviewMessage({ type: 'quoteSelection', range: { start, end: 4 } }), undefined, String(start));
    }
  });
});

describe('parseHostMessage (what the webview accepts)', () => {
  it('accepts update and getSelection with only their fields, dropping invalid highlight ranges', () => {
    assert.deepEqual(parseHostMessage({ type: 'update', passageId: 'p3', highlights: [{ start: 1, end: 4, x: 1 }, { start: 5, end: 2 }, 'x'], reveal: true, html: '<b>' }),
      { type: 'update', passageId: 'p3', highlights: [{ start: 1, end: 4 }], reveal: true });
    assert.deepEqual(parseHostMessage({ type: 'update', highlights: [], reveal: false }), { type: 'update', highlights: [], reveal: false });
    assert.deepEqual(parseHostMessage({ type: 'getSelection', id: 9 }), { type: 'getSelection', id: 9 });
    assert.deepEqual(parseHostMessage({ type: 'quoted', ranges: [{ start: 2, end: 9 }, { start: -1, end: 2 }], label: 'Quoted in a.md', x: 1 }),
      { type: 'quoted', ranges: [{ start: 2, end: 9 }], label: 'Quoted in a.md' });
    assert.deepEqual(parseHostMessage({ type: 'quoted', ranges: [], label: '' }), { type: 'quoted', ranges: [], label: '' });
  });

  it('rejects anything else', () => {
    for (const value of [
      undefined, null, 'update', [], { type: 'ready' }, { type: 'selection', id: 1 },
      { type: 'update', passageId: 'p1"><script>', highlights: [], reveal: true }, { type: 'update', highlights: {}, reveal: true },
      { type: 'update', highlights: [], reveal: 'yes' }, { type: 'update', highlights: new Array(10_001).fill({ start: 0, end: 1 }), reveal: false },
      { type: 'getSelection', id: 0 }, { type: 'getSelection', id: 1.5 }, { type: 'getSelection' },
      { type: 'quoted', ranges: {}, label: '' }, { type: 'quoted', ranges: [] }, { type: 'quoted', ranges: [], label: 'x'.repeat(1001) },
    ]) {
      assert.equal(parseHostMessage(value), undefined, JSON.stringify(value)?.slice(0, 80));
    }
  });
});
