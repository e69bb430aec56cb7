/**
 * Quotations of LaTeX documents. Offsets are UTF-16 offsets into the document, half-open `[start, end)`.
 *
 * Blocks: the `quote`, `quotation` and csquotes `displayquote` environments, csquotes
 * `\blockquote[cite][punct]{text}` and `\blockcquote[pre][post]{key}{text}`. Inline: csquotes
 * `\enquote{…}`, `\textquote[cite]{…}`, `\textcquote[pre][post]{key}{…}`, TeX's ``` ``…'' ``` and
 * UTF-8 `“…”`. Comments, `verbatim`-like environments and `\verb` are skipped.
 *
 * Citations: a block's last line when it starts with `\par`, `\hfill` or a dash (`\par\hfill — Title,
 * para.~2`, the product's form), a `\cite`-family command at the end of a block or right after an
 * inline quotation (`\cite[para.~6]{key}`: the postnote is the locator), csquotes' citation argument,
 * or a parenthetical right after an inline quotation.
 */
import {
  type CitationRef, type FoundQuotation, makeCitation, makeQuotation, type Region, scanInlineMarks,
} from './syntax';
import { type MappedText, MappedTextBuilder } from './mapped';

const QUOTE_ENVIRONMENTS = new Set(['quote', 'quotation', 'displayquote']);
const SKIPPED_ENVIRONMENTS = new Set(['verbatim', 'verbatim*', 'lstlisting', 'minted', 'comment', 'Verbatim', 'alltt']);
const CSQUOTES = new Set(['blockquote', 'textquote', 'enquote', 'textcquote', 'blockcquote']);
const CITE = /^[a-zA-Z]*cite[a-zA-Z]*$/;

/**
 * The end of the group opened at `text[i]` (`{` or `[`; index after its closer), or -1. Braces
 * nest, and so do brackets inside an optional argument (`[\cite[para.~6]{key}]`, as xparse and
 * csquotes read it); `\x` is skipped, and so are comments.
 */
function groupEnd(text: string, i: number, limit = text.length): number {
  const bracket = text[i] === '[';
  let braces = 0;
  let brackets = 0;
  for (let j = i + 1; j < limit; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '%') {
      const nl = text.indexOf('\n', j);
      if (nl < 0) return -1;
      j = nl;
    } else if (c === '{') braces++;
    else if (c === '}') {
      if (braces === 0) return bracket ? -1 : j + 1;
      braces--;
    } else if (bracket && braces === 0 && c === '[') brackets++;
    else if (bracket && braces === 0 && c === ']') {
      if (brackets === 0) return j + 1;
      brackets--;
    }
  }
  return -1;
}

/** Index of the first character at or after `i` that is not a space, tab or single line break. */
function skipSpace(text: string, i: number): number {
  let nl = false;
  while (i < text.length && /[ \t\r\n]/.test(text[i])) {
    if (text[i] === '\n') {
      if (nl) return i;
      nl = true;
    }
    i++;
  }
  return i;
}

/** The arguments after a command name ending at `i`: up to `optional` `[…]` then `mandatory` `{…}` (inner ranges). */
function args(text: string, i: number, optional: number, mandatory: number): { opt: [number, number][]; req: [number, number][]; end: number } | undefined {
  const opt: [number, number][] = [];
  const req: [number, number][] = [];
  let j = i;
  for (let k = 0; k < optional; k++) {
    const s = skipSpace(text, j);
    if (text[s] !== '[') break;
    const e = groupEnd(text, s);
    if (e < 0) return undefined;
    opt.push([s + 1, e - 1]);
    j = e;
  }
  for (let k = 0; k < mandatory; k++) {
    const s = skipSpace(text, j);
    if (text[s] !== '{') return undefined;
    const e = groupEnd(text, s);
    if (e < 0) return undefined;
    req.push([s + 1, e - 1]);
    j = e;
  }
  return { opt, req, end: j };
}

/** Keys of every `\…cite…{keys}` command in `[start, end)`. */
function citeKeys(text: string, start: number, end: number): string[] {
  const keys: string[] = [];
  for (const m of text.slice(start, end).matchAll(/\\[a-zA-Z]*cite[a-zA-Z]*\*?(?:\s*\[[^\]]*\]){0,2}\s*\{([^}]*)\}/g)) {
    keys.push(...m[1].split(',').map(k => k.trim()).filter(k => k !== ''));
  }
  return keys;
}

