/**
 * Quotations of Markdown (CommonMark 0.31) and plain text documents. Offsets are UTF-16 offsets
 * into the document, half-open `[start, end)`.
 *
 * Markdown: `>` block quotations (CommonMark §5.1; lazy continuation lines are not followed) and
 * `“…”` / `"…"` in other lines, fenced code blocks and code spans skipped. Plain text: the block
 * form `src/core/quote.ts` writes (lines indented by four spaces or a tab after a blank line) and
 * e-mail style `>` blocks, and the same inline forms, taken as written (no escapes).
 *
 * Citations: an attribution line starting with a dash (`—`, `―`, `–` or `--`) as the last line of
 * the block or the line after it (one blank line between allowed: the product's form), a Pandoc
 * citation `[@key, para. 6]` on the line after it or at the end of its last line, or a
 * parenthetical `(…)` at the end of its last line after the final punctuation (APA block style);
 * after an inline quotation, a parenthetical or a Pandoc citation following its closing mark.
 */
import {
  type CitationRef, entityAt, type FoundQuotation, makeCitation, makeQuotation, pandocKeys, type Region, scanInlineMarks,
} from './syntax';
import { type MappedText, MappedTextBuilder } from './mapped';

interface Line {
  readonly start: number;
  /** End of the line's text, before `\r\n` / `\n`. */
  readonly end: number;
  /** Start of the next line (after the line break). */
  readonly next: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ start, end: text.length, next: text.length });
      return lines;
    }
    lines.push({ start, end: nl > start && text[nl - 1] === '\r' ? nl - 1 : nl, next: nl + 1 });
    start = nl + 1;
  }
}

const ATTRIBUTION = /^[ \t]{0,3}(?:—|―|–|-{2,3})[ \t]*(?=\S)/;
const PANDOC_LINE = /^[ \t]*\[([^\]\n]*@[^\]\n]*)\][ \t]*$/;
/** A line that is only a citation: a parenthetical `(…)` or an inline footnote `^[…]` (the product's note styles). */
const CITATION_LINE = /^[ \t]*(\((?:[^()]|\([^()]*\))*\)|\^\[[^\]]*\])[ \t]*$/;
/** An Obsidian / GitHub callout's first line: `[!quote] citation` (after the `>` marker). */
const CALLOUT = /^\[!([A-Za-z]+)\][+-]?[ \t]*/;
/**
 * A citation at the end of a block's last line: a parenthetical after the final punctuation (or a
 * closing `[…]`), or a Pandoc citation after anything.
 */
