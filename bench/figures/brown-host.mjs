// The library at the Brown Corpus's scale in the real extension host (code-server's, through the harness): a
// workspace whose articles/ holds the 500 articles of bench/lib/brown.mjs, the Themes view open. One run = a cold
// start (every file read through the workbench and parsed, the stored library written in the background) and, after a
// window reload, a warm start from the stored library (bench/host/library.js). Median of BENCH_HOST_RUNS runs
// (default 2), each with its own code-server, browser and host. Not measured here: the QuickPick's rendering in the
// workbench (the host sees only how fast api.search answers, as the QuickPick asks it).
// Run alone with `node bench/run.mjs brown-host`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brownLibrary } from '../lib/brown.mjs';

/** @param {import('../run.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const runs = Number(process.env.BENCH_HOST_RUNS ?? 2);
  const workspace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'article-atlas-brown-')), 'brown');
  fs.mkdirSync(path.join(workspace, 'articles'), { recursive: true });
  for (const f of brownLibrary()) fs.copyFileSync(f, path.join(workspace, 'articles', path.basename(f)));
  const cold = [];
  const warm = [];
  const load = [os.loadavg()[0]];
  try {
    for (let i = 0; i < runs; i++) {
      const out = await ctx.runInHost(path.join(ctx.root, 'bench', 'host', 'library.js'), { workspace });
      load.push(os.loadavg()[0]);
      const lines = [...out.matchAll(/ARTICLE_ATLAS_BENCH (\{.*\})/g)].map(m => JSON.parse(m[1]));
      const c = lines.find(l => !l.warm);
      const w = lines.find(l => l.warm);
      if (!c || !w) throw new Error(`run ${i + 1}: expected a cold and a warm line in the host's output`);
      for (const l of [c, w]) if (l.articles !== 501 || l.firstHits === 0) throw new Error(`run ${i + 1}: ${l.articles} articles, ${l.firstHits} hits`);
      cold.push(c);
      warm.push(w);
      ctx.log(`library-host run ${i + 1}/${runs}: cold library ${c.libraryLoadedMs.toFixed(0)} ms, first search ${c.firstSearchMs.toFixed(0)} ms; `
        + `warm library ${w.libraryLoadedMs.toFixed(0)} ms, first search ${w.firstSearchMs.toFixed(0)} ms; store ${(c.storeBytes / 1e6).toFixed(1)} MB (load ${load.at(-1).toFixed(1)})`);
    }
  } finally {
    fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
  }
  const med = (xs, key) => round(ctx.median(xs.map(x => x[key])), 0);
  const p95 = xs => { const s = xs.flatMap(x => x.searchMs).sort((a, b) => a - b); return round(s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)], 2); };
  return [
    { name: `Brown Corpus in the extension host: activation → the Themes view's first items, cold (500 workspace articles; median of ${runs})`, value: med(cold, 'firstTreeItemsMs'), unit: 'ms', target: '<= 100' },
    { name: `… of which the workbench took to ask for them (firstTreeRequestMs), cold`, value: med(cold, 'firstTreeRequestMs'), unit: 'ms', target: '—' },
    { name: `… and activation → the items built by the extension (treeItemsReadyMs), cold`, value: med(cold, 'treeItemsReadyMs'), unit: 'ms', target: '—' },
    { name: `Brown Corpus in the extension host: activation → the whole library loaded, cold (every file read through the workbench and parsed)`, value: med(cold, 'libraryLoadedMs'), unit: 'ms', target: '—' },
    { name: `Brown Corpus in the extension host: first search after the cold load (builds the index)`, value: med(cold, 'firstSearchMs'), unit: 'ms', target: '—' },
    { name: `Brown Corpus in the extension host: activation → the Themes view's first items, warm start`, value: med(warm, 'firstTreeItemsMs'), unit: 'ms', target: '<= 100' },
    { name: `… of which the workbench took to ask for them (firstTreeRequestMs), warm start`, value: med(warm, 'firstTreeRequestMs'), unit: 'ms', target: '—' },
    { name: `… and activation → the items built by the extension (treeItemsReadyMs), warm start`, value: med(warm, 'treeItemsReadyMs'), unit: 'ms', target: '—' },
    { name: `Brown Corpus in the extension host: activation → the whole library loaded, warm start (from the stored library)`, value: med(warm, 'libraryLoadedMs'), unit: 'ms', target: '—' },
    { name: `Brown Corpus in the extension host: first search after the warm start (index built from the stored terms)`, value: med(warm, 'firstSearchMs'), unit: 'ms', target: '—' },
    { name: `Brown Corpus in the extension host: api.search() per keystroke after the first, p95 (${cold[0].searchMs.length} prefixes, cold and warm hosts)`, value: p95([...cold, ...warm]), unit: 'ms', target: '—' },
    { name: 'Brown Corpus in the extension host: size of the stored library', value: round(ctx.median(cold.map(c => c.storeBytes)) / 1e6, 1), unit: 'MB', target: '—' },
    { name: `machine load during the library host runs (1-minute load average, ${os.cpus().length} cores), median`, value: round(ctx.median(load), 1), unit: '', target: '—' },
  ];
}

const round = (x, digits) => Number(x.toFixed(digits));
