// `npm test`: lint, type-check, unit, integration tests, the .vsix contents check and end-to-end tests, then one closing line
// "N passed, N failed". On a fresh clone it first installs what is missing (Debian packages as root, npm ci, the
// harness), so only Node built-ins may be imported statically here. Every stage runs even after a failure, so
// one run shows everything that is broken. `--skip=e2e,integration` leaves stages out.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ensureAptPackages, ensureHarness, ensureNodeModules, log } from './lib/harness.mjs';

const skip = new Set((process.argv.find(a => a.startsWith('--skip='))?.slice(7) ?? '').split(',').filter(Boolean));
const started = Date.now();
try {
  ensureAptPackages();
  ensureNodeModules();
  await ensureHarness();
} catch (e) {
  console.error(`could not install what the tests need: ${e.message ?? e}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

/** Runs a command, echoing and capturing its output; resolves with { code, out }. */
function exec(cmd, args) {
  return new Promise(resolve => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', d => { out += d; process.stdout.write(d); });
    child.stderr.on('data', d => { out += d; process.stderr.write(d); });
    child.on('error', e => resolve({ code: 1, out: String(e) }));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}
const bin = name => path.join(ROOT, 'node_modules', '.bin', name);
const lastInt = (re, text) => { const all = [...text.matchAll(re)]; return all.length ? Number(all.at(-1)[1]) : undefined; };

/** A check with no count of its own (lint, type-check, build) is one test. */
const single = r => ({ passed: r.code === 0 ? 1 : 0, failed: r.code === 0 ? 0 : 1 });
/** Counts from a runner's output, made consistent with its exit code. */
function counted(r, passRe, failRe, namesRe) {
  const passed = lastInt(passRe, r.out) ?? 0;
  let failed = lastInt(failRe, r.out) ?? 0;
  if (r.code !== 0 && failed === 0) failed = 1; // crashed or timed out before reporting
  const names = namesRe ? [...new Set([...r.out.matchAll(namesRe)].map(m => m[1].replace(/\s*\n\s*/g, ' › ').trim()))] : [];
  return { passed, failed, names };
}

function unitTestFiles() {
  const dir = path.join(ROOT, 'out', 'test', 'unit');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map(String).filter(f => f.endsWith('.test.js')).map(f => path.join(dir, f)).sort();
}

const stages = [
  ['lint', async () => single(await exec(bin('eslint'), ['.']))],
  ['type-check', async () => single(await exec(bin('tsc'), ['-p', '.', '--noEmit']))],
  ['build', async () => {
    const a = await exec(process.execPath, ['esbuild.js']);
    const b = await exec(bin('tsc'), ['-p', 'tsconfig.test.json']);
    return single({ code: a.code || b.code });
  }],
  ['unit', async () => {
    const files = unitTestFiles();
    if (!files.length) { console.log('no unit tests in out/test/unit/'); return { passed: 0, failed: 0 }; }
    // node:test (TAP): a failed leaf is "not ok N - title" without a "# TODO" directive.
    return counted(await exec(process.execPath, ['--test', ...files]), /^# pass (\d+)/gm, /^# fail (\d+)/gm,
      /^\s*not ok \d+ - ((?:(?!# TODO).)*)$/gm);
  }],
  ['integration', async () => counted(await exec(process.execPath, ['scripts/test-integration.mjs', '--no-prepare']),
    /^\s*(\d+) passing/gm, /^\s*(\d+) failing/gm, /^ {2}\d+\) (.+\n\s+.+?):?$/gm)],
  // The .vsix as `npm run package` builds it, listed and checked against the allow-list of scripts/lib/vsix.mjs;
  // the e2e stage installs this same file.
  ['package', async () => {
    const r = single(await exec(process.execPath, ['scripts/package.mjs']));
    if (!r.failed) process.env.ARTICLE_ATLAS_VSIX = path.join(ROOT, 'out', 'article-atlas.vsix');
    return r;
  }],
  ['library', async () => counted(await exec(process.execPath, ['scripts/test-integration.mjs', '--no-prepare', '--workspace=library']),
    /^\s*(\d+) passing/gm, /^\s*(\d+) failing/gm, /^ {2}\d+\) (.+\n\s+.+?):?$/gm)],
  ['e2e', async () => counted(await exec(process.execPath, ['test/e2e/run.mjs', '--no-prepare']),
    /^(\d+) passed, \d+ failed/gm, /^\d+ passed, (\d+) failed/gm, /^ {2}([✘~] .+ › .+)$/gm)],
];

const results = [];
for (const [name, fn] of stages) {
  if (skip.has(name)) { results.push({ name, skipped: true }); continue; }
  log(`---- ${name} ----`);
  const t = Date.now();
  results.push({ name, ...(await fn()), seconds: (Date.now() - t) / 1000 });
}

const total = results.reduce((s, r) => ({ passed: s.passed + (r.passed ?? 0), failed: s.failed + (r.failed ?? 0) }), { passed: 0, failed: 0 });
console.log('\n==== summary ====');
for (const r of results) {
  console.log(r.skipped ? `  ${r.name.padEnd(12)} skipped`
    : `  ${r.name.padEnd(12)} ${r.passed} ok, ${r.failed} not ok  (${r.seconds.toFixed(1)} s)${r.failed ? '  <- FAILED' : ''}`);
  // CI keeps only the end of the output, so the names of what failed are repeated here.
  for (const n of (r.names ?? []).slice(0, 20)) console.log(`      ${n.length > 300 ? `${n.slice(0, 300)}…` : n}`);
}
console.log(`  total time   ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed ? 1 : 0);
