// The browser bundle (dist/web/extension.js) in the web worker extension host, as in vscode.dev: the .vsix is
// installed without its "main" entry, so the workbench can only run it there. The Themes view shows the article's
// themes, Search Passages finds a phrase, and Quote Passage inserts a quotation into report.md. The citation engine
// (dist/citations.js, evaluated in the worker) formats "Quote with Citation…" and "Insert Citation" in the default
// style (APA), and "Copy Bibliography Entry…" copies the BibLaTeX entry: cited.md's whole text is asserted. The
// reader opens from the Themes view and from a search (Enter) with the passage highlighted and the title shown, and
// Next/Previous and the table of contents move it.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../scripts/lib/harness.mjs';
import { until } from './lib/workbench.mjs';
import { webOnlyVsix } from './lib/webOnlyVsix.mjs';
import { P9, quoteParagraph9, REPORT, searchParagraph9 } from './lib/paragraph9.mjs';
import { expectSelected, readerFrame } from './reader-scenario.mjs';

/** The first sentence of ¶ 7, under Agriculture and rural development › Grain production and supply in the Themes view. */
const P7S1 = 'In terms of agriculture and rural development, President Xi emphasized the role of Northeast China as the “ballast stone” for stabilizing the country’s grain production and supply.';
const TITLE = 'President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China';
// The APA 7th citation of the shipped article as Markdown, as test/unit/formats.test.ts has it for ¶ 6:
// `(*${T}*, n.d., para. 6)`.
const apa = paragraph => `(*${TITLE}*, n.d., para. ${paragraph})`;
// The shipped article's BibLaTeX entry, as test/unit/bibtex.test.ts and test/integration/citation.test.ts have it.
const BIBLATEX = `@misc{xi-northeast-symposium,\n  title = {${TITLE}},\n  langid = {english},\n}`;

/** The exact text of the workspace file `name`: saved by "File: Save All", then read from the workspace folder. */
async function fileText(wb, name) {
  await wb.page.keyboard.press('Escape');
  await wb.runCommand('File: Save All', { timeout: 10000 });
  return fs.readFileSync(path.join(wb.workspace, name), 'utf8');
}

/** A sidebar tree row whose text contains `text`. */
const row = (wb, text) => wb.page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();

/** The text of the passages the reader highlights (selected), each with its id. */
const highlighted = frame => frame.evaluate(() => [...document.querySelectorAll('.selected')].map(e => [e.dataset.passage, e.textContent]));

/** Waits for the QuickPick whose placeholder starts with `placeholder` to have the focus. */
const quickPick = (wb, placeholder) => wb.page.locator(`.quick-input-widget input.input[placeholder^="${placeholder}"]:focus`).waitFor({ timeout: 60000 });

