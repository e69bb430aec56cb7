/**
 * Text derived from a document (a quotation with its block markers and the format's escapes
 * removed, a citation with its markup removed) that remembers, for each of its UTF-16 code units,
 * the document range that produced it. Ranges are UTF-16 code-unit offsets into the document,
 * half-open `[start, end)`; STYLE.md "Text and offsets": the document is never changed to make
 * matching easy, hits are mapped back.
 */
import type { TextRange } from '../types';

/** Derived text plus, per code unit, the document range it came from. Immutable. */
export class MappedText {
  /**
   * @param text the derived text.
   * @param starts `starts[i]`: document offset where the markup that produced `text[i]` starts.
   * @param ends `ends[i]`: document offset where it ends (exclusive). `\%` → `%` maps to the two units of `\%`.
   * @param literal `literal[i]` is 1 when `text[i]` came from an escape (`\[` in Markdown), so it is
   *   source text and never an editorial mark.
   */
  constructor(
    readonly text: string,
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    readonly literal: Uint8Array,
  ) {}

  /**
   * The document range of `text.slice(start, end)`: from the start of the first unit to the end of
   * the last. An empty range maps to an empty range at the document position of `start` (at the
   * end of the last unit when `start === text.length`; `0` for an empty text). Offsets are clamped.
   */
  toDocumentRange(start: number, end: number): TextRange {
    const n = this.text.length;
    start = Math.max(0, Math.min(start, n));
    end = Math.max(start, Math.min(end, n));
    if (start === end) {
      const at = start < n ? this.starts[start] : n > 0 ? this.ends[n - 1] : 0;
      return { start: at, end: at };
    }
    return { start: this.starts[start], end: Math.max(this.starts[start], this.ends[end - 1]) };
  }

  /** `text.slice(start, end)` with its map. */
  slice(start: number, end: number): MappedText {
    return new MappedText(this.text.slice(start, end), this.starts.slice(start, end), this.ends.slice(start, end), this.literal.slice(start, end));
  }

  /** This text with every document offset moved by `delta` (for a quotation that moved in the document). */
  shifted(delta: number): MappedText {
    if (delta === 0) return this;
    return new MappedText(this.text, this.starts.map(x => x + delta), this.ends.map(x => x + delta), this.literal);
  }
}

/** Builds a {@link MappedText} piece by piece. */
export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private starts: Int32Array;
  private ends: Int32Array;
  private literal: Uint8Array;
  private n = 0;

  /** @param capacity units expected (the arrays grow past it as needed). */
  constructor(capacity = 16) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.literal = new Uint8Array(capacity);
  }

  /** Units written so far. */
  get length(): number {
    return this.n;
  }

  /** The last unit written, or `''`. */
  get last(): string {
    const p = this.parts[this.parts.length - 1];
    return p === undefined ? '' : p[p.length - 1];
  }

  /** Appends `s`, every unit of which was produced by the document range `[start, end)`. */
  push(s: string, start: number, end: number, literal = false): void {
    this.reserve(s.length);
    for (let k = 0; k < s.length; k++) {
      this.starts[this.n] = start;
      this.ends[this.n] = end;
      this.literal[this.n] = literal ? 1 : 0;
      this.n++;
    }
    this.parts.push(s);
  }

  /** Appends `document.slice(start, end)` as it is, each unit mapped to itself. */
  copy(document: string, start: number, end: number): void {
    if (end <= start) return;
    this.reserve(end - start);
    for (let i = start; i < end; i++) {
      this.starts[this.n] = i;
      this.ends[this.n] = i + 1;
      this.literal[this.n] = 0;
      this.n++;
    }
    this.parts.push(document.slice(start, end));
  }

  /** Appends another mapped text with its map. */
  append(m: MappedText): void {
    const k = m.text.length;
    if (k === 0) return;
    this.reserve(k);
    this.starts.set(m.starts, this.n);
    this.ends.set(m.ends, this.n);
    this.literal.set(m.literal, this.n);
    this.n += k;
    this.parts.push(m.text);
  }

  build(): MappedText {
    return new MappedText(this.parts.join(''), this.starts.slice(0, this.n), this.ends.slice(0, this.n), this.literal.slice(0, this.n));
  }

  private reserve(extra: number): void {
    if (this.n + extra <= this.starts.length) return;
    const size = Math.max(this.starts.length * 2, this.n + extra);
    const grow32 = (a: Int32Array): Int32Array => { const b = new Int32Array(size); b.set(a.subarray(0, this.n)); return b; };
    this.starts = grow32(this.starts);
    this.ends = grow32(this.ends);
    const l = new Uint8Array(size);
    l.set(this.literal.subarray(0, this.n));
    this.literal = l;
  }
}

/** `t` without white space (the `\s` class: U+00A0 and line breaks too) at either end, its map kept. */
export function trimMapped(t: MappedText): MappedText {
  let s = 0;
  let e = t.text.length;
  while (s < e && /\s/.test(t.text[s])) s++;
  while (e > s && /\s/.test(t.text[e - 1])) e--;
  return s === 0 && e === t.text.length ? t : t.slice(s, e);
}
