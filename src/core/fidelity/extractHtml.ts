/**
 * Quotations of HTML documents. Offsets are UTF-16 offsets into the document, half-open `[start, end)`.
 *
 * Blocks: `<blockquote>` (nested ones belong to the outer one). Inline: `<q>` and `“…”` / `"…"` in
 * text (never inside tags, comments, `script` or `style`). Citations: the `<figcaption>` of the
 * `<figure>` holding the block quotation (the product's form and the HTML Living Standard's,
 * §4.4.4), a `<footer>` at the end of the block, the `cite` attribute's URL (as a key), or a
 * parenthetical right after an inline quotation.
 */
import {
  type CitationRef, entityAt, type FoundQuotation, makeCitation, makeQuotation, type Region, scanInlineMarks,
} from './syntax';
import { type MappedText, MappedTextBuilder } from './mapped';

/** Elements whose start or end is a paragraph break in the text. */
const BLOCK = /^(?:p|div|li|ul|ol|h[1-6]|blockquote|figure|figcaption|section|article|header|footer|table|tr|td|th|pre|hr|dl|dt|dd|main|aside|nav|br)$/i;

interface Tag {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly closing: boolean;
}

/** The markup of the document: tags, and comments / `script` / `style` as skipped ranges. */
function scan(text: string): { tags: Tag[]; skipped: [number, number][] } {
  const tags: Tag[] = [];
  const skipped: [number, number][] = [];
  const re = /<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].startsWith('<!--')) {
      skipped.push([m.index, m.index + m[0].length]);
      continue;
    }
    const name = m[2].toLowerCase();
    const tag = { start: m.index, end: m.index + m[0].length, name, closing: m[1] === '/' };
    tags.push(tag);
    if (!tag.closing && (name === 'script' || name === 'style')) {
      const close = text.toLowerCase().indexOf(`</${name}`, tag.end);
      const to = close < 0 ? text.length : close;
      skipped.push([tag.end, to]);
      re.lastIndex = to;
    }
  }
  return { tags, skipped };
}

/** The value of attribute `name` in the tag text, or undefined. */
function attribute(tagText: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tagText);
  return m ? decode(m[1] ?? m[2] ?? m[3]) : undefined;
}

function decode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const e = s[i] === '&' ? entityAt(s, i) : undefined;
    if (e) {
      out += e.value;
      i += e.length - 1;
    } else out += s[i];
  }
  return out;
}

/** The quotations of an HTML document. Never throws. */
export function extractHtml(text: string): FoundQuotation[] {
  const { tags, skipped } = scan(text);
  const out: FoundQuotation[] = [];
  const blocks: [number, number][] = [];
  // Block quotations: the outermost <blockquote> … </blockquote>.
  for (let t = 0; t < tags.length; t++) {
    const open = tags[t];
    if (open.closing || open.name !== 'blockquote') continue;
    let depth = 1;
    let u = t + 1;
    for (; u < tags.length; u++) {
      if (tags[u].name !== 'blockquote') continue;
      depth += tags[u].closing ? -1 : 1;
      if (depth === 0) break;
    }
    if (u >= tags.length) break;
    const close = tags[u];
    let contentEnd = close.start;
    let citation: CitationRef | undefined;
    const url = attribute(text.slice(open.start, open.end), 'cite');
    // A <footer> closing the block holds its attribution.
    const fEnd = tags[u - 1];
    if (u - 1 > t && fEnd.closing && fEnd.name === 'footer' && text.slice(fEnd.end, close.start).trim() === '') {
      let f = u - 2;
      while (f > t && !(tags[f].name === 'footer' && !tags[f].closing)) f--;
      if (f > t) {
        citation = htmlCitation(text, tags[f].end, fEnd.start, tags, url);
        contentEnd = tags[f].start;
      }
    }
    let outerEnd = close.end;
    if (!citation) {
      const next = tags[u + 1];
      if (next && !next.closing && next.name === 'figcaption' && text.slice(close.end, next.start).trim() === '') {
        let c = u + 2;
        while (c < tags.length && !(tags[c].closing && tags[c].name === 'figcaption')) c++;
        const capEnd = tags[c];
        if (capEnd) {
          citation = htmlCitation(text, next.end, capEnd.start, tags, url);
          outerEnd = capEnd.end;
        }
      }
    }
    if (!citation && url) citation = makeCitation(text, new MappedTextBuilder().build(), { start: open.start, end: open.end }, [url]);
    const content = htmlText(text, open.end, contentEnd, tags, skipped);
    const q = makeQuotation('block', 'html', content, { start: open.start, end: outerEnd }, false, citation);
    if (q) out.push(q);
    blocks.push([open.start, outerEnd]);
    t = u;
  }
  // <q> elements outside blocks (both lists are in document order).
  let block = 0;
  for (let t = 0; t < tags.length; t++) {
    const open = tags[t];
    if (open.closing || open.name !== 'q') continue;
    while (block < blocks.length && blocks[block][1] <= open.start) block++;
    if (block < blocks.length && blocks[block][0] <= open.start) continue;
    let c = t + 1;
    while (c < tags.length && !(tags[c].closing && tags[c].name === 'q')) c++;
    const close = tags[c];
    if (!close) continue;
    const url = attribute(text.slice(open.start, open.end), 'cite');
    const citation = citationAfter(text, close.end, tags) ?? (url ? makeCitation(text, new MappedTextBuilder().build(), { start: open.start, end: open.end }, [url]) : undefined);
    const q = makeQuotation('inline', 'html', htmlText(text, open.end, close.start, tags, skipped), { start: open.start, end: close.end }, true, citation);
    if (q) out.push(q);
  }

  // “…” and "…" in text outside blocks, tags and skipped ranges.
  const regions: Region[] = [];
  const cuts = [...tags.map(x => ({ start: x.start, end: x.end, block: BLOCK.test(x.name) || x.name === 'q' })),
    ...skipped.map(([a, b]) => ({ start: a, end: b, block: true })),
    ...blocks.map(([a, b]) => ({ start: a, end: b, block: true }))].sort((a, b) => a.start - b.start);
  let at = 0;
  let breakNext = true;
  for (const c of cuts) {
    if (c.end <= at) continue;
    if (c.start > at) regions.push({ start: at, end: c.start, breakBefore: breakNext });
    breakNext = c.block;
    at = Math.max(at, c.end);
  }
  if (at < text.length) regions.push({ start: at, end: text.length, breakBefore: breakNext });
  for (const p of scanInlineMarks(text, regions, { straight: true, tex: false })) {
    const citation = citationAfter(text, p.close, tags);
    const q = makeQuotation('inline', 'html', htmlText(text, p.contentStart, p.contentEnd, tags, skipped), { start: p.open, end: p.close }, true, citation);
    if (q) out.push(q);
  }
  return out;
}

