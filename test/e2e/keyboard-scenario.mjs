// The reader with the keyboard alone, as a person who cannot use a mouse: open report.md (Ctrl+P), open the reader
// on a passage from the command palette, Tab through the reader's controls to the paragraphs, move with Tab, J/K and
// the arrow keys (each move announced in the live region), and quote the highlighted paragraph into report.md with Q.
// No click anywhere. Run in the high-contrast dark and light themes by reader-keyboard-{hc,hcl}.e2e.mjs; screenshots
// go to test-results/screenshots/reader-keyboard-<theme>-NN-<step>.png.
import fs from 'node:fs';
import path from 'node:path';
import { until } from './lib/workbench.mjs';
import { inView, quotes, readerFrame, reportText } from './reader-scenario.mjs';

const REPORT = '# Report\n\nNotes on the symposium.\n\n';
const P3 = 'The symposium was attended by senior officials including Cai Qi';
const P4 = 'During the symposium, President Xi noted the significant achievements';

/** What has the keyboard focus in the reader: the element's id, class and accessible name. */
function focused(frame) {
  return frame.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const name = el.getAttribute('aria-label') ?? el.textContent.trim().slice(0, 30);
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.contains('para') ? '.para' : ''} "${name}"`;
  });
}

/** The reader's current paragraph, its focused element's id and what the live region says. */
function readerState(frame) {
  return frame.evaluate(() => ({
    current: document.querySelector('.para.current')?.id,
    focus: document.activeElement?.id,
    announced: document.getElementById('announcer')?.textContent ?? '',
  }));
}

/** Waits until paragraph `id` is the current one, has the keyboard focus, is announced and is scrolled into view. */
async function expectOn(frame, id, announcedStart) {
  await until(async () => {
    const s = await readerState(frame);
    return s.current === id && s.focus === id && s.announced.startsWith(announcedStart) && s;
  }, `${id} current, focused and announced`, 15000);
  await until(() => inView(frame, `#${id} .text`), `${id} scrolled into view`, 15000);
}

/** The scenario's tests for the runner (test/e2e/run.mjs). */
export function keyboardTests() {
  let step = 0;
  const shot = (wb, name) => wb.screenshot(`${String(++step).padStart(2, '0')}-${name}`);
  let frame;
  return [
    ['report.md is opened with Ctrl+P, the cursor put at its end with Ctrl+End', async wb => {
      fs.writeFileSync(path.join(wb.workspace, 'report.md'), REPORT);
      await wb.activityItem('Article Atlas').waitFor({ timeout: 80000 });
      await wb.openFile('report.md');
      await wb.focusFirstEditorEnd();
      await until(async () => (await wb.page.locator('.statusbar', { hasText: 'Ln 5, Col 1' }).count()) > 0, 'the cursor at the end of report.md');
    }],

    ['the command palette opens the reader on the passage typed into Open in Reader', async wb => {
      const { page } = wb;
      await wb.runCommandToInput('Article Atlas: Open in Reader', 'Search the passages');
      await page.keyboard.type('regain its glory');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'regain its glory' }).first().waitFor();
      await page.keyboard.press('Enter');
      frame = await readerFrame(wb, 60000);
      await until(async () => (await readerState(frame)).current === 'p9', 'p9 current in the reader');
      await shot(wb, 'reader-opened');
    }],

    ['Tab goes through the labelled toolbar buttons, then to the first paragraph, which is announced', async wb => {
      const { page } = wb;
      // The reader opens beside report.md and leaves the keyboard there; Ctrl+2 (View: Focus Second Editor Group)
      // moves it into the reader, whose document starts with the toolbar.
      await page.keyboard.press('Control+2');
      await until(() => frame.evaluate(() => document.hasFocus()), 'the keyboard in the reader', 15000);
      const seen = [];
      for (let i = 0; i < 12 && !(seen.at(-1) ?? '').includes('.para'); i++) {
        await page.keyboard.press('Tab');
        seen.push(await until(async () => { const f = await focused(frame); return f !== 'body' && f; }, 'a focused element', 5000));
      }
      const expected = [
        'button#toc-toggle "Contents"', 'button#previous "Previous Paragraph"', 'button#next "Next Paragraph"',
        'button#quote "Quote Selection"', 'div#p1.para "Paragraph 1"',
      ];
      if (JSON.stringify(seen) !== JSON.stringify(expected)) throw new Error(`focus order: ${JSON.stringify(seen)}`);
      await expectOn(frame, 'p1', 'Paragraph 1 of 9: Harbin City, Heilongjiang Province');
      await shot(wb, 'tab-to-first-paragraph');
    }],

    ['Tab, J, K and the arrow keys move from paragraph to paragraph, each move announced', async wb => {
      const { page } = wb;
      await page.keyboard.press('Tab');
      await expectOn(frame, 'p2', 'Paragraph 2 of 9: President Xi emphasized');
      await page.keyboard.press('j');
      await expectOn(frame, 'p3', `Paragraph 3 of 9: ${P3}`);
      await page.keyboard.press('j');
      await expectOn(frame, 'p4', `Paragraph 4 of 9: ${P4}`);
      await page.keyboard.press('k');
      await expectOn(frame, 'p3', 'Paragraph 3 of 9: ');
      await page.keyboard.press('ArrowDown');
      await expectOn(frame, 'p4', 'Paragraph 4 of 9: ');
      await page.keyboard.press('ArrowUp');
      await expectOn(frame, 'p3', 'Paragraph 3 of 9: ');
      await shot(wb, 'paragraph-3-focused');
    }],

    ['Q quotes the highlighted paragraph into report.md, at its end', async wb => {
      const text3 = await frame.evaluate(() => document.querySelector('#p3 .text').textContent);
      await wb.page.keyboard.press('q');
      const text = await until(async () => {
        const t = await reportText(wb);
        return quotes(t, text3) && t;
      }, 'report.md to quote paragraph 3', 45000);
      if (!text.startsWith(REPORT)) throw new Error(`report.md changed before the quotation: ${JSON.stringify(text.slice(0, 80))}`);
      if (!/para\. 3/.test(text)) throw new Error(`no "para. 3" locator: ${JSON.stringify(text)}`);
      await shot(wb, 'quoted');
    }],
  ];
}
