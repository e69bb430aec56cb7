/**
 * The citation features of the editor: "Insert Citation", "Quote with Citation…" (a style picked
 * per quotation, with previews), "Choose Citation Style…", bibliography export to the clipboard,
 * "Add to Bibliography" and citation-key completion. The engine lives in the lazily loaded
 * `dist/citations.js`; nothing here loads it during activation.
 */
import * as vscode from 'vscode';
import { bibAppendText, bibliographyEntry, type BibliographyFormat, toBiblatex } from '../core/citation/bibtex';
import { toCslItem } from '../core/citation/cslJson';
import { latexKeyContext, markdownKeyContext } from '../core/citation/keyContext';
import { CITATION_STYLES, type CitationStyleKey, citationStyle } from '../core/citation/styles';
import { writingLanguage } from '../core/formats/languages';
import {
  type CitationParts, formatBlockQuotation, formatCitation, formatInlineQuotation, paragraphSpan, quotedText,
} from '../core/formats/quotation';
import type { TextRange } from '../core/types';
import type { Timings } from '../api';
import type { ArticleLibrary, LibraryEntry } from '../library';
import { completionDocumentation } from '../passageText';
import { CitationEngineHost, loadCitationsBundle } from './loader';
import { CITATION_SECTION, type CitationSettings, citationSettings } from './settings';

/** A passage of an article: `passageId` (`p6`, `p6.s2`) or an exact range of its body. */
export interface CitationTarget {
  readonly articleId: string;
  readonly passageId?: string;
  /** UTF-16 `[start, end)` of `Article.body`; wins over `passageId`. */
  readonly range?: TextRange;
}

/** What the rest of the extension lends the citation features. */
export interface CitationsDeps {
  /**
   * The passage a command is about: its argument (a tree node, `{ articleId, passageId }`) or the
   * Themes view's selection; undefined to let the user pick one. Default: `{ articleId, passageId }` arguments only.
   */
  readonly passageOf?: (arg: unknown) => CitationTarget | undefined;
  /** Where engine timings and failures are logged. */
  readonly log?: vscode.LogOutputChannel;
  /**
   * Milliseconds after registration at which the engine is warmed, and not before the library's
   * first load and search index (default 1500; negative: never). Warming blocks the extension host
   * for 1 to 3 s in all (the bundle's require and the style's processor; it runs in steps): started
   * 1.5 s after activation whatever the library, it held up the load of a library of 500 articles and
   * the Themes view's first items by as much (bench `brown-host`).
   */
  readonly warmAfterMs?: number;
  /** Receives `lastQuoteWithCitation` (see {@link Timings}) after each "Quote with Citation". */
  readonly timings?: Pick<Timings, 'lastQuoteWithCitation'>;
}

/** What other features (the quotation command, the API, tests) may use. */
export interface CitationsApi {
  /** The engine host (lazy). */
  readonly engine: CitationEngineHost;
  /** The citation of a passage in `style` (default: the setting), loading the engine if needed. */
  citation(target: CitationTarget, style?: CitationStyleKey): Promise<CitationParts | undefined>;
  /**
   * The quotation of a passage with its citation for a document of `languageId`, in the idiom the
   * settings choose (see core/formats/quotation.ts); inline for one paragraph shorter than
   * `articleAtlas.quotation.inlineThreshold` characters. Undefined when the passage is unknown.
   */
  citedQuotation(target: CitationTarget, languageId: string, options?: { style?: CitationStyleKey; scope?: vscode.ConfigurationScope; eol?: '\n' | '\r\n' }): Promise<string | undefined>;
  /** A QuickPick of the styles, each previewing its citation of `target`; undefined when dismissed. */
  pickStyle(target?: CitationTarget): Promise<CitationStyleKey | undefined>;
}

/** Command ids contributed in package.json. */
export const CITATION_COMMANDS = {
  insertCitation: 'articleAtlas.insertCitation',
  quoteWithCitation: 'articleAtlas.quoteWithCitation',
  chooseCitationStyle: 'articleAtlas.chooseCitationStyle',
  copyBibliographyEntry: 'articleAtlas.copyBibliographyEntry',
  addToBibliography: 'articleAtlas.addToBibliography',
} as const;

