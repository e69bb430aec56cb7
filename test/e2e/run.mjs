// `npm run test:e2e`: runs the scenarios in test/e2e/*.e2e.mjs against the packaged .vsix in a real workbench.
//   node test/e2e/run.mjs [--no-prepare] [name-filter …]
// A scenario file exports `tests`, an array of [title, async (wb) => {}] run in order on one workbench, and may
// export `options` for startWorkbench (theme, settings, workspace, viewport). After a failed test the rest of that
// file is skipped, and a screenshot (test-results/screenshots/<file>-FAILED.png) and the server log
// (test-results/logs/<file>-server.log) are kept. Closes with "N passed, N failed[, N skipped]".
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, ensureHarness, ensureNodeModules, log, packageVsix } from '../../scripts/lib/harness.mjs';

const args = process.argv.slice(2);
const filters = args.filter(a => !a.startsWith('--'));
const TEST_TIMEOUT_MS = Number(process.env.E2E_TEST_TIMEOUT_MS ?? 90000);

if (!args.includes('--no-prepare')) {
  ensureNodeModules();
  await ensureHarness();
}
const vsix = fs.existsSync(process.env.ARTICLE_ATLAS_VSIX ?? '') ? process.env.ARTICLE_ATLAS_VSIX : packageVsix();
const { startWorkbench } = await import('./lib/workbench.mjs'); // imports playwright-core: after npm ci

const here = path.join(ROOT, 'test', 'e2e');
const files = fs.readdirSync(here).filter(f => f.endsWith('.e2e.mjs')).sort()
  .filter(f => !filters.length || filters.some(x => f.includes(x)));
let passed = 0, failed = 0, skipped = 0;

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}

for (const file of files) {
  const name = file.replace(/\.e2e\.mjs$/, '');
  const mod = await import(pathToFileURL(path.join(here, file)).href);
  const tests = mod.tests ?? [];
  log(`e2e ${file}: ${tests.length} tests`);
  const started = Date.now();
  let wb;
  try {
    wb = await startWorkbench({ vsix, name, ...(mod.options ?? {}) });
  } catch (e) {
    console.error(`  ✘ ${name}: the workbench did not start\n${e.stack ?? e}`);
    failed += tests.length || 1;
    continue;
  }
  let broken = false;
  for (const [title, fn] of tests) {
    if (broken) { skipped++; console.log(`  - ${title} (skipped)`); continue; }
    const t = Date.now();
    try {
      await withTimeout(fn(wb), TEST_TIMEOUT_MS, title);
      passed++;
      console.log(`  ✔ ${title} (${Date.now() - t} ms)`);
    } catch (e) {
      failed++;
      broken = true;
      console.error(`  ✘ ${title}\n${e.stack ?? e}`);
      try { console.error(`    screenshot: ${await wb.screenshot('FAILED')}`); } catch { /* page gone */ }
      if (wb.pageErrors.length) console.error(`---- page errors ----\n${wb.pageErrors.slice(-10).join('\n')}`);
      console.error(`---- code-server log (tail) ----\n${wb.logTail()}`);
    }
  }
  await wb.stop({ keepLog: broken });
  log(`e2e ${file} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
if (!files.length) console.error('no e2e scenario matched');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed || !files.length ? 1 : 0);
