/**
 * What a file's name says about it, for the parsers and the host alike (no dependencies, so the
 * activation bundle can use it without loading the engine).
 */

/** Whether a URI or path names an HTML file (`.html`, `.htm`, `.xhtml`; any case; query and fragment ignored). */
export function isHtmlSource(source: string): boolean {
  return /\.x?html?$/i.test(source.replace(/[?#].*$/, ''));
}
