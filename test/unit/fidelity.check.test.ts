import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../../src/core/article';
import { checkDocument, DocumentChecker, summarize } from '../../src/core/fidelity/check';
import { extractQuotations } from '../../src/core/fidelity/extract';
import { SourceIndex } from '../../src/core/fidelity/match';
import type { CheckResult, FidelityDiagnostic, FidelityFix } from '../../src/core/fidelity/types';
import { loadArticle } from '../../src/core/library';
import { formatBlockQuotation, formatInlineQuotation, quotedText, type CitationParts, type CitedQuotationOptions } from '../../src/core/formats/quotation';
import type { WritingLanguage } from '../../src/core/formats/languages';
import { formatQuotation, type QuotationRequest } from '../../src/core/quote';
import type { Article, TextRange } from '../../src/core/types';

const root = path.resolve(__dirname, '../../..');
const read = (p: string): string => fs.readFileSync(path.join(root, p), 'utf8');
const article = parseArticle('content/northeast-revitalization.md', read('content/northeast-revitalization.md')).value as Article;
const index = new SourceIndex([article]);
const TITLE = 'President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China';

/** `line:column` (0-based, UTF-16 columns, as VS Code's Position) of an offset. */
function at(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length - 1}:${before[before.length - 1].length}`;
}

/** A diagnostic as `[from, to, severity, code, message]`, positions as `line:column`. */
function shape(text: string, d: FidelityDiagnostic): [string, string, string, string, string] {
  return [at(text, d.range.start), at(text, d.range.end), d.severity, d.code, d.message];
}

/** The text after applying a fix's edits (from the end, so earlier offsets stay valid). */
function apply(text: string, fix: FidelityFix): string {
  return [...fix.edits].sort((a, b) => b.range.start - a.range.start)
    .reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

/** Line `n` (0-based) of `text`. */
const line = (text: string, n: number): string => text.split('\n')[n];

describe('the Markdown fixture (test/fixtures/workspace/fidelity/quotes.md)', () => {
  const text = read('test/fixtures/workspace/fidelity/quotes.md');
  const result = checkDocument(text, 'markdown', index);

  it('finds every quotation, with its verdict, in document order', () => {
    assert.deepEqual(result.quotations.map(q => [at(text, q.range.start), q.kind, q.status]), [
      ['6:1', 'inline', 'exact'],
      ['10:2', 'block', 'exact'],
      ['19:1', 'inline', 'exact'],
      ['23:1', 'inline', 'exact'],
      ['27:1', 'inline', 'exact'],
      ['31:1', 'inline', 'altered'],
      ['35:1', 'inline', 'altered'],
      ['39:1', 'inline', 'altered'],
      ['43:1', 'inline', 'exact'],
      ['47:1', 'inline', 'not-found'],
      ['51:37', 'inline', 'unsourced'],
    ]);
  });

  it('reports exactly the changed word, the dropped word, the changed number, the wrong locator and the made-up quotation', () => {
    assert.deepEqual(result.diagnostics.map(d => shape(text, d)), [
      ['31:1', '31:88', 'warning', 'quote-changed', `Quotation differs from ${TITLE}, para. 6: of [-cultivating-]{+developing+} strategic`],
      ['35:1', '35:97', 'warning', 'quote-changed', `Quotation differs from ${TITLE}, para. 4: ensuring [-national-] food`],
      ['39:1', '39:127', 'warning', 'quote-changed', `Quotation differs from ${TITLE}, para. 4: in [-2018-]{+2016+}.`],
      ['43:187', '43:194', 'information', 'quote-locator', `The quoted text is in para. 8 of ${TITLE}, not para. 6.`],
      ['47:1', '47:85', 'warning', 'quote-not-found', `Quotation not found in ${TITLE}.`],
    ]);
  });

  it('gives hosts the values of each message and the kind of each fix, to localize them', () => {
    assert.deepEqual(result.diagnostics.map(d => [d.args, d.fixes.map(f => f.kind)]), [
      [[TITLE, 'para. 6', 'of [-cultivating-]{+developing+} strategic'], ['restore', 'brackets']],
      [[TITLE, 'para. 4', 'ensuring [-national-] food'], ['restore', 'ellipsis']],
      [[TITLE, 'para. 4', 'in [-2018-]{+2016+}.'], ['restore', 'brackets']],
      [['para. 8', TITLE, 'para. 6'], ['locator']],
      [[TITLE], []],
    ]);
  });

  it('gives each found quotation its source passage and the highlighted ranges', () => {
    const p4 = article.passages.get('p4') as TextRange;
    const changedNumber = result.quotations[7];
    assert.equal(changedNumber.source?.passageId, 'p4');
    assert.equal(changedNumber.source?.articleId, 'northeast-revitalization');
    assert.equal(article.body.slice(changedNumber.source?.range.start, changedNumber.source?.range.end),
      'During the symposium, President Xi noted the significant achievements made since a similar symposium held in Shenyang in 2018.');
    assert.ok(changedNumber.source && changedNumber.source.range.start === p4.start);
    const ellipsis = result.quotations[3].source;
    assert.deepEqual(ellipsis?.highlights.map(r => article.body.slice(r.start, r.end)), [
      'He called for efforts to modernize agriculture and rural areas',
      'and ensure sufficient and reliable output even in extreme circumstances.',
    ]);
    assert.equal(result.quotations[10].source, undefined);
  });

  it('"Restore the source wording" yields the source text, one edit each', () => {
    const [changed, dropped, number] = result.diagnostics;
    for (const d of [changed, dropped, number]) assert.equal(d.fixes[0].title, 'Restore the source wording');
    for (const d of result.diagnostics) for (const f of d.fixes) assert.equal(f.edits.length, 1);
    assert.equal(line(apply(text, changed.fixes[0]), 31), '“Additionally, he emphasized the importance of cultivating strategic emerging industries.” [@xi-northeast-symposium, para. 6]');
    assert.equal(line(apply(text, dropped.fixes[0]), 35), '“He praised the consolidation of the region’s role as a ‘ballast stone’ in ensuring national food security” [@xi-northeast-symposium, para. 4]');
    assert.equal(line(apply(text, number.fixes[0]), 39), '“During the symposium, President Xi noted the significant achievements made since a similar symposium held in Shenyang in 2018.” [@xi-northeast-symposium, para. 4]');
  });

  it('"Mark the change" brackets a changed word and puts an ellipsis for a dropped one', () => {
    const [changed, dropped, number] = result.diagnostics;
    assert.equal(changed.fixes[1].title, 'Mark the change with brackets');
    assert.equal(line(apply(text, changed.fixes[1]), 31), '“Additionally, he emphasized the importance of [developing] strategic emerging industries.” [@xi-northeast-symposium, para. 6]');
    assert.equal(dropped.fixes[1].title, 'Mark the omission with an ellipsis');
    assert.equal(line(apply(text, dropped.fixes[1]), 35), '“He praised the consolidation of the region’s role as a ‘ballast stone’ in ensuring […] food security” [@xi-northeast-symposium, para. 4]');
    assert.equal(line(apply(text, number.fixes[1]), 39), '“During the symposium, President Xi noted the significant achievements made since a similar symposium held in Shenyang in [2016].” [@xi-northeast-symposium, para. 4]');
  });

  it('"Fix the locator" names the paragraph that holds the text', () => {
    const locator = result.diagnostics[3];
    assert.deepEqual(locator.fixes.map(f => f.title), ['Fix the locator: para. 8']);
    assert.equal(line(apply(text, locator.fixes[0]), 43).slice(-34), '[@xi-northeast-symposium, para. 8]');
    assert.deepEqual(result.diagnostics[4].fixes, []);
  });

  it('after every fix, the document checks clean but for the made-up quotation', () => {
    let fixed = text;
    for (const d of [...result.diagnostics].reverse()) if (d.fixes[0]) fixed = apply(fixed, d.fixes[0]);
    assert.deepEqual(checkDocument(fixed, 'markdown', index).diagnostics.map(d => d.code), ['quote-not-found']);
  });

  it('summarizes the verdicts', () => {
    assert.deepEqual(summarize([result]), { quotations: 11, exact: 6, altered: 3, notFound: 1, unsourced: 1 });
  });
});

describe('the LaTeX fixture (test/fixtures/workspace/fidelity/quotes.tex)', () => {
  const text = read('test/fixtures/workspace/fidelity/quotes.tex');
  const result = checkDocument(text, 'latex', index);

  it('finds every quotation, with its verdict', () => {
    assert.deepEqual(result.quotations.map(q => [at(text, q.range.start), q.kind, q.status]), [
      ['8:115', 'inline', 'exact'],
      ['13:0', 'block', 'exact'],
      ['22:2', 'inline', 'exact'],
      ['26:9', 'inline', 'exact'],
      ['30:45', 'inline', 'exact'],
      ['34:9', 'inline', 'altered'],
      ['38:9', 'inline', 'altered'],
      ['42:9', 'inline', 'altered'],
      ['46:9', 'inline', 'exact'],
      ['50:9', 'inline', 'not-found'],
      ['54:38', 'inline', 'unsourced'],
    ]);
  });

  it('reports the same problems as in Markdown, at the LaTeX positions', () => {
    assert.deepEqual(result.diagnostics.map(d => shape(text, d)), [
      ['34:9', '34:96', 'warning', 'quote-changed', `Quotation differs from ${TITLE}, para. 6: of [-cultivating-]{+developing+} strategic`],
      ['38:9', '38:105', 'warning', 'quote-changed', `Quotation differs from ${TITLE}, para. 4: ensuring [-national-] food`],
      ['42:9', '42:135', 'warning', 'quote-changed', `Quotation differs from ${TITLE}, para. 4: in [-2018-]{+2016+}.`],
      ['46:175', '46:182', 'information', 'quote-locator', `The quoted text is in para. 8 of ${TITLE}, not para. 6.`],
      ['50:9', '50:93', 'warning', 'quote-not-found', `Quotation not found in ${TITLE}.`],
    ]);
  });

  it('fixes keep the LaTeX forms: a tie in the locator, escaped source text', () => {
    const [changed, dropped, number, locator] = result.diagnostics;
    assert.equal(line(apply(text, changed.fixes[0]), 34), '\\enquote{Additionally, he emphasized the importance of cultivating strategic emerging industries.}~\\cite[para.~6]{xi-northeast-symposium}');
    assert.equal(line(apply(text, dropped.fixes[1]), 38), "\\enquote{He praised the consolidation of the region's role as a `ballast stone' in ensuring […] food security}~\\cite[para.~4]{xi-northeast-symposium}");
    assert.equal(line(apply(text, number.fixes[1]), 42), '\\enquote{During the symposium, President Xi noted the significant achievements made since a similar symposium held in Shenyang in [2016].}~\\cite[para.~4]{xi-northeast-symposium}');
    assert.deepEqual(locator.fixes.map(f => f.title), ['Fix the locator: para.~8']);
    assert.equal(line(apply(text, locator.fixes[0]), 46).slice(-39), '~\\cite[para.~8]{xi-northeast-symposium}');
  });
});

