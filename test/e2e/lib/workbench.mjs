// Helpers for end-to-end scenarios: a real workbench (code-server) with the packaged .vsix installed into a private
// profile, opened in headless Chromium. A scenario gets a `Workbench` and drives it like a person would.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, chromiumOptions, createProfile, installExtension, startServer,
} from '../../../scripts/lib/harness.mjs';

export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const LOGS = path.join(ROOT, 'test-results', 'logs');
export const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'workspace');

/**
 * Starts a workbench: a fresh private profile holding `settings` (and `theme` as `workbench.colorTheme`), the
 * .vsix installed into it, code-server on a free port, Chromium on `?folder=<a copy of workspace>`.
 * Resolves once the workbench DOM is there. Call `stop()` when done. `beforeStart(profile)` runs once the .vsix is
 * installed (in `profile.extensionsDir`) and before the server starts; `onPage(page)` once the page exists, before
 * the workbench loads (to watch dialogs, console messages and requests from the start). `untrusted` turns workspace
 * trust on, without its start-up prompt, so that the folder (never trusted in this fresh profile) opens in Restricted Mode.
 * @param {{ vsix: string, name?: string, workspace?: string, theme?: string, settings?: object,
 *           viewport?: { width: number, height: number }, beforeStart?: (profile: object) => void,
 *           onPage?: (page: import('playwright-core').Page) => void, untrusted?: boolean }} options
 */
export async function startWorkbench({ vsix, name = 'workbench', workspace = FIXTURE, theme = 'Default Dark Modern',
  settings = {}, viewport = { width: 1400, height: 900 }, beforeStart, onPage, untrusted = false }) {
  const trust = untrusted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' } : {};
  const profile = createProfile({ workspace, settings: { 'workbench.colorTheme': theme, ...trust, ...settings }, prefix: 'article-atlas-e2e-' });
  const wb = new Workbench(name, profile);
  try {
    installExtension(profile, vsix);
    beforeStart?.(profile);
    wb.server = await startServer(profile, { workspaceTrust: untrusted });
    wb.browser = await chromium.launch(chromiumOptions(profile));
    const context = await wb.browser.newContext({ viewport });
    wb.page = await context.newPage();
    wb.page.on('pageerror', e => wb.pageErrors.push(e.message));
    onPage?.(wb.page);
    // Generous: on a loaded 2-core machine the workbench's scripts alone took over 30 s to load.
    await wb.page.goto(`${wb.server.url}/?folder=${encodeURIComponent(profile.workspace)}`, { timeout: 180000 });
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 180000 });
    return wb;
  } catch (e) {
    await wb.stop({ keepLog: true });
    throw e;
  }
}

export class Workbench {
  constructor(name, profile) {
    this.name = name;
    this.profile = profile;
    /** @type {import('playwright-core').Page} */
    this.page = undefined;
    this.browser = undefined;
    this.server = undefined;
    this.pageErrors = [];
  }

  /** The folder the workbench has open (a copy of the scenario's workspace). */
  get workspace() { return this.profile.workspace; }

  /** The activity-bar item whose label starts with `title` (a view container's title). */
  activityItem(title) {
    return this.page.locator(`.activitybar .action-item a[aria-label^="${title}"], .activitybar .action-item[aria-label^="${title}"]`).first();
  }

  /** Runs a command by its palette title (F1, type, Enter) and waits until the palette has closed or given way to the command's own input. */
  async runCommand(title, { timeout = 60000 } = {}) {
    const { page } = this;
    const input = page.locator('.quick-input-widget input.input');
    // A webview that holds the focus (after a click in the reader) keeps F1 to itself until the workbench has the
    // focus back: take it from the iframe, press F1, and press it again when no command palette appears.
    const end = Date.now() + timeout;
    for (let attempt = 1; ; attempt++) {
      await page.evaluate(() => { if (document.activeElement?.tagName === 'IFRAME') document.activeElement.blur(); });
      await page.keyboard.press('F1');
      try {
        const wait = Math.min(5000 * attempt, Math.max(1, end - Date.now()));
        await input.waitFor({ state: 'visible', timeout: wait });
        // A palette still closing from the last command takes no text: start again.
        await input.fill(`>${title}`, { timeout: wait });
        break;
      } catch (e) {
        if (Date.now() >= end) throw e;
        await page.keyboard.press('Escape');
      }
    }
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout });
    await page.keyboard.press('Enter');
    // Done when the palette has closed, or when the command's own QuickPick or InputBox has taken its place (an
    // input no longer starting with ">"): a QuickPick that opens at once never lets the widget hide in between.
    const widget = page.locator('.quick-input-widget');
    await until(async () => !(await widget.isVisible()) || !(await input.inputValue()).startsWith('>'), `"${title}" to run`, timeout);
  }

  /**
   * Runs a command by its palette title with the keyboard alone, then waits until the input the command opens
   * (placeholder starting with `placeholder`) has the focus, so that what is typed next goes there.
   */
  async runCommandToInput(title, placeholder, { timeout = 60000 } = {}) {
    const { page } = this;
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input.input').waitFor({ state: 'visible', timeout });
    await page.keyboard.type(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title.replace(/^.*: /, '') }).first().waitFor({ timeout });
    await page.keyboard.press('Enter');
    await page.locator(`.quick-input-widget input.input[placeholder^="${placeholder}"]:focus`).waitFor({ timeout });
  }

  /** Puts the keyboard at the end of the editor of the first editor group: Ctrl+1 (View: Focus First Editor Group), Ctrl+End. */
  async focusFirstEditorEnd({ timeout = 60000 } = {}) {
    const focused = this.page.locator('.editor-instance .monaco-editor.focused').first();
    // A workbench still starting up (seen on a loaded machine) can let the key pass: press it again until it takes.
    await until(async () => {
      await this.page.keyboard.press('Control+1');
      return focused.waitFor({ timeout: 3000 }).then(() => true, () => false);
    }, 'the first editor group focused', timeout);
    await this.page.keyboard.press('Control+End');
  }

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor. */
  async openFile(fileName, { timeout = 60000 } = {}) {
    const { page } = this;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input.input').fill(fileName);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout });
    await page.keyboard.press('Enter');
    await page.locator(`.tab[aria-label^="${fileName}"]`).first().waitFor({ timeout });
  }

  /**
   * The document inside the active webview, two iframes deep (the workbench's host frame, then `#active-frame`).
   * The first webview can take a few seconds to appear: wait on its locators with a generous timeout.
   */
  webviewFrame() {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** Saves a PNG of the whole window to test-results/screenshots/<scenario>-<name>.png and returns its path. */
  async screenshot(name) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${this.name}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** The last `chars` characters of the server's log (code-server and the extension host). */
  logTail(chars = 4000) {
    return this.server?.logTail(chars) ?? '';
  }

  /** Closes Chromium, stops the server's process group, removes the profile. `keepLog` saves the server log first. */
  async stop({ keepLog = false } = {}) {
    if (keepLog && this.server) {
      fs.mkdirSync(LOGS, { recursive: true });
      fs.writeFileSync(path.join(LOGS, `${this.name}-server.log`), this.server.log());
    }
    try { await this.browser?.close(); } catch { /* already gone */ }
    await this.server?.stop();
    this.profile.remove();
  }
}

/** Polls `check` every 100 ms until it returns something truthy, and returns that; throws with `what` after `ms`. */
export async function until(check, what, ms = 30000) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${last})`);
    await new Promise(r => setTimeout(r, 100));
  }
}
