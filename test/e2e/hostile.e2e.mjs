// An article full of injection vectors (test/fixtures/hostile, copied into the installed extension's content/ under a
// file name that is itself a vector) in the real workbench: the Themes view, the search QuickPick and the reader show
// its text literally, and nothing it holds executes: no dialog (alert), no console message from injected script and
// no CSP violation, no request for a remote, data: or javascript: URL (every request to evil.example is aborted
// and recorded).
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../scripts/lib/harness.mjs';

const HOSTILE = path.join(ROOT, 'test', 'fixtures', 'hostile');
const FILE_NAME = "hostile <img src=x onerror=alert('file')>.md";
const TITLE = `Hostile <script>alert('title')</script> " onmouseover="alert(1) [t](javascript:alert(2))`;

const dialogs = [];
const suspectConsole = [];
const suspectRequests = [];

export const options = {
  theme: 'Default Light Modern',
  beforeStart(profile) {
    const [folder] = fs.readdirSync(profile.extensionsDir).filter(f => f.startsWith('articleatlas.article-atlas'));
    const content = path.join(profile.extensionsDir, folder, 'content');
    fs.copyFileSync(path.join(HOSTILE, 'hostile.md'), path.join(content, FILE_NAME));
    fs.copyFileSync(path.join(HOSTILE, 'hostile.themes.yaml'), path.join(content, 'hostile.themes.yaml'));
  },
  onPage(page) {
    page.on('dialog', d => { dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });
    page.on('console', m => {
      const text = m.text();
      if (/alert|onerror|evil\.example|Content Security Policy|Refused to/i.test(text)) suspectConsole.push(text);
    });
    page.on('request', r => {
      if (/evil\.example|^data:|^javascript:/i.test(r.url())) suspectRequests.push(r.url());
    });
    void page.context().route(/evil\.example/, route => route.abort());
  },
};

const rows = wb => wb.page.locator('.quick-input-list .monaco-list-row');

function assertNothingRan() {
  const found = { dialogs, console: suspectConsole, requests: suspectRequests };
  if (dialogs.length || suspectConsole.length || suspectRequests.length) throw new Error(`something ran: ${JSON.stringify(found)}`);
}

export const tests = [
  ['the Themes view lists the hostile article under its title, as text', async wb => {
    const { page } = wb;
    await wb.activityItem('Article Atlas').click({ timeout: 60000 });
    const row = page.locator('.monaco-list-row', { hasText: "Hostile <script>alert('title')</script>" }).first();
    await row.waitFor({ timeout: 60000 });
    const label = (await row.locator('.label-name').first().textContent())?.trim();
    if (label !== TITLE) throw new Error(`tree label: ${JSON.stringify(label)}`);
    // With two articles in the library, both start collapsed.
    if (await row.getAttribute('aria-expanded') === 'false') await row.click();
    const theme = page.locator('.monaco-list-row', { hasText: "Vectors <img src=x onerror=alert('theme')> $(alert)" }).first();
    await theme.waitFor({ timeout: 60000 });
    await theme.click();
    // The passage rows under the theme, then its tooltip: untrusted Markdown, shown as text.
    const passage = page.locator('.monaco-list-row', { hasText: 'An image' }).first();
    await passage.waitFor({ timeout: 60000 });
    await passage.hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: "<img src=x onerror=alert('p2')>" }).first();
    await hover.waitFor({ timeout: 30000 });
    const tags = await hover.locator('img, iframe, svg, a, script, style').count();
    if (tags !== 0) throw new Error(`the tooltip holds ${tags} img/iframe/svg/a/script/style elements`);
    await wb.screenshot('01-tree-tooltip');
    await page.mouse.move(5, 5);
    assertNothingRan();
  }],
  ['the search QuickPick shows the passage text literally', async wb => {
    const { page } = wb;
    await wb.runCommand('Article Atlas: Search Passages');
    await page.locator('.quick-input-widget input.input').fill('onerror');
    const row = rows(wb).filter({ hasText: "<img src=x onerror=alert('p2')>" }).first();
    await row.waitFor({ timeout: 60000 });
    const text = await row.locator('.label-name, .monaco-icon-label').first().textContent();
    if (!text?.includes(`An image <img src=x onerror=alert('p2')> and a frame <iframe srcdoc="<script>alert('p2b')</script>">`)) {
      throw new Error(`QuickPick row: ${JSON.stringify(text)}`);
    }
    if (await row.locator('img, iframe, svg, script').count() !== 0) throw new Error('the QuickPick row holds markup');
    await wb.screenshot('02-quick-pick');
    assertNothingRan();
  }],
  ['Enter opens the reader: the text is literal, and the only element that could run is the reader\'s own script', async wb => {
    const { page } = wb;
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const frame = wb.webviewFrame();
    await frame.locator('#p2 .text').waitFor({ timeout: 60000 });
    const source = fs.readFileSync(path.join(HOSTILE, 'hostile.md'), 'utf8');
    for (const id of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p8']) {
      const shown = await frame.locator(`#${id} .text`).textContent();
      if (!shown || !source.includes(shown)) throw new Error(`${id} shows ${JSON.stringify(shown)}, not a text of the source`);
    }
    const title = await frame.locator('h1.title').textContent();
    if (title !== TITLE) throw new Error(`reader title: ${JSON.stringify(title)}`);
    // In the body (VS Code adds its own style element, html style attribute and API script to the head).
    const describe = async selector => frame.locator(selector).evaluateAll(els => els.map(e => e.outerHTML.slice(0, 120)));
    const found = {
      injected: await describe('body img, body iframe, body svg, body style, body a, body object, body embed, body form, body link'),
      handlers: await describe('body [onerror], body [onload], body [onmouseover], body [onfocus], body [style], body [srcdoc], body [href], body [src]:not(script)'),
      scripts: await frame.locator('body script').evaluateAll(els => els.map(e => e.getAttribute('src'))),
    };
    if (found.injected.length || found.handlers.length || found.scripts.length !== 1 || !found.scripts[0]?.endsWith('/dist/webview.js')) {
      throw new Error(`reader elements: ${JSON.stringify(found)}`);
    }
    await frame.locator('#p6').scrollIntoViewIfNeeded();
    await frame.locator('#p6 .text').hover();
    await wb.screenshot('03-reader');
    assertNothingRan();
  }],
];
