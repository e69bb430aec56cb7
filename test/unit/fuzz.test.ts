// Property-based tests (fast-check) of the parsers, the segmenter, the search query parser and the quotation
// formatter on arbitrary Unicode. FUZZ_RUNS sets the runs per property (default 150, a CI-sized number);
// `npm run fuzz` (scripts/fuzz.mjs) runs many more. FUZZ_SEED replays a failure fast-check reported.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseArticle } from '../../src/core/article';
import { escapeMarkdownInline, escapeMarkdownLineStart } from '../../src/core/escape';
import { unescapeMarkdown } from '../../src/core/fidelity/extractMarkdown';
import { parseHostMessage, parseWebviewMessage } from '../../src/core/protocol';
import { buildQuotation, escapeFor, type QuotationFormat } from '../../src/core/quote';
import { MAX_PHRASES, MAX_TERMS, parseQuery, SearchIndex } from '../../src/core/search';
import { segmentParagraphs, segmentSentences } from '../../src/core/segment';
import { parseTaxonomy, ThemeIndex } from '../../src/core/themes';
import type { Article, TextRange } from '../../src/core/types';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const params = (scale = 1): fc.Parameters<unknown> => ({ numRuns: Math.max(1, Math.round(RUNS * scale)), ...(SEED === undefined ? {} : { seed: SEED }) });

// ------------------------------------------------------------------------------------------ arbitraries

/**
 * Pieces the parsers give a meaning to, so that random text often holds front matter, headings, sentence ends,
 * abbreviations, quotation marks, escapes of every format, markup vectors, line and paragraph separators.
 */
const SPECIAL = [
  '\n', '\n', '\n\n', '\r\n', '\r', ' ', ' ', '\t', '---', '---\n', '...', '# ', '## ', '> ', '- ', '1. ', '2003.',
  '.', '. ', '!', '?', '…', '。', 'Mr.', 'U.S.', 'No. 5', 'e.g.', '“', '”', '‘', '’', '"', "'", '«', '»',
  '\u2028', '\u2029', '\u0085', '\u00a0', '\uFEFF', '\u200b', '\u0301', '\\', '*', '_', '`', '<', '>', '&', '&amp;', '&#169;',
  '$', '{', '}', '%', '#', '~', '^', '|', '[', ']', '(', ')', '--', "''", ',,', '=', '+',
  '<script>', '</script>', '<img src=x onerror=alert(1)>', 'javascript:', '$(alert)', 'theme:', 'theme:"', ':',
  'id: x', 'title: ', 'author:', '  - ', '\0', '\u0007', '\ufffd',
];

/** One unit of fuzzed text: a special piece, a word, any code point, or a lone surrogate half. */
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 6, arbitrary: fc.constantFrom('a', 'word', 'The', 'China', 'security', 'x', '7', '中国', 'é', '😀') },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map(c => String.fromCharCode(c)) },
);

/** Arbitrary Unicode text rich in the characters the product parses. */
const text = (maxLength = 60): fc.Arbitrary<string> => fc.array(unit, { maxLength }).map(a => a.join(''));

/** An article file: usually front matter with a fuzzed title then a fuzzed body, sometimes only fuzzed text. */
const articleFile = fc.oneof(
  text(80),
  fc.tuple(text(8), text(80)).map(([title, body]) => `---\nid: fuzz\ntitle: ${JSON.stringify(title)}\n---\n${body}`),
);

// ------------------------------------------------------------------------------------------ invariants

function isHigh(c: number): boolean { return c >= 0xd800 && c <= 0xdbff; }
function isLow(c: number): boolean { return c >= 0xdc00 && c <= 0xdfff; }

/** True when `offset` does not split a surrogate pair of `s`. */
function onCodePointBoundary(s: string, offset: number): boolean {
  return !(offset > 0 && offset < s.length && isHigh(s.charCodeAt(offset - 1)) && isLow(s.charCodeAt(offset)));
}