/** A citation from the LaTeX text at `[start, end)`: cite commands show their postnote; keys gathered. */
function latexCitation(text: string, start: number, end: number, extraKeys: readonly string[] = []): CitationRef {
  return makeCitation(text, unescapeLatex(text, start, end, true), { start, end }, [...extraKeys, ...citeKeys(text, start, end)]);
}

/** A `\cite`-family command at `i` (its backslash): the citation, or undefined. */
function citeCommandAt(text: string, i: number): CitationRef | undefined {
  const m = /^\\([a-zA-Z]+)\*?/.exec(text.slice(i, i + 40));
  if (!m || !CITE.test(m[1])) return undefined;
  const a = args(text, i + m[0].length, 2, 1);
  if (!a) return undefined;
  const post = a.opt[a.opt.length - 1];
  const keys = text.slice(a.req[0][0], a.req[0][1]).split(',').map(k => k.trim()).filter(k => k !== '');
  const mapped = post ? unescapeLatex(text, post[0], post[1], true) : new MappedTextBuilder().build();
  return makeCitation(text, mapped, { start: i, end: a.end }, keys);
}

/** A `\footnote{…}` at `i` (its backslash) as a citation (note styles), or undefined. */
function footnoteAt(text: string, i: number): { citation: CitationRef; end: number } | undefined {
  if (!text.startsWith('\\footnote', i) || /[a-zA-Z]/.test(text[i + 9] ?? '')) return undefined;
  const a = args(text, i + 9, 1, 1);
  if (!a) return undefined;
  return { citation: latexCitation(text, a.req[0][0], a.req[0][1]), end: a.end };
}

/** The citation right after an inline quotation closing at `close`: a `\cite` command (after an optional tie), a `\footnote`, or a parenthetical. */
function citationAfter(text: string, close: number): CitationRef | undefined {
  const m = /^[ \t]*(?:\r?\n[ \t]*)?~?/.exec(text.slice(close, close + 100)) as RegExpExecArray;
  const at = close + m[0].length;
  if (text[at] === '\\') return footnoteAt(text, at)?.citation ?? citeCommandAt(text, at);
  if (text[at] === '(') {
    let depth = 0;
    for (let j = at; j < Math.min(text.length, at + 600); j++) {
      if (text[j] === '\n' && /^\n[ \t]*\r?\n/.test(text.slice(j, j + 40))) return undefined;
      if (text[j] === '(') depth++;
      else if (text[j] === ')' && --depth === 0) return latexCitation(text, at + 1, j);
    }
  }
  return undefined;
}