const TRAILING_CITATION = /(?:[.!?…\]]["”’)]?|(?=[ \t]+\[[^\]]*@))([ \t]+)(\((?:[^()]|\([^()]*\))*\)|\[[^\]]*@[^\]]*\])[ \t]*$/;

/**
 * The quotations of a Markdown document (`plain` false) or of a plain text document (`plain` true).
 * Never throws.
 */
export function extractMarkdown(text: string, plain: boolean): FoundQuotation[] {
  const format = plain ? 'plaintext' : 'markdown';
  const lines = splitLines(text);
  const unescape = (start: number, end: number): MappedText => (plain ? copyRange(text, start, end) : unescapeMarkdown(text, start, end));
  const out: FoundQuotation[] = [];
  const regions: Region[] = [];
  let fence: string | undefined;
  let breakNext = true;
  const blank = (l: Line | undefined): boolean => l === undefined || text.slice(l.start, l.end).trim() === '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const s = text.slice(line.start, line.end);
    if (!plain) {
      const f = /^ {0,3}(`{3,}|~{3,})/.exec(s);
      if (fence !== undefined) {
        if (f && f[1][0] === fence[0] && f[1].length >= fence.length && s.trim() === f[1]) fence = undefined;
        breakNext = true;
        continue;
      }
      if (f) {
        fence = f[1];
        breakNext = true;
        continue;
      }
    }
    const quoteMarker = /^ {0,3}>/.test(s);
    const indented = plain && /^(?: {4}|\t)/.test(s) && blank(lines[i - 1]);
    if (quoteMarker || indented) {
      let j = i;
      const body: { start: number; end: number }[] = [];
      if (quoteMarker) {
        for (; j < lines.length && /^ {0,3}>/.test(text.slice(lines[j].start, lines[j].end)); j++) {
          const m = /^(?: {0,3}> ?)+/.exec(text.slice(lines[j].start, lines[j].end)) as RegExpExecArray;
          body.push({ start: lines[j].start + m[0].length, end: lines[j].end });
        }
      } else {
        for (; j < lines.length; j++) {
          const t = text.slice(lines[j].start, lines[j].end);
          if (/^(?: {4}|\t)/.test(t)) {
            body.push({ start: lines[j].start + (t[0] === '\t' ? 1 : 4), end: lines[j].end });
          } else if (t.trim() === '' && j + 1 < lines.length && /^(?: {4}|\t)\S/.test(text.slice(lines[j + 1].start, lines[j + 1].end))) {
            body.push({ start: lines[j].end, end: lines[j].end });
          } else break;
        }
      }
      const q = blockQuotation(text, lines, i, j, body, format, unescape);
      if (q.quotation) out.push(q.quotation);
      i = q.lastLine;
      breakNext = true;
      continue;
    }
    if (s.trim() === '') {
      breakNext = true;
      continue;
    }
    const heading = !plain && /^ {0,3}#{1,6}(?:\s|$)/.test(s);
    const spans = plain ? [] : codeSpans(s);
    let at = line.start;
    let first = true;
    for (const [a, b] of spans) {
      regions.push({ start: at, end: line.start + a, breakBefore: first && (breakNext || heading) });
      first = false;
      at = line.start + b;
    }
    regions.push({ start: at, end: line.next, breakBefore: first && (breakNext || heading) });
    breakNext = heading;
  }

  for (const p of scanInlineMarks(text, regions, { straight: true, tex: false })) {
    const citation = citationAfter(text, p.close, unescape);
    const q = makeQuotation('inline', format, unescape(p.contentStart, p.contentEnd), { start: p.open, end: p.close }, true, citation);
    if (q) out.push(q);
  }
  return out;
}

/** The quotation of a block whose content lines are `body` (lines `first` to `end - 1`), with its citation. */
function blockQuotation(
  text: string, lines: readonly Line[], first: number, end: number, body: { start: number; end: number }[],
  format: 'markdown' | 'plaintext', unescape: (s: number, e: number) => MappedText,
): { quotation: FoundQuotation | undefined; lastLine: number } {
  let lastLine = end - 1;
  while (body.length > 0 && text.slice(body[body.length - 1].start, body[body.length - 1].end).trim() === '') body.pop();
  let citation: CitationRef | undefined;
  const head = format === 'markdown' && body.length > 0 ? CALLOUT.exec(text.slice(body[0].start, body[0].end)) : null;
  if (head) {
    // A callout is a quotation only when it says so; `[!note]` and the like are not.
    if (!/^(?:quote|cite)$/i.test(head[1])) return { quotation: undefined, lastLine };
    const cs = body[0].start + head[0].length;
    const rest = text.slice(cs, body[0].end);
    if (rest.trim() !== '') {
      const whole = CITATION_LINE.exec(rest);
      citation = whole ? lineCitation(text, cs + rest.indexOf(whole[1]), whole[1], unescape) : citationOfLine(text, cs, body[0].end, unescape);
    }
    body.shift();
  }
  const last = body[body.length - 1];
  const whole = last && body.length > 1 ? CITATION_LINE.exec(text.slice(last.start, last.end)) : null;
  if (last && !citation && whole) {
    citation = lineCitation(text, last.start + text.slice(last.start, last.end).indexOf(whole[1]), whole[1], unescape);
    body.pop();
    while (body.length > 0 && text.slice(body[body.length - 1].start, body[body.length - 1].end).trim() === '') body.pop();
  } else if (last && !citation) {
    const lastText = text.slice(last.start, last.end);
    const dash = ATTRIBUTION.exec(lastText);
    const trailing = TRAILING_CITATION.exec(lastText);
    if (dash && body.length > 1) {
      citation = citationOfLine(text, last.start + dash[0].length, last.end, unescape);
      body.pop();
      while (body.length > 0 && text.slice(body[body.length - 1].start, body[body.length - 1].end).trim() === '') body.pop();
    } else if (trailing) {
      const cStart = last.start + trailing.index + trailing[0].indexOf(trailing[2]);
      citation = bracketCitation(text, cStart, cStart + trailing[2].length, unescape);
      body[body.length - 1] = { start: last.start, end: cStart - trailing[1].length };
    }
  }
  if (!citation) {
    let j = end;
    if (j < lines.length && text.slice(lines[j].start, lines[j].end).trim() === '') j++;
    const l = lines[j];
    if (l) {
      const t = text.slice(l.start, l.end);
      const dash = ATTRIBUTION.exec(t);
      const pandoc = PANDOC_LINE.exec(t);
      const alone = CITATION_LINE.exec(t);
      if (dash && !/^ {0,3}>/.test(t)) {
        citation = citationOfLine(text, l.start + dash[0].length, l.end, unescape);
        lastLine = j;
      } else if (alone) {
        citation = lineCitation(text, l.start + t.indexOf(alone[1]), alone[1], unescape);
        lastLine = j;
      } else if (pandoc) {
        const s = l.start + t.indexOf('[');
        citation = bracketCitation(text, s, l.start + t.lastIndexOf(']') + 1, unescape);
        lastLine = j;
      }
    }
  }
  if (body.length === 0) return { quotation: undefined, lastLine };
  const b = new MappedTextBuilder();
  body.forEach((r, k) => {
    if (k > 0) {
      const prevLineEnd = body[k - 1].end;
      b.push('\n', prevLineEnd, Math.max(prevLineEnd, r.start));
    }
    b.append(unescape(r.start, r.end));
  });
  const outer = { start: lines[first].start, end: lines[lastLine].end };
  return { quotation: makeQuotation('block', format, b.build(), outer, false, citation), lastLine };
}

/** An attribution line's citation: `[start, end)` is the text after the dash. */
function citationOfLine(text: string, start: number, end: number, unescape: (s: number, e: number) => MappedText): CitationRef {
  while (end > start && /\s/.test(text[end - 1])) end--;
  const t = unescape(start, end);
  return makeCitation(text, t, { start, end }, pandocKeys(t.text));
}

/** A citation in parentheses or square brackets at `[start, end)` (the brackets included). */
function bracketCitation(text: string, start: number, end: number, unescape: (s: number, e: number) => MappedText): CitationRef {
  const t = unescape(start + 1, end - 1);
  return makeCitation(text, t, { start: start + 1, end: end - 1 }, text[start] === '[' ? pandocKeys(t.text) : []);
}

/** A citation written alone at `start`: `(…)` or `^[…]` (`written` is its text). */
function lineCitation(text: string, start: number, written: string, unescape: (s: number, e: number) => MappedText): CitationRef {
  const s = written.startsWith('^') ? start + 1 : start;
  return bracketCitation(text, s, start + written.length, unescape);
}

/**
 * The citation right after an inline quotation's closing mark (same line or the next): a
 * parenthetical `(…)`, a Pandoc citation `[…@…]`, or an inline footnote `^[…]` (note styles).
 */
function citationAfter(text: string, close: number, unescape: (s: number, e: number) => MappedText): CitationRef | undefined {
  const m = /^[ \t]*(?:\r?\n[ \t]*)?(\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*@[^\]\n]*\]|\^\[[^\]\n]*\])/.exec(text.slice(close, close + 600));
  if (!m) return undefined;
  return lineCitation(text, close + m[0].length - m[1].length, m[1], unescape);
}

/** Column ranges `[a, b)` of the code spans of one line (backtick strings of equal length, CommonMark §6.1). */
function codeSpans(line: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /(?<!\\)`+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const ticks = m[0];
    const close = line.indexOf(ticks, m.index + ticks.length);
    if (close < 0) continue;
    let c = close;
    while (line[c + ticks.length] === '`') c = line.indexOf(ticks, c + ticks.length + 1);
    if (c < 0) continue;
    spans.push([m.index, c + ticks.length]);
    re.lastIndex = c + ticks.length;
  }
  return spans;
}

function copyRange(text: string, start: number, end: number): MappedText {
  const b = new MappedTextBuilder();
  b.copy(text, start, end);
  return b.build();
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** Characters {@link unescapeMarkdown} looks at; runs of others are copied at once. */
const MARKDOWN_SPECIAL = new Set([...'\\&*`_<'].map(c => c.charCodeAt(0)));

/**
 * Markdown inline text as rendered: backslash escapes of ASCII punctuation (CommonMark §2.4) give the
 * character (marked literal), a backslash before a line break is a line break, character references
 * are decoded, emphasis delimiters (`*`, and `_` at word edges), code span backticks and inline HTML
 * tags are dropped. Everything else is copied. Offsets map to the document.
 */
export function unescapeMarkdown(text: string, start: number, end: number): MappedText {
  const b = new MappedTextBuilder();
  const word = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (let i = start; i < end; i++) {
    let to = i;
    while (to < end && !MARKDOWN_SPECIAL.has(text.charCodeAt(to))) to++;
    if (to > i) {
      b.copy(text, i, to);
      i = to;
      if (i >= end) break;
    }
    const c = text[i];
    if (c === '\\' && i + 1 < end && ASCII_PUNCTUATION.test(text[i + 1])) {
      b.push(text[i + 1], i, i + 2, true);
      i++;
    } else if (c === '\\' && i + 1 < end && text[i + 1] === '\n') {
      b.push('\n', i, i + 2);
      i++;
    } else if (c === '&') {
      const e = entityAt(text, i);
      if (e && i + e.length <= end) {
        b.push(e.value, i, i + e.length, true);
        i += e.length - 1;
      } else b.copy(text, i, i + 1);
    } else if (c === '*' || c === '`') {
      continue;
    } else if (c === '_' && !(word(text[i - 1]) && word(text[i + 1]))) {
      continue;
    } else if (c === '<') {
      const tag = /^<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/.exec(text.slice(i, Math.min(end, i + 200)));
      if (tag) i += tag[0].length - 1;
      else b.copy(text, i, i + 1);
    } else {
      b.copy(text, i, i + 1);
    }
  }
  return b.build();
}