/** Asserts that `ranges` are integral, inside `[lo, hi]`, non-empty, in order, not overlapping, and on code-point boundaries of `s`. */
function assertRanges(s: string, ranges: readonly TextRange[], lo = 0, hi = s.length): void {
  let previous = lo;
  for (const r of ranges) {
    assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end), `integral ${JSON.stringify(r)}`);
    assert.ok(r.start >= previous && r.start < r.end && r.end <= hi, `in order and in range: ${JSON.stringify(r)} after ${previous}, up to ${hi}`);
    assert.ok(onCodePointBoundary(s, r.start) && onCodePointBoundary(s, r.end), `on code-point boundaries: ${JSON.stringify(r)}`);
    previous = r.end;
  }
}

/** Asserts that a parsed article's passages are exact, ordered, in range and on code-point boundaries. */
function assertArticle(article: Article): void {
  const { body } = article;
  assertRanges(body, article.paragraphs);
  for (const p of article.paragraphs) {
    assert.equal(p.text, body.slice(p.start, p.end));
    const sentences = p.sentenceIds.map(id => article.passages.get(id)!);
    assertRanges(body, sentences, p.start, p.end);
    for (const s of sentences) {
      assert.equal(s.kind, 'sentence');
      assert.equal(s.text, body.slice(s.start, s.end));
      assert.doesNotMatch(s.text, /^\s|\s$/u, 'a sentence is trimmed');
    }
  }
  assert.equal(article.passages.size, article.paragraphs.length + article.sentences.length);
}

// --------------------------------------------------------------------------- strict inverses of escapeFor

