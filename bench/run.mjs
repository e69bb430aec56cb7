// `npm run bench`: measures the figures of bench/figures/*.mjs on the production build and writes
// bench/results.json and bench/RESULTS.md.
//
// Adding a figure: drop a module into bench/figures/ that exports `async function measure(ctx)` returning
// `[{ name, value, unit, target }]`, where `target` is "<= N" or ">= N" in the figure's unit. `ctx` offers:
//   ctx.root              the clone's root
//   ctx.runInHost(file, { env, workspace })  runs `file` (a module exporting run(), CommonJS) as the tests module of a
//                         fresh real extension host with the extension loaded, on a copy of `workspace` (default
//                         test/fixtures/workspace), and resolves with the host's output
//   ctx.vsix()            packages the extension once and returns the .vsix path
//   ctx.median(numbers), ctx.log(...)
// `node bench/run.mjs activation` measures only the figure files whose name contains "activation".
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ROOT, build, createProfile, ensureHarness, ensureNodeModules, log, packageVsix,
} from '../scripts/lib/harness.mjs';

/**
 * @typedef {{ name: string, value: number, unit: string, target: string }} Figure
 * @typedef {{ root: string, runInHost: (file: string, opts?: { env?: object, workspace?: string }) => Promise<string>,
 *             vsix: () => string, median: (xs: number[]) => number, log: (...a: unknown[]) => void }} BenchContext
 */

const filters = process.argv.slice(2);
ensureNodeModules();
await ensureHarness();
build({ production: true });

let vsixPath;
/** @type {BenchContext} */
const ctx = {
  root: ROOT,
  log,
  median: xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; },
  vsix: () => (vsixPath ??= packageVsix()),
  runInHost: (file, { env = {}, workspace = path.join(ROOT, 'test', 'fixtures', 'workspace') } = {}) => new Promise((resolve, reject) => {
    const profile = createProfile({ workspace, prefix: 'article-atlas-bench-' });
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'vscode-web-test.mjs'),
      `--extensionDevelopmentPath=${ROOT}`, `--extensionTestsPath=${file}`, '--disable-extensions', profile.workspace],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', d => { out += d; });
    child.stderr.on('data', d => { out += d; });
    child.on('exit', code => {
      profile.remove();
      if (code === 0) resolve(out); else reject(new Error(`host run exited with ${code}:\n${out.slice(-3000)}`));
    });
  }),
};

const dir = path.join(ROOT, 'bench', 'figures');
const files = fs.readdirSync(dir).filter(f => f.endsWith('.mjs')).sort()
  .filter(f => !filters.length || filters.some(x => f.includes(x)));
/** @type {Figure[]} */
const figures = [];
/** The names of the figures each file of bench/figures/ gave, kept in results.json as `sources`. */
const sources = {};
let broken = 0;
for (const f of files) {
  try {
    const mod = await import(pathToFileURL(path.join(dir, f)).href);
    const measuredHere = await mod.measure(ctx);
    figures.push(...measuredHere);
    sources[f] = measuredHere.map(x => x.name);
  } catch (e) {
    broken++;
    console.error(`bench/figures/${f} failed: ${e.stack ?? e}`);
  }
}

/** True when `value` meets `target` ("<= N" or ">= N"). */
function meets({ value, target }) {
  const m = /^\s*(<=|>=)\s*(-?[\d.]+)\s*$/.exec(target);
  if (!m) return undefined;
  return m[1] === '<=' ? value <= Number(m[2]) : value >= Number(m[2]);
}

// A filtered run replaces the figures of the files it ran (also those whose names changed, such as "median of 3")
// and keeps the others from the last results.
const resultsFile = path.join(ROOT, 'bench', 'results.json');
if (filters.length && fs.existsSync(resultsFile)) {
  const last = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  const measured = new Set(figures.map(f => f.name));
  const replaced = new Set(Object.keys(sources).flatMap(f => last.sources?.[f] ?? []));
  figures.unshift(...last.figures.filter(f => !measured.has(f.name) && !replaced.has(f.name)));
  for (const [f, names] of Object.entries(last.sources ?? {})) sources[f] ??= names;
}
const when = new Date().toISOString();
fs.writeFileSync(resultsFile, JSON.stringify({ measuredAt: when, figures, sources }, null, 2) + '\n');
const rows = figures.map(f => `| ${f.name} | ${f.value} | ${f.unit} | ${f.target} | ${({ true: 'met', false: '**missed**' })[meets(f)] ?? '?'} |`);
fs.writeFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), `# Benchmark results

Measured by \`npm run bench\` on ${when.slice(0, 10)} (production build; the extension host is code-server's, on Node 24,
on a 2-core machine). Each figure comes from a module in \`bench/figures/\`.

| figure | value | unit | target | |
|---|---|---|---|---|
${rows.join('\n')}
`);
for (const f of figures) console.log(`${f.name}: ${f.value} ${f.unit} (target ${f.target}${meets(f) === false ? ', MISSED' : ''})`);
log('wrote bench/results.json and bench/RESULTS.md');
process.exit(broken ? 1 : 0);
