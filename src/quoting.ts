/**
 * Plans the edits that quote a passage at every selection of an editor: the insertion context of
 * each selection, one `buildQuotation` per selection, the replaced ranges widened by
 * `replaceBefore` / `replaceAfter`, and where each cursor goes afterwards.
 *
 * Pure (no `vscode` at run time): documents and selections come in through the narrow shapes
 * below, which `vscode.TextDocument` and `vscode.Selection` satisfy, so `test/unit/quoting.test.ts`
 * runs it in Node with hand-made fakes. Lines and characters are 0-based; characters count UTF-16
 * code units, as in `vscode.Position`.
 */
import { buildQuotation, type InsertionContext, type QuotationRequest } from './core/quote';

/** A position: 0-based line and UTF-16 character. */
export interface PositionLike {
  readonly line: number;
  readonly character: number;
}

/** A selection or range: `start` is at or before `end`. */
export interface RangeLike {
  readonly start: PositionLike;
  readonly end: PositionLike;
}

/** What the planner reads of a document (`vscode.TextDocument` fits). */
export interface LineSource {
  readonly lineCount: number;
  lineAt(line: number): { readonly text: string };
}

/** One replacement: `[start, end)` of the document becomes `text`. */
export interface PlannedEdit {
  readonly start: PositionLike;
  readonly end: PositionLike;
  readonly text: string;
  /** Offset in `text` (UTF-16) where the cursor goes afterwards. */
  readonly cursor: number;
}

/** The edits of a quotation at several selections, and the cursor positions after applying them all. */
export interface QuotationPlan {
  /** In document order, not overlapping: ready for one `TextEditorEdit`. */
  readonly edits: readonly PlannedEdit[];
  /** Where each selection's cursor is once every edit is applied, in the order of the selections. */
  readonly cursors: readonly PositionLike[];
}

/**
 * The insertion context of a selection: the text of its start line before it, of its end line
 * after it, and the whole lines above the start and below the end (undefined at the document's
 * first and last line).
 */
export function insertionContext(document: LineSource, selection: RangeLike): InsertionContext {
  const { start, end } = selection;
  const first = document.lineAt(start.line).text;
  const last = end.line === start.line ? first : document.lineAt(end.line).text;
  return {
    linePrefix: first.slice(0, start.character),
    lineSuffix: last.slice(end.character),
    previousLine: start.line > 0 ? document.lineAt(start.line - 1).text : undefined,
    nextLine: end.line + 1 < document.lineCount ? document.lineAt(end.line + 1).text : undefined,
  };
}

function compare(a: PositionLike, b: PositionLike): number {
  return a.line - b.line || a.character - b.character;
}

/**
 * Plans a quotation at each selection (an empty selection is a cursor): each replaces its
 * selection, widened by the quotation's `replaceBefore` / `replaceAfter` white space on the same
 * line. Widening never reaches into a neighbouring selection's range: where two would overlap, the
 * later one's start is moved to the earlier one's end. Selections that overlap each other are
 * merged into the first, as the editor merges them.
 *
 * @param request the quotation, without `context`: each selection's own context is used.
 * @throws RangeError from `buildQuotation` when the range is not a valid range of the body.
 */
export function planQuotation(
  document: LineSource,
  selections: readonly RangeLike[],
  request: Omit<QuotationRequest, 'context'>,
): QuotationPlan {
  // Document order, keeping each selection's index for the result.
  const order = selections.map((s, index) => ({ s, index })).sort((a, b) => compare(a.s.start, b.s.start) || a.index - b.index);
  const merged: { start: PositionLike; end: PositionLike; indexes: number[] }[] = [];
  for (const { s, index } of order) {
    const last = merged[merged.length - 1];
    if (last && compare(s.start, last.end) < 0) {
      if (compare(s.end, last.end) > 0) last.end = s.end;
      last.indexes.push(index);
    } else {
      merged.push({ start: s.start, end: s.end, indexes: [index] });
    }
  }
  const planned: PlannedEdit[] = [];
  let previousEnd: PositionLike | undefined;
  for (const m of merged) {
    const q = buildQuotation({ ...request, context: insertionContext(document, m) });
    let start: PositionLike = { line: m.start.line, character: m.start.character - q.replaceBefore };
    if (previousEnd && compare(start, previousEnd) < 0) start = previousEnd;
    const end: PositionLike = { line: m.end.line, character: m.end.character + q.replaceAfter };
    planned.push({ start, end, text: q.text, cursor: q.cursor });
    previousEnd = end;
  }
  const after = cursorsAfter(planned);
  const cursors: PositionLike[] = new Array(selections.length);
  merged.forEach((m, i) => {
    for (const index of m.indexes) cursors[index] = after[i];
  });
  return { edits: planned, cursors };
}

/**
 * Where the cursor of each edit lands once all are applied: `edits` sorted by start, not
 * overlapping; each cursor is at `edit.cursor` within its inserted text.
 */
export function cursorsAfter(edits: readonly PlannedEdit[]): PositionLike[] {
  const out: PositionLike[] = [];
  let lineDelta = 0;
  // The previous edit's original end and its end after the edit, to shift text on the same line.
  let oldEnd: PositionLike | undefined;
  let newEnd: PositionLike | undefined;
  for (const e of edits) {
    let line = e.start.line + lineDelta;
    let character = e.start.character;
    if (oldEnd && newEnd && oldEnd.line === e.start.line) {
      line = newEnd.line;
      character = newEnd.character + (e.start.character - oldEnd.character);
    }
    const at = (offset: number): PositionLike => {
      const before = e.text.slice(0, offset);
      const breaks = before.split(/\r\n|\r|\n/);
      return breaks.length === 1
        ? { line, character: character + before.length }
        : { line: line + breaks.length - 1, character: breaks[breaks.length - 1].length };
    };
    out.push(at(e.cursor));
    const end = at(e.text.length);
    lineDelta += (end.line - line) - (e.end.line - e.start.line);
    oldEnd = e.end;
    newEnd = end;
  }
  return out;
}
