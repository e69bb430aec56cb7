// Time of `activate()` (loading dist/extension.js and running activate) in a fresh real extension host,
// median of BENCH_RUNS runs (default 5). Each run starts its own code-server, browser and host (~15 s).
import path from 'node:path';

/** @param {import('../run.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const times = [];
  for (let i = 1; times.length < runs; i++) {
    if (i > 2 * runs) throw new Error(`only ${times.length} of ${i - 1} runs found the extension not yet active`);
    const out = await ctx.runInHost(path.join(ctx.root, 'bench', 'host', 'activate.js'));
    const m = /ARTICLE_ATLAS_BENCH (\{.*\})/.exec(out);
    if (!m) throw new Error(`run ${i}: no ARTICLE_ATLAS_BENCH line in the host's output`);
    const r = JSON.parse(m[1]);
    if (r.alreadyActive) { ctx.log(`activate() run ${i}: already active (an activation event came first), discarded`); continue; }
    times.push(r.activateMs);
    ctx.log(`activate() run ${i}: ${r.activateMs.toFixed(1)} ms`);
  }
  return [{ name: 'activate() in a fresh extension host (median)', value: round(ctx.median(times), 1), unit: 'ms', target: '<= 100' }];
}

const round = (x, digits) => Number(x.toFixed(digits));
