import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { toCslItem } from '../../src/core/citation/cslJson';
import { CitationEngine } from '../../src/core/citation/engine';
import { writingLanguage } from '../../src/core/formats/languages';
import { decodeHtml, escapeFor, htmlToMarkup } from '../../src/core/formats/markup';
import {
  type CitationParts, citationMarkup, formatBlockQuotation, formatCitation, formatInlineQuotation, latexCite, pandocCite, quotedText, type QuotedText,
} from '../../src/core/formats/quotation';
import { loadArticle } from '../../src/core/library';
import { cslData } from './cslData';

const root = path.resolve(__dirname, '../../..');
const articleFile = path.join(root, 'content/northeast-revitalization.md');
const article = loadArticle(articleFile, fs.readFileSync(articleFile, 'utf8')).article!;
const T = 'President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China';

/** APA 7th citation of the shipped article with the locator para. 6, as the engine writes it. */
const apa: CitationParts = { html: `(<i>${T}</i>, n.d., para. 6)`, key: 'xi-northeast-symposium', locator: '6', title: T, url: '', date: '' };
const two: QuotedText = { paragraphs: ['First * line_one.', 'Second #2 [x].'], firstParagraph: 6, lastParagraph: 7 };
const one: QuotedText = { paragraphs: ['He said "yes" & left.'], firstParagraph: 6, lastParagraph: 6 };

describe('writing languages', () => {
  it('maps VS Code language ids', () => {
    assert.deepEqual(['markdown', 'latex', 'tex', 'html', 'asciidoc', 'restructuredtext', 'org', 'typst', 'python'].map(writingLanguage),
      ['markdown', 'latex', 'latex', 'html', 'asciidoc', 'restructuredtext', 'org', 'typst', 'plaintext']);
  });
});

describe('CSL HTML → markup', () => {
  const html = '(<i>A &#38; B</i>, n.d., para. 6)';
  it('converts italics and escapes per language', () => {
    assert.equal(htmlToMarkup(html, 'markdown'), '(*A & B*, n.d., para. 6)');
    assert.equal(htmlToMarkup(html, 'latex'), '(\\emph{A \\& B}, n.d., para. 6)');
    assert.equal(htmlToMarkup(html, 'asciidoc'), '(__A & B__, n.d., para. 6)');
    assert.equal(htmlToMarkup(html, 'restructuredtext'), '(*A & B*, n.d., para. 6)');
    assert.equal(htmlToMarkup(html, 'org'), '(/A & B/, n.d., para. 6)');
    assert.equal(htmlToMarkup(html, 'typst'), '(#emph[A & B], n.d., para. 6)');
    assert.equal(htmlToMarkup(html, 'plaintext'), '(A & B, n.d., para. 6)');
    assert.equal(htmlToMarkup(`<div class="csl-entry">${html}</div>`, 'html'), html);
  });
  it('handles superscript, small caps and numeric references', () => {
    assert.equal(htmlToMarkup('<sup>[1]</sup>', 'latex'), '\\textsuperscript{[1]}');
    assert.equal(htmlToMarkup('<span style="font-variant:small-caps;">Xi</span>', 'typst'), '#smallcaps[Xi]');
    assert.equal(decodeHtml('&#60;&#x2019;&amp;'), '<’&');
  });
  it('escapes each language’s markup characters', () => {
    assert.equal(escapeFor('typst', 'a*b_c #d @e'), 'a\\*b\\_c \\#d \\@e');
    assert.equal(escapeFor('restructuredtext', 'a*b `c` x_'), 'a\\*b \\`c\\` x\\_');
    assert.equal(escapeFor('asciidoc', 'a*b_c'), 'a&#42;b&#95;c');
    assert.equal(escapeFor('org', '*bold* x'), '*\u200bbold* x');
  });
});

