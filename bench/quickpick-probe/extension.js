// The bench's probe (bench/figures/quickpick.mjs installs it into the bench's profile; it is not part of the product).
// - "Article Atlas Bench: Fixed QuickPick": a QuickPick that, on every change of its value, assigns the same 50 items
//   (made once from Article Atlas's own items for "the", so that they look alike: a label of the same length, a
//   locator, a detail line, two buttons, alwaysShow). The time from a key to its list change there is the floor of
//   the path key → extension host → items → render, with no search and no item building.
// - "Article Atlas Bench: Precomputed QuickPick": a QuickPick whose items for each prefix of the bench's queries
//   (environment ARTICLE_ATLAS_BENCH_QUERIES, a JSON array) are made when it opens, from Article Atlas's api.search()
//   and in the same form as its own items; each change of the value assigns the items made for it. The time from a
//   key to its list change there is the path with items that change as Search Passages' do, but no search.
// - "Article Atlas Bench: Write Timings": writes `{ now, timings, lag }` to $TMPDIR/article-atlas-bench-timings.json:
//   the host's `performance.now()`, Article Atlas's api.timings, and the extension host's event-loop lag (a 10 ms
//   timer's lateness, in ms, sampled since the last write).
// - "Article Atlas Bench: Start Profile" / "Stop Profile": a CPU profile of the extension host (0.5 ms sampling) written
//   to $TMPDIR/article-atlas-bench.cpuprofile, when the bench is asked for one.
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

  // A CPU profile of the extension host, for finding what holds it (bench/figures/quickpick.mjs with ARTICLE_ATLAS_BENCH_PROFILE).
  let profiler;
  context.subscriptions.push(vscode.commands.registerCommand('articleAtlasBench.startProfile', async () => {
    const inspector = require('inspector');
    profiler = new inspector.Session();
    profiler.connect();
    const post = (method, params) => new Promise((resolve, reject) => profiler.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 500 });
    await post('Profiler.start');
    profiler.postAsync = post;
  }));
  context.subscriptions.push(vscode.commands.registerCommand('articleAtlasBench.stopProfile', async () => {
    if (!profiler) return;
    const { profile } = await profiler.postAsync('Profiler.stop');
    profiler.disconnect();
    profiler = undefined;
    fs.writeFileSync(path.join(os.tmpdir(), 'article-atlas-bench.cpuprofile'), JSON.stringify(profile));
  }));

  context.subscriptions.push(vscode.commands.registerCommand('articleAtlasBench.precomputedQuickPick', async () => {
    const api = await vscode.extensions.getExtension(EXTENSION_ID).activate();
    const snapshot = await api.snapshot();
    const queries = JSON.parse(process.env.ARTICLE_ATLAS_BENCH_QUERIES ?? '[]');
    const buttons = [{ iconPath: new vscode.ThemeIcon('quote'), tooltip: 'Quote Passage' }, { iconPath: new vscode.ThemeIcon('copy'), tooltip: 'Copy Quotation' }];
    const byValue = new Map([['', []]]);
    for (const q of queries) {
      for (let i = 1; i <= q.length; i++) {
        const value = q.slice(0, i);
        if (!byValue.has(value)) byValue.set(value, (await api.search(value, 50)).map(r => itemOf(snapshot, r, buttons)));
      }
    }
    const pick = vscode.window.createQuickPick();
    pick.placeholder = 'Precomputed items';
    pick.matchOnDescription = false;
    pick.matchOnDetail = false;
    pick.sortByLabel = false;
    pick.onDidChangeValue(value => { pick.items = byValue.get(value) ?? []; });
    pick.onDidHide(() => pick.dispose());
    pick.show();
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

/**
 * An item like Article Atlas's own for the search result `r` (src/commands/search.ts): the text from a little before
 * the first match, at most 100 characters; the locator; the article's title, the passage's themes and its paragraph.
 */
function itemOf(snapshot, r, buttons) {
  const entry = snapshot.entry(r.articleId);
  const text = r.text.replace(/\s+/g, ' ').trim();
  const first = r.matches[0] && entry ? text.toLowerCase().indexOf(entry.article.body.slice(r.matches[0].start, r.matches[0].end).toLowerCase()) : 0;
  const start = Math.max(0, first - 25);
  const label = `${start > 0 ? '…' : ''}${text.slice(start, start + 100)}${start + 100 < text.length ? '…' : ''}`;
  const [, paragraph, sentence] = /^p(\d+)(?:\.s(\d+))?/.exec(r.passageId) ?? [];
  const themes = entry ? entry.themes.themesOf(r.passageId, { related: true }).map(t => t.label).join(', ') : '';
  return {
    label,
    description: sentence ? `¶ ${paragraph} · s${sentence}` : `¶ ${paragraph}`,
    detail: [entry?.article.metadata.title ?? '', themes, `paragraph ${paragraph}`].filter(x => x).join(' · '),
    alwaysShow: true,
    buttons,
  };
}
