// Restricted Mode (issue #9, item 6): workspace trust on and the folder not trusted. package.json declares
// `capabilities.untrustedWorkspaces` "limited": the Themes view, Search Passages and Quote Passage work, and the
// workspace's values of the restricted settings are ignored — here a hostile .vscode/settings.json sets
// `articleAtlas.library.include` to a folder of its own and `articleAtlas.quotation.attributionTemplate` to text
// of its own and `articleAtlas.citation.bibliographyFile` to a file of its own; the library keeps the default include
// (articles/), the quotation the default attribution, and Add to Bibliography the workspace's one .bib file. Then, as the
// control, the folder is trusted: the same settings apply at once (the library reloads on the grant), so the
// restricted steps above did not pass for another reason.
import fs from 'node:fs';
import path from 'node:path';
import { quoteParagraph9, searchParagraph9 } from './lib/paragraph9.mjs';
import { until } from './lib/workbench.mjs';


export const options = {
  untrusted: true,
  theme: 'Default Light Modern',
  beforeStart: profile => {
    const ws = profile.workspace;
    fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({
      'articleAtlas.library.include': ['elsewhere/*.md'],
      'articleAtlas.quotation.attributionTemplate': 'HOSTILE ATTRIBUTION {title}',
      'articleAtlas.citation.bibliographyFile': 'elsewhere/hostile.bib',
    }, null, 2));
    fs.writeFileSync(path.join(ws, 'refs.bib'), '');
    fs.mkdirSync(path.join(ws, 'elsewhere'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'elsewhere', 'other.md'), '# Elsewhere notes\n\nA file only the hostile include names.\n');
    fs.mkdirSync(path.join(ws, 'articles'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'articles', 'local.md'), '# Local article\n\nA file under articles/, the default include.\n');
  },
};

/** The start of the shipped article's BibLaTeX entry, as Add to Bibliography writes it. */
const ENTRY = '@misc{xi-northeast-symposium,';

/** Runs Add to Bibliography on the shipped article (picked from the article QuickPick) and waits until `file` holds its entry. */
async function addShippedToBibliography(wb, file) {
  await wb.runCommandToInput('Article Atlas: Add to Bibliography', 'Pick the article');
  await wb.page.keyboard.type('President Xi');
  await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'President Xi Jinping Hosts Symposium' }).first().waitFor({ timeout: 30000 });
  await wb.page.keyboard.press('Enter');
  const at = path.join(wb.workspace, file);
  return until(() => fs.existsSync(at) && fs.readFileSync(at, 'utf8').includes(ENTRY) && fs.readFileSync(at, 'utf8'), `${file} to hold the entry`, 30000);
}

let step = 0;
const shot = (wb, name) => wb.screenshot(`${String(++step).padStart(2, '0')}-${name}`);

export const tests = [
  ['the folder is open in Restricted Mode', async wb => {
    await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 90000 });
  }],

  ['the Themes view shows the shipped article and articles/ (the default include), not the hostile include\'s folder', async wb => {
    const item = wb.activityItem('Article Atlas');
    await item.waitFor({ timeout: 80000 });
    await item.click();
    const rows = wb.page.locator('.part.sidebar .monaco-list-row');
    await rows.filter({ hasText: 'Local article' }).first().waitFor({ timeout: 90000 });
    await rows.filter({ hasText: 'President Xi Jinping Hosts Symposium' }).first().waitFor();
    const texts = await rows.allTextContents();
    if (texts.some(t => t.includes('Elsewhere notes'))) throw new Error(`the tree lists the hostile include's file: ${JSON.stringify(texts)}`);
    await shot(wb, 'themes');
  }],

  ['Search Passages finds "regain its glory" in paragraph 9', async wb => {
    await searchParagraph9(wb, shot);
  }],

  ['Quote Passage inserts paragraph 9 with the default attribution, not the workspace\'s template', async wb => {
    const text = await quoteParagraph9(wb);
    if (text.includes('HOSTILE')) throw new Error(`report.md: ${JSON.stringify(text)}`);
    await shot(wb, 'quoted');
  }],

  ['Add to Bibliography writes the workspace\'s refs.bib, not the file the workspace\'s settings name', async wb => {
    const text = await addShippedToBibliography(wb, 'refs.bib');
    if (!text.startsWith(ENTRY)) throw new Error(`refs.bib: ${JSON.stringify(text)}`);
    if (fs.existsSync(path.join(wb.workspace, 'elsewhere', 'hostile.bib'))) throw new Error('elsewhere/hostile.bib was written');
  }],

  ['control: once the folder is trusted, the workspace\'s include and bibliography file apply', async wb => {
    await wb.runCommand('Workspaces: Manage Workspace Trust', { timeout: 30000 });
    const trust = wb.page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first();
    await trust.waitFor({ timeout: 30000 });
    await trust.click();
    await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'detached', timeout: 30000 });
    // The Workspace Trust editor opens as a modal over the workbench: close it with its title bar's close button.
    await wb.page.locator('.monaco-modal-editor-block .codicon-close, .monaco-modal-editor-block [aria-label^="Close"]').first().click();
    await wb.page.locator('.monaco-modal-editor-block').waitFor({ state: 'detached', timeout: 30000 });
    await wb.page.locator('.part.sidebar .monaco-list-row', { hasText: 'Elsewhere notes' }).first().waitFor({ timeout: 60000 });
    await shot(wb, 'trusted');
    await addShippedToBibliography(wb, path.join('elsewhere', 'hostile.bib'));
  }],
];
