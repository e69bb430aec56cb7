/**
 * Text derived from a document (a quotation with its block markers and the format's escapes
 * removed, a citation with its markup removed) that remembers, for each of its UTF-16 code units,
 * the document range that produced it. Ranges are UTF-16 code-unit offsets into the document,
 * half-open `[start, end)`; STYLE.md "Text and offsets": the document is never changed to make
 * matching easy, hits are mapped back.
 *
 * The map is kept as runs, not per unit: most derived text is document text copied as it is, and a
 * run of it costs one entry however long it is. The check runs on every keystroke, so this keeps
 * its allocations small.
 */
import type { TextRange } from '../types';

/** A run of derived text: units `[at, next run's at)`. */
interface Run {
  /** Offset in the derived text where the run starts. */
  readonly at: number;
  /** Document offset: of the run's first unit when `copied`, else where the markup behind every unit starts. */
  readonly start: number;
  /** For markup runs, where that markup ends (exclusive); unused for copied runs. */
  readonly end: number;
  /** Copied: unit `at + k` came from document unit `start + k`. Otherwise every unit came from `[start, end)`. */
  readonly copied: boolean;
  /** The units came from an escape (`\[` in Markdown): source text, never an editorial mark. */
  readonly literal: boolean;
}

/** Derived text plus, per code unit, the document range it came from. Immutable. */
export class MappedText {
  /** @param runs in text order, the first at 0 (none for an empty text). */
  private constructor(readonly text: string, private readonly runs: readonly Run[]) {}

  /** Builds a mapped text from runs; see {@link MappedTextBuilder}. */
  static of(text: string, runs: readonly Run[]): MappedText {
    return new MappedText(text, runs);
  }

  /** Index of the run holding unit `i` (`0 <= i < text.length`). */
  private runAt(i: number): number {
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runs[mid].at <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Document offset where the markup behind unit `i` starts. */
  startOf(i: number): number {
    const r = this.runs[this.runAt(i)];
    return r.copied ? r.start + (i - r.at) : r.start;
  }

  /** Document offset where the markup behind unit `i` ends (exclusive). */
  endOf(i: number): number {
    const r = this.runs[this.runAt(i)];
    return r.copied ? r.start + (i - r.at) + 1 : r.end;
  }

  /** Whether unit `i` came from an escape (`\[` in Markdown, `&#91;` in HTML), so it is source text and never an editorial mark. */
  isLiteral(i: number): boolean {
    return i >= 0 && i < this.text.length && this.runs[this.runAt(i)].literal;
  }

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
      const at = start < n ? this.startOf(start) : n > 0 ? this.endOf(n - 1) : 0;
      return { start: at, end: at };
    }
    const s = this.startOf(start);
    return { start: s, end: Math.max(s, this.endOf(end - 1)) };
  }

  /** `text.slice(start, end)` with its map. */
  slice(start: number, end: number): MappedText {
    const n = this.text.length;
    start = Math.max(0, Math.min(start, n));
    end = Math.max(start, Math.min(end, n));
    if (start === 0 && end === n) return this;
    const runs: Run[] = [];
    if (end > start) {
      for (let k = this.runAt(start); k < this.runs.length && this.runs[k].at < end; k++) {
        const r = this.runs[k];
        const from = Math.max(r.at, start);
        runs.push({ ...r, at: from - start, start: r.copied ? r.start + (from - r.at) : r.start });
      }
    }
    return new MappedText(this.text.slice(start, end), runs);
  }

  /** This text with every document offset moved by `delta` (for a quotation that moved in the document). */
  shifted(delta: number): MappedText {
    if (delta === 0) return this;
    return new MappedText(this.text, this.runs.map(r => ({ ...r, start: r.start + delta, end: r.end + delta })));
  }

  /** The runs, for {@link MappedTextBuilder.append}. */
  get parts(): readonly Run[] {
    return this.runs;
  }
}

/** Builds a {@link MappedText} piece by piece. */
export class MappedTextBuilder {
  private readonly texts: string[] = [];
  private readonly runs: Run[] = [];
  private n = 0;

  /** Units written so far. */
  get length(): number {
    return this.n;
  }

  /** Appends `s`, every unit of which was produced by the document range `[start, end)`. */
  push(s: string, start: number, end: number, literal = false): void {
    if (s.length === 0) return;
    this.runs.push({ at: this.n, start, end, copied: false, literal });
    this.texts.push(s);
    this.n += s.length;
  }

  /** Appends `document.slice(start, end)` as it is, each unit mapped to itself. */
  copy(document: string, start: number, end: number): void {
    if (end <= start) return;
    const last = this.runs[this.runs.length - 1];
    // A copy right after a copy of the text just before it extends that run.
    if (!(last && last.copied && !last.literal && last.start + (this.n - last.at) === start)) {
      this.runs.push({ at: this.n, start, end: start, copied: true, literal: false });
    }
    this.texts.push(document.slice(start, end));
    this.n += end - start;
  }

  /** Appends another mapped text with its map. */
  append(m: MappedText): void {
    if (m.text.length === 0) return;
    for (const r of m.parts) this.runs.push({ ...r, at: r.at + this.n });
    this.texts.push(m.text);
    this.n += m.text.length;
  }

  build(): MappedText {
    return MappedText.of(this.texts.join(''), this.runs);
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
