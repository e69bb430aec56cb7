import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../../src/core/article';
import type { Article, Passage } from '../../src/core/types';
import { completionDocumentation, hitLabel, markdownText, openingWords, paragraphNumber, passageLocator, snippetAround } from '../../src/passageText';

const root = path.resolve(__dirname, '../../..');
const article = parseArticle('a.md', fs.readFileSync(path.join(root, 'content/northeast-revitalization.md'), 'utf8')).value as Article;
const passage = (id: string): Passage => {
  const p = article.passages.get(id);
  assert.ok(p, id);
  return p;
};

describe('openingWords', () => {
  it('keeps the first eight words and marks the cut with an ellipsis', () => {
    assert.equal(openingWords(passage('p2').text), 'President Xi emphasized the importance of completely, accurately,…');
  });
  it('keeps a text of eight words or fewer whole, without an ellipsis', () => {
    assert.equal(openingWords('one two three four five six seven eight'), 'one two three four five six seven eight');
    assert.equal(openingWords('Short.'), 'Short.');
  });
  it('turns line breaks and runs of white space into single spaces', () => {
    assert.equal(openingWords('  a\r\n b\t\tc  '), 'a b c');
    assert.equal(openingWords('a\nb c d', 2), 'a b…');
  });
  it('is empty for blank text', () => {
    assert.equal(openingWords(' \n '), '');
  });
});

describe('passage locators', () => {
  it('names a paragraph ¶ N and a sentence ¶ N · sM', () => {
    assert.equal(passageLocator(article, passage('p6')), '¶ 6');
    assert.equal(passageLocator(article, passage('p6.s2')), '¶ 6 · s2');
    assert.equal(paragraphNumber(article, passage('p9.s1')), 9);
  });
});

describe('snippetAround', () => {
  it('keeps a short text whole, with the highlights where they are', () => {
    assert.deepEqual(snippetAround('The quick brown fox', [{ start: 4, end: 9 }, { start: 16, end: 19 }]),
      { label: 'The quick brown fox', highlights: [[4, 9], [16, 19]] });
  });
  it('collapses white space and moves the highlights with the text', () => {
    assert.deepEqual(snippetAround('a\n\n  b c', [{ start: 5, end: 6 }]), { label: 'a b c', highlights: [[2, 3]] });
    assert.deepEqual(snippetAround('  x  ', []), { label: 'x', highlights: [] });
  });
  it('merges overlapping matches and drops empty ones', () => {
    assert.deepEqual(snippetAround('abcdefgh', [{ start: 4, end: 6 }, { start: 1, end: 3 }, { start: 2, end: 5 }, { start: 7, end: 7 }]),
      { label: 'abcdefgh', highlights: [[1, 6]] });
  });
  it('cuts a long text to whole words around the first match, with ellipses', () => {
    // w00 … w49: each word 3 code units and a space, so word k starts at 4k.
    const text = Array.from({ length: 50 }, (_, k) => `w${String(k).padStart(2, '0')}`).join(' ');
    assert.deepEqual(snippetAround(text, [{ start: 120, end: 123 }], 40),
      { label: '…w28 w29 w30 w31 w32 w33 w34 w35 w36…', highlights: [[9, 12]] });
  });
  it('starts at the beginning when the match is there, and fills the window from the end when it is near the end', () => {
    const text = Array.from({ length: 50 }, (_, k) => `w${String(k).padStart(2, '0')}`).join(' ');
    assert.deepEqual(snippetAround(text, [{ start: 0, end: 3 }], 40),
      { label: 'w00 w01 w02 w03 w04 w05 w06 w07 w08 w09…', highlights: [[0, 3]] });
    assert.deepEqual(snippetAround(text, [{ start: 196, end: 199 }], 40),
      { label: '…w40 w41 w42 w43 w44 w45 w46 w47 w48 w49', highlights: [[37, 40]] });
  });
  it('drops highlights outside the window', () => {
    const text = Array.from({ length: 50 }, (_, k) => `w${String(k).padStart(2, '0')}`).join(' ');
    assert.deepEqual(snippetAround(text, [{ start: 120, end: 123 }, { start: 196, end: 199 }], 40).highlights, [[9, 12]]);
  });
});

describe('hitLabel', () => {
  it('takes matches as body offsets and highlights them in the label', () => {
    const p = passage('p2.s1');
    const at = p.start + p.text.indexOf('five major security');
    const { label, highlights } = hitLabel(p, [{ start: at, end: at + 'five major security'.length }]);
    assert.equal(label.length <= 102, true);
    assert.deepEqual(highlights.map(([s, e]) => label.slice(s, e)), ['five major security']);
    assert.equal(label.endsWith('areas.'), true);
    assert.equal(label.startsWith('…'), true);
  });
  it('ignores matches in other passages', () => {
    const p = passage('p9');
    assert.deepEqual(hitLabel(p, [{ start: 0, end: 5 }]).highlights, []);
  });
});

describe('markdownText', () => {
  it('escapes what Markdown would render, keeping spaces', () => {
    assert.equal(markdownText('a *b* [c](d) <e> `f` $g$'), 'a \\*b\\* \\[c\\](d) \\<e> \\`f\\` \\$g\\$');
  });
  it('escapes line-start constructs on every line, and separates lines as paragraphs', () => {
    assert.equal(markdownText('# not a heading\n1. not a list\n> not a quote'), '\\# not a heading\n\n1\\. not a list\n\n\\> not a quote');
  });
  it('leaves the source’s curly quotes and dashes alone', () => {
    assert.equal(markdownText(passage('p2.s1').text), passage('p2.s1').text);
  });
});

describe('completionDocumentation', () => {
  it('gives the label and title in bold, the reference, and the passage as a block quote, escaped', () => {
    assert.equal(
      completionDocumentation({ label: '¶ 6', title: 'A *bold*\n title', reference: 'Doe, J. (2023) _x_.', passage: 'First line\n# second <b>' }),
      '**¶ 6** — **A \\*bold\\* title**\n\nDoe, J. (2023) \\_x\\_.\n\n> First line\n>\n> \\# second \\<b>',
    );
  });

  it('leaves out what is not given', () => {
    assert.equal(completionDocumentation({ title: 'Title', passage: '  ' }), '**Title**');
  });
});