export const options = {
  vsix: await webOnlyVsix(process.env.ARTICLE_ATLAS_VSIX || path.join(ROOT, 'out', 'article-atlas.vsix')),
  // Quick Open lists the files it found on its first search: cited.md is there from the start.
  beforeStart: profile => fs.writeFileSync(path.join(profile.workspace, 'cited.md'), REPORT),
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
    await searchParagraph9(wb, shot);
  }],

  ['Quote Passage inserts paragraph 9 with its attribution at the end of report.md', async wb => {
    await quoteParagraph9(wb);
    await shot(wb, 'quoted');
  }],

  // The Themes view has no selection yet, so each citation command asks for its passage in a QuickPick.
  ['Quote with Citation… quotes ¶ 9 with its APA citation, previewed by the citation engine in the worker', async wb => {
    await wb.openFile('cited.md');
    await wb.focusFirstEditorEnd();
    await wb.runCommandToInput('Article Atlas: Quote with Citation…', 'Pick the passage to cite');
    await wb.page.keyboard.type('regain its glory');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: '¶ 9' }).first().waitFor({ timeout: 30000 });
    await wb.page.keyboard.press('Enter');
    await quickPick(wb, 'Pick the style of this citation');
    // The previews replace each style's title once dist/citations.js has loaded and formatted them.
    const preview = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: `(${TITLE}, n.d., para. 9)` }).first();
    await preview.waitFor({ timeout: 60000 });
    const active = await wb.page.locator('.quick-input-list .monaco-list-row.focused').first().textContent();
    if (!active.startsWith('APA') || !active.includes(`(${TITLE}, n.d., para. 9)  ·  ${TITLE}. (n.d.).`)) throw new Error(`the active style: ${active}`);
    await shot(wb, 'citation-styles');
    await wb.page.keyboard.press('Enter');
    const expected = `${REPORT}“${P9}” ${apa(9)}`;
    const text = await until(async () => { const t = await fileText(wb, 'cited.md'); return t !== REPORT && t; }, 'cited.md to change', 45000);
    if (text !== expected) throw new Error(`cited.md: ${JSON.stringify(text)}\nexpected: ${JSON.stringify(expected)}`);
    await shot(wb, 'quoted-with-citation');
  }],

  ['Insert Citation inserts the APA citation of ¶ 4', async wb => {
    await wb.focusFirstEditorEnd();
    await wb.page.keyboard.type('\n\nSee also ');
    await wb.runCommandToInput('Article Atlas: Insert Citation', 'Pick the passage to cite');
    await wb.page.keyboard.type('Shenyang in 2018');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: '¶ 4' }).first().waitFor({ timeout: 30000 });
    await wb.page.keyboard.press('Enter');
    const expected = `${REPORT}“${P9}” ${apa(9)}\n\nSee also ${apa(4)}`;
    const text = await until(async () => { const t = await fileText(wb, 'cited.md'); return t.endsWith(')') && t.includes('See also (') && t; }, 'the citation in cited.md', 45000);
    if (text !== expected) throw new Error(`cited.md: ${JSON.stringify(text)}\nexpected: ${JSON.stringify(expected)}`);
    await shot(wb, 'inserted-citation');
  }],

  ['Copy Bibliography Entry… copies the BibLaTeX entry, and Paste puts it into cited.md', async wb => {
    await wb.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await wb.runCommandToInput('Article Atlas: Copy Bibliography Entry…', 'Copy the bibliography entry as');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'BibLaTeX' }).first().waitFor({ timeout: 30000 });
    await wb.page.keyboard.type('BibLaTeX');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.statusbar', { hasText: 'Copied the BibLaTeX entry of xi-northeast-symposium.' }).first().waitFor({ timeout: 30000 });
    await shot(wb, 'copied-biblatex');
    await wb.focusFirstEditorEnd();
    await wb.page.keyboard.type('\n\n');
    await wb.runCommand('Paste');
    const expected = `${REPORT}“${P9}” ${apa(9)}\n\nSee also ${apa(4)}\n\n${BIBLATEX}`;
    const text = await until(async () => { const t = await fileText(wb, 'cited.md'); return t.endsWith('}') && t; }, 'the entry pasted into cited.md', 45000);
    if (text !== expected) throw new Error(`cited.md: ${JSON.stringify(text)}\nexpected: ${JSON.stringify(expected)}`);
    await shot(wb, 'pasted-biblatex');
  }],

  ['choosing a passage in the Themes view opens the reader on it, highlighted, under the article\'s title', async wb => {
    // The side bar has been showing the Themes view since the first test: clicking its activity item would hide it.
    if (!(await row(wb, 'Agriculture and rural development').isVisible())) await wb.activityItem('Article Atlas').click();
    await row(wb, 'Agriculture and rural development').click();
    await row(wb, 'Grain production and supply').click();
    await row(wb, '¶ 7 · s1').click();
    const frame = await readerFrame(wb, 60000);
    await expectSelected(frame, 'p7.s1', 'p7');
    const marked = await highlighted(frame);
    if (JSON.stringify(marked) !== JSON.stringify([['p7.s1', P7S1]])) throw new Error(`highlighted: ${JSON.stringify(marked)}`);
    const title = await frame.textContent('h1.title');
    if (title !== TITLE) throw new Error(`the reader's title: ${title}`);
    await wb.page.locator('.tab', { hasText: 'President Xi Jinping Hosts Symposium' }).first().waitFor();
    await shot(wb, 'reader-from-tree');
  }],

  ['a search hit opens in the reader with Enter, highlighted with its matches marked', async wb => {
    await wb.runCommandToInput('Article Atlas: Search Passages', 'Search the passages');
    await wb.page.keyboard.type('regain its glory');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'regain its glory' }).first().waitFor({ timeout: 60000 });
    await wb.page.keyboard.press('Enter');
    const frame = await readerFrame(wb);
    const marked = await until(async () => { const m = await highlighted(frame); return m.length === 1 && m[0][0].startsWith('p9') && m; }, '¶ 9 highlighted in the reader');
    if (marked[0][1] !== P9) throw new Error(`highlighted: ${JSON.stringify(marked)}`);
    await expectSelected(frame, marked[0][0], 'p9');
    const hits = await frame.evaluate(() => [...document.querySelectorAll('mark.hit')].map(e => e.textContent));
    if (JSON.stringify(hits) !== JSON.stringify(['regain', 'its', 'glory'])) throw new Error(`marked: ${JSON.stringify(hits)}`);
    await shot(wb, 'reader-from-search');
  }],

  ['Previous, Next and the table of contents move the reader', async wb => {
    const frame = await readerFrame(wb);
    await frame.click('#previous');
    await expectSelected(frame, 'p8', 'p8');
    await frame.click('#previous');
    await expectSelected(frame, 'p7', 'p7');
    await frame.click('#next');
    await expectSelected(frame, 'p8', 'p8');
    const position = await frame.textContent('#position');
    if (position !== '¶ 8 / 9') throw new Error(`position: ${position}`);
    await shot(wb, 'reader-previous-next');
    if (!(await frame.isVisible('#toc'))) await frame.click('#toc-toggle');
    await frame.click('.toc-item[data-passage="p3"]');
    await expectSelected(frame, 'p3', 'p3');
    if (await frame.textContent('#position') !== '¶ 3 / 9') throw new Error(`position: ${await frame.textContent('#position')}`);
    await shot(wb, 'reader-table-of-contents');
  }],
];
