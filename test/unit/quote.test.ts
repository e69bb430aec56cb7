import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../../src/core/article';
import { buildQuotation, formatQuotation, quotationFormat, renderAttribution, type QuotationRequest } from '../../src/core/quote';
import type { Article } from '../../src/core/types';

const root = path.resolve(__dirname, '../../..');
const articleFile = path.join(root, 'content/northeast-revitalization.md');
const parsed = parseArticle(articleFile, fs.readFileSync(articleFile, 'utf8'));
assert.deepEqual(parsed.problems, []);
const article = parsed.value as Article;
const passage = (id: string) => {
  const p = article.passages.get(id);
  assert.ok(p, id);
  return p;
};
const quote = (req: Partial<QuotationRequest> & Pick<QuotationRequest, 'range'>) =>
  buildQuotation({ article, languageId: 'markdown', ...req });

const P2 = 'President Xi emphasized the importance of completely, accurately, and comprehensively implementing the new development concept and firmly grasping the role of Northeast China in safeguarding the country’s “five major security” areas. He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.';
const P2S2 = 'He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.';

describe('quotation of paragraph p2, character for character', () => {
  it('checks the source text it quotes', () => {
    assert.equal(passage('p2').text, P2);
  });

  it('Markdown: a blockquote, then the attribution outside it after a blank line', () => {
    assert.equal(formatQuotation({ article, range: passage('p2'), languageId: 'markdown' }),
      '> President Xi emphasized the importance of completely, accurately, and comprehensively implementing the new development concept and firmly grasping the role of Northeast China in safeguarding the country’s “five major security” areas. He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.\n' +
      '\n' +
      '— President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para. 2');
  });

  it('LaTeX: a quote environment, UTF-8 quotes kept, a tie in the locator', () => {
    assert.equal(formatQuotation({ article, range: passage('p2'), languageId: 'latex' }),
      '\\begin{quote}\n' +
      'President Xi emphasized the importance of completely, accurately, and comprehensively implementing the new development concept and firmly grasping the role of Northeast China in safeguarding the country’s “five major security” areas. He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.\n' +
      '\\par\\hfill — President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para.~2\n' +
      '\\end{quote}');
  });

  it('LaTeX with csquotes: \\blockquote with the attribution as its citation', () => {
    assert.equal(formatQuotation({ article, range: passage('p2'), languageId: 'latex', options: { latexEnvironment: 'csquotes' } }),
      '\\blockquote[{President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para.~2}]{President Xi emphasized the importance of completely, accurately, and comprehensively implementing the new development concept and firmly grasping the role of Northeast China in safeguarding the country’s “five major security” areas. He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.}');
  });

  it('HTML: a figure with the blockquote and a figcaption holding the cited title', () => {
    assert.equal(formatQuotation({ article, range: passage('p2'), languageId: 'html' }),
      '<figure>\n' +
      '  <blockquote>\n' +
      '    <p>President Xi emphasized the importance of completely, accurately, and comprehensively implementing the new development concept and firmly grasping the role of Northeast China in safeguarding the country’s “five major security” areas. He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.</p>\n' +
      '  </blockquote>\n' +
      '  <figcaption>— <cite>President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China</cite>, para. 2</figcaption>\n' +
      '</figure>');
  });

  it('plain text: indented, the attribution on the next line', () => {
    assert.equal(formatQuotation({ article, range: passage('p2'), languageId: 'plaintext' }),
      '    President Xi emphasized the importance of completely, accurately, and comprehensively implementing the new development concept and firmly grasping the role of Northeast China in safeguarding the country’s “five major security” areas. He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.\n' +
      '    — President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para. 2');
  });

  it('an unknown language id is plain text', () => {
    assert.equal(formatQuotation({ article, range: passage('p2'), languageId: 'rust' }),
      formatQuotation({ article, range: passage('p2'), languageId: 'plaintext' }));
  });

  it('returns the whole result: block form, no replacement, cursor at the end', () => {
    const q = quote({ range: passage('p2') });
    assert.deepEqual({ ...q, text: undefined }, { text: undefined, replaceBefore: 0, replaceAfter: 0, cursor: q.text.length, form: 'block', format: 'markdown' });
  });
});

