// Loaded by the extension host as `extensionTestsPath` (see bench/figures/brown-host.mjs), on a workspace whose
// articles/ holds the Brown Corpus's 500 articles. Measures the library in the real extension host, with the Themes
// view open: the first host loads it cold (every file read through the workbench and parsed), answers a first search,
// waits for the stored library (src/indexStore.ts) to be written, and reloads the window; the second host starts with
// the store (warm). Each prints one line the bench reads back.
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const EXTENSION_ID = 'articleatlas.article-atlas';
/** Every prefix of three queries, as typed, through api.search() (top 50, as the QuickPick asks). */
const QUERIES = ['city council', 'election', 'new york'].flatMap(q => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1))).filter(p => !p.endsWith(' '));

async function until(check, what, ms = 300000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

/** The stored library's file under the profile's user data (TMPDIR is the profile's tmp folder, beside it). */
function storeFile() {
  const root = path.join(process.env.TMPDIR ?? '/tmp', '..', 'user-data', 'User', 'workspaceStorage');
  if (!fs.existsSync(root)) return undefined;
  for (const d of fs.readdirSync(root)) {
    const f = path.join(root, d, 'articleatlas.article-atlas', 'library-index.bin');
    if (fs.existsSync(f)) return f;
  }
  return undefined;
}

module.exports.run = async function run() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  const marker = path.join(process.env.TMPDIR ?? '/tmp', 'article-atlas-bench-library-reloaded');
  const warm = fs.existsSync(marker);
  if (!warm) await vscode.commands.executeCommand('workbench.view.extension.articleAtlas');
  const api = await ext.activate();
  const firstTreeItemsMs = await until(() => api.timings.firstTreeItemsMs, 'the Themes view\'s first items');
  const libraryLoadedMs = await until(() => api.timings.libraryLoadedMs, 'the whole library');
  const t0 = performance.now();
  const first = await api.search(QUERIES[0]);
  const firstSearchMs = performance.now() - t0;
  const searchMs = [];
  for (const q of QUERIES) {
    const t = performance.now();
    await api.search(q);
    searchMs.push(performance.now() - t);
  }
  const line = {
    warm, articles: api.timings.libraryArticles, firstTreeItemsMs, treeItemsReadyMs: api.timings.treeItemsReadyMs,
    firstTreeRequestMs: api.timings.firstTreeRequestMs, libraryLoadedMs,
    firstSearchMs, firstHits: first.length, searchMs, phases: api.timings.libraryLoadPhases,
  };
  if (!warm) {
    const t = Date.now();
    line.storeFile = await until(storeFile, 'the stored library');
    // Whole when its size is the total its header gives (word 2, src/core/storedLibrary.ts).
    const whole = () => {
      const bytes = fs.readFileSync(line.storeFile);
      return bytes.length >= 12 && bytes.readUInt32LE(8) === bytes.length ? bytes.length : undefined;
    };
    line.storeBytes = await until(whole, 'the store to be whole');
    line.storeWrittenAfterMs = Date.now() - t;
  }
  console.log(`ARTICLE_ATLAS_BENCH ${JSON.stringify(line)}`);
  if (!warm) {
    fs.writeFileSync(marker, '');
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
    return new Promise(() => {}); // this host goes away; the next one runs this module again
  }
};
