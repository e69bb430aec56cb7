#!/usr/bin/env node
// Runs VS Code extension tests inside code-server's real (Node) extension host, driven headlessly by Chromium
// through playwright-core. Takes the arguments @vscode/test-electron passes to a VS Code executable, and exits
// with the tests' result: 0 passed, 1 failed, 2 timed out, 3+ the harness broke.
//
//   node scripts/vscode-web-test.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [WORKSPACE]
//        [--user-data-dir=DIR] [--extensions-dir=DIR] [--install-extension=VSIX] [--disable-extensions]
//
// Through the `scripts/code-web-test` shim it is a `vscodeExecutablePath` for @vscode/test-electron's runTests().
// How: code-server runs with `--vscode-option enable-smoke-test-driver`, which makes the workbench honour
// `?payload=[["extensionTestsPath", …]]`; the extension host then loads the tests module and calls its run(), and
// the workbench reports through window.codeAutomationLog/codeAutomationExit, exposed here by Playwright.
// Env: VSCODE_WEB_TEST_TIMEOUT_MS (default 900000: the library suite's limits take minutes on a loaded machine), VSCODE_WEB_TEST_VERBOSE=1 (server and browser logs).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import {
  CODE_SERVER_ENTRY, NODE24, chromiumOptions, createProfile, harnessComplete, installExtension, startServer,
} from './lib/harness.mjs';

const TIMEOUT_MS = Number(process.env.VSCODE_WEB_TEST_TIMEOUT_MS ?? 900000);
const VERBOSE = !!process.env.VSCODE_WEB_TEST_VERBOSE;
// The workbench's own chatter that reaches codeAutomationLog too; nothing here is about the tests.
const NOISE = new RegExp([
  'ENOTFOUND open-vsx\\.org', 'waiting for authentication provider', '^Canceled', 'connection token', '^Creating a socket',
  '^\\[reconnection-grace-time\\]', 'additional builtin extensions cache', '^\\[Service Worker\\]', '^\\[AccountPolicyGate\\]',
  '^\\[AgentHost', 'OverlayWebview has been disposed', 'vsda',
].join('|'));

const opt = { devPaths: [], testsPath: undefined, userDataDir: undefined, extensionsDir: undefined,
  installExtensions: [], disableExtensions: false, workspace: undefined };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (!a.startsWith('--')) { opt.workspace = path.resolve(a); continue; }
  const eq = a.indexOf('=');
  const key = a.slice(2, eq < 0 ? undefined : eq);
  const val = () => (eq < 0 ? argv[++i] : a.slice(eq + 1));
  switch (key) {
    case 'extensionDevelopmentPath': opt.devPaths.push(path.resolve(val())); break;
    case 'extensionTestsPath': opt.testsPath = path.resolve(val()); break;
    case 'user-data-dir': opt.userDataDir = path.resolve(val()); break;
    case 'extensions-dir': opt.extensionsDir = path.resolve(val()); break;
    case 'install-extension': opt.installExtensions.push(val()); break;
    case 'disable-extensions': opt.disableExtensions = true; break;
    case 'folder-uri': case 'file-uri': opt.workspace = new URL(val()).pathname; break;
    // Desktop-only flags from runTests (--no-sandbox, --disable-updates, --skip-welcome, …) mean nothing here.
    default: if (VERBOSE) console.log(`[vscode-web-test] ignoring ${a}`);
  }
}
if (!opt.testsPath || !opt.devPaths.length) {
  console.error('usage: vscode-web-test.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--user-data-dir=DIR] '
    + '[--extensions-dir=DIR] [--install-extension=VSIX] [--disable-extensions] [WORKSPACE]');
  process.exit(64);
}
if (!harnessComplete()) {
  console.error(`[vscode-web-test] no harness at ${CODE_SERVER_ENTRY} / ${NODE24}: run \`node scripts/install-harness.mjs\` first`);
  process.exit(65);
}

const t0 = Date.now();
const log = (...a) => console.log(`[vscode-web-test ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const profile = createProfile({ prefix: 'vscode-web-test-' });
if (opt.userDataDir) {
  // A caller's profile folders (runTests passes them): give them the quiet settings unless they have their own.
  const settings = path.join(opt.userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settings), { recursive: true });
  if (!fs.existsSync(settings)) fs.copyFileSync(path.join(profile.userDataDir, 'User', 'settings.json'), settings);
  profile.userDataDir = opt.userDataDir;
}
if (opt.extensionsDir) { fs.mkdirSync(opt.extensionsDir, { recursive: true }); profile.extensionsDir = opt.extensionsDir; }
for (const ext of opt.installExtensions) installExtension(profile, ext);

let server, browser, finished = false;
async function finish(code, why) {
  if (finished) return;
  finished = true;
  log(`${why} -> exit code ${code}`);
  if (code !== 0 && server && !VERBOSE) console.error(`---- code-server log (tail) ----\n${server.logTail(4000)}`);
  try { await browser?.close(); } catch { /* already gone */ }
  await server?.stop();
  profile.remove();
  process.exit(code);
}
process.on('SIGINT', () => finish(130, 'SIGINT'));
process.on('SIGTERM', () => finish(143, 'SIGTERM'));
setTimeout(() => finish(2, `TIMEOUT after ${TIMEOUT_MS} ms`), TIMEOUT_MS).unref();

try {
  server = await startServer(profile, { smokeTestDriver: true, echo: VERBOSE });
  server.child.once('exit', c => finish(3, `code-server exited unexpectedly (${c})`));
  log(`code-server ${server.url} up`);
  browser = await chromium.launch(chromiumOptions(profile));
  browser.on('disconnected', () => finish(4, 'browser disconnected'));
  const page = await (await browser.newContext()).newPage();
  page.on('crash', () => finish(5, 'page crashed'));
  if (VERBOSE) page.on('console', m => console.log(`[browser ${m.type()}] ${m.text()}`));
  // The smoke-test driver contract: extension-host console output, and the tests' exit code.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    if (finished || (!VERBOSE && NOISE.test(String(args?.[0] ?? '')))) return;
    (console[type] ?? console.log)(...args);
  });
  await page.exposeFunction('codeAutomationExit', code => finish(code, 'tests finished'));

  const authority = new URL(server.url).host;
  const remote = p => `vscode-remote://${authority}${p}`;
  const payload = [
    ...opt.devPaths.map(p => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(opt.testsPath)],
    ['skipWelcome', 'true'],
    ...(opt.disableExtensions ? [['disableExtensions', 'true']] : []),
  ];
  let url = `${server.url}/?`;
  if (!opt.workspace) url += 'ew=true';
  else if (opt.workspace.endsWith('.code-workspace')) url += `workspace=${encodeURIComponent(opt.workspace)}`;
  else url += `folder=${encodeURIComponent(opt.workspace)}`;
  url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log(`opening workbench (tests: ${opt.testsPath}; workspace: ${opt.workspace ?? '(none)'})`);
  await page.goto(url, { timeout: 180000 }); // TIMEOUT_MS bounds the whole run
} catch (e) {
  console.error(e);
  await finish(6, 'harness error');
}