describe('inline quotations', () => {
  it('quotes a short sentence inline in every format', () => {
    const range = passage('p2.s2');
    assert.equal(passage('p2.s2').text, P2S2);
    assert.equal(formatQuotation({ article, range, languageId: 'markdown' }),
      '“He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.” (President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para. 2)');
    assert.equal(formatQuotation({ article, range, languageId: 'latex' }),
      '“He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.” (President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para.~2)');
    assert.equal(formatQuotation({ article, range, languageId: 'latex', options: { latexEnvironment: 'csquotes' } }),
      '\\textquote[{President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para.~2}]{He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.}');
    assert.equal(formatQuotation({ article, range, languageId: 'html' }),
      '“He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.” (<cite>President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China</cite>, para. 2)');
    assert.equal(formatQuotation({ article, range, languageId: 'plaintext' }),
      '“He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.” (President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para. 2)');
  });

  it('turns the double quotes inside into single ones, keeping the apostrophes', () => {
    const q = buildQuotation({ article, range: passage('p7.s1'), languageId: 'plaintext', context: { linePrefix: 'As said ', lineSuffix: ' here.' } });
    assert.deepEqual(q, {
      text: '“In terms of agriculture and rural development, President Xi emphasized the role of Northeast China as the ‘ballast stone’ for stabilizing the country’s grain production and supply.” (President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para. 7)',
      replaceBefore: 0, replaceAfter: 0, cursor: 285, form: 'inline', format: 'plaintext',
    });
  });

  it('sets inline below the threshold and as a block from it', () => {
    const n = [...P2S2].length;
    assert.equal(n, 121);
    assert.equal(quote({ range: passage('p2.s2'), options: { inlineThreshold: 122 } }).form, 'inline');
    assert.equal(quote({ range: passage('p2.s2'), options: { inlineThreshold: 121 } }).form, 'block');
    assert.equal(quote({ range: passage('p2.s2'), options: { forceBlock: true } }).text,
      '> He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.\n\n— President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para. 2');
    assert.equal(quote({ range: passage('p2.s2'), options: { forceBlock: true, forceInline: true } }).form, 'block');
  });

  it('joins paragraphs with a space when forced inline', () => {
    const q = quote({ range: { start: passage('p8.s3').start, end: passage('p9').end }, languageId: 'plaintext', options: { forceInline: true } });
    assert.equal(q.text, '“The aim is to facilitate the region’s integration into the national market and strengthen its role in connecting domestic and international dual circulations. President Xi concluded his speech by expressing his confidence in Northeast China‘s ability to regain its glory and achieve further success in the new journey of building a strong country and rejuvenating the nation.” (President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, paras. 8–9)');
  });
});

