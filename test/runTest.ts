// The standard @vscode/test-electron entry point (`npm run test:electron`). On a machine that can run desktop
// VS Code, set VSCODE_EXECUTABLE (or keep a build that runTests downloaded in .vscode-test/ and set
// ARTICLE_ATLAS_DOWNLOAD_VSCODE=1); elsewhere the scripts/code-web-test shim runs the same suites in code-server.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'article-atlas-electron-'));
  // A copy per run: the workbench may save files. The folder keeps its name, which the tests check.
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  const download = process.env.ARTICLE_ATLAS_DOWNLOAD_VSCODE === '1';
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE ?? (download ? undefined : path.join(root, 'scripts/code-web-test')),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/integration/index'),
      launchArgs: [workspace, '--disable-extensions',
        `--user-data-dir=${path.join(tmp, 'user-data')}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
      extensionTestsEnv: { ARTICLE_ATLAS_SELFCHECK_FAIL: process.env.ARTICLE_ATLAS_SELFCHECK_FAIL ?? '' },
    });
  } catch (err) {
    console.error('Integration tests failed:', err);
    process.exitCode = 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

void main();
