// Quote fidelity end to end, as a writer meets it: opening fidelity/quotes.md underlines the misquotations, the
// hover over one shows the difference and the source passage, the Problems panel lists them, and the light bulb's
// "Restore the source wording" puts the source's number back and the warning goes. Screenshots of each step go to
// test-results/screenshots/fidelity-NN-<step>.png.
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURE, until } from './lib/workbench.mjs';

export const options = { theme: 'Default Dark Modern' };

/** The 1-based line and column of `needle` in the fixture, where the changed number is. */
const lines = fs.readFileSync(path.join(FIXTURE, 'fidelity', 'quotes.md'), 'utf8').split('\n');
const NUMBER_LINE = lines.findIndex(l => l.includes('in Shenyang in 2016')) + 1;
const NUMBER_COLUMN = lines[NUMBER_LINE - 1].indexOf('2016') + 2;


/** The text of the active editor's rendered lines (Monaco renders spaces as no-break spaces). */
function visibleText(wb) {
  return wb.page.evaluate(() => [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')]
    .map(l => l.textContent.replace(/\u00a0/g, ' ')).join('\n'));
}

/** Moves the cursor with Go to Line (Ctrl+G) to `line:column` (1-based). */
async function goTo(wb, line, column) {
  await wb.page.keyboard.press('Control+G');
  const input = wb.page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: `line ${line}` }).first().waitFor();
  await wb.page.keyboard.press('Enter');
  await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Opens fidelity/quotes.md from the Explorer (Quick Open finds files in subfolders through ripgrep, which may be missing). */
async function openQuotes(wb) {
  const explorer = wb.page.locator('.explorer-folders-view');
  await explorer.locator('.monaco-list-row', { hasText: 'fidelity' }).first().click({ timeout: 60000 });
  await explorer.locator('.monaco-list-row', { hasText: 'quotes.md' }).first().click();
  await wb.page.locator('.tab[aria-label^="quotes.md"]').first().waitFor();
}

/** The messages of the Problems panel's rows. */
function problems(wb) {
  return wb.page.evaluate(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')].map(r => r.textContent ?? ''));
}

export const tests = [
  ['quotes.md opens from the Explorer', async wb => {
    await openQuotes(wb);
  }],
  ['the misquotations are underlined', async wb => {
    await goTo(wb, NUMBER_LINE, NUMBER_COLUMN);
    // The extension activates on the Markdown document and loads the library first: slow on a busy machine.
    await until(async () => (await wb.page.locator('.editor-instance .squiggly-warning').count()) >= 3, 'three warning squiggles', 80000);
    await until(async () => (await wb.page.locator('.editor-instance .squiggly-info').count()) >= 1, 'the locator\'s information squiggle');
    await wb.screenshot('01-squiggles');
  }],
  ['the hover shows the word-by-word difference and the source passage', async wb => {
    const line = wb.page.locator('.editor-instance .view-line', { hasText: 'in Shenyang in 2016' }).first();
    const hover = wb.page.locator('.monaco-hover', { hasText: 'Quotation differs from' }).first();
    // The diagnostic shows first; the source passage follows once the hover provider has answered. On a loaded
    // machine a single mouse move may show no hover, or the provider may give up waiting for the re-check: as a
    // user would, move away and hover again every few seconds.
    const parts = ['in [-2018-]{+2016+}.', 'Differs from its source', 'held in Shenyang in 2018.', 'Reveal in Source'];
    let lastHover = 0;
    await until(async () => {
      if (Date.now() - lastHover > 6000) {
        const box = await line.boundingBox();
        await wb.page.mouse.move(5, 5);
        await wb.page.mouse.move(box.x + 200, box.y + box.height / 2, { steps: 3 });
        lastHover = Date.now();
      }
      const text = ((await hover.textContent({ timeout: 1000 }).catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
      const missing = parts.filter(p => !text.includes(p));
      if (missing.length > 0) throw new Error(`${missing.join(', ')} missing from: ${text}`);
      return true;
    }, 'the hover with the difference and the source passage', 75000);
    await wb.screenshot('02-hover');
    await wb.page.mouse.move(5, 5);
    await wb.page.keyboard.press('Escape');
  }],
  ['the Problems panel lists every misquotation', async wb => {
    await wb.runCommand('View: Toggle Problems');
    await until(async () => (await problems(wb)).filter(p => p.includes('Quotation differs from')).length === 3, 'three "Quotation differs" problems');
    const rows = await problems(wb);
    if (!rows.some(p => p.includes('Quotation not found in President Xi Jinping'))) throw new Error(`no "not found" problem: ${rows.join(' | ')}`);
    if (!rows.some(p => p.includes('The quoted text is in para. 8'))) throw new Error(`no locator problem: ${rows.join(' | ')}`);
    await wb.screenshot('03-problems');
  }],
  ['"Restore the source wording" from the light bulb puts back 2018, and the warning goes', async wb => {
    // Give the editor the focus back from the Problems panel (Ctrl+. acts on the focused part).
    // (With the keyboard: the line with the number may be scrolled out of view, and the first rendered line may lie
    // under the breadcrumbs; Go to Line moves to the number next.)
    await wb.focusFirstEditorEnd();
    await goTo(wb, NUMBER_LINE, NUMBER_COLUMN);
    await wb.page.locator('.editor-instance .monaco-editor.focused').first().waitFor();
    await wb.page.keyboard.press('Control+.');
    const fix = wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Restore the source wording' }).first();
    await fix.waitFor({ timeout: 30000 });
    await wb.screenshot('04-quick-fix');
    await fix.click();
    await until(async () => (await visibleText(wb)).includes('held in Shenyang in 2018.”'), 'the restored number in the editor');
    await until(async () => (await problems(wb)).filter(p => p.includes('Quotation differs from')).length === 2, 'two "Quotation differs" problems left');
    await wb.screenshot('05-fixed');
  }],
];