describe('ellipsis for trimmed ranges', () => {
  const body = article.body;
  const mid = body.indexOf('the role of Northeast China');
  const beforeAreas = body.indexOf(' areas.');

  it('adds […] at both ends of a range that starts and ends inside sentences', () => {
    assert.equal(quote({ range: { start: mid, end: beforeAreas } }).text,
      '“[…] the role of Northeast China in safeguarding the country’s ‘five major security’ […]” (President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para. 2)');
  });

  it('adds only the trailing one when the range starts a sentence', () => {
    assert.equal(quote({ range: { start: passage('p2.s1').start, end: beforeAreas }, languageId: 'plaintext' }).text,
      '“President Xi emphasized the importance of completely, accurately, and comprehensively implementing the new development concept and firmly grasping the role of Northeast China in safeguarding the country’s ‘five major security’ […]” (President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para. 2)');
  });

  it('adds only the leading one when the range ends a sentence', () => {
    assert.equal(quote({ range: { start: mid, end: passage('p2.s1').end }, languageId: 'plaintext' }).text,
      '“[…] the role of Northeast China in safeguarding the country’s ‘five major security’ areas.” (President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para. 2)');
  });

  it('adds none for whole sentences, and ignores white space at the ends of the range', () => {
    const q = quote({ range: { start: passage('p2').start - 1, end: passage('p2').end + 1 } });
    assert.equal(q.text, quote({ range: passage('p2') }).text);
  });

  it('puts them on the first and last lines of a block across paragraphs', () => {
    assert.equal(quote({ range: { start: mid, end: passage('p3.s1').start + 12 } }).text,
      '> […] the role of Northeast China in safeguarding the country’s “five major security” areas. He highlighted the primary task of high-quality development and the strategic task of building a new development pattern.\n' +
      '>\n' +
      '> The symposiu […]\n' +
      '\n' +
      '— President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, paras. 2–3');
  });

  it('counts a range ending one character before a sentence end as mid-sentence', () => {
    const s = passage('p2.s2');
    assert.equal(quote({ range: { start: s.start, end: s.end - 1 }, languageId: 'plaintext' }).text,
      '“He highlighted the primary task of high-quality development and the strategic task of building a new development pattern […]” (President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para. 2)');
  });
});