const FORMATS: readonly { format: BibliographyFormat; label: string }[] = [
  { format: 'biblatex', label: 'BibLaTeX' }, { format: 'bibtex', label: 'BibTeX' }, { format: 'ris', label: 'RIS' }, { format: 'csl-json', label: 'CSL-JSON' },
];

/**
 * Registers the citation commands and completion providers; every disposable goes into
 * `context.subscriptions`. Cheap: the engine loads on first use, or once `warmAfterMs` has passed and the library has loaded.
 */
export function registerCitations(context: vscode.ExtensionContext, library: ArticleLibrary, deps: CitationsDeps = {}): CitationsApi {
  const host = new CitationEngineHost(() => loadCitationsBundle(context.extensionUri, vscode.workspace.fs), deps.log);
  const settings = (scope?: vscode.ConfigurationScope, eol?: '\n' | '\r\n'): CitationSettings => citationSettings(vscode.workspace, scope, eol);
  const passageOf = deps.passageOf ?? defaultPassageOf;

  async function resolve(target: CitationTarget): Promise<{ entry: LibraryEntry; range: TextRange } | undefined> {
    // The shipped articles are available before the workspace has been listed (seconds while a window
    // starts, ArticleLibrary.available): a quotation of one does not wait for the user's articles.
    const early = (await library.available()).entries.find(e => e.article.metadata.id === target.articleId);
    const entry = early ?? (await library.snapshot()).entry(target.articleId);
    if (!entry) return undefined;
    if (target.range) return { entry, range: target.range };
    const passage = target.passageId ? entry.article.passages.get(target.passageId) : undefined;
    return passage ? { entry, range: passage } : undefined;
  }

  async function citationOf(entry: LibraryEntry, range: TextRange, style: CitationStyleKey): Promise<CitationParts> {
    const q = quotedText(entry.article, range);
    const locator = paragraphSpan(q.firstParagraph, q.lastParagraph);
    const engine = await host.engine();
    const m = entry.article.metadata;
    return {
      html: engine.cite(toCslItem(m), style, { locator, output: 'html' }),
      note: citationStyle(style)?.class === 'note',
      key: m.citationKey || m.id, locator, title: m.title, url: m.url, date: m.issued,
    };
  }

  const api: CitationsApi = {
    engine: host,
    async citation(target, style) {
      const r = await resolve(target);
      return r ? citationOf(r.entry, r.range, style ?? settings().style) : undefined;
    },
    async citedQuotation(target, languageId, options = {}) {
      const r = await resolve(target);
      if (!r) return undefined;
      const s = settings(options.scope, options.eol);
      const parts = await citationOf(r.entry, r.range, options.style ?? s.style);
      const q = quotedText(r.entry.article, r.range);
      const threshold = vscode.workspace.getConfiguration('articleAtlas.quotation', options.scope).get<number>('inlineThreshold') ?? 240;
      const inline = q.paragraphs.length === 1 && [...q.paragraphs[0]].length < threshold;
      const language = writingLanguage(languageId);
      return inline ? formatInlineQuotation(q, parts, language, s) : formatBlockQuotation(q, parts, language, s);
    },
    pickStyle: target => pickStyle(target),
  };

  async function pickStyle(target?: CitationTarget): Promise<CitationStyleKey | undefined> {
    const current = settings().style;
    const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { key: CitationStyleKey }>();
    quickPick.title = vscode.l10n.t('Citation style');
    quickPick.placeholder = vscode.l10n.t('Pick the style of this citation');
    const items = (previews: Map<CitationStyleKey, string>) => CITATION_STYLES.map(s => ({
      key: s.key, label: s.label, description: s.key === current ? vscode.l10n.t('default') : undefined, detail: previews.get(s.key) ?? s.title,
    }));
    quickPick.items = items(new Map());
    quickPick.activeItems = quickPick.items.filter(i => i.key === current);
    quickPick.busy = true;
    quickPick.show();
    void (async () => {
      try {
        const r = target ? await resolve(target) : undefined;
        const entry = r?.entry ?? (await library.snapshot()).entries[0];
        if (!entry) return;
        const range = r?.range ?? entry.article.paragraphs[0];
        const engine = await host.engine();
        const previews = new Map<CitationStyleKey, string>();
        const item = toCslItem(entry.article.metadata);
        const locator = paragraphSpan(quotedText(entry.article, range).firstParagraph, quotedText(entry.article, range).lastParagraph);
        for (const s of CITATION_STYLES) previews.set(s.key, `${engine.cite(item, s.key, { locator })}  ·  ${engine.bibliography(item, s.key)}`);
        const active = quickPick.activeItems[0]?.key ?? current;
        quickPick.items = items(previews);
        quickPick.activeItems = quickPick.items.filter(i => i.key === active);
      } catch (e) {
        deps.log?.error(`Citation previews failed: ${messageOf(e)}`);
      } finally {
        quickPick.busy = false;
      }
    })();
    return new Promise(resolvePick => {
      let picked: CitationStyleKey | undefined;
      quickPick.onDidAccept(() => {
        picked = quickPick.selectedItems[0]?.key;
        quickPick.hide();
      });
      quickPick.onDidHide(() => {
        quickPick.dispose();
        resolvePick(picked);
      });
    });
  }

  async function targetFor(arg: unknown): Promise<CitationTarget | undefined> {
    const given = passageOf(arg);
    if (given) return given;
    const snapshot = await library.snapshot();
    const picks = snapshot.entries.flatMap(e => e.article.paragraphs.map(p => ({
      label: `¶ ${p.number}`, description: e.article.metadata.title, detail: p.text, articleId: e.article.metadata.id, passageId: p.id,
    })));
    const pick = await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('Pick the passage to cite'), matchOnDetail: true });
    return pick ? { articleId: pick.articleId, passageId: pick.passageId } : undefined;
  }

  async function entryFor(arg: unknown): Promise<LibraryEntry | undefined> {
    const snapshot = await library.snapshot();
    const given = passageOf(arg) ?? (typeof arg === 'object' && arg && typeof (arg as { articleId?: unknown }).articleId === 'string'
      ? { articleId: (arg as { articleId: string }).articleId } : undefined);
    if (given) return snapshot.entry(given.articleId);
    if (snapshot.entries.length <= 1) return snapshot.entries[0];
    const pick = await vscode.window.showQuickPick(snapshot.entries.map(e => ({ label: e.article.metadata.title, description: e.article.metadata.citationKey, entry: e })),
      { placeHolder: vscode.l10n.t('Pick the article') });
    return pick?.entry;
  }

  async function insert(editor: vscode.TextEditor, text: (eol: '\n' | '\r\n') => string, block: boolean): Promise<boolean> {
    const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const body = text(eol);
    return editor.edit(b => {
      for (const sel of editor.selections) {
        const line = editor.document.lineAt(sel.start.line).text;
        const before = block && line.slice(0, sel.start.character).trim() !== '' ? eol + eol : '';
        const after = block && editor.document.lineAt(sel.end.line).text.slice(sel.end.character).trim() !== '' ? eol + eol : '';
        b.replace(sel, before + body + after);
      }
    });
  }

  const noEditor = (): void => void vscode.window.showInformationMessage(vscode.l10n.t('Open a document to insert into first.'));

  context.subscriptions.push(
    host,
    vscode.commands.registerCommand(CITATION_COMMANDS.insertCitation, async (arg?: unknown) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return noEditor();
      const target = await targetFor(arg);
      const r = target && await resolve(target);
      if (!r) return;
      const s = settings(editor.document);
      const parts = await citationOf(r.entry, r.range, s.style);
      await insert(editor, () => formatCitation(parts, writingLanguage(editor.document.languageId), s), false);
    }),
    // A second argument, a style key (`apa`), skips the style picker: for callers that know the
    // style (other extensions, the integration tests, the bench). An unknown key is reported.
    vscode.commands.registerCommand(CITATION_COMMANDS.quoteWithCitation, async (arg?: unknown, styleKey?: unknown) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return noEditor();
      if (styleKey !== undefined && !citationStyle(String(styleKey))) {
        void vscode.window.showErrorMessage(vscode.l10n.t('There is no citation style "{0}".', String(styleKey)));
        return;
      }
      const target = await targetFor(arg);
      if (!target) return;
      const style = styleKey !== undefined ? citationStyle(String(styleKey))?.key : await pickStyle(target);
      if (!style) return;
      const t0 = performance.now();
      const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      const text = await api.citedQuotation(target, editor.document.languageId, { style, scope: editor.document, eol });
      if (text === undefined) return;
      const textMs = performance.now() - t0;
      await insert(editor, () => text, /\n/.test(text));
      if (deps.timings) deps.timings.lastQuoteWithCitation = { textMs, insertedMs: performance.now() - t0 };
    }),
    vscode.commands.registerCommand(CITATION_COMMANDS.chooseCitationStyle, async (arg?: unknown) => {
      const style = await pickStyle(passageOf(arg));
      if (style) await vscode.workspace.getConfiguration(CITATION_SECTION).update('style', style, vscode.ConfigurationTarget.Global);
    }),
    vscode.commands.registerCommand(CITATION_COMMANDS.copyBibliographyEntry, async (arg?: unknown, format?: BibliographyFormat) => {
      const entry = await entryFor(arg);
      if (!entry) return;
      const chosen = format ?? (await vscode.window.showQuickPick(FORMATS.map(f => ({ label: f.label, format: f.format })),
        { placeHolder: vscode.l10n.t('Copy the bibliography entry as') }))?.format;
      if (!chosen) return;
      await vscode.env.clipboard.writeText(bibliographyEntry(entry.article.metadata, chosen));
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the {0} entry of {1}.', FORMATS.find(f => f.format === chosen)?.label ?? chosen, entry.article.metadata.citationKey), 3000);
    }),
    vscode.commands.registerCommand(CITATION_COMMANDS.addToBibliography, async (arg?: unknown, bibUri?: vscode.Uri) => {
      const entry = await entryFor(arg);
      if (!entry) return;
      const uri = bibUri ?? await bibliographyFile(settings().bibliographyFile);
      if (!uri) return;
      await addToBibliography(uri, entry);
    }),
    vscode.languages.registerCompletionItemProvider(['markdown', 'latex', 'tex'], new CitationKeyCompletions(library, host, settings, passageOf), '@', '{', ','),
  );
  const warmAfterMs = deps.warmAfterMs ?? 1500;
  if (warmAfterMs >= 0) {
    // Not before `warmAfterMs` after registration, nor before the library's first load and its search index: both
    // are built in slices, which the warm-up's steps would hold up. The first load is awaited, not started: asking
    // for a snapshot here would load the library inside activate().
    const registered = performance.now();
    const first = library.onDidChange(snapshot => {
      first.dispose();
      void snapshot.searchIndex().then(() => undefined, () => undefined)
        .then(() => host.warmWhenIdle(() => settings().style, Math.max(0, registered + warmAfterMs - performance.now())));
    });
    context.subscriptions.push(first);
  }
  return api;
}

