// The library at the scale of the Brown Corpus (issue "The user's library"): its 500 texts as plain articles
// (bench/lib/brown.mjs, git-ignored bench/corpus/brown/), measured in fresh Node processes on the production engine
// bundle (bench/lib/library-worker.cjs): cold load and index, heap growth, search per keystroke beside a linear scan
// and ripgrep (Debian's `ripgrep`; `apt-get install -y ripgrep`) over the same files with the same queries, one
// changed file re-indexed, and the first automatic themes. Median of BENCH_RUNS fresh processes (default 3); search
// takes each query's median over at least 5 of them.
// Run alone with `node bench/run.mjs library`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brownLibrary, BROWN_DIR } from '../lib/brown.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** @param {import('../run.mjs').BenchContext} ctx */
export async function measure(ctx) {
  brownLibrary();
  const store = path.join(os.tmpdir(), `article-atlas-bench-store-${process.pid}.bin`);
  const worker = mode => JSON.parse(execFileSync(process.execPath,
    ['--expose-gc', path.join(ctx.root, 'bench', 'lib', 'library-worker.cjs'), mode, BROWN_DIR, path.join(ctx.root, 'dist', 'engine.js'), store],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim().split('\n').pop());
  const runs = mode => Array.from({ length: RUNS }, (_, i) => { ctx.log(`library: ${mode} run ${i + 1}/${RUNS}`); return worker(mode); });
  const round = (x, d = 2) => Number(x.toFixed(d));
  const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

  const load = os.loadavg()[0];
  const cold = runs('cold');
  const stored = worker('store');
  const warm = runs('warm');
  fs.rmSync(store, { force: true });
  // Each query's time is the median over RUNS fresh processes: one run alone puts any pause of a
  // loaded machine (another process's turn, a collection) into the tail it measures.
  // Five processes at least: on a loaded 2-core machine another process's turn lands in one run's query now and then.
  const searches = Array.from({ length: Math.max(RUNS, 5) }, (_, i) => { ctx.log(`library: search run ${i + 1}`); return worker('search'); });
  const perQuery = key => (searches.every(r => r[key]) ? searches[0][key].map((_, i) => ctx.median(searches.map(r => r[key][i]))) : undefined);
  const search = { queries: searches[0].queries, core: perQuery('core'), linear: perQuery('linear'), ripgrep: perQuery('ripgrep') };
  const reindex = worker('reindex');
  const themes = worker('themes');
  const core50 = ctx.median(search.core);
  const figures = [
    { name: `Brown Corpus: articles / paragraphs / sentences`, value: cold[0].articles, unit: `articles (${cold[0].paragraphs} paragraphs, ${cold[0].sentences} sentences)`, target: '—' },
    { name: 'Brown Corpus: cold load and index of all 500 articles, until the first query is answered (median)', value: round(ctx.median(cold.map(c => c.ms)) / 1000), unit: 's', target: '<= 2' },
    { name: 'Brown Corpus: heap and typed-array growth for the whole library (median)', value: round(ctx.median(cold.map(c => c.heapMB)), 1), unit: 'MB', target: '<= 120' },
    { name: 'Brown Corpus: warm start from the stored library (500 files stat-ed, store read and decoded, the stored postings taken over, first query answered; median)', value: round(ctx.median(warm.map(w => w.ms))), unit: 'ms', target: '<= 200' },
    { name: 'Brown Corpus: of which the first query (the passages of its hits\' articles made, the first fuzzy walk; median)', value: round(ctx.median(warm.map(w => w.firstQueryMs))), unit: 'ms', target: '—' },
    { name: 'Brown Corpus: size of the stored library', value: round(stored.bytes / 1e6, 1), unit: 'MB', target: '—' },
    { name: 'Brown Corpus: the stored library encoded and written', value: round(stored.ms), unit: 'ms', target: '—' },
    { name: `Brown Corpus: core search per keystroke, top 50 with highlights, p50 (${search.queries} prefixes of 20 queries, each the median of ${searches.length} processes)`, value: round(core50, 3), unit: 'ms', target: '—' },
    { name: 'Brown Corpus: core search per keystroke, p95', value: round(pct(search.core, 0.95), 3), unit: 'ms', target: '<= 2' },
    { name: 'Brown Corpus: linear scan of lower-cased paragraphs, p50', value: round(ctx.median(search.linear), 3), unit: 'ms', target: '—' },
    { name: 'Brown Corpus: linear scan, p95', value: round(pct(search.linear, 0.95), 3), unit: 'ms', target: '—' },
    { name: 'Brown Corpus: linear scan p50 / core search p50', value: round(ctx.median(search.linear) / core50, 1), unit: '×', target: '—' },
    { name: 'Brown Corpus: one changed file re-parsed and re-indexed in place (median of 10)', value: round(ctx.median(reindex.ms), 1), unit: 'ms', target: '<= 50' },
    { name: 'Brown Corpus: first automatic themes of an article (every article\'s phrases counted)', value: round(themes.ms), unit: 'ms', target: '—' },
    { name: 'Brown Corpus: automatic themes of a further article', value: round(themes.nextMs), unit: 'ms', target: '—' },
    { name: 'machine load while measuring the library (1-minute load average, 2 cores)', value: round(load, 1), unit: '', target: '—' },
  ];
  if (search.ripgrep) {
    const rg50 = ctx.median(search.ripgrep);
    figures.splice(12, 0,
      { name: 'Brown Corpus: ripgrep 13 per query (whole process, -i -F -l), p50', value: round(rg50, 2), unit: 'ms', target: '—' },
      { name: 'Brown Corpus: ripgrep, p95', value: round(pct(search.ripgrep, 0.95), 2), unit: 'ms', target: '—' },
      { name: 'Brown Corpus: ripgrep p50 / core search p50', value: round(rg50 / core50, 1), unit: '×', target: '>= 30' });
  } else {
    ctx.log('library: ripgrep (rg) is not installed: apt-get install -y ripgrep; its figures are left out');
  }
  ctx.log(`library: automatic themes of ca01: ${themes.labels.join(', ')}`);
  return figures;
}