describe('insertion context', () => {
  const p2 = passage('p2');
  const ATTR = '— President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para. 2';

  it('puts a Markdown block inserted mid-line on lines of its own, with blank lines around', () => {
    const q = quote({ range: p2, context: { linePrefix: 'As the speech put it: ', lineSuffix: ' That is all.' } });
    assert.deepEqual(q, {
      text: `\n\n> ${P2}\n\n${ATTR}\n\n`,
      replaceBefore: 1, replaceAfter: 1, cursor: 2 + 2 + P2.length + 2 + ATTR.length, form: 'block', format: 'markdown',
    });
  });

  it('adds a blank line before a block on an empty line under text, and after it above text', () => {
    const q = quote({ range: p2, context: { linePrefix: '', lineSuffix: '', previousLine: 'Some text.', nextLine: 'More text.' } });
    assert.equal(q.text, `\n> ${P2}\n\n${ATTR}\n`);
    assert.equal(q.cursor, q.text.length - 1);
  });

  it('adds no blank lines where there are some already', () => {
    const q = quote({ range: p2, context: { linePrefix: '', lineSuffix: '', previousLine: '', nextLine: '   ' } });
    assert.equal(q.text, `> ${P2}\n\n${ATTR}`);
  });

  it('indents every line to the content column of a list item the cursor starts', () => {
    const q = quote({ range: p2, context: { linePrefix: '  1. ', lineSuffix: '', previousLine: '  1. First point' } });
    assert.equal(q.text, `> ${P2}\n\n     ${ATTR}`);
    const bullet = quote({ range: { start: passage('p1').start, end: p2.end }, context: { linePrefix: '- ', lineSuffix: '' } });
    assert.equal(bullet.text.split('\n').map(l => l.slice(0, 5)).join('|'), '> Har|  >|  > P||  — P');
  });

  it('moves a block inserted after a list item\'s text below it, indented to its content', () => {
    const q = quote({ range: p2, context: { linePrefix: '- He said ', lineSuffix: '' } });
    assert.deepEqual({ text: q.text, replaceBefore: q.replaceBefore }, { text: `\n\n  > ${P2}\n\n  ${ATTR}`, replaceBefore: 1 });
  });

  it('keeps the indentation of a list continuation line', () => {
    const q = quote({ range: p2, context: { linePrefix: '   ', lineSuffix: '', previousLine: '' } });
    assert.equal(q.text, `> ${P2}\n\n   ${ATTR}`);
  });

  it('stays inside an enclosing block quote', () => {
    const q = quote({ range: p2, context: { linePrefix: '> ', lineSuffix: '', previousLine: '> Earlier.' } });
    assert.equal(q.text, `\n> > ${P2}\n>\n> ${ATTR}`);
    assert.equal(q.replaceBefore, 1);
  });

  it('puts a LaTeX or HTML block mid-line on lines of its own, without blank lines', () => {
    const latex = buildQuotation({ article, range: p2, languageId: 'latex', context: { linePrefix: '  As he said ', lineSuffix: 'and so on.' } });
    assert.equal(latex.text, `\n  \\begin{quote}\n  ${P2}\n  \\par\\hfill — President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para.~2\n  \\end{quote}\n  `);
    assert.deepEqual([latex.replaceBefore, latex.replaceAfter], [1, 0]);
    const html = buildQuotation({ article, range: p2, languageId: 'html', context: { linePrefix: '<div>', lineSuffix: '</div>' } });
    assert.ok(html.text.startsWith('\n<figure>\n  <blockquote>\n'));
    assert.ok(html.text.endsWith('</figcaption>\n</figure>\n'));
  });

  it('writes CRLF line breaks when asked', () => {
    assert.equal(quote({ range: p2, options: { eol: '\r\n' }, context: { linePrefix: 'x', lineSuffix: '' } }).text, `\r\n\r\n> ${P2}\r\n\r\n${ATTR}`);
  });

  it('inserts inline quotations as they are between spaces, whatever the line', () => {
    const q = quote({ range: passage('p2.s2'), context: { linePrefix: '- He said ', lineSuffix: ' and more.' } });
    assert.deepEqual([q.form, q.replaceBefore, q.replaceAfter, q.cursor], ['inline', 0, 0, q.text.length]);
    assert.ok(q.text.startsWith('“') && q.text.endsWith('para. 2)'));
  });

  it('puts a space between an inline quotation and a word it would run into', () => {
    const start = article.body.indexOf('the role of Northeast China as the');
    const range = { start, end: article.body.indexOf('stone”', start) + 6 };
    const bare = quote({ range }).text;
    assert.equal(bare, '“[…] the role of Northeast China as the ‘ballast stone’ […]” (President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China, para. 7)');
    const at = (linePrefix: string, lineSuffix: string, languageId = 'markdown') => {
      const q = quote({ range, languageId, context: { linePrefix, lineSuffix } });
      return [q.text.slice(0, q.text.indexOf('“')), q.text.slice(q.cursor), q.cursor - q.text.indexOf('“')];
    };
    const n = bare.length;
    assert.deepEqual(at('see para. 8–9', ''), [' ', '', n]);
    assert.deepEqual(at('He said:', 'and so on.'), [' ', ' ', n]);
    assert.deepEqual(at('He said ', ', and so on.'), ['', '', n]);
    assert.deepEqual(at('(', ')'), ['', '', n]);
    assert.deepEqual(at('He said —', '.'), ['', '', n]);
    assert.deepEqual(at('x', '“more”'), [' ', ' ', n]);
    assert.deepEqual(at('\\emph{', '}', 'latex'), ['', '', n]);
    assert.deepEqual(at('As he said', '\\cite{k}', 'latex'), [' ', ' ', n]);
  });

  it('puts an inline quotation at the start of a Markdown heading, list item or quote line on a paragraph of its own', () => {
    const range = passage('p2.s2');
    for (const line of ['# Report', '- item', '> quoted', '1. first', '| a | b |', '```']) {
      const q = quote({ range, context: { linePrefix: '', lineSuffix: line } });
      assert.equal(q.text.slice(q.cursor), '\n\n', line);
      assert.ok(q.text.startsWith('“'), line);
    }
    const crlf = quote({ range, options: { eol: '\r\n' }, context: { linePrefix: '', lineSuffix: '# Report' } });
    assert.equal(crlf.text.slice(crlf.cursor), '\r\n\r\n');
    const plain = quote({ range, languageId: 'plaintext', context: { linePrefix: '', lineSuffix: '# Report' } });
    assert.equal(plain.text.slice(plain.cursor), '');
    const word = quote({ range, context: { linePrefix: '', lineSuffix: 'Report' } });
    assert.equal(word.text.slice(word.cursor), ' ');
  });
});

