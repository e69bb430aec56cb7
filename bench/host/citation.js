// Loaded by the extension host as `extensionTestsPath` (see bench/figures/citation.mjs). Times one "Quote with
// Citation" as a user runs it, from invoking the command to the quotation's text in the editor, and prints one line
// the bench reads back.
//
// BENCH_CITATION_AT says when the command is invoked: `activation` (right after activation, the citation engine
// cold: its bundle, citeproc-js and the style are loaded by this quotation) or `idle` (2000 ms after activation, when
// the extension has had the time it takes to warm the engine in the background). The passage is ¶ 2 of the shipped
// article, the document an empty Markdown editor, the style given (APA 7th, the default), so no picker waits. Beside
// the total it reports the extension's own share (api.timings.lastQuoteWithCitation: the text built, the edit
// applied) and, afterwards, a one-character edit's round trip through the workbench.
const vscode = require('vscode');
const { performance } = require('perf_hooks');

const EXTENSION_ID = 'articleatlas.article-atlas';
const IDLE_MS = 2000;
/** The citation APA 7th gives the shipped article's ¶ 2 in Markdown (no author, no date: the title, n.d.). */
const CITATION = '(*President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China*, n.d., para. 2)';

module.exports.run = async function run() {
  const at = process.env.BENCH_CITATION_AT;
  if (at !== 'activation' && at !== 'idle') throw new Error(`BENCH_CITATION_AT must be "activation" or "idle", not ${at}`);
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  const activeBefore = ext.isActive;
  // Opening a Markdown document activates Article Atlas (onLanguage:markdown).
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  await vscode.window.showTextDocument(document, { preview: false });
  const api = await ext.activate();
  const activatedAt = performance.now();
  if (at === 'idle') await new Promise(resolve => setTimeout(resolve, IDLE_MS));
  const inEditor = new Promise(resolve => {
    const sub = vscode.workspace.onDidChangeTextDocument(e => {
      if (e.document === document && document.getText().includes(CITATION)) {
        sub.dispose();
        resolve(performance.now());
      }
    });
  });
  const engineLoaded = api.testing.citations.engine.ready !== undefined;
  const t0 = performance.now();
  const done = vscode.commands.executeCommand('articleAtlas.quoteWithCitation', { articleId: 'northeast-revitalization', passageId: 'p2' }, 'apa');
  const shownAt = await Promise.race([inEditor, new Promise((_, reject) => setTimeout(() => reject(new Error(
    `no quotation with the citation ${CITATION} after 60 s; the document holds: ${JSON.stringify(document.getText())}`)), 60000))]);
  await done;
  const { textMs, insertedMs } = api.timings.lastQuoteWithCitation;
  // For comparison: a one-character edit's round trip through the workbench, everything loaded.
  const e0 = performance.now();
  await vscode.window.activeTextEditor.edit(b => b.insert(document.positionAt(document.getText().length), 'x'));
  const plainEditMs = performance.now() - e0;
  console.log(`ARTICLE_ATLAS_BENCH ${JSON.stringify({
    at, activeBefore, engineLoaded, invokedAfterActivationMs: t0 - activatedAt, quoteMs: shownAt - t0, textMs, insertedMs, plainEditMs,
  })}`);
};
