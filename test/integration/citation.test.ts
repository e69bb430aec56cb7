// Quote with Citation and Add to Bibliography in a real extension host, on files of the workspace: a LaTeX paper gets
// a csquotes quotation whose biblatex \cite names the key that Add to Bibliography then writes to the workspace's .bib
// file, once however often it is run; with several .bib files the picker (listed by path) chooses, or a dismissal
// leaves every file alone. Both files' whole text is asserted. Each test's files live in a folder of their own,
// removed after it (a new name each time: the host may keep a text document of a deleted file open a while).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ARTICLE, P2, atlas, closeAllEditors, cursor, until } from './atlasApi';

const KEY = 'xi-northeast-symposium';
const PAPER = [
  '\\documentclass{article}',
  '\\usepackage{csquotes}',
  '\\usepackage[style=apa]{biblatex}',
  '\\addbibresource{refs.bib}',
  '\\begin{document}',
  '',
  '\\printbibliography',
  '\\end{document}',
  '',
].join('\n');
const KNUTH = '@book{knuth1984,\n  author = {Knuth, Donald E.},\n  title = {The {\\TeX}book},\n  date = {1984},\n}\n';
// The shipped article's BibLaTeX entry: only what its front matter gives (no author, date or newspaper), `langid`
// from its `language: en` (biblatex manual §2.2.3), after one blank line.
const ENTRY = `@misc{${KEY},\n  title = {President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China},\n  langid = {english},\n}\n`;

const text = async (uri: vscode.Uri): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
const write = (uri: vscode.Uri, content: string): Thenable<void> => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));

/**
 * Runs `articleAtlas.addToBibliography` for the shipped article and, until it returns, runs `answer` every 100 ms:
 * the command's picker may show at any moment, and the workbench ignores the answer while none is open.
 */
async function addToBibliography(answer?: string): Promise<void> {
  let done = false;
  const run = Promise.resolve(vscode.commands.executeCommand('articleAtlas.addToBibliography', { articleId: ARTICLE }))
    .finally(() => { done = true; });
  if (answer) {
    for (let i = 0; i < 100 && !done; i++) {
      await new Promise(r => setTimeout(r, 100));
      if (!done) await vscode.commands.executeCommand(answer);
    }
  }
  await run;
}

suite('Citations: a LaTeX quotation and Add to Bibliography', () => {
  let folder: vscode.Uri;
  let name = '';
  let dir: vscode.Uri;
  let paper: vscode.Uri;
  let refs: vscode.Uri;
  let n = 0;

  suiteSetup(async () => {
    await atlas();
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspaceFolder, 'the integration tests run on a workspace folder');
    folder = workspaceFolder.uri;
    await vscode.workspace.getConfiguration('articleAtlas.quotation').update('latexEnvironment', 'csquotes', vscode.ConfigurationTarget.Global);
  });

  setup(async () => {
    name = `citation-test-${++n}`;
    dir = vscode.Uri.joinPath(folder, name);
    paper = vscode.Uri.joinPath(dir, 'paper.tex');
    refs = vscode.Uri.joinPath(dir, 'refs.bib');
    await vscode.workspace.fs.createDirectory(dir);
    await write(paper, PAPER);
    await write(refs, KNUTH);
  });

  teardown(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('articleAtlas.quotation').update('latexEnvironment', undefined, vscode.ConfigurationTarget.Global);
  });

  test('quotes ¶ 2 as \\blockquote[\\cite[para.~2]{key}]{…}, and adds the entry under that key to the only .bib file, once', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(paper));
    editor.selection = cursor(5, 0);
    await vscode.commands.executeCommand('articleAtlas.quoteWithCitation', { articleId: ARTICLE, passageId: 'p2' }, 'apa');
    // csquotes manual §3.3: \blockquote[<cite>]{<text>}, the citation in the optional argument; biblatex manual
    // §3.8.1: \cite[<postnote>]{<key>}; APA 7th ed. §8.28: "para." and the paragraph number, joined by a tie.
    const quoted = PAPER.replace('\\begin{document}\n\n', `\\begin{document}\n\\blockquote[\\cite[para.~2]{${KEY}}]{${P2}}\n`);
    assert.strictEqual(editor.document.getText(), quoted);
    assert.ok(await editor.document.save());
    assert.strictEqual(await text(paper), quoted);

    await addToBibliography();
    assert.strictEqual(await text(refs), `${KNUTH}\n${ENTRY}`);
    await addToBibliography();
    assert.strictEqual(await text(refs), `${KNUTH}\n${ENTRY}`, 'a second run adds nothing');
    assert.strictEqual(await text(paper), quoted);
  });

  test('with two .bib files, the picker lists them by path: accepting its first adds there, dismissing it changes nothing', async () => {
    const another = vscode.Uri.joinPath(dir, 'another.bib');
    await write(another, '');
    await addToBibliography('workbench.action.closeQuickOpen');
    assert.strictEqual(await text(another), '');
    assert.strictEqual(await text(refs), KNUTH);

    await addToBibliography('workbench.action.acceptSelectedQuickOpenItem');
    assert.strictEqual(await text(another), ENTRY, `${name}/another.bib comes before ${name}/refs.bib`);
    assert.strictEqual(await text(refs), KNUTH);
  });

  test('the articleAtlas.citation.bibliographyFile setting names the file, and no picker asks', async () => {
    await write(vscode.Uri.joinPath(dir, 'another.bib'), '');
    const config = vscode.workspace.getConfiguration('articleAtlas.citation');
    await config.update('bibliographyFile', `${name}/refs.bib`, vscode.ConfigurationTarget.Global);
    try {
      await addToBibliography();
      await until(async () => (await text(refs)) !== KNUTH, 'the entry in refs.bib');
      assert.strictEqual(await text(refs), `${KNUTH}\n${ENTRY}`);
      assert.strictEqual(await text(vscode.Uri.joinPath(dir, 'another.bib')), '');
    } finally {
      await config.update('bibliographyFile', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a bibliographyFile outside the workspace folder (../) is refused: nothing is written there or elsewhere', async () => {
    const outside = vscode.Uri.joinPath(folder, '..', `${name}-outside.bib`);
    const config = vscode.workspace.getConfiguration('articleAtlas.citation');
    await config.update('bibliographyFile', `../${name}-outside.bib`, vscode.ConfigurationTarget.Global);
    try {
      await addToBibliography();
      assert.strictEqual(await vscode.workspace.fs.stat(outside).then(() => 'written', () => 'absent'), 'absent');
      assert.strictEqual(await text(refs), KNUTH);
    } finally {
      await config.update('bibliographyFile', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a bibliographyFile that does not exist yet is created, with its folder, holding the entry', async () => {
    const created = vscode.Uri.joinPath(dir, 'new-folder', 'created.bib');
    const config = vscode.workspace.getConfiguration('articleAtlas.citation');
    await config.update('bibliographyFile', `${name}/new-folder/created.bib`, vscode.ConfigurationTarget.Global);
    try {
      await addToBibliography();
      assert.strictEqual(await text(created), ENTRY);
      assert.strictEqual(await text(refs), KNUTH);
    } finally {
      await config.update('bibliographyFile', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