describe('attribution', () => {
  it('leaves empty fields out cleanly', () => {
    const values = { author: 'A', title: 'T', container: 'C', date: 'D', locator: 'para. 2' };
    const t = '— {author}, {title}, {container}, {date}, {locator}';
    assert.equal(renderAttribution(t, values), '— A, T, C, D, para. 2');
    assert.equal(renderAttribution(t, { ...values, author: '' }), '— T, C, D, para. 2');
    assert.equal(renderAttribution(t, { ...values, container: '', date: '' }), '— A, T, para. 2');
    assert.equal(renderAttribution(t, { ...values, locator: '' }), '— A, T, C, D');
    assert.equal(renderAttribution(t, { locator: 'para. 2' }), '— para. 2');
    assert.equal(renderAttribution(t, {}), '');
    assert.equal(renderAttribution('{title} ({date}), {locator}', { title: 'T', locator: 'L' }), 'T, L');
    assert.equal(renderAttribution('{title} ({date})', { title: 'T' }), 'T');
    assert.equal(renderAttribution('[{author}] {title} in {container}.', { title: 'T (x)' }), 'T (x).');
    assert.equal(renderAttribution('{title} {unknown}', { title: 'T' }), 'T {unknown}');
    assert.equal(renderAttribution('no placeholders', {}), 'no placeholders');
  });

  it('takes every placeholder from the metadata and the range', () => {
    const synthetic = parseArticle('s.md', '---\nid: s\ntitle: "T & U"\nsubtitle: Sub\nauthor: ["Doe, Jane", "Xinhua"]\ncontainerTitle: C\nissued: "2024-05"\nurl: "https://x.test/?a=1&b=2"\ncitationKey: doe_2024\n---\n\nOne. Two. Three.\n\nFour.\n').value as Article;
    const t = '{author}|{title}|{subtitle}|{container}|{date}|{url}|{key}|{locator}|{paragraph}|{sentence}';
    const sentence2 = synthetic.passages.get('p1.s2')!;
    assert.equal(buildQuotation({ article: synthetic, range: sentence2, languageId: 'plaintext', options: { attributionTemplate: t } }).text,
      '“Two.” (Jane Doe and Xinhua|T & U|Sub|C|2024-05|https://x.test/?a=1&b=2|doe_2024|para. 1|1|2)');
    assert.equal(buildQuotation({ article: synthetic, range: { start: sentence2.start, end: synthetic.body.length }, languageId: 'markdown', options: { attributionTemplate: t, locatorForm: 'paragraph' } }).text,
      '> Two. Three.\n>\n> Four.\n\nJane Doe and Xinhua|T & U|Sub|C|2024-05|https://x.test/?a=1&b=2|doe\\_2024|paragraphs 1–2|1–2');
    assert.equal(buildQuotation({ article: synthetic, range: synthetic.passages.get('p1')!, languageId: 'latex', options: { attributionTemplate: t, locatorForm: '¶' } }).text,
      '“One. Two. Three.” (Jane Doe and Xinhua|T \\& U|Sub|C|2024-05|https://x.test/?a=1\\&b=2|doe\\_2024|¶~1|1)');
    assert.equal(buildQuotation({ article: synthetic, range: { start: 0, end: synthetic.body.length }, languageId: 'plaintext', options: { attributionTemplate: '{locator}', locatorForm: '¶', forceInline: true } }).text,
      '“One. Two. Three. Four.” (¶¶ 1–2)');
  });

  it('omits the attribution when the template yields nothing', () => {
    const bare = { ...article, metadata: { ...article.metadata, title: '' } };
    assert.equal(formatQuotation({ article: bare, range: passage('p2.s2'), languageId: 'plaintext' }), `“${P2S2}” (para. 2)`);
    const none = { attributionTemplate: '{title}' };
    assert.equal(formatQuotation({ article: bare, range: passage('p2.s2'), languageId: 'plaintext', options: none }), `“${P2S2}”`);
    assert.equal(formatQuotation({ article: bare, range: passage('p2'), languageId: 'markdown', options: none }), `> ${P2}`);
    assert.equal(formatQuotation({ article: bare, range: passage('p2'), languageId: 'html', options: none }), `<blockquote>\n  <p>${P2}</p>\n</blockquote>`);
    assert.equal(formatQuotation({ article: bare, range: passage('p2'), languageId: 'latex', options: none }), `\\begin{quote}\n${P2}\n\\end{quote}`);
    assert.equal(formatQuotation({ article: bare, range: passage('p2'), languageId: 'latex', options: { ...none, latexEnvironment: 'csquotes' } }), `\\blockquote{${P2}}`);
  });
});

