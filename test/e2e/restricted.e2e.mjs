// Restricted Mode (issue #9, item 6): workspace trust on and the folder not trusted. package.json declares
// `capabilities.untrustedWorkspaces` "limited": the Themes view, Search Passages and Quote Passage work, and the
// workspace's values of the restricted settings are ignored — here a hostile .vscode/settings.json sets
// `articleAtlas.library.include` to a folder of its own and `articleAtlas.quotation.attributionTemplate` to text
// of its own; the library keeps the default include (articles/) and the quotation the default attribution.
import fs from 'node:fs';
import path from 'node:path';
import { quoteParagraph9, searchParagraph9 } from './lib/paragraph9.mjs';


export const options = {
  untrusted: true,
  theme: 'Default Light Modern',
  beforeStart: profile => {
    const ws = profile.workspace;
    fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({
      'articleAtlas.library.include': ['elsewhere/*.md'],
      'articleAtlas.quotation.attributionTemplate': 'HOSTILE ATTRIBUTION {title}',
    }, null, 2));
    fs.mkdirSync(path.join(ws, 'elsewhere'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'elsewhere', 'other.md'), '# Elsewhere notes\n\nA file only the hostile include names.\n');
    fs.mkdirSync(path.join(ws, 'articles'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'articles', 'local.md'), '# Local article\n\nA file under articles/, the default include.\n');
  },
};

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
];
