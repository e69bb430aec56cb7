// How the library lists the files of an include glob (src/libraryWorkspace.ts, listGlob): a glob with a folder
// first is walked with readDirectory; one with a pattern first goes to the workbench's file search. On real files
// in a temporary folder, through vscode.workspace.fs.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { literalGlob } from '../../src/commands/library';
import { globPlan } from '../../src/core/glob';
import { listGlob } from '../../src/libraryWorkspace';

suite('Listing an include glob', () => {
  let root: string;
  let folder: vscode.Uri;
  const asked: string[] = [];
  const find = async (pattern: vscode.GlobPattern, exclude: string): Promise<vscode.Uri[]> => {
    const p = pattern as vscode.RelativePattern;
    asked.push(`${p.pattern} in ${path.basename(p.baseUri.fsPath)} excluding ${exclude}`);
    return [vscode.Uri.joinPath(folder, 'from-search.md')];
  };
  const list = async (glob: string) => (await listGlob(vscode.workspace.fs, folder, globPlan(glob), glob, find))
    .map(u => path.relative(root, u.fsPath).split(path.sep).join('/')).sort();

  suiteSetup(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'article-atlas-glob-'));
    folder = vscode.Uri.file(root);
    for (const f of ['articles/a.md', 'articles/sub/b.txt', 'articles/sub/c.json', 'articles/sub/deep/d.md', 'articles/node_modules/x.md',
      'articles/.git/y.md', 'articles/.hidden/e.md', 'other/f.md', 'notes/[x].md', 'notes/plain.md']) {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), 'text');
    }
    fs.symlinkSync(path.join(root, 'articles'), path.join(root, 'articles', 'loop'));
    fs.symlinkSync(path.join(root, 'other', 'f.md'), path.join(root, 'articles', 'linked.md'));
  });
  suiteTeardown(() => fs.rmSync(root, { recursive: true, force: true }));
  setup(() => { asked.length = 0; });

  test('a glob with a folder first is walked: node_modules, .git and links to folders are left out, links to files kept', async () => {
    assert.deepStrictEqual(await list('articles/**/*.{md,txt}'),
      ['articles/.hidden/e.md', 'articles/a.md', 'articles/linked.md', 'articles/sub/b.txt', 'articles/sub/deep/d.md']);
    assert.deepStrictEqual(await list('articles/*.md'), ['articles/a.md', 'articles/linked.md']);
    assert.deepStrictEqual(await list('./articles/sub/*'), ['articles/sub/b.txt', 'articles/sub/c.json']);
    assert.deepStrictEqual(asked, []);
  });

  test('a path without a pattern lists that file when it exists; a literal glob made by Add File to Library matches its file', async () => {
    assert.deepStrictEqual(await list('notes/plain.md'), ['notes/plain.md']);
    assert.deepStrictEqual(await list('notes/missing.md'), []);
    assert.deepStrictEqual(await list('notes'), []);
    assert.deepStrictEqual(await list(literalGlob('notes/[x].md')), ['notes/[x].md']);
    assert.deepStrictEqual(await list('missing/**/*.md'), []);
    assert.deepStrictEqual(asked, []);
  });

  test('a glob with a pattern first, or one leaving the folder, goes to the file search with the same exclusions', async () => {
    assert.deepStrictEqual(await list('**/*.md'), ['from-search.md']);
    assert.deepStrictEqual(await list('{articles,notes}/*.md'), ['from-search.md']);
    assert.deepStrictEqual(await list('../elsewhere/*.md'), ['from-search.md']);
    const name = path.basename(root);
    assert.deepStrictEqual(asked, [
      `**/*.md in ${name} excluding **/{node_modules,.git}/**`,
      `{articles,notes}/*.md in ${name} excluding **/{node_modules,.git}/**`,
      `../elsewhere/*.md in ${name} excluding **/{node_modules,.git}/**`,
    ]);
  });
});