function defaultPassageOf(arg: unknown): CitationTarget | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { articleId, passageId } = arg as { articleId?: unknown; passageId?: unknown };
  return typeof articleId === 'string' && typeof passageId === 'string' ? { articleId, passageId } : undefined;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The `.bib` file to write to: the setting's workspace-relative path; else the workspace's only
 * `.bib` file; a QuickPick, sorted by path, when there are several; `references.bib` in the first workspace folder
 * (created empty) when there is none. Undefined without a workspace folder or when dismissed.
 */
async function bibliographyFile(setting: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (setting && folder) {
    const uri = vscode.Uri.joinPath(folder.uri, setting);
    // joinPath resolves `..`: a path out of the folder (`../../.bashrc`) is refused, as a workspace's settings may come from anyone.
    if (!uri.path.startsWith(folder.uri.path.replace(/\/?$/, '/'))) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The setting articleAtlas.citation.bibliographyFile ({0}) names a file outside the workspace folder: nothing was added.', setting));
      return undefined;
    }
    // A file the setting names but that does not exist yet is created (with its folders), as references.bib is below.
    const exists = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
    if (!exists) await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    return uri;
  }
  // findFiles returns the files in no stated order; the picker lists them by path.
  const found = (await vscode.workspace.findFiles('**/*.bib', '**/node_modules/**', 50))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (found.length === 1) return found[0];
  if (found.length > 1) {
    const pick = await vscode.window.showQuickPick(found.map(uri => ({ label: vscode.workspace.asRelativePath(uri), uri })),
      { placeHolder: vscode.l10n.t('Add the entry to which bibliography file?') });
    return pick?.uri;
  }
  if (!folder) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder to add a bibliography file to.'));
    return undefined;
  }
  const uri = vscode.Uri.joinPath(folder.uri, 'references.bib');
  await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  return uri;
}

