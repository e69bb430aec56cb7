// Search Passages from the command palette: results appear as the user types, ranked, and forgiving of the
// apostrophe form (a straight `'` finds the article's `China‘s`, written with U+2018); Enter opens the reader
// on the first hit. The screenshot of the open QuickPick is the one the README shows.
export const options = { theme: 'Default Light Modern' };

const rows = wb => wb.page.locator('.quick-input-list .monaco-list-row');

export const tests = [
  ['typing a query lists the passages that hold it, best first', async wb => {
    const { page } = wb;
    await wb.activityItem('Article Atlas').waitFor({ timeout: 60000 });
    await wb.runCommand('Article Atlas: Search Passages');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill("China's");
    // The three sentences holding `China‘s` (p8.s1 holds it twice, so it ranks first).
    await rows(wb).filter({ hasText: 'China‘s strategic position' }).first().waitFor({ timeout: 60000 });
    // Rows are positioned, not ordered, in the DOM: read them by their list index.
    const texts = await Promise.all([0, 1, 2].map(i => rows(wb).and(wb.page.locator(`[data-index="${i}"]`)).textContent()));
    // p8.s1 holds `China‘s` twice, so it ranks first; then p5.s1 and p9.s1 (each once).
    const expected = ['China‘s strategic position', 'China‘s resource conditions', 'China‘s ability to regain'];
    const got = texts;
    if (!expected.every((words, i) => got[i]?.includes(words))) {
      throw new Error(`first three results: ${JSON.stringify(got)}, expected them to hold ${JSON.stringify(expected)} in order`);
    }
    await wb.screenshot('01-quick-pick');
  }],
  ['Enter opens the reader on the first result', async wb => {
    const { page } = wb;
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const marks = wb.webviewFrame().locator('.selected mark.hit');
    await marks.first().waitFor({ timeout: 60000 });
    const texts = await marks.allTextContents();
    if (JSON.stringify(texts) !== JSON.stringify(['China‘s', 'China‘s'])) throw new Error(`marked: ${JSON.stringify(texts)}`);
    await wb.screenshot('02-reader');
  }],
];
