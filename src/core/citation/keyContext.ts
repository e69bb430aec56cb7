/**
 * Where a citation key is being typed, for completion: after `@` in Markdown (Pandoc citation
 * syntax) and inside the braces of a LaTeX citation command. Pure.
 */

/** The key being typed: its text so far and where it starts in the line (UTF-16 offset). */
export interface KeyContext {
  readonly prefix: string;
  readonly start: number;
}

/**
 * In Markdown, `@` at the start of the line or after white space, `[`, `;` or `-` (Pandoc's
 * suppress-author form `-@key`), followed by key characters so far (Pandoc manual, "Citation
 * syntax": letters, digits, `_`, and internal punctuation `:.#$%&-+?<>~/`).
 */
export function markdownKeyContext(linePrefix: string): KeyContext | undefined {
  const m = /(?:^|[\s[;-])@([\p{L}\p{N}_:.#$%&+?<>~/-]*)$/u.exec(linePrefix);
  if (!m) return undefined;
  return { prefix: m[1], start: linePrefix.length - m[1].length };
}

/**
 * In LaTeX, inside the braces of a citation command (`\cite`, `\citep`, `\parencite`,
 * `\textcite`, `\autocite`, `\footcite`, `\cites`, starred or not, with up to two optional
 * arguments), at the key after the last comma.
 */
export function latexKeyContext(linePrefix: string): KeyContext | undefined {
  const m = /\\[a-zA-Z]*cite[a-zA-Z]*\*?(?:\s*\[[^\]]*\]){0,2}\s*\{([^{}]*)$/.exec(linePrefix);
  if (!m) return undefined;
  const inside = m[1];
  const afterComma = inside.slice(inside.lastIndexOf(',') + 1);
  const prefix = afterComma.trimStart();
  return { prefix, start: linePrefix.length - prefix.length };
}
