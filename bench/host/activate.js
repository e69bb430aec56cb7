// Loaded by the extension host as `extensionTestsPath` (see bench/figures/activation.mjs). Measures start-up with
// the Themes view open, as a user who left it open meets it, and search through the API; prints one line the bench
// reads back.
//
// The first host opens the Themes view, waits for its items and reloads the window; the workbench then starts a new
// extension host with the view restored, which activates Article Atlas and asks for the view's items at once, and
// runs this module again. That second run reads `api.timings` (activate(), activation → the tree's items built, and
// activation → the view's first request answered, all recorded by the extension with performance.now()) and times `api.search()`: the first, cold call (it builds the
// search index) alone, then QUERIES × BENCH_SEARCH_ROUNDS (default 10) calls.
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const EXTENSION_ID = 'articleatlas.article-atlas';
/** Terms, prefixes, fuzzy terms, phrases and theme filters over the shipped article. */
const QUERIES = [
  'security', 'food security', '"five major security"', "China's", 'revitalization', 'Harbin', 'ballast seed',
  'innovation', 'theme:security energy', 'develop', 'modernisation', 'industrial foundation', 'ecological barriers',
  '"new development pattern"', 'Heilongjiang', 'reform opening', 'scientific technological self-reliance',
  'theme:innovation', 'agriculture', 'talent',
];

/** Resolves with `check()`'s first value that is not undefined, polling every 5 ms; rejects after `ms`. */
async function until(check, what, ms = 60000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}

module.exports.run = async function run() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  // TMPDIR is the run's private folder (scripts/lib/harness.mjs createProfile), the same after the reload.
  const marker = path.join(process.env.TMPDIR ?? '/tmp', 'article-atlas-bench-reloaded');
  if (!fs.existsSync(marker)) {
    await vscode.commands.executeCommand('workbench.view.extension.articleAtlas');
    const api = await ext.activate();
    await until(() => api.timings.firstTreeItemsMs, 'the Themes view\'s first items before the reload');
    fs.writeFileSync(marker, '');
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
    return new Promise(() => {}); // this host goes away; the next one runs this module again
  }
  // Activation and the view's first request happen as the workbench starts, whatever else the host does.
  const api = await ext.activate();
  const firstTreeItemsMs = await until(() => api.timings.firstTreeItemsMs, 'the Themes view\'s first items after the reload');
  const treeItemsReadyMs = await until(() => api.timings.treeItemsReadyMs, 'the Themes view\'s items to be built');
  const viewVisible = api.testing.themes.view.visible;
  const time = async query => {
    const t0 = performance.now();
    const results = await api.search(query);
    return { ms: performance.now() - t0, n: results.length };
  };
  const cold = await time(QUERIES[0]);
  const rounds = Number(process.env.BENCH_SEARCH_ROUNDS ?? 10);
  const searchMs = [];
  const counts = {};
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES) {
      const { ms, n } = await time(q);
      searchMs.push(ms);
      counts[q] = n;
    }
  }
  console.log(`ARTICLE_ATLAS_BENCH ${JSON.stringify({
    activateMs: api.timings.activateMs, firstTreeItemsMs, treeItemsReadyMs, firstTreeRequestMs: api.timings.firstTreeRequestMs, viewVisible, coldSearchMs: cold.ms, searchMs, counts,
  })}`);
};