/** Markdown: a backslash before ASCII punctuation gives the punctuation (CommonMark §2.4); nothing else changes. */
function unescapeMarkdownStrict(s: string): string {
  return s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

const LATEX_BACK: Readonly<Record<string, string>> = {
  '\\textbackslash{}': '\\', '\\{': '{', '\\}': '}', '\\%': '%', '\\&': '&', '\\$': '$', '\\_': '_', '\\#': '#',
  '\\textasciitilde{}': '~', '\\textasciicircum{}': '^', '\\textasciigrave{}': '`', '\\textquotedbl{}': '"',
  '\\textless{}': '<', '\\textgreater{}': '>', '\\textbar{}': '|',
};

/** LaTeX: the replacements of `escapeLatex` back to their characters, and the `{}` that break ligatures removed. */
function unescapeLatexStrict(s: string): string {
  return s.replace(/\\text[a-z]+\{\}|\\[{}%&$_#]|(['\-,])\{\}(?=\1)/g, m => LATEX_BACK[m] ?? m[0]);
}

const HTML_BACK: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function unescapeHtmlStrict(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|#39);/g, m => HTML_BACK[m]);
}

/** The exact inverse of `escapeFor(format, ·)` (and of `escapeMarkdownLineStart` for Markdown). */
function unescapeFor(format: QuotationFormat, s: string): string {
  switch (format) {
    case 'markdown': return unescapeMarkdownStrict(s);
    case 'latex': return unescapeLatexStrict(s);
    case 'html': return unescapeHtmlStrict(s);
    default: return s;
  }
}

const FORMATS: readonly { format: QuotationFormat; languageId: string }[] = [
  { format: 'markdown', languageId: 'markdown' }, { format: 'latex', languageId: 'latex' },
  { format: 'html', languageId: 'html' }, { format: 'plaintext', languageId: 'plaintext' },
];

/** The quoted lines per paragraph of a block quotation (with its ellipsis marks), read back from its text. */
function blockParagraphs(format: QuotationFormat, quotation: string, attribution: boolean): string[][] {
  const lines = quotation.split('\n');
  let body: string[];
  switch (format) {
    case 'markdown':
      body = lines.filter(l => l.startsWith('>')).map(l => (l === '>' ? '' : l.slice(2)));
      break;
    case 'latex':
      assert.equal(lines[0], '\\begin{quote}');
      assert.equal(lines[lines.length - 1], '\\end{quote}');
      body = lines.slice(1, attribution ? -2 : -1);
      break;
    case 'html': {
      const pad = attribution ? 2 : 0;
      const open = lines.findIndex(l => l.trimStart().startsWith('<blockquote'));
      const close = lines.findIndex(l => l.trim() === '</blockquote>');
      body = [];
      for (const l of lines.slice(open + 1, close)) {
        const inner = l.slice(pad + 2);
        if (inner.startsWith('<p>')) {
          if (body.length > 0) body.push('');
          body.push(inner.slice(3));
        } else body.push(inner.slice(2));
      }
      body[body.length - 1] = body[body.length - 1].replace(/<\/p>$/, '');
      body = body.map(l => l.replace(/<\/p>$/, ''));
      break;
    }
    default:
      body = lines.slice(0, attribution ? -1 : undefined).map(l => (l === '' ? '' : l.slice(4)));
  }
  const out: string[][] = [[]];
  for (const l of body) {
    if (l === '') out.push([]);
    else out[out.length - 1].push(l);
  }
  return out;
}

/** The documented quoted text of `range`: each overlapped paragraph's part, trimmed, split into lines. */
function expectedPieces(article: Article, range: TextRange): { lines: string[][]; leading: boolean; trailing: boolean } {
  const { body } = article;
  const lines: string[][] = [];
  let first = -1;
  let last = -1;
  for (const p of article.paragraphs) {
    let s = Math.max(range.start, p.start);
    let e = Math.min(range.end, p.end);
    while (s < e && /\s/.test(body[s])) s++;
    while (e > s && /\s/.test(body[e - 1])) e--;
    if (s < e) {
      if (first < 0) first = s;
      last = e;
      lines.push(body.slice(s, e).split(/\r\n|\r|\n/));
    }
  }
  return {
    lines,
    leading: article.sentences.some(x => x.start < first && first < x.end),
    trailing: article.sentences.some(x => x.start < last && last < x.end),
  };
}

/** A range of `body` on code-point boundaries, from two fractions. */
function rangeOf(body: string, a: number, b: number): TextRange {
  let start = Math.floor(Math.min(a, b) * (body.length + 1));
  let end = Math.floor(Math.max(a, b) * (body.length + 1));
  start = Math.min(start, body.length);
  end = Math.min(end, body.length);
  if (!onCodePointBoundary(body, start)) start--;
  if (!onCodePointBoundary(body, end)) end++;
  return { start, end };
}

/** A parsed fuzzed article with paragraphs, a range of its body on code-point boundaries, and what quoting it must give. */
const quoted = fc.tuple(articleFile, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([file, a, b]) => ({ article: parseArticle('file:///fuzz.md', file).value, a, b }))
  .filter((x): x is { article: Article; a: number; b: number } => x.article !== undefined && x.article.paragraphs.length > 0)
  .map(({ article, a, b }) => {
    const range = rangeOf(article.body, a, b);
    return { article, range, expected: expectedPieces(article, range) };
  });

// ------------------------------------------------------------------------------------------ properties

describe('fuzz: parsers and segmenter on arbitrary Unicode', () => {
  it('parseArticle never fails internally, and its passages are exact and on code-point boundaries', () => {
    fc.assert(fc.property(articleFile, file => {
      const parsed = parseArticle('file:///fuzz.md', file);
      assert.deepEqual(parsed.problems.filter(p => p.code === 'internal'), []);
      for (const p of parsed.problems) assert.ok(Number.isInteger(p.line) && p.line >= 0 && Number.isInteger(p.column) && p.column >= 0);
      if (parsed.value) {
        assert.ok(file.endsWith(parsed.value.body), 'the body is the end of the file, unchanged');
        assertArticle(parsed.value);
      }
    }), params());
  });

  it('segmentSentences and segmentParagraphs return trimmed, ordered ranges inside the text for any bounds', () => {
    fc.assert(fc.property(text(80), fc.integer({ min: -5, max: 90 }), fc.integer({ min: -5, max: 90 }), (s, a, b) => {
      const ranges = segmentSentences(s, a, b);
      const lo = Math.max(0, Math.min(a, s.length));
      assertRanges(s, ranges, lo, Math.max(lo, Math.min(b, s.length)));
      for (const r of ranges) assert.doesNotMatch(s.slice(r.start, r.end), /^\s|\s$/u);
      const paragraphs = segmentParagraphs(s);
      assertRanges(s, paragraphs);
      for (const r of paragraphs) assert.doesNotMatch(s.slice(r.start, r.end), /^\s|\s$/u);
    }), params());
  });

  it('parseTaxonomy never fails internally', () => {
    const themesFile = fc.oneof(text(60), fc.tuple(text(6), text(6)).map(([id, label]) =>
      `article: fuzz\nthemes:\n  - id: ${JSON.stringify(id)}\n    label: ${JSON.stringify(label)}\n    passages: [p1, ${JSON.stringify(id)}]\n`));
    fc.assert(fc.property(themesFile, file => {
      assert.deepEqual(parseTaxonomy('file:///fuzz.themes.yaml', file).problems.filter(p => p.code === 'internal'), []);
    }), params());
  });
});

describe('fuzz: search', () => {
  it('parseQuery never throws and stays within its limits', () => {
    fc.assert(fc.property(text(120), q => {
      const parsed = parseQuery(q);
      assert.ok(parsed.terms.length <= MAX_TERMS && parsed.phrases.length <= MAX_PHRASES);
      for (const t of parsed.terms) assert.match(t, /^\S+$/u);
      for (const p of parsed.phrases) assert.ok(p.length >= 1 && p.length <= MAX_TERMS);
      for (const t of parsed.themes) assert.ok(t.length > 0 && t === t.trim());
    }), params());
  });

  it('search never throws, and its matches are ranges of the article body on code-point boundaries', () => {
    fc.assert(fc.property(articleFile, fc.array(fc.oneof(text(20), fc.constantFrom('the', 'wor', 'secur', '"a word"', 'theme:x')), { minLength: 1, maxLength: 4 }), (file, queries) => {
      const article = parseArticle('file:///fuzz.md', file).value;
      fc.pre(article !== undefined && article.paragraphs.length > 0);
      const taxonomy = parseTaxonomy('file:///fuzz.themes.yaml', 'article: fuzz\nthemes:\n  - id: x\n    label: X\n    passages: [p1]\n').value!;
      const index = new SearchIndex([{ article: article, themes: new ThemeIndex(article, taxonomy) }]);
      for (const q of queries) {
        for (const hit of index.search(q)) {
          assert.equal(article.passages.get(hit.passage.id), hit.passage);
          assertRanges(article.body, hit.matches, hit.passage.start, hit.passage.end);
        }
      }
    }), params(0.3));
  });
});

describe('fuzz: quotation round trip', () => {
  it('escapeFor is undone exactly, in every format, and Markdown by the fidelity checker too', () => {
    fc.assert(fc.property(text(40), s => {
      for (const { format } of FORMATS) assert.equal(unescapeFor(format, escapeFor(format, s)), s, format);
      assert.equal(unescapeMarkdownStrict(escapeMarkdownLineStart(escapeMarkdownInline(s))), s);
      const md = escapeMarkdownInline(s);
      assert.equal(unescapeMarkdown(md, 0, md.length).text, s);
    }), params());
  });

  it('a block quotation, un-escaped for its format, holds exactly the source range, in every format', () => {
    fc.assert(fc.property(quoted, ({ article, range, expected }) => {
      for (const { format, languageId } of FORMATS) {
        if (expected.lines.length === 0) {
          assert.throws(() => buildQuotation({ article: article, range, languageId }), RangeError);
          continue;
        }
        const q = buildQuotation({ article: article, range, languageId, options: { forceBlock: true } });
        assert.equal(q.form, 'block');
        // The default template always has a locator, so there is always an attribution.
        const got: string[][] = blockParagraphs(format, q.text, true).map(p => p.map(l => unescapeFor(format, l)));
        const want = expected.lines.map(p => [...p]);
        if (expected.leading) want[0][0] = '[…] ' + want[0][0];
        const lastP = want[want.length - 1];
        if (expected.trailing) lastP[lastP.length - 1] += ' […]';
        assert.deepEqual(got, want, `${format}: ${JSON.stringify(q.text)}`);
      }
    }), params());
  });

  it('an inline quotation, un-escaped for its format, holds the source range with double quotes made single', () => {
    fc.assert(fc.property(quoted, ({ article, range, expected }) => {
      fc.pre(expected.lines.length > 0);
      for (const { format, languageId } of FORMATS) {
        const q = buildQuotation({ article: article, range, languageId, options: { forceInline: true } });
        assert.equal(q.form, 'inline');
        assert.ok(q.text.startsWith('“'));
        const inner = q.text.slice(1, q.text.indexOf('”'));
        let want = expected.lines.map(p => p.map(l => l.trim()).join(' ')).join(' ')
          .replace(/[“"”]/g, c => (c === '“' ? '‘' : c === '”' ? '’' : "'"));
        if (expected.leading) want = '[…] ' + want;
        if (expected.trailing) want += ' […]';
        assert.equal(unescapeFor(format, inner), want, `${format}: ${JSON.stringify(q.text)}`);
      }
    }), params());
  });

  it('an HTML quotation holds no tag but its own, and a Markdown one no unescaped < (hostile title and text)', () => {
    const OWN_TAGS = /<\/?(?:figure|blockquote|p|figcaption|cite)>|<blockquote cite="[^"<>]*">/g;
    fc.assert(fc.property(articleFile, fc.boolean(), (file, inline) => {
      const article = parseArticle('file:///fuzz.md', file).value;
      fc.pre(article !== undefined && article.paragraphs.length > 0);
      const range = { start: 0, end: article.body.length };
      const options = inline ? { forceInline: true } : { forceBlock: true };
      assert.doesNotMatch(buildQuotation({ article: article, range, languageId: 'html', options }).text.replace(OWN_TAGS, ''), /</);
      assert.doesNotMatch(buildQuotation({ article: article, range, languageId: 'markdown', options }).text, /(?<!\\)(?:\\\\)*</);
    }), params());
  });
});

describe('fuzz: webview messages', () => {
  it('parseWebviewMessage and parseHostMessage never throw and return only the fields of a known message type', () => {
    const value = fc.oneof(
      fc.anything(),
      fc.record({
        type: fc.constantFrom('ready', 'selection', 'select', 'quoteSelection', 'update', 'getSelection', 'quoted', '__proto__', 'constructor'),
        id: fc.oneof(fc.integer(), fc.double(), fc.string()),
        passageId: fc.oneof(fc.constantFrom('p1', 'p1.s2', 'p0', 'p1.s0', '../p1'), fc.string()),
        origin: fc.constantFrom('click', 'navigate', 'other'),
        range: fc.oneof(fc.anything(), fc.record({ start: fc.oneof(fc.integer(), fc.double()), end: fc.oneof(fc.integer(), fc.double()) })),
        command: fc.string(),
      }, { requiredKeys: ['type'] }),
    );
    const KEYS: Readonly<Record<string, readonly string[]>> = {
      ready: ['type'], selection: ['type', 'id', 'range'], select: ['type', 'passageId', 'origin'], quoteSelection: ['type', 'range'],
    };
    fc.assert(fc.property(value, fc.integer({ min: 0, max: 1000 }), (v, bodyLength) => {
      const h = parseHostMessage(v);
      if (h) assert.deepEqual(Object.keys(h).filter(k => !['type', 'id', 'passageId', 'highlights', 'reveal', 'ranges', 'label'].includes(k)), []);
      const m = parseWebviewMessage(v, bodyLength);
      if (m === undefined) return;
      assert.ok(Object.keys(m).every(k => KEYS[m.type].includes(k)), JSON.stringify(m));
      if ('range' in m && m.range) assert.ok(m.range.start >= 0 && m.range.start <= m.range.end && m.range.end <= bodyLength);
    }), params(2));
  });
});