/** A citation from the HTML at `[start, end)`, with the block's `cite` URL as a key. */
function htmlCitation(text: string, start: number, end: number, tags: readonly Tag[], url: string | undefined): CitationRef {
  const t = htmlText(text, start, end, tags, []);
  let s = 0;
  while (s < t.text.length && /[\s—―–-]/.test(t.text[s])) s++;
  const body = t.slice(s, t.text.length);
  const range = body.text.length > 0 ? body.toDocumentRange(0, body.text.length) : { start, end };
  return makeCitation(text, body, range, url ? [url] : []);
}

/** The parenthetical right after an inline quotation that closes at `close`. */
function citationAfter(text: string, close: number, tags: readonly Tag[]): CitationRef | undefined {
  const m = /^[ \t]*(?:\r?\n[ \t]*)?\(/.exec(text.slice(close, close + 100));
  if (!m) return undefined;
  const open = close + m[0].length - 1;
  let depth = 0;
  for (let j = open; j < Math.min(text.length, open + 800); j++) {
    if (text[j] === '<' && /^<\/?(?:p|div|li|blockquote|figure)\b/i.test(text.slice(j, j + 12))) return undefined;
    if (text[j] === '(') depth++;
    else if (text[j] === ')' && --depth === 0) return htmlCitation(text, open + 1, j, tags, undefined);
  }
  return undefined;
}

/**
 * The text of the HTML in `[start, end)` as rendered for comparison: tags removed (block elements
 * and `<br>` become line breaks, `<q>` becomes `“…”`), character references decoded (marked
 * literal), comments and skipped ranges dropped. White space is kept as written.
 */
function htmlText(text: string, start: number, end: number, tags: readonly Tag[], skipped: readonly [number, number][]): MappedText {
  const b = new MappedTextBuilder();
  let k = firstEndingAfter(tags, start);
  let sk = skipped.findIndex(([, z]) => z > start);
  if (sk < 0) sk = skipped.length;
  let i = start;
  while (i < end) {
    while (k < tags.length && tags[k].end <= i) k++;
    while (sk < skipped.length && skipped[sk][1] <= i) sk++;
    const tag = k < tags.length && tags[k].start <= i ? tags[k] : undefined;
    if (tag) {
      if (tag.name === 'q') b.push(tag.closing ? '”' : '“', tag.start, tag.end);
      else if (BLOCK.test(tag.name)) b.push(tag.name === 'br' ? '\n' : '\n\n', tag.start, tag.end);
      i = Math.min(end, tag.end);
      k++;
      continue;
    }
    if (sk < skipped.length && skipped[sk][0] <= i) {
      i = skipped[sk][1];
      continue;
    }
    if (text[i] === '&') {
      const e = entityAt(text, i);
      if (e && i + e.length <= end) {
        b.push(e.value, i, i + e.length, true);
        i += e.length;
        continue;
      }
    }
    // A run of plain text up to the next tag, skipped range or character reference.
    let to = Math.min(end, k < tags.length ? tags[k].start : end, sk < skipped.length ? skipped[sk][0] : end);
    const amp = text.indexOf('&', i + 1);
    if (amp >= 0 && amp < to) to = amp;
    b.copy(text, i, Math.max(i + 1, to));
    i = Math.max(i + 1, to);
  }
  return b.build();
}

/** Index of the first tag ending after `offset` (tags are sorted and do not overlap), or `tags.length`. */
function firstEndingAfter(tags: readonly Tag[], offset: number): number {
  let lo = 0;
  let hi = tags.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tags[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
