/**
 * Escaping text for the formats Article Atlas writes: HTML (the webview and HTML quotations),
 * Markdown and LaTeX (quotations). Each function escapes only what its format gives a meaning
 * to, so every other character of the source (curly quotes, U+2018, dashes) arrives unchanged.
 * All functions are pure, total and never throw.
 */

const HTML_TEXT: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const HTML_ATTRIBUTE: Readonly<Record<string, string>> = {
  ...HTML_TEXT, '`': '&#96;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
};

/**
 * Escapes `text` for HTML text content: `&` `<` `>` `"` `'` become `&amp;` `&lt;` `&gt;` `&quot;`
 * `&#39;` (the five characters of OWASP's XSS prevention rule 1). The result is also safe inside a
 * double- or single-quoted attribute value, though {@link escapeHtmlAttribute} keeps white space exact there.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => HTML_TEXT[c]);
}

/**
 * Escapes `value` for a quoted HTML attribute value (`cite="…"`, `title='…'`): the characters of
 * {@link escapeHtml}, plus `` ` `` and tab, line feed and carriage return as numeric references, so
 * the value survives the HTML parser's newline normalization exactly (HTML Living Standard §13.2.3.5).
 * Not for unquoted attribute values, URLs in `href` (check the scheme first) or script and style.
 */
export function escapeHtmlAttribute(value: string): string {
  return value.replace(/[&<>"'`\t\n\r]/g, c => HTML_ATTRIBUTE[c]);
}

/**
 * Backslash-escapes the characters that change Markdown's inline rendering anywhere in a line
 * (CommonMark 0.31 §2.4 allows a backslash before any ASCII punctuation):
 * `\` (escapes), `` ` `` (code spans), `*` and `_` (emphasis), `[` and `]` (links, images),
 * `<` (raw HTML, autolinks), `~` (GFM strikethrough and `~~~` fences), `$` (the math that VS Code's
 * Markdown preview renders by default, `markdown.math.enabled`), and `&` only where it starts an
 * entity or numeric character reference (`&amp;`, `&#169;`), which would otherwise be decoded.
 * Line-start constructs are handled by {@link escapeMarkdownLineStart}.
 */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/[\\`*_[\]<~$]/g, '\\$&')
    .replace(/&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g, '\\&');
}

/**
 * Escapes `text` for Markdown that VS Code itself renders in its UI (tooltips, hovers: the `marked`
 * renderer with GitHub-flavoured autolinks): {@link escapeMarkdownInline}, then GFM's autolink
 * literals broken with a backslash (`https\://`, `www\.`, `a\@b`), which still render as the
 * text. marked would otherwise turn them into links, and an autolink literal swallows the backslash
 * of an escape right after it, so `https://x/\</div>` let `</div>` through as raw HTML (found by
 * test/unit/hostile.test.ts). Not for documents: a Markdown preview may link URLs as it likes.
 */
export function escapeMarkdownForDisplay(text: string): string {
  return escapeMarkdownInline(text).replace(/:(?=\/\/)/g, '\\:').replace(/\b(www)\./gi, '$1\\.').replace(/@/g, '\\@');
}

/**
 * Escapes, at the start of one line already passed through {@link escapeMarkdownInline}, what would
 * open a block in CommonMark 0.31: an ATX heading (`#` → `\#`), a block quote (`>` → `\>`), a bullet
 * list item or thematic break (`-`, `+` followed by white space or the end of the line, or `-`
 * repeated: `\-`, `\+`), an ordered list item (`2003.` → `2003\.`, `1)` → `1\)`, at most nine digits
 * followed by white space or the end of the line), and a setext heading underline (a line of `=`).
 * `*`, `_`, `` ` ``, `~` and `<` were already escaped inline. Leading spaces are kept: callers pass
 * lines whose first character is not white space, or accept CommonMark's indentation rules.
 */
export function escapeMarkdownLineStart(line: string): string {
  const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
  const rest = line.slice(lead.length);
  let escaped = rest;
  if (/^[#>]/.test(rest)) escaped = '\\' + rest;
  else if (/^[-+](?:[ \t]|$)/.test(rest) || /^-[ \t]*-/.test(rest)) escaped = '\\' + rest;
  else if (/^=+[ \t]*$/.test(rest)) escaped = '\\' + rest;
  else {
    const ordered = /^([0-9]{1,9})([.)])(?=[ \t]|$)/.exec(rest);
    if (ordered) escaped = ordered[1] + '\\' + ordered[2] + rest.slice(ordered[0].length);
  }
  return lead + escaped;
}

/** LaTeX replacements for the characters that are special in running text. */
const LATEX: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '%': '\\%', '&': '\\&', '$': '\\$', '_': '\\_', '#': '\\#',
  '~': '\\textasciitilde{}', '^': '\\textasciicircum{}',
  '`': '\\textasciigrave{}', '"': '\\textquotedbl{}',
  '<': '\\textless{}', '>': '\\textgreater{}', '|': '\\textbar{}',
};

/**
 * Escapes `text` for LaTeX running text (the LaTeX kernel since 2020 provides every command used):
 * the ten specials `\ { } % & $ _ # ~ ^` (as `\textbackslash{}`, `\{`, `\}`, `\%`, `\&`, `\$`, `\_`,
 * `\#`, `\textasciitilde{}`, `\textasciicircum{}`); `` ` `` and `"` as `\textasciigrave{}` and
 * `\textquotedbl{}`, so TeX never turns the source's straight marks into curly quotes; `<`, `>`, `|`
 * as `\textless{}`, `\textgreater{}`, `\textbar{}` (the default OT1 font encoding would print
 * `¡`, `¿` and `—`); and the ligatures of repeated characters broken with `{}` (`''` → `'{}'`,
 * `--` → `-{}-`, `,,` → `,{},`), so TeX does not turn them into quotes or dashes. Curly quotes, dashes and all other
 * Unicode characters are kept as they are (UTF-8 input, the default since LaTeX 2018).
 */
export function escapeLatex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    out += LATEX[c] ?? c;
    if ((c === "'" || c === '-' || c === ',') && text[i + 1] === c) out += '{}';
  }
  return out;
}
