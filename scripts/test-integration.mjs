// `npm run test:integration`: the mocha suites of test/integration/ inside code-server's real extension host,
// against a copy of test/fixtures/workspace. Installs what is missing, builds, compiles the tests, and exits with
// the tests' result. `--no-prepare` skips installing and building (scripts/test.mjs has done it).
// `--workspace=library` runs the library suite (test/integration/library*.test.ts) on test/fixtures/library
// instead: its articles/ folder would change what the other suites see.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, build, compileTests, createProfile, ensureHarness, ensureNodeModules, log } from './lib/harness.mjs';

if (!process.argv.includes('--no-prepare')) {
  ensureNodeModules();
  await ensureHarness();
  build();
  compileTests();
}
const fixture = process.argv.find(a => a.startsWith('--workspace='))?.slice('--workspace='.length) ?? 'workspace';
if (!['workspace', 'library'].includes(fixture)) throw new Error(`unknown fixture workspace ${fixture}: workspace or library`);
const profile = createProfile({ workspace: path.join(ROOT, 'test/fixtures', fixture), prefix: 'article-atlas-it-' });
log(`running test/integration in the extension host on test/fixtures/${fixture}`);
const r = spawnSync(process.execPath, [
  path.join(ROOT, 'scripts/vscode-web-test.mjs'),
  `--extensionDevelopmentPath=${ROOT}`,
  `--extensionTestsPath=${path.join(ROOT, 'out/test/integration/index')}`,
  '--disable-extensions',
  profile.workspace,
], { stdio: 'inherit' });
profile.remove();
process.exit(r.status ?? 1);
