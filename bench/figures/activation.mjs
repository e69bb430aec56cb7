// Time of `activate()` (loading dist/extension.js and running activate) in a fresh real extension host,
// median of BENCH_RUNS runs (default 5). Each run starts its own code-server, browser and host (~15 s).
import path from 'node:path';

/** @param {import('../run.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const out = await ctx.runInHost(path.join(ctx.root, 'bench', 'host', 'activate.js'));
    const m = /ARTICLE_ATLAS_BENCH (\{.*\})/.exec(out);
    if (!m) throw new Error(`run ${i + 1}: no ARTICLE_ATLAS_BENCH line in the host's output`);
    const r = JSON.parse(m[1]);
    if (r.alreadyActive) throw new Error('the extension was already active before the bench activated it');
    times.push(r.activateMs);
    ctx.log(`activate() run ${i + 1}/${runs}: ${r.activateMs.toFixed(1)} ms`);
  }
  return [{ name: 'activate() in a fresh extension host (median)', value: round(ctx.median(times), 1), unit: 'ms', target: '<= 100' }];
}

const round = (x, digits) => Number(x.toFixed(digits));