describe('citations on their own (Insert Citation)', () => {
  it('Pandoc, LaTeX (biblatex, natbib), Typst and the formatted citation', () => {
    assert.equal(pandocCite(apa), '[@xi-northeast-symposium, para. 6]');
    assert.equal(formatCitation(apa, 'markdown', { markdown: 'pandoc' }), '[@xi-northeast-symposium, para. 6]');
    assert.equal(formatCitation(apa, 'markdown'), `(*${T}*, n.d., para. 6)`);
    assert.equal(formatCitation(apa, 'latex'), '\\cite[para.~6]{xi-northeast-symposium}');
    assert.equal(latexCite(apa, 'natbib'), '\\citep[para.~6]{xi-northeast-symposium}');
    assert.equal(formatCitation(apa, 'typst'), '@xi-northeast-symposium[para. 6]');
    assert.equal(formatCitation(apa, 'plaintext'), `(${T}, n.d., para. 6)`);
    assert.equal(formatCitation(apa, 'html'), `(<cite>${T}</cite>, n.d., para. 6)`);
  });
  it('a span of paragraphs is paras. 6–7; no locator leaves it out', () => {
    assert.equal(pandocCite({ ...apa, locator: '6–7' }), '[@xi-northeast-symposium, paras. 6–7]');
    assert.equal(latexCite({ ...apa, locator: '' }), '\\cite{xi-northeast-symposium}');
  });
  it('a note style becomes a footnote where the language has one', () => {
    const note: CitationParts = { ...apa, html: `“${T},” para. 6.`, note: true };
    assert.equal(citationMarkup(note, 'markdown'), `^[“${T},” para. 6.]`);
    assert.equal(citationMarkup(note, 'org'), `[fn:: “${T},” para. 6.]`);
    assert.equal(citationMarkup(note, 'typst'), `#footnote[“${T},” para. 6.]`);
    assert.equal(citationMarkup(note, 'asciidoc'), `footnote:[“${T},” para. 6.]`);
    assert.equal(citationMarkup(note, 'restructuredtext'), `(“${T},” para. 6.)`);
  });
});

describe('block quotations in every writing language', () => {
  const c = (html: string): CitationParts => ({ ...apa, html: `(<i>${html}</i>, n.d., para. 6)`, title: html });
  const cit = c('Title');
  it('Markdown: blockquote + citation line', () => {
    assert.equal(formatBlockQuotation(two, cit, 'markdown'), '> First \\* line\\_one.\n>\n> Second #2 \\[x\\].\n\n(*Title*, n.d., para. 6)');
  });
  it('Markdown: Pandoc citation after the quotation', () => {
    assert.equal(formatBlockQuotation(two, cit, 'markdown', { markdown: 'pandoc' }),
      '> First \\* line\\_one.\n>\n> Second #2 \\[x\\]. [@xi-northeast-symposium, para. 6]');
  });
  it('Markdown: Obsidian/GitHub callout', () => {
    assert.equal(formatBlockQuotation(two, cit, 'markdown', { markdown: 'callout' }),
      '> [!quote] (*Title*, n.d., para. 6)\n> First \\* line\\_one.\n>\n> Second #2 \\[x\\].');
  });
  it('LaTeX: csquotes \\blockquote with \\cite, and natbib', () => {
    assert.equal(formatBlockQuotation(two, cit, 'latex', { latex: 'csquotes' }),
      '\\blockquote[\\cite[para.~6]{xi-northeast-symposium}]{First * line\\_one.\n\nSecond \\#2 [x].}');
    assert.equal(formatBlockQuotation(one, cit, 'latex', { latex: 'csquotes', latexCitations: 'natbib' }),
      '\\blockquote[\\citep[para.~6]{xi-northeast-symposium}]{He said \\textquotedbl{}yes\\textquotedbl{} \\& left.}');
  });
  it('LaTeX: quote environment with the formatted citation', () => {
    assert.equal(formatBlockQuotation(one, cit, 'latex'),
      '\\begin{quote}\nHe said \\textquotedbl{}yes\\textquotedbl{} \\& left.\n\\par\\hfill (\\emph{Title}, n.d., para. 6)\n\\end{quote}');
  });
  it('HTML: figure, blockquote cite, figcaption with <cite>', () => {
    assert.equal(formatBlockQuotation(one, { ...cit, url: 'https://example.org/a?b=1&c=2' }, 'html'),
      '<figure>\n  <blockquote cite="https://example.org/a?b=1&amp;c=2">\n    <p>He said &quot;yes&quot; &amp; left.</p>\n  </blockquote>\n'
      + '  <figcaption>(<cite>Title</cite>, n.d., para. 6)</figcaption>\n</figure>');
  });
  it('AsciiDoc: [quote, attribution] and ____ delimiters', () => {
    assert.equal(formatBlockQuotation(two, c('A "B"'), 'asciidoc'),
      '[quote, "(__A \\"B\\"__, n.d., para. 6)"]\n____\nFirst &#42; line&#95;one.\n\nSecond &#35;2 &#91;x&#93;.\n____');
  });
  it('reStructuredText: indented block with a -- attribution', () => {
    assert.equal(formatBlockQuotation(two, cit, 'restructuredtext'),
      '    First \\* line\\_one.\n\n    Second #2 [x].\n\n    -- (*Title*, n.d., para. 6)');
  });
  it('Org: #+begin_quote, lines starting with * escaped with a comma', () => {
    assert.equal(formatBlockQuotation({ ...one, paragraphs: ['* not a headline'] }, cit, 'org'),
      '#+begin_quote\n,* not a headline\n#+end_quote\n(/Title/, n.d., para. 6)');
  });
  it('Typst: #quote(attribution: […], block: true)[…]', () => {
    assert.equal(formatBlockQuotation(one, cit, 'typst'),
      '#quote(attribution: [(#emph[Title], n.d., para. 6)], block: true)[He said "yes" & left.]');
  });
  it('plain text: indented, citation on the line after; CRLF when asked', () => {
    assert.equal(formatBlockQuotation(two, cit, 'plaintext', { eol: '\r\n' }),
      '    First * line_one.\r\n\r\n    Second #2 [x].\r\n    (Title, n.d., para. 6)');
  });
  it('ellipses for a quotation that starts and ends inside sentences', () => {
    assert.equal(formatBlockQuotation({ ...one, leadingEllipsis: true, trailingEllipsis: true }, cit, 'plaintext'),
      '    […] He said "yes" & left. […]\n    (Title, n.d., para. 6)');
  });
  it('a user template per language, with every placeholder', () => {
    const templates = { markdown: '{text}\n\n— {citation} {locator} {key} {title} {url} {date} {unknown}' };
    assert.equal(formatBlockQuotation(one, { ...cit, url: 'https://x', date: '2023' }, 'markdown', { templates }),
      'He said "yes" & left.\n\n— (*Title*, n.d., para. 6) para. 6 xi-northeast-symposium Title https://x 2023 {unknown}');
    assert.equal(formatBlockQuotation(one, cit, 'latex', { templates }), formatBlockQuotation(one, cit, 'latex'));
  });
});