const ATTRIBUTION = /^[ \t]*(?:(?:\\par\b|\\hfill\b|\\raggedleft\b|\\flushright\b|\\noindent\b|\\\\)[ \t]*)*(?:—|―|–|---?|\\textemdash\b(?:\{\})?)?[ \t]*/;
const TRAILING_CITE = /(\\[a-zA-Z]*cite[a-zA-Z]*\*?(?:\s*\[[^\]]*\]){0,2}\s*\{[^}]*\})\s*$/;
const TRAILING_PAREN = /[.!?…]["”’')]?([ \t]+)(\((?:[^()]|\([^()]*\))*\))[ \t]*$/;

/** A block's content `[cs, ce)` split into quoted text and the citation inside it, if any. */
function splitBlock(text: string, cs: number, ce: number): { end: number; citation?: CitationRef } {
  let e = ce;
  while (e > cs && /\s/.test(text[e - 1])) e--;
  const lineStart = text.lastIndexOf('\n', e - 1) + 1;
  if (lineStart > cs) {
    const line = text.slice(lineStart, e);
    const a = ATTRIBUTION.exec(line) as RegExpExecArray;
    if (a[0].trim() !== '' && a[0].length < line.length) return { end: lineStart, citation: latexCitation(text, lineStart + a[0].length, e) };
  }
  const body = text.slice(cs, e);
  const note = body.lastIndexOf('\\footnote');
  const footnote = note >= 0 ? footnoteAt(text, cs + note) : undefined;
  if (footnote && footnote.end === e) return { end: cs + note, citation: footnote.citation };
  const cite = TRAILING_CITE.exec(body);
  if (cite) return { end: cs + cite.index, citation: citeCommandAt(text, cs + cite.index) };
  const paren = TRAILING_PAREN.exec(body);
  if (paren) {
    const ps = cs + paren.index + paren[0].indexOf(paren[2]);
    return { end: ps - paren[1].length, citation: latexCitation(text, ps + 1, ps + paren[2].length - 1) };
  }
  return { end: ce };
}

/** The quotations of a LaTeX document. Never throws. */
export function extractLatex(text: string): FoundQuotation[] {
  const out: FoundQuotation[] = [];
  const regions: Region[] = [];
  let regionStart = 0;
  let breakNext = true;
  const cut = (at: number, resume: number, breakAfter: boolean): void => {
    if (at > regionStart) regions.push({ start: regionStart, end: at, breakBefore: breakNext });
    breakNext = breakAfter;
    regionStart = resume;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '%') {
      const nl = text.indexOf('\n', i);
      const to = nl < 0 ? text.length : nl;
      cut(i, to, false);
      i = to;
      continue;
    }
    if (c !== '\\') {
      i++;
      continue;
    }
    const m = /^\\([a-zA-Z]+)(\*?)/.exec(text.slice(i, i + 40));
    if (!m) {
      i += 2;
      continue;
    }
    const name = m[1];
    const after = i + m[0].length;
    if (name === 'verb') {
      const d = text[after];
      const close = d ? text.indexOf(d, after + 1) : -1;
      const to = close < 0 ? after : close + 1;
      cut(i, to, false);
      i = to;
      continue;
    }
    if (name === 'begin') {
      const env = /^\{([a-zA-Z]+\*?)\}/.exec(text.slice(after, after + 40));
      if (env && (QUOTE_ENVIRONMENTS.has(env[1]) || SKIPPED_ENVIRONMENTS.has(env[1]))) {
        const endTag = `\\end{${env[1]}}`;
        const endAt = text.indexOf(endTag, after);
        const blockEnd = endAt < 0 ? text.length : endAt + endTag.length;
        cut(i, blockEnd, true);
        if (QUOTE_ENVIRONMENTS.has(env[1]) && endAt >= 0) {
          let cs = after + env[0].length;
          let citation: CitationRef | undefined;
          if (env[1] === 'displayquote') {
            const a = args(text, cs, 2, 0);
            if (a) {
              if (a.opt[0] && a.opt[0][1] > a.opt[0][0]) citation = latexCitation(text, a.opt[0][0], a.opt[0][1]);
              cs = a.end;
            }
          }
          const split = splitBlock(text, cs, endAt);
          citation ??= split.citation;
          const q = makeQuotation('block', 'latex', unescapeLatex(text, cs, split.end), { start: i, end: blockEnd }, false, citation);
          if (q) out.push(q);
        }
        i = blockEnd;
        continue;
      }
    }
    if (CSQUOTES.has(name)) {
      const cited = name === 'textcquote' || name === 'blockcquote';
      const a = cited ? args(text, after, 2, 2) : args(text, after, name === 'enquote' ? 0 : 2, 1);
      if (a) {
        const block = name.startsWith('block');
        cut(i, a.end, block);
        const [cs, ce] = a.req[a.req.length - 1];
        let citation: CitationRef | undefined;
        if (cited) {
          const post = a.opt[a.opt.length - 1];
          const keys = text.slice(a.req[0][0], a.req[0][1]).split(',').map(k => k.trim()).filter(k => k !== '');
          citation = post ? latexCitation(text, post[0], post[1], keys)
            : makeCitation(text, new MappedTextBuilder().build(), { start: a.req[0][0], end: a.req[0][1] }, keys);
        } else if (a.opt[0] && a.opt[0][1] > a.opt[0][0]) {
          citation = latexCitation(text, a.opt[0][0], a.opt[0][1]);
        }
        let content = { start: cs, end: ce };
        if (!citation && block) {
          const split = splitBlock(text, cs, ce);
          citation = split.citation;
          content = { start: cs, end: split.end };
        }
        citation ??= block ? undefined : citationAfter(text, a.end);
        const q = makeQuotation(block ? 'block' : 'inline', 'latex', unescapeLatex(text, content.start, content.end), { start: i, end: a.end }, !block, citation);
        if (q) out.push(q);
        i = a.end;
        continue;
      }
    }
    i = after;
  }
  cut(text.length, text.length, false);

  for (const p of scanInlineMarks(text, regions, { straight: false, tex: true })) {
    const citation = citationAfter(text, p.close);
    const q = makeQuotation('inline', 'latex', unescapeLatex(text, p.contentStart, p.contentEnd), { start: p.open, end: p.close }, true, citation);
    if (q) out.push(q);
  }
  return out;
}

