// The browser bundle (dist/web/extension.js) in the web worker extension host, as in vscode.dev: the .vsix is
// installed without its "main" entry, so the workbench can only run it there. The Themes view shows the article's
// themes, Search Passages finds a phrase, and Quote Passage inserts a quotation into report.md.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../scripts/lib/harness.mjs';
import { until } from './lib/workbench.mjs';
import { webOnlyVsix } from './lib/webOnlyVsix.mjs';
import { quotes, reportText } from './reader-scenario.mjs';

const REPORT = '# Report\n\nNotes on the symposium.\n\n';
const P9 = 'President Xi concluded his speech by expressing his confidence in Northeast China‘s ability to regain its glory and achieve further success in the new journey of building a strong country and rejuvenating the nation.';

export const options = {
  vsix: await webOnlyVsix(process.env.ARTICLE_ATLAS_VSIX || path.join(ROOT, 'out', 'article-atlas.vsix')),
};

let step = 0;
const shot = (wb, name) => wb.screenshot(`${String(++step).padStart(2, '0')}-${name}`);

export const tests = [
  ['the Themes view shows the article and its themes', async wb => {
    const item = wb.activityItem('Article Atlas');
    await item.waitFor({ timeout: 80000 });
    await item.click();
    const rows = wb.page.locator('.part.sidebar .monaco-list-row');
    await rows.filter({ hasText: 'The symposium in Harbin' }).first().waitFor({ timeout: 90000 });
    await rows.filter({ hasText: 'The five major security areas' }).first().waitFor();
    await shot(wb, 'themes');
  }],

  ['Search Passages finds "regain its glory" in paragraph 9', async wb => {
    await wb.runCommandToInput('Article Atlas: Search Passages', 'Search the passages');
    await wb.page.keyboard.type('regain its glory');
    const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'regain its glory' }).first();
    await row.waitFor({ timeout: 60000 });
    const text = await row.textContent();
    if (!text.includes('paragraph 9')) throw new Error(`the hit: ${text}`);
    await shot(wb, 'search');
    await wb.page.keyboard.press('Escape');
  }],

  ['Quote Passage inserts paragraph 9 with its attribution at the end of report.md', async wb => {
    fs.writeFileSync(path.join(wb.workspace, 'report.md'), REPORT);
    await wb.openFile('report.md');
    await wb.focusFirstEditorEnd();
    await wb.runCommandToInput('Article Atlas: Quote Passage', 'Search the passages');
    await wb.page.keyboard.type('regain its glory');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'regain its glory' }).first().waitFor({ timeout: 60000 });
    await wb.page.keyboard.press('Enter');
    const text = await until(async () => { const t = await reportText(wb); return quotes(t, P9) && t; }, 'report.md to quote paragraph 9', 45000);
    if (!text.startsWith(REPORT) || !text.includes('para. 9')) throw new Error(`report.md: ${JSON.stringify(text)}`);
    await shot(wb, 'quoted');
  }],
];
