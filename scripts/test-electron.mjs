// `npm run test:electron`: the integration suites through @vscode/test-electron's runTests (out/test/runTest.js).
// With VSCODE_EXECUTABLE, or a VS Code build that runTests downloaded into .vscode-test/ (or
// ARTICLE_ATLAS_DOWNLOAD_VSCODE=1 on a machine that can download one), it runs desktop VS Code; otherwise
// runTests is given the scripts/code-web-test shim, which runs the same suites in code-server here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, build, compileTests, ensureHarness, ensureNodeModules, log } from './lib/harness.mjs';

ensureNodeModules();
const env = { ...process.env };
const downloaded = path.join(ROOT, '.vscode-test');
const hasDownload = fs.existsSync(downloaded) && fs.readdirSync(downloaded).some(d => d.startsWith('vscode-'));
if (!env.VSCODE_EXECUTABLE && (hasDownload || env.ARTICLE_ATLAS_DOWNLOAD_VSCODE === '1')) {
  env.ARTICLE_ATLAS_DOWNLOAD_VSCODE = '1';
  log('desktop VS Code: runTests uses the build in .vscode-test/ (downloading it if needed)');
} else if (env.VSCODE_EXECUTABLE) {
  log(`desktop VS Code: ${env.VSCODE_EXECUTABLE}`);
} else {
  log('no desktop VS Code here: runTests drives code-server through scripts/code-web-test');
  await ensureHarness();
}
build();
compileTests();
const r = spawnSync(process.execPath, [path.join(ROOT, 'out/test/runTest.js')], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