/** Characters {@link unescapeLatex} looks at; runs of others are copied at once. */
const LATEX_SPECIAL = new Set([..."%{}~-`'\\"].map(c => c.charCodeAt(0)));

/** Text commands and the characters they print (LaTeX kernel, textcomp, csquotes). */
const SYMBOLS: Readonly<Record<string, string>> = {
  textbackslash: '\\', textasciitilde: '~', textasciicircum: '^', textasciigrave: '`', textquotedbl: '"',
  textless: '<', textgreater: '>', textbar: '|', textbraceleft: '{', textbraceright: '}', textunderscore: '_',
  textdollar: '$', textemdash: '—', textendash: '–', ldots: '…', dots: '…', textellipsis: '…',
  textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“', textquotedblright: '”', textquotesingle: "'",
  S: '§', P: '¶', textsection: '§', textparagraph: '¶', ss: 'ß', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', o: 'ø', O: 'Ø',
  aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', i: 'ı', copyright: '©', textregistered: '®', texttrademark: '™', textdegree: '°',
  guillemotleft: '«', guillemotright: '»', textbullet: '•', textperiodcentered: '·', quad: ' ', qquad: ' ',
  enskip: ' ', space: ' ', newline: '\n', linebreak: '\n', par: '\n\n',
};
/** Commands printing nothing in a quotation's text. */
const SILENT = new Set(['hfill', 'noindent', 'indent', 'relax', 'nobreak', 'allowbreak', 'centering', 'raggedright', 'raggedleft', 'normalfont', 'itshape', 'bfseries', 'em', 'it', 'bf', 'sc', 'upshape', 'small', 'footnotesize', 'large', 'Large']);
/** Commands dropped with their arguments: [optional, mandatory] argument counts. */
const DROPPED: Readonly<Record<string, [number, number]>> = {
  footnote: [1, 1], footnotemark: [1, 0], label: [0, 1], ref: [0, 1], pageref: [0, 1], eqref: [0, 1], index: [0, 1],
  hspace: [0, 1], vspace: [0, 1], nocite: [0, 1], marginpar: [1, 1], hypertarget: [0, 1],
};
const ACCENTS: Readonly<Record<string, string>> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  c: '\u0327', v: '\u030c', u: '\u0306', H: '\u030b', k: '\u0328', r: '\u030a', d: '\u0323', b: '\u0331',
};

/**
 * LaTeX text as typeset: the escapes `\% \& \$ \_ \# \{ \}` and the text commands of {@link SYMBOLS}
 * (what `escapeLatex` writes among them) give their character (marked literal); braces, comments
 * and formatting commands (`\emph`, `\textit`, …) disappear with their text kept; accents compose
 * (`\'e` → `é`); `~` is a space; `--` and `---` are `–` and `—`; ``` `` ``` and `''` are `“` and `”`,
 * `` ` `` and `'` are `‘` and `’`; `\enquote{…}` is `“…”`; `\\` is a line break. `\cite`-family
 * commands print nothing, or with `citations` their postnote. Offsets map to the document.
 */