/** Appends the article's BibLaTeX entry to `uri` through a workspace edit (so an open, unsaved document is respected), then saves. */
async function addToBibliography(uri: vscode.Uri, entry: LibraryEntry): Promise<void> {
  const m = entry.article.metadata;
  const key = m.citationKey || m.id;
  const doc = await vscode.workspace.openTextDocument(uri);
  const text = doc.getText();
  const append = bibAppendText(text, toBiblatex(m), key, doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
  const name = vscode.workspace.asRelativePath(uri);
  if (append === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} already has an entry {1}.', name, key));
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, doc.positionAt(text.length), append);
  if (!await vscode.workspace.applyEdit(edit)) throw new Error(vscode.l10n.t('{0} could not be edited.', name));
  await doc.save();
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Added {0} to {1}.', key, name), 3000);
}

/**
 * Completes citation keys after `@` in Markdown and inside `\cite{…}` in LaTeX. Each article gives
 * its key (documentation: the title, its reference in the default style once the engine is loaded,
 * and the passage, the selected one or the first paragraph); in Markdown each paragraph also gives
 * `key, para. N` with that paragraph as documentation.
 */
class CitationKeyCompletions implements vscode.CompletionItemProvider {
  constructor(
    private readonly library: ArticleLibrary,
    private readonly host: CitationEngineHost,
    private readonly settings: (scope?: vscode.ConfigurationScope) => CitationSettings,
    private readonly passageOf: (arg: unknown) => CitationTarget | undefined,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const prefix = document.lineAt(position.line).text.slice(0, position.character);
    const markdown = document.languageId === 'markdown';
    const ctx = markdown ? markdownKeyContext(prefix) : latexKeyContext(prefix);
    if (!ctx) return undefined;
    const range = new vscode.Range(position.line, ctx.start, position.line, position.character);
    const snapshot = await this.library.snapshot();
    const selected = this.passageOf(undefined);
    const style = this.settings(document).style;
    const items: vscode.CompletionItem[] = [];
    for (const e of snapshot.entries) {
      const m = e.article.metadata;
      const key = m.citationKey || m.id;
      const passage = (selected?.articleId === m.id && selected.passageId ? e.article.passages.get(selected.passageId) : undefined) ?? e.article.paragraphs[0];
      const reference = this.host.ready?.bibliography(toCslItem(m), style);
      const doc = new vscode.MarkdownString(completionDocumentation({ title: m.title, reference, passage: passage?.text }));
      const item = new vscode.CompletionItem({ label: key, description: m.title }, vscode.CompletionItemKind.Reference);
      item.range = range;
      item.documentation = doc;
      items.push(item);
      if (!markdown) continue;
      for (const p of e.article.paragraphs) {
        const withLocator = new vscode.CompletionItem({ label: `${key}, para. ${p.number}`, description: p.text.slice(0, 60) }, vscode.CompletionItemKind.Reference);
        withLocator.range = range;
        withLocator.filterText = `${key} para ${p.number}`;
        withLocator.sortText = `${key}~${String(p.number).padStart(4, '0')}`;
        withLocator.documentation = new vscode.MarkdownString(completionDocumentation({ label: `¶ ${p.number}`, title: m.title, passage: p.text }));
        items.push(withLocator);
      }
    }
    return items;
  }
}
