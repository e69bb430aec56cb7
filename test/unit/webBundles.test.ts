// The bundles that run in the web worker extension host (vscode.dev) hold no Node built-in: dist/web/extension.js
// (package.json "browser"), and dist/engine.js and dist/citations.js, which it reads and evaluates there with only
// `module` and `exports` (src/bundles.ts); dist/webview.js runs in the reader's iframe. The worker has no require,
// so a require("fs") or an import of "node:path" left in any of them breaks the extension in the browser only.
// The bundles are built (node esbuild.js) when one is missing or older than a source file.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const BUNDLES = ['dist/web/extension.js', 'dist/engine.js', 'dist/citations.js', 'dist/webview.js'];

/** Node's built-in modules, with and without `node:` (`fs`, `node:fs`, `fs/promises`, `node:test`, …). */
const BUILTINS = new Set(builtinModules.flatMap(m => (m.startsWith('node:') ? [m, m.slice(5)] : [m, `node:${m}`])));

/**
 * The Node built-in modules that `code` loads: `require("fs")`, `require('node:path')`, `` require(`os`) ``,
 * `import("child_process")`, `import … from "worker_threads"`, `export … from "util"`, `import "crypto"`.
 */
export function nodeBuiltinsIn(code: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\b(?:require|import)\s*\(\s*(["'`])([^"'`\s]+)\1\s*\)/g,
    /\b(?:from|import)\s*(["'])([^"'\s]+)\1/g,
  ];
  for (const pattern of patterns) {
    for (const m of code.matchAll(pattern)) if (BUILTINS.has(m[2])) found.add(m[2]);
  }
  return [...found].sort();
}

/** The newest modification time (ms) of the files under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

describe('nodeBuiltinsIn', () => {
  it('finds require, dynamic import and import/export from of Node built-ins, with or without node:', () => {
    const code = 'var a=require("fs"),b=require(\'node:path\');const c=require(`os`);import("child_process");'
      + 'import{Worker}from"worker_threads";export*from "util";import "crypto";';
    assert.deepEqual(nodeBuiltinsIn(code), ['child_process', 'crypto', 'fs', 'node:path', 'os', 'util', 'worker_threads']);
  });

  it('leaves alone vscode, packages, relative files and words that only look alike', () => {
    const code = 'require("vscode");require("yaml");require("./fs");requirements("fs");x.import = "path";// require(fs)\n'
      + 'const s = "from the fs";import("./engine.js");';
    assert.deepEqual(nodeBuiltinsIn(code), []);
  });
});

describe('the bundles the web worker extension host runs', () => {
  before(() => {
    const sources = Math.max(newest(path.join(root, 'src')), fs.statSync(path.join(root, 'esbuild.js')).mtimeMs);
    const stale = BUNDLES.some(b => !fs.existsSync(path.join(root, b)) || fs.statSync(path.join(root, b)).mtimeMs < sources);
    if (stale) execFileSync(process.execPath, ['esbuild.js'], { cwd: root, stdio: 'inherit' });
  });

  for (const bundle of BUNDLES) {
    it(`${bundle} loads no Node built-in`, () => {
      const code = fs.readFileSync(path.join(root, bundle), 'utf8');
      assert.ok(code.length > 1000, `${bundle} is built`);
      assert.deepEqual(nodeBuiltinsIn(code), [], `${bundle} must run without Node`);
    });
  }

  it('dist/web/extension.js requires nothing but vscode', () => {
    const code = fs.readFileSync(path.join(root, 'dist/web/extension.js'), 'utf8');
    const required = [...new Set([...code.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map(m => m[2]))];
    assert.deepEqual(required, ['vscode']);
  });
});
