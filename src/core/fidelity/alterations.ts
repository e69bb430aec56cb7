/**
 * The editorial marks of a quotation: the legitimate alterations a writer may make to quoted
 * text, following the Chicago Manual of Style (17th ed.) §13.7 (changed initial capital), §13.50
 * (ellipsis for omitted words), §13.59 ([sic]) and §13.60 (insertions and substitutions in
 * brackets). Offsets are UTF-16 offsets into the quotation's {@link MappedText.text}, half-open.
 */
import type { MappedText } from './mapped';

/** A part of the quotation taken from the source, trimmed of white space. */
export interface Fragment {
  readonly start: number;
  readonly end: number;
}

/**
 * An editorial mark between two fragments (or before the first, after the last):
 * `ellipsis` stands for omitted source text (`…`, `...`, `. . .`, `[…]`, `[...]`);
 * `insertion` replaces some source words or adds words (`[the region]`, `[T]he`);
 * `sic` stands for nothing (`[sic]`).
 */
export interface Mark {
  readonly kind: 'ellipsis' | 'insertion' | 'sic';
  readonly start: number;
  readonly end: number;
  /** True when it touches the fragment before it without white space (`emphasize[d]`). */
  readonly attachedBefore: boolean;
  /** True when it touches the fragment after it without white space (`[T]he`). */
  readonly attachedAfter: boolean;
}

/** Fragments and marks in text order: `marks[i]` lies between `fragments[i]` and `fragments[i + 1]`, see {@link splitAlterations}. */
export interface Alterations {
  readonly fragments: readonly Fragment[];
  /** Marks between fragments; `marks.length === fragments.length - 1`. */
  readonly marks: readonly Mark[];
  /** Marks before the first fragment and after the last (a leading `[…] `, a trailing ` […]`). */
  readonly leading: readonly Mark[];
  readonly trailing: readonly Mark[];
}

const MARKS = /\[\s*(?:…|\.\s?\.\s?\.)\s*\]|\[sic!?\]|\[[^[\]\n]{1,80}\]|…|\.{3,}|\.(?: \.){2}/giu;

/**
 * Splits a quotation's text at its editorial marks. A bracket that came from an escape
 * (`\[` in Markdown, see {@link MappedText.isLiteral}) is source text, not a mark. Fragments are
 * trimmed and never empty; consecutive marks merge into one (an ellipsis wins). Never throws.
 */
export function splitAlterations(text: MappedText): Alterations {
  const t = text.text;
  const found: Mark[] = [];
  for (const m of t.matchAll(MARKS)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0][0] === '[' && (text.isLiteral(start) || text.isLiteral(end - 1))) continue;
    const kind = m[0][0] === '[' ? (/^\[sic!?\]$/i.test(m[0]) ? 'sic' : /^\[\s*[….]/.test(m[0]) ? 'ellipsis' : 'insertion') : 'ellipsis';
    found.push({
      kind, start, end,
      attachedBefore: start > 0 && !/\s/.test(t[start - 1]),
      attachedAfter: end < t.length && !/\s/.test(t[end]),
    });
  }
  const fragments: Fragment[] = [];
  const marks: Mark[] = [];
  const leading: Mark[] = [];
  let pending: Mark | undefined;
  let at = 0;
  const flush = (end: number): void => {
    let s = at;
    let e = end;
    while (s < e && /\s/.test(t[s])) s++;
    while (e > s && /\s/.test(t[e - 1])) e--;
    if (s === e) return;
    if (fragments.length === 0) {
      if (pending) leading.push(pending);
    } else if (pending) marks.push(pending);
    else marks.push({ kind: 'insertion', start: fragments[fragments.length - 1].end, end: s, attachedBefore: false, attachedAfter: false });
    fragments.push({ start: s, end: e });
    pending = undefined;
  };
  for (const m of found) {
    flush(m.start);
    pending = pending === undefined ? m : merge(pending, m);
    at = m.end;
  }
  flush(t.length);
  return { fragments, marks, leading, trailing: pending ? [pending] : [] };
}

function merge(a: Mark, b: Mark): Mark {
  return {
    kind: a.kind === 'ellipsis' || b.kind === 'ellipsis' ? 'ellipsis' : a.kind === 'insertion' || b.kind === 'insertion' ? 'insertion' : 'sic',
    start: a.start, end: b.end, attachedBefore: a.attachedBefore, attachedAfter: b.attachedAfter,
  };
}