describe('the product recognizes its own quotations', () => {
  const ranges: TextRange[] = [...article.passages.values()].map(p => ({ start: p.start, end: p.end }));
  for (const p of article.paragraphs) ranges.push({ start: p.start + 10, end: p.end - 7 });
  ranges.push({ start: article.paragraphs[1].start, end: article.paragraphs[3].end });
  const variants: [string, Partial<QuotationRequest['options']>][] = [
    ['markdown', {}], ['latex', {}], ['latex', { latexEnvironment: 'csquotes' }], ['html', {}], ['plaintext', {}],
  ];
  for (const [languageId, options] of variants) {
    it(`${languageId}${options?.latexEnvironment ? ' (csquotes)' : ''}: every passage, trimmed ranges and several paragraphs, inline and block, check exact`, () => {
      const failures: string[] = [];
      for (const range of ranges) {
        for (const form of [{}, { forceBlock: true }, { forceInline: true }]) {
          const text = `Before.\n\n${formatQuotation({ article, range, languageId, options: { ...options, ...form } })}\n\nAfter.\n`;
          const r = checkDocument(text, languageId, index);
          const verdict = r.quotations.map(q => q.status).join();
          if (verdict !== 'exact' || r.diagnostics.length > 0) failures.push(`${range.start}-${range.end} ${JSON.stringify(form)}: ${verdict} ${r.diagnostics.map(d => d.message).join('; ')}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }
});

describe('the product recognizes its quotations with citations (Quote with Citation)', () => {
  const variants: [WritingLanguage, CitedQuotationOptions][] = [
    ['markdown', {}], ['markdown', { markdown: 'pandoc' }], ['markdown', { markdown: 'callout' }],
    ['latex', {}], ['latex', { latex: 'csquotes' }], ['latex', { latex: 'csquotes', latexCitations: 'natbib' }],
    ['html', {}], ['plaintext', {}],
  ];
  const ranges: TextRange[] = [article.paragraphs[5], article.sentences[10], { start: article.paragraphs[2].start + 15, end: article.paragraphs[2].end - 9 },
    { start: article.paragraphs[1].start, end: article.paragraphs[2].end }];
  for (const note of [false, true]) {
    it(`${note ? 'a note style' : 'an author-date style'}: every form checks exact, its citation read with its locator`, () => {
      const failures: string[] = [];
      for (const [language, options] of variants) {
        for (const range of ranges) {
          const q = quotedText(article, range);
          const n = q.firstParagraph === q.lastParagraph ? String(q.firstParagraph) : `${q.firstParagraph}–${q.lastParagraph}`;
          const parts: CitationParts = {
            html: note ? `“${TITLE},” para. ${n}.` : `(<i>${TITLE}</i>, n.d., para. ${n})`, note,
            key: article.metadata.citationKey, locator: n, title: TITLE, url: '', date: '',
          };
          for (const out of [formatBlockQuotation(q, parts, language, options), formatInlineQuotation(q, parts, language, options)]) {
            const text = `Before.\n\n${out}\n\nAfter.\n`;
            const found = extractQuotations(text, language);
            const r = checkDocument(text, language, index);
            const verdict = `${r.quotations.map(x => x.status).join()} ${found.map(x => x.citation?.locator ? `${x.citation.locator.first}-${x.citation.locator.last}` : 'no locator').join()}`;
            const expected = `exact ${q.firstParagraph}-${q.lastParagraph}`;
            if (verdict !== expected || r.diagnostics.length > 0) failures.push(`${language} ${JSON.stringify(options)}: ${verdict} ${r.diagnostics.map(d => d.message).join('; ')}\n${out.slice(0, 160)}`);
          }
        }
      }
      assert.deepEqual(failures, []);
    });
  }
});

describe('checking against an edited article', () => {
  const original = read('content/northeast-revitalization.md');
  const edited = original.replace('accelerate the development of a modern industrial system', 'speed up the building of a modern industrial system');
  const loaded = loadArticle('edited.md', edited).article as Article;
  const editedIndex = new SourceIndex([loaded]);

  it('finds the nearest passage approximately and shows the article\'s current wording', () => {
    const text = '“President Xi stressed the need to promote industrial innovation through scientific and technological advancements and accelerate the development of a modern industrial system with Northeastern characteristics.” [@xi-northeast-symposium, para. 6]\n';
    const r = checkDocument(text, 'markdown', editedIndex);
    assert.deepEqual(r.diagnostics.map(d => shape(text, d)), [
      ['0:1', '0:210', 'warning', 'quote-changed', `Quotation differs from ${TITLE}, para. 6: and [-speed up-]{+accelerate+} the [-building-]{+development+} of`],
    ]);
    assert.equal(apply(text, r.diagnostics[0].fixes[0]).split('”')[0],
      '“President Xi stressed the need to promote industrial innovation through scientific and technological advancements and speed up the building of a modern industrial system with Northeastern characteristics.');
  });
});

describe('quotations without a citation', () => {
  it('are checked when they plausibly come from the library', () => {
    const text = 'The speech called for efforts to “ensure sufficient and reliable output even in extreme conditions”.\n';
    const r = checkDocument(text, 'markdown', index);
    assert.deepEqual(r.quotations.map(q => [q.status, q.source?.passageId]), [['altered', 'p7']]);
    assert.deepEqual(r.diagnostics.map(d => d.message), [`Quotation differs from ${TITLE}, para. 7: extreme [-circumstances-]{+conditions+}`]);
  });

  it('count as exact when they match a long enough phrase, and are left alone when short or from elsewhere', () => {
    const text = 'A “ballast stone” and a “new era”; “to be or not to be, that is the question”.\n';
    const r = checkDocument(text, 'markdown', index);
    assert.deepEqual(r.quotations.map(q => q.status), ['exact', 'unsourced', 'unsourced']);
    assert.deepEqual(r.diagnostics, []);
  });

  it('are left alone when the citation names another work', () => {
    const text = '“He called for efforts to modernize agriculture and rural areas.” (Smith 2021, p. 4)\n';
    assert.deepEqual(checkDocument(text, 'markdown', index).quotations.map(q => q.status), ['unsourced']);
  });

  it('with only a locator are found by matching and have their locator checked', () => {
    const text = '“He called for efforts to modernize agriculture and rural areas, improve food production capabilities” (para. 6)\n';
    const r = checkDocument(text, 'markdown', index);
    assert.deepEqual(r.diagnostics.map(d => [d.code, d.message, d.fixes[0].edits[0].newText]), [
      ['quote-locator', `The quoted text is in para. 7 of ${TITLE}, not para. 6.`, 'para. 7'],
    ]);
  });
});

describe('a library of several articles', () => {
  const other = loadArticle('other.md', '---\nid: other\ntitle: Black Soil\ncitationKey: soil\n---\n\nThe black soil of the Northeast feeds much of the country. It is thinning year by year.\n').article as Article;
  const library = new SourceIndex([article, other]);

  it('checks each quotation against the article its citation names', () => {
    const text = '“The black soil of the Northeast feeds most of the country.” [@soil]\n\n“It is thinning year by year.” (Black Soil, para. 1)\n\n“It is thinning year by year.” [@xi-northeast-symposium]\n';
    const r = checkDocument(text, 'markdown', library);
    assert.deepEqual(r.quotations.map(q => [q.status, q.source?.articleId]), [['altered', 'other'], ['exact', 'other'], ['not-found', undefined]]);
    assert.deepEqual(r.diagnostics.map(d => d.message), [
      'Quotation differs from Black Soil, para. 1: feeds [-much-]{+most+} of',
      `Quotation not found in ${TITLE}.`,
    ]);
  });
});

describe('DocumentChecker: re-checking as the user types', () => {
  const text = read('test/fixtures/workspace/fidelity/quotes.md');

  /** The result with every range printed, for comparing two runs. */
  const flat = (r: CheckResult): string => JSON.stringify(r);

  it('gives the same result as a fresh check after an edit before, inside and after quotations', () => {
    const checker = new DocumentChecker(index);
    checker.check(text, 'markdown');
    const edits = [
      text.replace('# Quote fidelity fixture', '# Quote fidelity fixture, edited'),
      text.replace('in Shenyang in 2016', 'in Shenyang in 2018'),
      text.replace('developing strategic', 'cultivating strategic'),
      text + '\nOne more line.\n',
    ];
    for (const edited of edits) assert.equal(flat(checker.check(edited, 'markdown')), flat(checkDocument(edited, 'markdown', index)));
  });

  it('re-checks only the quotation that changed', () => {
    const checker = new DocumentChecker(index);
    const first = checker.check(text, 'markdown');
    const edited = text.replace('in Shenyang in 2016', 'in Shenyang in 2018');
    const second = checker.check(edited, 'markdown');
    assert.deepEqual(second.quotations.map(q => q.status), first.quotations.map((q, i) => (i === 7 ? 'exact' : q.status)));
    // Results before the edit are reused as they were; after it, moved by the length change (0 here).
    assert.equal(second.quotations[0], first.quotations[0]);
    assert.equal(second.quotations[10], first.quotations[10]);
  });
});

describe('legitimate alterations', () => {
  const clean = (text: string, languageId = 'markdown'): [string[], string[]] => {
    const r = checkDocument(text, languageId, index);
    return [r.quotations.map(q => q.status), r.diagnostics.map(d => d.message)];
  };

  it('a changed capital, a bracketed insertion, an ellipsis and a Markdown escape, all in one block', () => {
    const text = '> [T]he aim [of the plan] is to facilitate the region’s integration into the national market […] international dual circulations\\.\n\n— President Xi Jinping Hosts Symposium, para. 8\n';
    assert.deepEqual(clean(text), [['exact'], []]);
  });

  it('[sic], a small capital after an ellipsis, inner quotes flipped to single, and straight apostrophes', () => {
    const text = '“Regarding infrastructure and openness, President Xi highlighted Northeast China‘s [sic] strategic position … he emphasized the need to enhance connections with other regions, integrate into the ‘Belt and Road’ initiative” [@xi-northeast-symposium, para. 8]\n';
    assert.deepEqual(clean(text), [['exact'], []]);
  });

  it('LaTeX escapes, ties, dashes and accents', () => {
    const text = '\\begin{quote}\nHarbin City, Heilongjiang Province -- President Xi Jinping, General Secretary of the CPC Central Committee, recently hosted a symposium in Harbin~City \\ldots{}\n\\end{quote}\n\\cite[para.~1]{xi-northeast-symposium}\n';
    assert.deepEqual(clean(text, 'latex'), [['exact'], []]);
  });

  it('full-width punctuation and spaces, and an em dash typed as a hyphen', () => {
    const text = '“He called for a focus on the real economy，independent innovation，and the consolidation and expansion of industrial chains” (para. 6) and “Harbin City, Heilongjiang Province - President Xi Jinping” (para. 1)\n';
    assert.deepEqual(clean(text), [['exact', 'exact'], []]);
  });
});