describe('inline quotations', () => {
  const cit: CitationParts = { ...apa, html: '(<i>Title</i>, n.d., para. 6)', title: 'Title' };
  it('each language', () => {
    assert.equal(formatInlineQuotation(one, cit, 'markdown'), '“He said \'yes\' & left.” (*Title*, n.d., para. 6)');
    assert.equal(formatInlineQuotation(one, cit, 'markdown', { markdown: 'pandoc' }), '“He said \'yes\' & left.” [@xi-northeast-symposium, para. 6]');
    assert.equal(formatInlineQuotation(one, cit, 'latex', { latex: 'csquotes' }), "\\enquote{He said 'yes' \\& left.} \\cite[para.~6]{xi-northeast-symposium}");
    assert.equal(formatInlineQuotation(one, cit, 'typst'), '#quote[He said \'yes\' & left.] @xi-northeast-symposium[para. 6]');
    assert.equal(formatInlineQuotation(one, cit, 'html'), '<q>He said &#39;yes&#39; &amp; left.</q> (<cite>Title</cite>, n.d., para. 6)');
    assert.equal(formatInlineQuotation(one, { ...cit, html: '“Title,” para. 6.', note: true }, 'markdown'), '“He said \'yes\' & left.”^[“Title,” para. 6.]');
  });
});

describe('from the shipped article through the engine', () => {
  const engine = new CitationEngine(cslData());
  const item = toCslItem(article.metadata);
  const p6 = article.paragraphs[5];
  const q = quotedText(article, p6);
  const parts: CitationParts = {
    html: engine.cite(item, 'apa', { locator: '6', output: 'html' }), key: article.metadata.citationKey, locator: '6', title: article.metadata.title, url: '', date: '',
  };
  it('quotedText gives paragraph 6 whole, without ellipses', () => {
    assert.deepEqual({ ...q, paragraphs: q.paragraphs.map(p => p.slice(0, 40)) },
      { paragraphs: ['President Xi stressed the need to promot'], leadingEllipsis: false, trailingEllipsis: false, firstParagraph: 6, lastParagraph: 6 });
  });
  it('LaTeX csquotes quotation of paragraph 6', () => {
    assert.equal(formatBlockQuotation(q, parts, 'latex', { latex: 'csquotes' }), `\\blockquote[\\cite[para.~6]{xi-northeast-symposium}]{${p6.text}}`);
  });
  it('Markdown quotation of paragraph 6 with the APA citation line', () => {
    assert.equal(formatBlockQuotation(q, parts, 'markdown'), `> ${p6.text}\n\n(*${T}*, n.d., para. 6)`);
  });
  it('a sentence inside paragraph 6 gets ellipses only where it cuts one', () => {
    const s2 = article.sentences.find(s => s.id === 'p6.s2')!;
    const partial = quotedText(article, { start: s2.start + 3, end: s2.end });
    assert.equal(partial.leadingEllipsis, true);
    assert.equal(partial.trailingEllipsis, false);
  });
  it('rejects a range outside the body', () => {
    assert.throws(() => quotedText(article, { start: -1, end: 3 }), RangeError);
  });
});
