// The bench's probe (bench/figures/quickpick.mjs installs it into the bench's profile; it is not part of the product).
// - "Article Atlas Bench: Fixed QuickPick": a QuickPick that, on every change of its value, assigns the same 50 items
//   (made once from Article Atlas's own items for "the", so that they look alike: a label of the same length, a
//   locator, a detail line, two buttons, alwaysShow). The time from a key to its list change there is the floor of
//   the path key → extension host → items → render, with no search and no item building.
// - "Article Atlas Bench: Write Timings": writes `{ now, timings, lag }` to $TMPDIR/article-atlas-bench-timings.json:
//   the host's `performance.now()`, Article Atlas's api.timings, and the extension host's event-loop lag (a 10 ms
//   timer's lateness, in ms, sampled since the last write).
const vscode = require('vscode');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');

const EXTENSION_ID = 'articleatlas.article-atlas';
const LAG_TICK_MS = 10;

module.exports.activate = function activate(context) {
  let lag = [];
  let expected = performance.now() + LAG_TICK_MS;
  const ticker = setInterval(() => {
    const now = performance.now();
    lag.push({ at: now, ms: Math.max(0, now - expected) });
    if (lag.length > 100000) lag = lag.slice(-50000);
    expected = now + LAG_TICK_MS;
  }, LAG_TICK_MS);
  context.subscriptions.push({ dispose: () => clearInterval(ticker) });

  context.subscriptions.push(vscode.commands.registerCommand('articleAtlasBench.writeTimings', async () => {
    const api = await vscode.extensions.getExtension(EXTENSION_ID).activate();
    const file = path.join(os.tmpdir(), 'article-atlas-bench-timings.json');
    fs.writeFileSync(`${file}.partial`, JSON.stringify({ now: performance.now(), timings: api.timings, lag }));
    fs.renameSync(`${file}.partial`, file);
    lag = [];
  }));

  context.subscriptions.push(vscode.commands.registerCommand('articleAtlasBench.fixedQuickPick', async () => {
    const api = await vscode.extensions.getExtension(EXTENSION_ID).activate();
    const results = await api.search('the', 50);
    const snapshot = await api.snapshot();
    const quote = { iconPath: new vscode.ThemeIcon('quote'), tooltip: 'Quote Passage' };
    const copy = { iconPath: new vscode.ThemeIcon('copy'), tooltip: 'Copy Quotation' };
    const items = results.map(r => {
      const text = r.text.replace(/\s+/g, ' ').trim();
      return {
        label: text.length > 100 ? `${text.slice(0, 100)}…` : text,
        description: r.passageId,
        detail: `${snapshot.entry(r.articleId)?.article.metadata.title ?? r.articleId} · paragraph 1`,
        alwaysShow: true,
        buttons: [quote, copy],
      };
    });
    const pick = vscode.window.createQuickPick();
    pick.placeholder = 'Fixed items';
    pick.matchOnDescription = false;
    pick.matchOnDetail = false;
    pick.sortByLabel = false;
    pick.items = items;
    pick.onDidChangeValue(() => { pick.items = items; });
    pick.onDidHide(() => pick.dispose());
    pick.show();
  }));
};

module.exports.deactivate = function deactivate() {};
