// `npm run fuzz [runs]`: the property-based tests of test/unit/fuzz.test.ts with many more runs than CI's
// (default 20,000 per property; FUZZ_SEED=<n> replays a failure fast-check reported). Compiles the tests first.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const runs = process.argv[2] ?? process.env.FUZZ_RUNS ?? '20000';
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
console.log(`fuzz: ${runs} runs per property`);
const started = Date.now();
const r = spawnSync(process.execPath, ['--test', 'out/test/unit/fuzz.test.js'], {
  cwd: root, stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: String(runs) },
});
console.log(`fuzz: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(r.status ?? 1);
