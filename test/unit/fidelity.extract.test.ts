import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractQuotations, type FoundQuotation } from '../../src/core/fidelity/extract';
import { unescapeLatex } from '../../src/core/fidelity/extractLatex';
import { unescapeMarkdown } from '../../src/core/fidelity/extractMarkdown';
import { MappedTextBuilder } from '../../src/core/fidelity/mapped';

/** What a test compares: kind, content, the document text of its range, citation text, keys and locator. */
function summary(text: string, q: FoundQuotation): unknown {
  return {
    kind: q.kind,
    content: q.content.text,
    range: text.slice(q.range.start, q.range.end),
    outer: text.slice(q.outer.start, q.outer.end),
    citation: q.citation ? { text: q.citation.text, keys: q.citation.keys, locator: q.citation.locator?.written ?? null } : null,
  };
}

const extract = (text: string, languageId: string): unknown[] => extractQuotations(text, languageId).map(q => summary(text, q));

describe('MappedText', () => {
  it('maps derived ranges back to the document, escapes to their whole markup', () => {
    const doc = 'a \\% b';
    const t = unescapeLatex(doc, 0, doc.length);
    assert.equal(t.text, 'a % b');
    assert.deepEqual(t.toDocumentRange(2, 3), { start: 2, end: 4 });
    assert.deepEqual(t.toDocumentRange(0, 5), { start: 0, end: 6 });
    assert.deepEqual(t.toDocumentRange(5, 5), { start: 6, end: 6 });
    assert.equal(t.isLiteral(2), true);
    assert.deepEqual(new MappedTextBuilder().build().toDocumentRange(0, 0), { start: 0, end: 0 });
  });
});

describe('Markdown quotations', () => {
  it('a block quotation with the product\'s attribution line after a blank line', () => {
    const text = 'Intro.\n\n> First line\n> second line.\n>\n> Next paragraph\\.\n\n— A Title, para. 2\n\nAfter.\n';
    assert.deepEqual(extract(text, 'markdown'), [{
      kind: 'block',
      content: 'First line\nsecond line.\n\nNext paragraph.',
      range: 'First line\n> second line.\n>\n> Next paragraph\\.',
      outer: '> First line\n> second line.\n>\n> Next paragraph\\.\n\n— A Title, para. 2',
      citation: { text: 'A Title, para. 2', keys: [], locator: 'para. 2' },
    }]);
  });

  it('an attribution as the block\'s last line, and a citation at the end of its last line', () => {
    const text = '> Quoted words.\n> — Someone, ¶ 3\n\nText.\n\n> More words. (Title, paras. 2–3)\n';
    assert.deepEqual(extract(text, 'markdown').map(q => [(q as { content: string }).content, (q as { citation: unknown }).citation]), [
      ['Quoted words.', { text: 'Someone, ¶ 3', keys: [], locator: '¶ 3' }],
      ['More words.', { text: 'Title, paras. 2–3', keys: [], locator: 'paras. 2–3' }],
    ]);
  });

  it('a Pandoc citation on the line after a block', () => {
    const text = '> Quoted words.\n[@key; @other, para. 6]\n';
    assert.deepEqual(extractQuotations(text, 'markdown').map(q => [q.content.text, q.citation?.keys, q.citation?.locator?.first]), [
      ['Quoted words.', ['key', 'other'], 6],
    ]);
  });

  it('a [!quote] callout is a quotation with its citation in the header; other callouts are not quotations', () => {
    const text = '> [!quote] (*A Title*, n.d., para. 6)\n> Quoted words.\n\n> [!note]\n> “Not” a quotation block.\n';
    assert.deepEqual(extractQuotations(text, 'markdown').map(q => [q.kind, q.content.text, q.citation?.text]), [['block', 'Quoted words.', 'A Title, n.d., para. 6']]);
  });

  it('note-style citations: a footnote after a quotation, and the title quoted inside it is not a quotation', () => {
    const text = '“Quoted words.”^[“A Title,” para. 6.]\n';
    assert.deepEqual(extractQuotations(text, 'markdown').map(q => [q.content.text, q.citation?.text, q.citation?.locator?.written]), [['Quoted words.', '“A Title,” para. 6.', 'para. 6']]);
  });

  it('inline quotations: curly and straight, with a parenthetical or Pandoc citation, across a line break', () => {
    const text = 'He said “one\ntwo” (T, para. 1), then "three" [@k], and “four”.\n';
    assert.deepEqual(extract(text, 'markdown'), [
      { kind: 'inline', content: 'one\ntwo', range: 'one\ntwo', outer: '“one\ntwo” (T, para. 1', citation: { text: 'T, para. 1', keys: [], locator: 'para. 1' } },
      { kind: 'inline', content: 'three', range: 'three', outer: '"three" [@k', citation: { text: '@k', keys: ['k'], locator: null } },
      { kind: 'inline', content: 'four', range: 'four', outer: '“four”', citation: null },
    ]);
  });

  it('a blank line ends an unclosed quotation; apostrophes and inner single quotes do not count', () => {
    const text = 'An “open one\n\nand a “China’s ‘ballast stone’ role” here.\n';
    assert.deepEqual(extractQuotations(text, 'markdown').map(q => q.content.text), ['China’s ‘ballast stone’ role']);
  });

  it('skips fenced code and code spans, and quotations of nothing but marks', () => {
    const text = '```\n“not this”\n```\n\n`“nor this”` but “this” and “…”\n';
    assert.deepEqual(extractQuotations(text, 'markdown').map(q => q.content.text), ['this']);
  });

  it('renders escapes, character references and emphasis, marking escaped characters as literal', () => {
    const doc = '\\[a\\] *b* _c_ snake_case &amp; &#8217; `d` <em>e</em>';
    const t = unescapeMarkdown(doc, 0, doc.length);
    assert.equal(t.text, '[a] b c snake_case & ’ d e');
    assert.deepEqual([t.isLiteral(0), t.isLiteral(2), t.isLiteral(4)], [true, true, false]);
  });
});

