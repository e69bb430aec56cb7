// `npm run test:e2e`: runs the scenarios in test/e2e/*.e2e.mjs against the packaged .vsix in a real workbench.
//   node test/e2e/run.mjs [--no-prepare] [name-filter …]
// A scenario file exports `tests`, an array of [title, async (wb) => {}] run in order on one workbench, and may
// export `options` for startWorkbench (theme, settings, workspace, viewport). After a failed test the rest of that
// file is skipped, a screenshot (test-results/screenshots/<file>-FAILED.png) and the server log
// (test-results/logs/<file>-server.log) are kept, and the file runs once more on a fresh workbench (E2E_RETRIES=1).
// Closes with the flaky and failed tests, then "N passed, N failed[, N skipped]".
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

/**
 * Runs one scenario file on a fresh workbench. Resolves with { passed, failed, skipped, failures } where failures
 * lists "file › title: first line of the error" for the closing summary.
 */
async function runFile(file, attempt) {
  const name = file.replace(/\.e2e\.mjs$/, '');
  const mod = await import(pathToFileURL(path.join(here, file)).href);
  const tests = mod.tests ?? [];
  log(`e2e ${file}: ${tests.length} tests${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
  const started = Date.now();
  const r = { passed: 0, failed: 0, skipped: 0, failures: [] };
  let wb;
  try {
    wb = await startWorkbench({ vsix, name, ...(mod.options ?? {}) });
  } catch (e) {
    console.error(`  ✘ ${name}: the workbench did not start\n${e.stack ?? e}`);
    r.failed = tests.length || 1;
    r.failures.push(`${file} › the workbench did not start: ${String(e.message ?? e).split('\n')[0]}`);
    return r;
  }
  let broken = false;
  for (const [title, fn] of tests) {
    if (broken) { r.skipped++; console.log(`  - ${title} (skipped)`); continue; }
    const t = Date.now();
    try {
      await withTimeout(fn(wb), TEST_TIMEOUT_MS, title);
      r.passed++;
      console.log(`  ✔ ${title} (${Date.now() - t} ms)`);
    } catch (e) {
      r.failed++;
      broken = true;
      r.failures.push(`${file} › ${title} (after ${Date.now() - t} ms): ${String(e.message ?? e).split('\n')[0]}`);
      console.error(`  ✘ ${title}\n${e.stack ?? e}`);
      try { console.error(`    screenshot: ${await wb.screenshot('FAILED')}`); } catch { /* page gone */ }
      if (wb.pageErrors.length) console.error(`---- page errors ----\n${wb.pageErrors.slice(-10).join('\n')}`);
      console.error(`---- code-server log (tail) ----\n${wb.logTail()}`);
    }
  }
  await wb.stop({ keepLog: broken });
  log(`e2e ${file} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r;
}

// A scenario that fails is run once more on a fresh workbench (as Playwright's own runner does with `retries` in
// CI): the workbench's timing on 2 loaded cores varies from run to run. A scenario counts as passed only when a whole
// run of it passes, and every failure of a first attempt is still printed below as "flaky".
const RETRIES = Number(process.env.E2E_RETRIES ?? 1);
const failures = [], flaky = [];
for (const file of files) {
  let r = await runFile(file, 1), attempt = 1;
  while (r.failed && attempt <= RETRIES) {
    flaky.push(...r.failures);
    r = await runFile(file, ++attempt);
  }
  if (!r.failed && attempt > 1) console.log(`  (${file} passed on attempt ${attempt})`);
  passed += r.passed; failed += r.failed; skipped += r.skipped;
  failures.push(...r.failures);
}
if (flaky.length) console.log(`\nflaky (failed, then passed or failed again on a fresh workbench):\n${flaky.map(f => `  ~ ${f}`).join('\n')}`);
if (failures.length) console.log(`\nfailed:\n${failures.map(f => `  ✘ ${f}`).join('\n')}`);
if (!files.length) console.error('no e2e scenario matched');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed || !files.length ? 1 : 0);
