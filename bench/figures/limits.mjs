// Hostile sizes and shapes (issue #9, item 5). The core parsers on each input, in fresh Node processes on the
// production engine bundle (bench/lib/limits-worker.cjs; inputs written to the git-ignored bench/corpus/limits/):
// a 100,000-character single paragraph, a theme file nested 10,000 levels deep, a cyclic one, a theme file naming
// 100,000 passages, and an article at the library's size ceiling (4,096 KB). Then the library in a real extension
// host (bench/host/limits.js): a 50 MB article skipped with a warning, and 10,000 small articles. Each is bounded in
// time and memory; where something is skipped, its message is logged. Run alone with `node bench/run.mjs limits`.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/** @param {import('../run.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const dir = path.join(ctx.root, 'bench', 'corpus', 'limits');
  const worker = which => {
    ctx.log(`limits: ${which}`);
    return JSON.parse(execFileSync(process.execPath,
      ['--expose-gc', path.join(ctx.root, 'bench', 'lib', 'limits-worker.cjs'), which, dir, path.join(ctx.root, 'dist', 'engine.js')],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }).trim().split('\n').pop());
  };
  const round = (x, d = 0) => Number(x.toFixed(d));
  const load = os.loadavg()[0];
  const paragraph = worker('paragraph');
  const deep = worker('deep');
  const cyclic = worker('cyclic');
  const passages = worker('passages');
  const ceiling = worker('ceiling');
  ctx.log(`limits: deep → ${deep.first}`);
  ctx.log(`limits: cyclic → ${cyclic.first}`);
  ctx.log(`limits: 100,000 passages → ${passages.problems} problems, first ${passages.first}, last ${passages.last}`);
  ctx.log('limits: the library in an extension host (50 MB file, 10,000 files)');
  const hostOut = await ctx.runInHost(path.join(ctx.root, 'bench', 'host', 'limits.js'));
  const m = /ARTICLE_ATLAS_BENCH (\{.*\})/.exec(hostOut);
  if (!m) throw new Error(`no ARTICLE_ATLAS_BENCH line in the host's output:\n${hostOut.slice(-3000)}`);
  const host = JSON.parse(m[1]);
  ctx.log(`limits: 50 MB file → ${host.hugeMessage}`);
  ctx.log(`limits: first search over ${host.files} files → ${host.firstHit}`);
  const loadAfter = os.loadavg()[0];
  return [
    { name: 'limits: one 100,000-character paragraph (9,091 sentences) parsed', value: round(paragraph.ms), unit: 'ms', target: '<= 1000' },
    { name: 'limits: one 100,000-character paragraph, heap held', value: round(paragraph.heapMB, 1), unit: 'MB', target: '<= 50' },
    { name: 'limits: theme file nested 10,000 levels deep, refused (yaml-depth)', value: round(deep.ms), unit: 'ms', target: '<= 5000' },
    { name: 'limits: theme file nested 10,000 levels deep, heap held', value: round(deep.heapMB, 1), unit: 'MB', target: '<= 100' },
    { name: 'limits: cyclic theme file, refused (yaml-alias)', value: round(cyclic.ms, 1), unit: 'ms', target: '<= 100' },
    { name: 'limits: theme file naming 100,000 passages, loaded (200 problems listed, 1 summary)', value: round(passages.ms), unit: 'ms', target: '<= 10000' },
    { name: 'limits: theme file naming 100,000 passages, heap held', value: round(passages.heapMB, 1), unit: 'MB', target: '<= 300' },
    { name: `limits: article at the 4,096 KB ceiling (${ceiling.paragraphs} paragraphs, ${ceiling.sentences} sentences) parsed and indexed`, value: round(ceiling.ms), unit: 'ms', target: '<= 10000' },
    { name: 'limits: article at the 4,096 KB ceiling, heap held', value: round(ceiling.heapMB, 1), unit: 'MB', target: '<= 300' },
    { name: 'limits: host: 50 MB article written → its too-large warning on the file', value: round(host.hugeMs), unit: 'ms', target: '<= 10000' },
    { name: `limits: host: ${host.files} small articles written → all in the library`, value: round(host.filesMs / 1000, 1), unit: 's', target: '<= 60' },
    { name: `limits: host: ${host.files} small articles, longest stall of the extension host's event loop meanwhile and for 12 s after (the watcher's re-lists)`, value: round(host.worstLagMs), unit: 'ms', target: '<= 1000' },
    { name: `limits: host: ${host.files} small articles, heap growth (after full collections, search index built)`, value: round(host.heapMB, 1), unit: 'MB', target: '<= 400' },
    { name: `limits: host: first search over ${host.files} small articles (builds the index)`, value: round(host.firstSearchMs), unit: 'ms', target: '<= 10000' },
    { name: `limits: host: next search over ${host.files} small articles`, value: round(host.nextSearchMs, 1), unit: 'ms', target: '<= 100' },
    { name: `limits: host: slowest of a search each second for 12 s after the ${host.files} articles were in (while the library is listed again)`, value: round(host.settleSearchMaxMs, 1), unit: 'ms', target: '<= 100' },
    { name: 'machine load while measuring the limits (1-minute load average before / after, 2 cores)', value: round(load, 1), unit: `(after: ${round(loadAfter, 1)})`, target: '—' },
  ];
}