describe('plain text quotations', () => {
  it('the product\'s indented block with its attribution line, taken as written', () => {
    const text = 'Intro.\n\n    First *line*\n    second.\n\n    Next.\n    — A Title, para. 2\n\nAfter “this”.\n';
    assert.deepEqual(extract(text, 'plaintext'), [
      {
        kind: 'block', content: 'First *line*\nsecond.\n\nNext.', range: 'First *line*\n    second.\n\n    Next.',
        outer: '    First *line*\n    second.\n\n    Next.\n    — A Title, para. 2', citation: { text: 'A Title, para. 2', keys: [], locator: 'para. 2' },
      },
      { kind: 'inline', content: 'this', range: 'this', outer: '“this”', citation: null },
    ]);
  });
});

describe('LaTeX quotations', () => {
  it('a quote environment with the product\'s \\par\\hfill attribution', () => {
    const text = '\\begin{quote}\nThe 20\\% share -- and \\textbackslash{} more.\n\\par\\hfill — A Title, para.~2\n\\end{quote}\n';
    assert.deepEqual(extract(text, 'latex'), [{
      kind: 'block', content: 'The 20% share – and \\ more.', range: 'The 20\\% share -- and \\textbackslash{} more.',
      outer: text.trimEnd(), citation: { text: 'A Title, para. 2', keys: [], locator: 'para.~2' },
    }]);
  });

  it('csquotes: \\blockquote with its citation argument, \\textcquote with key and postnote, \\enquote with a \\cite after it', () => {
    const text = '\\blockquote[{A Title, para.~2}]{Block text.}\n\n\\textcquote[see][para.~6]{k1,k2}{Cited text.} and \\enquote{Inline text}~\\autocite[para.~4]{k3}.\n';
    assert.deepEqual(extract(text, 'latex'), [
      { kind: 'block', content: 'Block text.', range: 'Block text.', outer: '\\blockquote[{A Title, para.~2}]{Block text.}', citation: { text: 'A Title, para. 2', keys: [], locator: 'para.~2' } },
      { kind: 'inline', content: 'Cited text.', range: 'Cited text.', outer: '\\textcquote[see][para.~6]{k1,k2}{Cited text.}', citation: { text: 'para. 6', keys: ['k1', 'k2'], locator: 'para.~6' } },
      { kind: 'inline', content: 'Inline text', range: 'Inline text', outer: '\\enquote{Inline text}~\\autocite[para.~4]{k3}', citation: { text: 'para. 4', keys: ['k3'], locator: 'para.~4' } },
    ]);
  });

  it('TeX and UTF-8 quotation marks in running text, comments skipped', () => {
    const text = "He said ``one `two' three'' (T, para.~1). % “not this”\nAnd “four”.\n";
    assert.deepEqual(extract(text, 'latex'), [
      { kind: 'inline', content: 'one ‘two’ three', range: 'one `two\' three', outer: '``one `two\' three\'\' (T, para.~1', citation: { text: 'T, para. 1', keys: [], locator: 'para.~1' } },
      { kind: 'inline', content: 'four', range: 'four', outer: '“four”', citation: null },
    ]);
  });

  it('renders escapes, symbols, accents, ties, dashes and formatting as typeset', () => {
    const doc = "\\emph{A}~b---c \\'e\\\"o \\c{c} \\& \\$ \\_ \\# \\{x\\} \\textasciitilde{} \\ldots{} it'{}'s \\enquote{q} \\footnote{gone}x\\cite{k} % note\n  y";
    assert.equal(unescapeLatex(doc, 0, doc.length).text, 'A b—c éö ç & $ _ # {x} ~ … it’’s “q” x y');
  });

  it('skips verbatim environments and \\verb', () => {
    const text = "\\begin{verbatim}\n``no''\n\\end{verbatim}\n\\verb|``no''| ``yes''\n";
    assert.deepEqual(extractQuotations(text, 'latex').map(q => q.content.text), ['yes']);
  });
});