describe('a synthetic article with Markdown, LaTeX and snippet syntax', () => {
  const text = '---\nid: synthetic\ntitle: "Tests & *Edge* Cases"\nauthor: ["Doe, Jane", "Roe, Richard", "Example News Agency"]\ncontainerTitle: "The $1 Review"\nissued: "2024-05-01"\nurl: "https://example.com/a?b=1&c=\\"2\\""\n---\n\n' +
    '2003. The year began with $1 and ${x} in a \\ path } here. Then 100% of A & B_C cost ~5^2 #3.\n\n' +
    '1) First, a *bold* [link] <tag> `code` and "straight" \'single\' “curly” ‘marks’.\n\n' +
    '# Not a heading.\n- not a list item\n+ nor this\n> nor a quote\n';
  const result = parseArticle('synthetic.md', text);
  const synthetic = result.value as Article;
  const all = { start: 0, end: synthetic.body.length };

  it('parses as three paragraphs', () => {
    assert.deepEqual(result.problems, []);
    assert.deepEqual(synthetic.paragraphs.map(p => p.text.slice(0, 5)), ['2003.', '1) Fi', '# Not']);
  });

  it('Markdown: escapes line starts and inline syntax, snippet syntax only by Markdown rules', () => {
    assert.equal(formatQuotation({ article: synthetic, range: all, languageId: 'markdown' }),
      '> 2003\\. The year began with \\$1 and \\${x} in a \\\\ path } here. Then 100% of A & B\\_C cost \\~5^2 #3.\n' +
      '>\n' +
      '> 1\\) First, a \\*bold\\* \\[link\\] \\<tag> \\`code\\` and "straight" \'single\' “curly” ‘marks’.\n' +
      '>\n' +
      '> \\# Not a heading.\n' +
      '> \\- not a list item\n' +
      '> \\+ nor this\n' +
      '> \\> nor a quote\n' +
      '\n' +
      '— Jane Doe, Richard Roe, and Example News Agency, Tests & \\*Edge\\* Cases, The \\$1 Review, 2024-05-01, paras. 1–3');
  });

  it('LaTeX: escapes the specials and straight quotes', () => {
    assert.equal(formatQuotation({ article: synthetic, range: all, languageId: 'latex' }),
      '\\begin{quote}\n' +
      '2003. The year began with \\$1 and \\$\\{x\\} in a \\textbackslash{} path \\} here. Then 100\\% of A \\& B\\_C cost \\textasciitilde{}5\\textasciicircum{}2 \\#3.\n' +
      '\n' +
      '1) First, a *bold* [link] \\textless{}tag\\textgreater{} \\textasciigrave{}code\\textasciigrave{} and \\textquotedbl{}straight\\textquotedbl{} \'single\' “curly” ‘marks’.\n' +
      '\n' +
      '\\# Not a heading.\n' +
      '- not a list item\n' +
      '+ nor this\n' +
      '\\textgreater{} nor a quote\n' +
      '\\par\\hfill — Jane Doe, Richard Roe, and Example News Agency, Tests \\& *Edge* Cases, The \\$1 Review, 2024-05-01, paras.~1–3\n' +
      '\\end{quote}');
  });

  it('HTML: escapes & < > " \' and cites the url', () => {
    assert.equal(formatQuotation({ article: synthetic, range: all, languageId: 'html' }),
      '<figure>\n' +
      '  <blockquote cite="https://example.com/a?b=1&amp;c=&quot;2&quot;">\n' +
      '    <p>2003. The year began with $1 and ${x} in a \\ path } here. Then 100% of A &amp; B_C cost ~5^2 #3.</p>\n' +
      '    <p>1) First, a *bold* [link] &lt;tag&gt; `code` and &quot;straight&quot; &#39;single&#39; “curly” ‘marks’.</p>\n' +
      '    <p># Not a heading.\n' +
      '      - not a list item\n' +
      '      + nor this\n' +
      '      &gt; nor a quote</p>\n' +
      '  </blockquote>\n' +
      '  <figcaption>— Jane Doe, Richard Roe, and Example News Agency, <cite>Tests &amp; *Edge* Cases</cite>, The $1 Review, 2024-05-01, paras. 1–3</figcaption>\n' +
      '</figure>');
  });

  it('plain text: every character as written, $1 ${x} \\ } included', () => {
    assert.equal(formatQuotation({ article: synthetic, range: all, languageId: 'plaintext' }),
      '    2003. The year began with $1 and ${x} in a \\ path } here. Then 100% of A & B_C cost ~5^2 #3.\n' +
      '\n' +
      '    1) First, a *bold* [link] <tag> `code` and "straight" \'single\' “curly” ‘marks’.\n' +
      '\n' +
      '    # Not a heading.\n' +
      '    - not a list item\n' +
      '    + nor this\n' +
      '    > nor a quote\n' +
      '    — Jane Doe, Richard Roe, and Example News Agency, Tests & *Edge* Cases, The $1 Review, 2024-05-01, paras. 1–3');
  });

  it('inline Markdown: escapes inside, single quotes for double ones, lines joined', () => {
    const p3 = synthetic.passages.get('p3')!;
    assert.equal(formatQuotation({ article: synthetic, range: p3, languageId: 'markdown', options: { attributionTemplate: '{locator}' } }),
      '“# Not a heading. - not a list item + nor this > nor a quote” (para. 3)');
    const p2 = synthetic.passages.get('p2')!;
    assert.equal(formatQuotation({ article: synthetic, range: p2, languageId: 'markdown', options: { attributionTemplate: '{locator}' } }),
      '“1) First, a \\*bold\\* \\[link\\] \\<tag> \\`code\\` and \'straight\' \'single\' ‘curly’ ‘marks’.” (para. 2)');
    const s2 = synthetic.passages.get('p1.s2')!;
    assert.equal(formatQuotation({ article: synthetic, range: s2, languageId: 'plaintext', options: { attributionTemplate: '' } }),
      '“The year began with $1 and ${x} in a \\ path } here.”');
  });
});

describe('errors and language ids', () => {
  it('maps language ids to formats', () => {
    assert.deepEqual(['markdown', 'latex', 'tex', 'doctex', 'html', 'plaintext', 'python', ''].map(quotationFormat),
      ['markdown', 'latex', 'latex', 'latex', 'html', 'plaintext', 'plaintext', 'plaintext']);
  });

  it('throws a RangeError for a range it cannot quote', () => {
    const bad = [
      { start: 5, end: 4 }, { start: -1, end: 4 }, { start: 0, end: article.body.length + 1 }, { start: 0.5, end: 4 },
      { start: passage('p1').end, end: passage('p2').start },
    ];
    for (const range of bad) assert.throws(() => quote({ range }), RangeError, JSON.stringify(range));
    const astral = { ...article, body: 'a\u{1F600}b', paragraphs: [], sentences: [] } as Article;
    assert.throws(() => buildQuotation({ article: astral, range: { start: 2, end: 3 }, languageId: 'markdown' }), /surrogate/);
  });
});
