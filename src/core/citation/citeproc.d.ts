// The part of citeproc-js (npm `citeproc`, CommonJS, no type declarations of its own) that
// Article Atlas uses. See https://citeproc-js.readthedocs.io/ ("Running the processor").
declare module 'citeproc' {
  namespace CSL {
    interface Sys {
      retrieveLocale(lang: string): unknown;
      retrieveItem(id: string): unknown;
    }
    interface CitationItem {
      id: string;
      locator?: string;
      label?: string;
      prefix?: string;
      suffix?: string;
    }
    class Engine {
      constructor(sys: Sys, style: unknown, lang?: string, forceLang?: boolean);
      setOutputFormat(format: string): void;
      updateItems(ids: string[]): void;
      makeCitationCluster(items: CitationItem[]): string;
      makeBibliography(): [unknown, string[]] | false;
    }
    /** citeproc-js's own XML reader: CSL XML text → `{ name, attrs, children }` (used at build time and in tests). */
    function parseXml(xml: string): unknown;
  }
  const CSL: { Engine: typeof CSL.Engine };
  export = CSL;
}
