import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../../src/core/article';
import { buildQuotation } from '../../src/core/quote';
import type { Article, Passage } from '../../src/core/types';
import { cursorsAfter, insertionContext, type LineSource, planQuotation, type RangeLike } from '../../src/quoting';

const root = path.resolve(__dirname, '../../..');
const article = parseArticle('a.md', fs.readFileSync(path.join(root, 'content/northeast-revitalization.md'), 'utf8')).value as Article;
const passage = (id: string): Passage => {
  const p = article.passages.get(id);
  assert.ok(p, id);
  return p;
};

/** A document of these lines (the narrow port `vscode.TextDocument` satisfies). */
function doc(...lines: string[]): LineSource {
  return { lineCount: lines.length, lineAt: (line: number) => ({ text: lines[line] }) };
}
const at = (line: number, character: number): RangeLike => ({ start: { line, character }, end: { line, character } });
const span = (l1: number, c1: number, l2: number, c2: number): RangeLike => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

const TITLE = 'President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China';
/** p2.s2 is 121 characters: quoted inline. */
const P2S2_INLINE = `“He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.” (${TITLE}, para. 2)`;

describe('insertionContext', () => {
  it('gives the text around a cursor and the lines above and below', () => {
    assert.deepEqual(insertionContext(doc('# Title', '', 'Some text here', 'next'), at(2, 5)),
      { linePrefix: 'Some ', lineSuffix: 'text here', previousLine: '', nextLine: 'next' });
  });
  it('has no line above the first line nor below the last', () => {
    assert.deepEqual(insertionContext(doc('only'), at(0, 4)), { linePrefix: 'only', lineSuffix: '', previousLine: undefined, nextLine: undefined });
  });
  it('takes a selection’s prefix from its start line and its suffix from its end line', () => {
    assert.deepEqual(insertionContext(doc('zero', 'one two', 'mid', 'three four', 'five'), span(1, 4, 3, 5)),
      { linePrefix: 'one ', lineSuffix: ' four', previousLine: 'zero', nextLine: 'five' });
  });
});

describe('planQuotation', () => {
  const request = (id: string, languageId = 'markdown') => ({ article, range: passage(id), languageId });

  it('inserts an inline quotation at a cursor and puts the cursor after it', () => {
    const plan = planQuotation(doc('As he said,  we agree.'), [at(0, 12)], request('p2.s2'));
    assert.deepEqual(plan.edits, [{ start: { line: 0, character: 12 }, end: { line: 0, character: 12 }, text: P2S2_INLINE, cursor: P2S2_INLINE.length }]);
    assert.deepEqual(plan.cursors, [{ line: 0, character: 12 + P2S2_INLINE.length }]);
  });

  it('replaces a selection', () => {
    const plan = planQuotation(doc('Replace THIS please'), [span(0, 8, 0, 12)], request('p2.s2'));
    assert.deepEqual(plan.edits.map(e => [e.start, e.end]), [[{ line: 0, character: 8 }, { line: 0, character: 12 }]]);
  });

  it('moves the cursors of several quotations on one line by the text inserted before them', () => {
    const plan = planQuotation(doc('ab cd'), [at(0, 5), at(0, 2)], request('p2.s2'));
    // Each cursor follows a word, so each quotation comes with a space before it.
    const n = 1 + P2S2_INLINE.length;
    assert.deepEqual(plan.edits.map(e => [e.start.character, e.text]), [[2, ` ${P2S2_INLINE}`], [5, ` ${P2S2_INLINE}`]]);
    // In the order of the selections given.
    assert.deepEqual(plan.cursors, [{ line: 0, character: 5 + 2 * n }, { line: 0, character: 2 + n }]);
  });

  it('widens a block quotation in mid-line over the white space before it, and counts its lines for the cursor', () => {
    const lines = ['Text before here', 'next line'];
    const plan = planQuotation(doc(...lines), [at(0, 12)], request('p2'));
    const q = buildQuotation({ article, range: passage('p2'), languageId: 'markdown', context: insertionContext(doc(...lines), at(0, 12)) });
    assert.equal(q.replaceBefore, 1);
    assert.deepEqual(plan.edits, [{ start: { line: 0, character: 11 }, end: { line: 0, character: 12 + q.replaceAfter }, text: q.text, cursor: q.cursor }]);
    const before = q.text.slice(0, q.cursor).split('\n');
    assert.deepEqual(plan.cursors, [{ line: before.length - 1, character: before[before.length - 1].length }]);
  });

  it('shifts a later cursor by the lines an earlier block inserted', () => {
    const lines = ['first', '', 'second', ''];
    const plan = planQuotation(doc(...lines), [at(1, 0), at(3, 0)], request('p2'));
    const [a, b] = plan.edits;
    const added = a.text.split('\n').length - 1;
    const before = b.text.slice(0, b.cursor).split('\n');
    assert.deepEqual(plan.cursors[1], { line: 3 + added + before.length - 1, character: before[before.length - 1].length });
  });

  it('never lets widened ranges overlap', () => {
    // Cursor 1 is before "  b" (it may take the two spaces after it), cursor 2 after "a " (it may take the space before it).
    const plan = planQuotation(doc('a  b'), [at(0, 1), at(0, 2)], request('p2'));
    const [a, b] = plan.edits;
    assert.ok(a.end.character <= b.start.character, JSON.stringify(plan.edits));
    assert.deepEqual([a.start.character, a.end.character, b.start.character, b.end.character], [1, 3, 3, 3]);
  });

  it('merges overlapping selections into one edit, as the editor does', () => {
    const plan = planQuotation(doc('abcdef'), [span(0, 0, 0, 3), span(0, 2, 0, 4)], request('p2.s2'));
    assert.equal(plan.edits.length, 1);
    assert.deepEqual([plan.edits[0].start.character, plan.edits[0].end.character], [0, 4]);
    assert.deepEqual(plan.cursors, [{ line: 0, character: P2S2_INLINE.length }, { line: 0, character: P2S2_INLINE.length }]);
  });

  it('passes a bad range on as the RangeError of buildQuotation', () => {
    assert.throws(() => planQuotation(doc(''), [at(0, 0)], { article, range: { start: 5, end: 2 }, languageId: 'markdown' }), RangeError);
  });
});

describe('cursorsAfter', () => {
  it('counts CRLF line breaks once', () => {
    assert.deepEqual(cursorsAfter([{ start: { line: 2, character: 4 }, end: { line: 2, character: 4 }, text: 'a\r\nbc\r\n', cursor: 5 }]),
      [{ line: 3, character: 2 }]);
  });
  it('follows an edit that ends on the line where the next starts', () => {
    assert.deepEqual(cursorsAfter([
      { start: { line: 0, character: 1 }, end: { line: 2, character: 3 }, text: 'X\nYY', cursor: 4 },
      { start: { line: 2, character: 5 }, end: { line: 2, character: 5 }, text: 'Z', cursor: 1 },
    ]), [{ line: 1, character: 2 }, { line: 1, character: 5 }]);
  });
});
