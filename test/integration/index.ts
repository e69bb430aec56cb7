// The tests module the extension host loads (`extensionTestsPath`): VS Code calls run(), and a rejected promise
// makes the run fail. Mocha (tdd ui, CommonJS) runs every `*.test.js` compiled next to this file.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/**
 * Runs the integration suites for the open fixture workspace: `library*.test.js` on
 * test/fixtures/library, every other suite on test/fixtures/workspace. Rejects with the number of failures.
 */
export function run(): Promise<void> {
  // A test takes 0.1–3 s on a quiet machine and ten times that when other work loads the 2 cores; a test that runs
  // out of time keeps running into the next one, so the limit is generous.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: Number(process.env.ARTICLE_ATLAS_TEST_TIMEOUT_MS ?? 60000) });
  const grep = process.env.ARTICLE_ATLAS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js') && f.startsWith('library') === (vscode.workspace.workspaceFolders?.[0]?.name === 'library')) mocha.addFile(path.resolve(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run(failures => (failures > 0 ? reject(new Error(`${failures} tests failed.`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}
