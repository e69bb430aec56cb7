// Loaded by the extension host as `extensionTestsPath` (see bench/figures/limits.mjs): the library's limits in the
// host, on a copy of test/fixtures/workspace. Writes (with Node's fs, into the workspace's articles/) a 50 MB article
// and times until its skip warning is on the file; then 10,000 small articles, written by another process (as a copy
// or a checkout would be: the host's own event loop is not the writer's), and times until the library holds them
// all, with the host's heap growth (after full collections, once the index is built), the first search (which builds the index) and the next, the slowest of a search a
// second for 12 s after (while the watcher lists the library again), and the longest stall of the host's event loop
// from the first write to the end of those 12 s (a 10 ms timer's lateness: whether the extension stayed responsive,
// measured once the citation engine's warm-up after activation is over, which blocks the host on its own). Prints
// one line.
const vscode = require('vscode');
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');
const v8 = require('v8');
const vm = require('vm');

/**
 * A full garbage collection: the extension host runs without --expose-gc, so the flag is set now and `gc` taken
 * from a new context (without it, "heap growth" was heapUsed before and after with whatever garbage was pending:
 * from -9 to +76 MB for the same work).
 */
function collect() {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  gc();
  gc();
}

const EXTENSION_ID = 'articleatlas.article-atlas';
const FILES = Number(process.env.BENCH_LIMITS_FILES ?? 10000);

async function until(check, what, ms = 600000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

/** Starts measuring how late a 10 ms timer fires; the returned function stops and gives the longest lateness in ms. */
function lagMonitor() {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  return () => { clearInterval(timer); return worst; };
}

/** Writes `count` small articles n00000.md … into `dir` from a child Node process; resolves when it has exited. */
function writeSmallArticles(dir, count) {
  const script = `const fs = require('fs'); const path = require('path'); const [dir, n] = process.argv.slice(1);
    for (let i = 0; i < Number(n); i++) fs.writeFileSync(path.join(dir, \`n\${String(i).padStart(5, '0')}.md\`), \`# Note \${i}\\n\\nA small note numbered \${i}. It has two sentences.\\n\`);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, dir, String(count)], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', code => (code === 0 ? resolve() : reject(new Error(`the writer exited with ${code}`))));
  });
}

module.exports.run = async function run() {
  const api = await vscode.extensions.getExtension(EXTENSION_ID).activate();
  await api.snapshot();
  await until(() => api.testing.citations.engine.ready, 'the citation engine\'s warm-up');
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const dir = path.join(folder.fsPath, 'articles');
  fs.mkdirSync(dir, { recursive: true });
  const out = {};

  // A 50 MB article, over the default 1024 KB: skipped with a warning on the file.
  const huge = vscode.Uri.joinPath(folder, 'articles', 'huge.md');
  const paragraph = 'The quick brown fox jumps over the lazy dog near the river bank. '.repeat(8);
  let t0 = performance.now();
  fs.writeFileSync(huge.fsPath, `# Huge\n\n${`${paragraph}\n\n`.repeat(Math.ceil(50 * 1024 * 1024 / (paragraph.length + 2)))}`);
  const warning = await until(() => vscode.languages.getDiagnostics(huge)[0], 'the 50 MB file\'s warning');
  out.hugeMs = performance.now() - t0;
  out.hugeMessage = warning.message;
  fs.unlinkSync(huge.fsPath);
  await until(() => vscode.languages.getDiagnostics(huge).length === 0, 'the warning gone');

  // 10,000 small articles.
  const before = (await api.snapshot()).entries.length;
  collect();
  const heap0 = process.memoryUsage().heapUsed;
  const lag = lagMonitor();
  t0 = performance.now();
  fs.mkdirSync(path.join(dir, 'bulk'));
  await writeSmallArticles(path.join(dir, 'bulk'), FILES);
  out.writeMs = performance.now() - t0;
  await until(async () => (await api.snapshot()).entries.length === before + FILES, `the ${FILES} articles in the library`);
  out.filesMs = performance.now() - t0;
  t0 = performance.now();
  const hits = await api.search('numbered 9876');
  out.firstSearchMs = performance.now() - t0;
  out.firstHit = hits[0] && `${hits[0].articleId}#${hits[0].passageId}`;
  t0 = performance.now();
  await api.search('small note');
  out.nextSearchMs = performance.now() - t0;
  // The watcher lists the library again 1 s and 5 s after the burst's last event (src/fileEvents.ts): a search each
  // second meanwhile, and the event loop watched until 12 s after the files were all in.
  const searches = [];
  const end = performance.now() + 12000;
  while (performance.now() < end) {
    await new Promise(resolve => setTimeout(resolve, 1000));
    const s0 = performance.now();
    await api.search(`numbered ${1000 + searches.length}`);
    searches.push(performance.now() - s0);
  }
  out.settleSearchMaxMs = Math.max(...searches);
  out.worstLagMs = lag();
  // What the library (with its search index, now built) holds for the 10,000 articles, after a full collection.
  collect();
  out.heapMB = (process.memoryUsage().heapUsed - heap0) / 1e6;
  out.files = FILES;
  console.log(`ARTICLE_ATLAS_BENCH ${JSON.stringify(out)}`);
};
