/* global performance, MutationObserver -- used in code that page.evaluate runs in the browser */
// The search QuickPick in the real workbench over the Brown Corpus library (issue #7: "the QuickPick updated within
// 50 ms in the real workbench"). A workspace holds the 500 Brown articles under articles/ (bench/lib/brown.mjs); the
// packaged .vsix runs in code-server and Chromium (test/e2e/lib/workbench.mjs). Search Passages is opened once the
// library has loaded, and the bench's 20 queries (bench/lib/library-worker.cjs) are typed key by key as a person types.
//
// What is timed, per key, in the page's own clock: from the key's `keydown` (a capturing listener on the document) to
// the last change of the QuickPick's list that the key caused (a MutationObserver on `.quick-input-list`; the list is
// taken as settled after 300 ms without a change). That spans the keystroke reaching the input, the workbench sending
// the value to the extension host, the search, the items sent back, and the list rendered. Keys after which the list
// did not change at all are counted, not timed. The machine's load is reported beside the figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brownLibrary } from '../lib/brown.mjs';
import { startWorkbench, until } from '../../test/e2e/lib/workbench.mjs';

const QUERIES = ['election', 'jury said', 'city council', 'foreign policy', 'president kennedy', 'nuclear weapons', 'church',
  'baseball game', 'music', 'students', 'water supply', 'tax', 'family', 'love', 'science', 'hospital', 'atlanta',
  'new york', 'war', 'religion'];
/** A list unchanged this long after the last change is settled, in ms. */
const SETTLED_MS = 300;

/** @param {import('../run.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const files = brownLibrary();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'article-atlas-bench-quickpick-'));
  fs.mkdirSync(path.join(workspace, 'articles'));
  for (const f of files) fs.copyFileSync(f, path.join(workspace, 'articles', path.basename(f)));
  const load = [os.loadavg()[0]];
  const wb = await startWorkbench({ vsix: ctx.vsix(), name: 'bench-quickpick', workspace });
  try {
    const { page } = wb;
    const input = page.locator('.quick-input-widget input.input');
    // As the e2e scenarios do: the workbench is ready for keys once its activity bar shows Article Atlas.
    await wb.activityItem('Article Atlas').waitFor({ timeout: 180000 });
    const started = Date.now();
    // The library has loaded when a word of the last Brown article (cr09) is found.
    await wb.runCommandToInput('Article Atlas: Search Passages', 'Search the passages', { timeout: 180000 });
    await until(async () => {
      await input.fill('');
      await input.type('article:cr09 the', { delay: 20 });
      return page.locator('.quick-input-list .monaco-list-row').first().isVisible({ timeout: 3000 }).catch(() => false);
    }, 'the Brown articles in the search', 300000);
    ctx.log(`quickpick: the library answered ${((Date.now() - started) / 1000).toFixed(1)} s after the command (load ${os.loadavg()[0].toFixed(1)})`);
    await observeList(page);
    const { times, unchanged } = await typeQueries(page, input);
    load.push(os.loadavg()[0]);
    await wb.screenshot('last-query');
    // For comparison, the workbench's own Quick Open (Go to File: the file search runs in the server, no extension
    // host): the same keys over the same 500 files.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible', timeout: 30000 });
    await observeList(page);
    const quickOpen = await typeQueries(page, input);
    load.push(os.loadavg()[0]);
    ctx.log(`quickpick: Go to File, ${quickOpen.times.length} keys timed, median ${ctx.median(quickOpen.times).toFixed(1)} ms, p95 ${percentile(quickOpen.times, 0.95).toFixed(1)} ms`);
    ctx.log(`quickpick: ${times.length} keys timed (${unchanged} left the list unchanged), median ${ctx.median(times).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms`);
    return [
      { name: `Brown Corpus in the real workbench: Search Passages QuickPick updated after a key (keydown → last list change), median of ${times.length} keys of ${QUERIES.length} queries`, value: round(ctx.median(times)), unit: 'ms', target: '<= 50' },
      { name: 'Brown Corpus in the real workbench: QuickPick updated after a key, p95', value: round(percentile(times, 0.95)), unit: 'ms', target: '—' },
      { name: 'Brown Corpus in the real workbench: keys after which the list did not change (not timed)', value: unchanged, unit: 'keys', target: '—' },
      { name: `for comparison: the workbench's Go to File (Quick Open) over the same 500 files, the same keys, median of ${quickOpen.times.length}`, value: round(ctx.median(quickOpen.times)), unit: 'ms', target: '—' },
      { name: "for comparison: the workbench's Go to File, p95", value: round(percentile(quickOpen.times, 0.95)), unit: 'ms', target: '—' },
      { name: `machine load while measuring the QuickPick (1-minute load average on ${os.cpus().length} cores), median`, value: round(ctx.median(load)), unit: '', target: '—' },
    ];
  } finally {
    await wb.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/** Starts timing the QuickPick's list: each keydown's time and the last change of the list after it (in the page). */
async function observeList(page) {
  await page.evaluate(({ settled }) => {
    const w = /** @type {any} */ (window);
    w.__atlasBench?.observer.disconnect();
    const b = { key: 0, last: 0, settled, observer: new MutationObserver(() => { b.last = performance.now(); }) };
    w.__atlasBench = b;
    if (!w.__atlasBenchKeys) {
      w.__atlasBenchKeys = true;
      document.addEventListener('keydown', () => { w.__atlasBench.key = performance.now(); w.__atlasBench.last = 0; }, true);
    }
    b.observer.observe(document.querySelector('.quick-input-list'), { subtree: true, childList: true, characterData: true, attributes: true });
  }, { settled: SETTLED_MS });
}

/**
 * Types each of {@link QUERIES} into the open QuickPick key by key (emptied before each) and resolves with the time
 * from each key to the last list change it caused, and the number of keys that changed nothing.
 */
async function typeQueries(page, input) {
  const times = [];
  let unchanged = 0;
  for (const query of QUERIES) {
    await input.fill(await input.inputValue().then(v => (v.startsWith('>') ? '>' : '')));
    await page.waitForTimeout(SETTLED_MS);
    for (const ch of query) {
      await page.keyboard.press(ch === ' ' ? 'Space' : ch);
      const ms = await page.evaluate(() => new Promise(resolve => {
        const b = /** @type {any} */ (window).__atlasBench;
        const deadline = performance.now() + 5000;
        const poll = () => {
          const now = performance.now();
          if (b.last > b.key && now - b.last >= b.settled) resolve(b.last - b.key);
          else if (now > deadline) resolve(b.last > b.key ? b.last - b.key : -1);
          else setTimeout(poll, 20);
        };
        poll();
      }));
      if (ms < 0) unchanged++;
      else times.push(ms);
    }
  }
  return { times, unchanged };
}

/** The `p` quantile (0–1) of `xs`, nearest rank. */
function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
}

const round = x => Number(x.toFixed(1));
