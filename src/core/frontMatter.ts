/**
 * Front matter: the YAML block between a first line `---` and a closing line `---` (or `...`)
 * at the top of a Markdown file, as in Jekyll, Hugo and Pandoc (Pandoc's `yaml_metadata_block`
 * extension also accepts `...` as the closing line).
 *
 * Offsets are UTF-16 code-unit offsets into the file text, half-open `[start, end)`. Lines and
 * columns are 0-based; line breaks are LF, CRLF or a lone CR, as in VS Code's TextDocument.
 */

/** The byte-order mark U+FEFF, which decoders may leave at the start of a text. */
export const BOM = '\uFEFF';

/** A 0-based line and UTF-16 column, as in VS Code's `Position`. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/**
 * Maps UTF-16 offsets of a text to 0-based lines and columns. Line breaks are LF, CRLF and a
 * lone CR. A leading BOM is not counted in the columns of line 0, since editors strip it.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  private readonly bomLength: number;

  /** Builds the index in one pass over `text` (linear in its length). */
  constructor(readonly text: string) {
    this.bomLength = text.startsWith(BOM) ? 1 : 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) {
        this.lineStarts.push(i + 1);
      } else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
  }

  /** Number of lines (a text without line breaks has one). */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** UTF-16 offset at which 0-based `line` starts; clamped to the existing lines. */
  offsetOfLine(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Position of UTF-16 `offset` (clamped to `[0, text.length]`). */
  positionAt(offset: number): LineColumn {
    offset = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = offset - this.lineStarts[lo] - (lo === 0 ? Math.min(this.bomLength, offset) : 0);
    return { line: lo, column };
  }
}

/** The front matter and body of a Markdown file, as split by {@link splitFrontMatter}. */
export interface FrontMatterSplit {
  /**
   * `'present'`: an opening and a closing line were found; `'absent'`: the file does not start
   * with a `---` line; `'unclosed'`: it does, but no closing `---` or `...` line follows.
   */
  readonly kind: 'present' | 'absent' | 'unclosed';
  /** The YAML text between the delimiter lines (empty unless `kind` is `'present'`). */
  readonly yaml: string;
  /** UTF-16 offset of `yaml` in the file. */
  readonly yamlOffset: number;
  /** 0-based line of the opening `---` (0), or of the body start when absent. */
  readonly openingLine: number;
  /**
   * The body: everything after the line break that ends the closing delimiter line; when
   * `kind` is `'absent'` or `'unclosed'`, the whole file after a BOM. Never normalized.
   */
  readonly body: string;
  /** UTF-16 offset of `body` in the file. */
  readonly bodyOffset: number;
  /** 0-based line of the file at which `body` starts (the body always starts at column 0). */
  readonly bodyLine: number;
}

/** Matches one delimiter line's content (without its line break): `---` then optional spaces/tabs. */
const OPENING = /^---[ \t]*$/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Splits `text` into front matter and body. Tolerates a leading BOM and LF, CRLF or CR line
 * breaks. The opening `---` must be the first line (after a BOM); the closing delimiter is the
 * next line that is `---` or `...` (trailing spaces or tabs allowed). Never throws.
 *
 * @param text the whole file text.
 * @returns the split; offsets into `text`, lines 0-based.
 */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const start = text.startsWith(BOM) ? 1 : 0;
  const absent = (kind: 'absent' | 'unclosed'): FrontMatterSplit => ({
    kind, yaml: '', yamlOffset: start, openingLine: 0, body: text.slice(start), bodyOffset: start, bodyLine: 0,
  });
  let lineStart = start;
  let line = 0;
  let yamlOffset = -1;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    const next = lineEnd >= text.length ? text.length + 1
      : text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? lineEnd + 2 : lineEnd + 1;
    const content = text.slice(lineStart, lineEnd);
    if (line === 0) {
      if (!OPENING.test(content)) return absent('absent');
      yamlOffset = Math.min(next, text.length);
    } else if (CLOSING.test(content)) {
      const bodyOffset = Math.min(next, text.length);
      return {
        kind: 'present',
        yaml: text.slice(yamlOffset, lineStart),
        yamlOffset,
        openingLine: 0,
        body: text.slice(bodyOffset),
        bodyOffset,
        bodyLine: line + (next > text.length ? 0 : 1),
      };
    }
    lineStart = next;
    line++;
  }
  return absent('unclosed');
}