export function unescapeLatex(text: string, start: number, end: number, citations = false): MappedText {
  const b = new MappedTextBuilder();
  const emitRange = (s: number, e: number): void => b.append(unescapeLatex(text, s, e, citations));
  let i = start;
  while (i < end) {
    let to = i;
    while (to < end && !LATEX_SPECIAL.has(text.charCodeAt(to))) to++;
    if (to > i) {
      b.copy(text, i, to);
      i = to;
      continue;
    }
    const c = text[i];
    if (c === '%') {
      const nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= end) break;
      let j = nl + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      i = j;
    } else if (c === '{' || c === '}') {
      i++;
    } else if (c === '~') {
      b.push(' ', i, i + 1);
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      const n = text[i + 2] === '-' ? 3 : 2;
      b.push(n === 3 ? '—' : '–', i, i + n);
      i += n;
    } else if (c === '`' || c === "'") {
      const twice = text[i + 1] === c;
      b.push(c === '`' ? (twice ? '“' : '‘') : (twice ? '”' : '’'), i, i + (twice ? 2 : 1));
      i += twice ? 2 : 1;
    } else if (c === '\\') {
      i = command(i);
    } else {
      b.copy(text, i, i + 1);
      i++;
    }
  }
  return b.build();

  /** Handles the command at `i`; returns the index after it. */
  function command(i: number): number {
    const n = text[i + 1];
    if (n === undefined || i + 1 >= end) {
      b.copy(text, i, i + 1);
      return i + 1;
    }
    if ('%&$_#{}'.includes(n)) {
      b.push(n, i, i + 2, true);
      return i + 2;
    }
    if (n === '\\') {
      const m = /^\\\\\*?(?:\[[^\]]*\])?/.exec(text.slice(i, end)) as RegExpExecArray;
      b.push('\n', i, i + m[0].length);
      return i + m[0].length;
    }
    if (n === ' ' || n === '\n' || n === ',' || n === ';' || n === ':' || n === '>') {
      b.push(' ', i, i + 2);
      return i + 2;
    }
    if (n === '!' || n === '@' || n === '/' || n === '-') return i + 2;
    if (ACCENTS[n] !== undefined && !/[a-zA-Z]/.test(n)) return accent(i, i + 2, ACCENTS[n]);
    const m = /^[a-zA-Z]+/.exec(text.slice(i + 1, Math.min(end, i + 41)));
    if (!m) {
      b.copy(text, i + 1, i + 2);
      return i + 2;
    }
    const name = m[0];
    let j = i + 1 + name.length;
    if (text[j] === '*') j++;
    if (name.length === 1 && ACCENTS[name] !== undefined && (text[j] === '{' || text[j] === ' ')) return accent(i, j, ACCENTS[name]);
    const symbol = SYMBOLS[name];
    if (symbol !== undefined) {
      const k = text.startsWith('{}', j) ? j + 2 : skipBlanks(j);
      b.push(symbol, i, text.startsWith('{}', j) ? j + 2 : j, true);
      return k;
    }
    if (CITE.test(name)) {
      const a = args(text, j, 2, 1);
      if (!a || a.end > end) return j;
      const post = a.opt[a.opt.length - 1];
      if (citations && post) emitRange(post[0], post[1]);
      return a.end;
    }
    const dropped = DROPPED[name];
    if (dropped) {
      const a = args(text, j, dropped[0], dropped[1]);
      return a && a.end <= end ? a.end : j;
    }
    if (name === 'enquote' || name === 'textquote') {
      const a = args(text, j, name === 'enquote' ? 0 : 2, 1);
      if (a && a.end <= end) {
        const [cs, ce] = a.req[0];
        b.push('“', i, cs);
        emitRange(cs, ce);
        b.push('”', ce, a.end);
        return a.end;
      }
      return j;
    }
    if (name === 'foreignlanguage') {
      const a = args(text, j, 1, 1);
      return a && a.end <= end ? a.end : j;
    }
    if (SILENT.has(name)) return skipBlanks(j);
    // Formatting and unknown commands: the name goes, the text of their arguments stays.
    return text[j] === '{' ? j : skipBlanks(j);
  }

  function skipBlanks(j: number): number {
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    return j;
  }

  /** An accent command ending at `j` over the next letter or `{letter}`; pushes the composed character. */
  function accent(i: number, j: number, mark: string): number {
    let k = j;
    while (k < end && text[k] === ' ') k++;
    let base: string | undefined;
    let after = k;
    if (text[k] === '{') {
      const e = groupEnd(text, k, end);
      if (e > 0) {
        base = text.slice(k + 1, e - 1).replace(/^\\([ij])$/, (_, x: string) => x);
        after = e;
      }
    } else if (k < end && /[a-zA-Z]/.test(text[k])) {
      base = text[k];
      after = k + 1;
    }
    if (base === undefined || base.length !== 1) {
      b.push(mark, i, j);
      return j;
    }
    b.push((base + mark).normalize('NFC'), i, after);
    return after;
  }
}