describe('HTML quotations', () => {
  it('the product\'s figure: blockquote paragraphs, figcaption attribution, character references', () => {
    const text = '<figure>\n  <blockquote cite="https://example.org/a">\n    <p>One &amp; two.</p>\n    <p>Three.</p>\n  </blockquote>\n  <figcaption>— <cite>A Title</cite>, para. 2</figcaption>\n</figure>\n';
    assert.deepEqual(extract(text, 'html'), [{
      kind: 'block', content: 'One & two.\n\n\n    \n\nThree.', range: 'One &amp; two.</p>\n    <p>Three.',
      outer: text.slice(text.indexOf('<blockquote'), text.indexOf('</figcaption>') + 13),
      citation: { text: 'A Title, para. 2', keys: ['https://example.org/a'], locator: 'para. 2' },
    }]);
  });

  it('<q> and quotation marks in text, never in attributes, comments or scripts', () => {
    const text = '<p title="“no”">A <q>short one</q> (T, para. 3) and “a <em>marked</em> one”.</p><!-- “no” --><script>“no”</script>\n';
    assert.deepEqual(extract(text, 'html'), [
      { kind: 'inline', content: 'short one', range: 'short one', outer: '<q>short one</q> (T, para. 3', citation: { text: 'T, para. 3', keys: [], locator: 'para. 3' } },
      { kind: 'inline', content: 'a marked one', range: 'a <em>marked</em> one', outer: '“a <em>marked</em> one”', citation: null },
    ]);
  });
});

describe('language ids', () => {
  it('reads tex and doctex as LaTeX and unknown ids as plain text', () => {
    assert.deepEqual(extractQuotations('``a\'\'', 'tex').map(q => q.format), ['latex']);
    assert.deepEqual(extractQuotations('“a”', 'restructuredtext').map(q => q.format), ['plaintext']);
  });
});
