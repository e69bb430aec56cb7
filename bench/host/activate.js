// Loaded by the extension host as `extensionTestsPath` (see bench/figures/activation.mjs): times
// `activate()` of Article Atlas in this fresh host and prints one line the bench reads back.
const vscode = require('vscode');
const { performance } = require('perf_hooks');

module.exports.run = async function run() {
  const ext = vscode.extensions.getExtension('articleatlas.article-atlas');
  if (!ext) throw new Error('articleatlas.article-atlas is not installed in this host');
  // A user opens the view after start-up, when the host is idle; the first seconds of a host are busy with
  // the workbench's own start-up work, which would be counted otherwise.
  await new Promise(resolve => setTimeout(resolve, Number(process.env.BENCH_SETTLE_MS ?? 3000)));
  // An activation event (onLanguage:plaintext fires for any plain-text model the workbench opens) may have
  // activated it meanwhile; such a run measures nothing, and the bench discards it.
  const alreadyActive = ext.isActive;
  const t0 = performance.now();
  await ext.activate();
  const activateMs = performance.now() - t0;
  console.log(`ARTICLE_ATLAS_BENCH ${JSON.stringify({ activateMs, alreadyActive })}`);
};
