// Two steps that the web worker and Restricted Mode scenarios share, on paragraph 9 of the shipped article:
// Search Passages finds "regain its glory" there, and Quote Passage quotes it at the end of report.md.
import fs from 'node:fs';
import path from 'node:path';
import { until } from './workbench.mjs';
import { quotes, reportText } from '../reader-scenario.mjs';

/** What report.md holds before the quotation. */
export const REPORT = '# Report\n\nNotes on the symposium.\n\n';
/** Paragraph 9 of the shipped article, as in content/ (its `China‘s` keeps the U+2018). */
export const P9 = 'President Xi concluded his speech by expressing his confidence in Northeast China‘s ability to regain its glory and achieve further success in the new journey of building a strong country and rejuvenating the nation.';

/**
 * Runs Search Passages, types "regain its glory" and checks that the first matching row names paragraph 9; takes
 * the screenshot `shot(wb, 'search')` and closes the QuickPick.
 * @throws Error when the row does not name paragraph 9 (or, from Playwright, when no row comes within 60 s).
 */
export async function searchParagraph9(wb, shot) {
  await wb.runCommandToInput('Article Atlas: Search Passages', 'Search the passages');
  await wb.page.keyboard.type('regain its glory');
  const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'regain its glory' }).first();
  await row.waitFor({ timeout: 60000 });
  const text = await row.textContent();
  if (!text.includes('paragraph 9')) throw new Error(`the hit: ${text}`);
  await shot(wb, 'search');
  await wb.page.keyboard.press('Escape');
}

/**
 * Writes {@link REPORT} to report.md, opens it with the cursor at its end, quotes paragraph 9 with Quote Passage and
 * resolves with report.md's text once it quotes the paragraph (45 s at most).
 * @throws Error when the text does not start with REPORT or names no `para. 9`.
 */
export async function quoteParagraph9(wb) {
  fs.writeFileSync(path.join(wb.workspace, 'report.md'), REPORT);
  await wb.openFile('report.md');
  await wb.focusFirstEditorEnd();
  await wb.runCommandToInput('Article Atlas: Quote Passage', 'Search the passages');
  await wb.page.keyboard.type('regain its glory');
  await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'regain its glory' }).first().waitFor({ timeout: 60000 });
  await wb.page.keyboard.press('Enter');
  const text = await until(async () => { const t = await reportText(wb); return quotes(t, P9) && t; }, 'report.md to quote paragraph 9', 45000);
  if (!text.startsWith(REPORT) || !text.includes('para. 9')) throw new Error(`report.md: ${JSON.stringify(text)}`);
  return text;
}
