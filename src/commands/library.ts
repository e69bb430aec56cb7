/**
 * The commands that change the library: Add File to Library, Add Passage to Theme and Edit
 * Article Metadata.
 */
import * as vscode from 'vscode';
import type { ThemeTarget } from '../core/themeEdit';
import { isHtmlSource } from '../core/sources';
import type { ArticleMetadata } from '../core/types';
import { isThemeFile, type LibraryEntry, siblingThemeFiles } from '../library';
import { includeGlobs, LIBRARY_SECTION } from '../libraryWorkspace';
import { commandPassage } from './quote';
import { pickPassage } from './search';
import { type AtlasServices, type Command, isAtlasNode } from './services';

/** A path made a glob that matches only itself: `*?[]{}` are put in brackets (`[*]`). */
export function literalGlob(path: string): string {
  return path.replace(/[*?[\]{}]/g, c => `[${c}]`);
}

/**
 * `articleAtlas.addFileToLibrary`: adds a file (the explorer's or editor title's URI argument,
 * else the active editor's document) to the library, by appending its workspace-relative path to
 * the workspace setting `articleAtlas.library.include`. The library reloads when the setting
 * changes. Resolves with the glob added, or undefined when nothing was added (the message says why).
 */
export class AddFileToLibraryCommand implements Command {
  readonly id = 'articleAtlas.addFileToLibrary';
  constructor(private readonly services: AtlasServices) {}

  async execute(arg?: unknown): Promise<string | undefined> {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme === 'untitled') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Article Atlas: open a saved file to add it to the library.'));
      return undefined;
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Article Atlas: only files of the open workspace folders can be added to the library.'));
      return undefined;
    }
    if (isThemeFile(uri.toString())) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Article Atlas: a theme file belongs beside its article; add the article instead.'));
      return undefined;
    }
    const snapshot = await this.services.library.snapshot();
    if (snapshot.entryByUri(uri)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Article Atlas: "{0}" is already in the library.', vscode.workspace.asRelativePath(uri, false)));
      return undefined;
    }
    const config = vscode.workspace.getConfiguration(LIBRARY_SECTION, folder.uri);
    const glob = literalGlob(vscode.workspace.asRelativePath(uri, false));
    const globs = includeGlobs(config);
    if (!globs.includes(glob)) {
      const target = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
      await config.update('include', [...globs, glob], target);
    }
    // The setting may not have changed (the file is listed but could not be loaded): reload anyway.
    await this.services.library.reload();
    return glob;
  }
}

/** The entry of a command argument: a tree node, `{ articleId }`, else the reader's article. */
async function commandEntry(services: AtlasServices, arg: unknown): Promise<LibraryEntry | undefined> {
  const snapshot = await services.library.snapshot();
  if (isAtlasNode(arg)) return snapshot.entry(arg.articleId);
  if (typeof arg === 'object' && arg !== null && typeof (arg as { articleId?: unknown }).articleId === 'string') {
    return snapshot.entry((arg as { articleId: string }).articleId);
  }
  const reading = services.reader.current;
  if (reading) return snapshot.entry(reading.articleId);
  if (snapshot.entries.length === 1) return snapshot.entries[0];
  const picked = await vscode.window.showQuickPick(snapshot.entries.map(e => ({
    label: e.article.metadata.title || e.article.metadata.id, description: e.article.metadata.id, entry: e,
  })), { title: vscode.l10n.t('Choose an article') });
  return picked?.entry;
}

/**
 * `articleAtlas.addPassageToTheme`: adds a passage (tree node, `{ articleId, passageId }`, the tree
 * selection, the reader's passage, or one picked by search) to a theme of its article's theme
 * file, chosen from a QuickPick (or given as the second argument, `{ id }` or `{ label }` for a
 * new theme), creating `<article>.themes.yaml` beside the article when there is none. The edit
 * is one undo step and is saved, so the watcher updates the tree. The shipped article's curated
 * themes are read-only. Resolves with the theme id, or undefined when nothing was written.
 */
export class AddPassageToThemeCommand implements Command {
  readonly id = 'articleAtlas.addPassageToTheme';
  constructor(private readonly services: AtlasServices) {}

  async execute(arg?: unknown, themeArg?: unknown): Promise<string | undefined> {
    const { library, reader } = this.services;
    let ref = commandPassage(this.services, arg);
    if (!ref && reader.current?.passageId) ref = { articleId: reader.current.articleId, passageId: reader.current.passageId };
    if (!ref) {
      const picked = await pickPassage(this.services, { title: vscode.l10n.t('Add Passage to Theme') });
      if (!picked) return undefined;
      ref = { articleId: picked.hit.articleId, passageId: picked.hit.passage.id };
    }
    const snapshot = await library.snapshot();
    const entry = snapshot.entry(ref.articleId);
    if (!entry || !entry.article.passages.has(ref.passageId)) throw new Error(vscode.l10n.t('There is no passage {0} in the article "{1}".', ref.passageId, ref.articleId));
    if (entry.origin === 'shipped') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Article Atlas: the themes of the shipped article are curated and read-only. Add passages to the themes of your own articles.'));
      return undefined;
    }
    const target = themeTargetOf(themeArg) ?? await this.pickTheme(entry);
    if (!target) return undefined;
    const themeUri = entry.themesUri ?? siblingThemeFiles(entry.uri)[0];
    const json = themeUri.path.toLowerCase().endsWith('.json');
    const existing = entry.themesUri ? await vscode.workspace.openTextDocument(themeUri) : undefined;
    const edit = snapshot.engine.addPassageToThemeFile(existing?.getText(), entry.article.metadata.id, ref.passageId, target, json);
    if (!edit.changed) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Article Atlas: the theme already lists {0}.', ref.passageId));
      return edit.themeId;
    }
    const workspaceEdit = new vscode.WorkspaceEdit();
    if (existing) {
      workspaceEdit.replace(themeUri, new vscode.Range(existing.positionAt(0), existing.positionAt(existing.getText().length)), edit.text);
    } else {
      workspaceEdit.createFile(themeUri, { ignoreIfExists: false, contents: new TextEncoder().encode(edit.text) });
    }
    if (!(await vscode.workspace.applyEdit(workspaceEdit))) throw new Error(vscode.l10n.t('The theme file {0} could not be written.', vscode.workspace.asRelativePath(themeUri)));
    if (existing) await existing.save();
    return edit.themeId;
  }

  private async pickTheme(entry: LibraryEntry): Promise<ThemeTarget | undefined> {
    const newTheme = { label: `$(add) ${vscode.l10n.t('New theme…')}`, id: undefined as string | undefined };
    const themes = entry.themesUri ? entry.themes.allThemes().map(t => ({ label: t.label, description: t.id, id: t.id as string | undefined })) : [];
    const picked = await vscode.window.showQuickPick([...themes, newTheme], { title: vscode.l10n.t('Add Passage to Theme') });
    if (!picked) return undefined;
    if (picked.id) return { id: picked.id };
    const label = await vscode.window.showInputBox({
      title: vscode.l10n.t('New theme'), prompt: vscode.l10n.t('The name of the theme'),
      validateInput: v => (v.trim() ? undefined : vscode.l10n.t('Give the theme a name.')),
    });
    return label?.trim() ? { label: label.trim() } : undefined;
  }
}

function themeTargetOf(arg: unknown): ThemeTarget | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { id, label } = arg as { id?: unknown; label?: unknown };
  if (typeof id === 'string') return { id };
  if (typeof label === 'string' && label.trim()) return { label: label.trim() };
  return undefined;
}

/** What Edit Article Metadata did: opened the article's front matter, or the settings override. */
export type MetadataEditTarget = { readonly kind: 'frontMatter'; readonly uri: vscode.Uri } | { readonly kind: 'settings'; readonly articleId: string };

/** The metadata fields a user fills in, as a settings override or a new front matter offers them. */
const EDITABLE_FIELDS: readonly (keyof ArticleMetadata)[] = ['title', 'subtitle', 'author', 'containerTitle', 'publisher', 'issued', 'url', 'citationKey', 'type', 'language'];

/**
 * `articleAtlas.editArticleMetadata`: for a Markdown or plain-text article of the workspace, opens
 * it at its front matter, first adding one (the id and title the article has now, the other
 * fields empty; one undo step) when it has none. For the shipped read-only article and HTML
 * articles, which have no front matter to edit, adds the article to the user setting
 * `articleAtlas.library.metadata` (its current fields) and opens the settings JSON there.
 */
export class EditArticleMetadataCommand implements Command {
  readonly id = 'articleAtlas.editArticleMetadata';
  constructor(private readonly services: AtlasServices) {}

  async execute(arg?: unknown): Promise<MetadataEditTarget | undefined> {
    const entry = await commandEntry(this.services, arg);
    if (!entry) return undefined;
    const { metadata } = entry.article;
    if (entry.origin === 'shipped' || isHtmlSource(entry.uri.path)) {
      const config = vscode.workspace.getConfiguration(LIBRARY_SECTION);
      const all = { ...(config.get<Record<string, unknown>>('metadata') ?? {}) };
      if (!all[metadata.id]) {
        all[metadata.id] = Object.fromEntries(EDITABLE_FIELDS.map(f => [f, metadata[f]]));
        await config.update('metadata', all, vscode.ConfigurationTarget.Global);
      }
      await vscode.commands.executeCommand('workbench.action.openSettingsJson', { revealSetting: { key: `${LIBRARY_SECTION}.metadata`, edit: true } });
      return { kind: 'settings', articleId: metadata.id };
    }
    const document = await vscode.workspace.openTextDocument(entry.uri);
    const text = document.getText();
    const hasFrontMatter = /^\uFEFF?---[ \t]*\r?\n/.test(text);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    if (!hasFrontMatter) {
      const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      const yaml = (v: string | readonly string[]) => JSON.stringify(v);
      const lines = ['---', `id: ${metadata.id}`, `title: ${yaml(metadata.title)}`, ...EDITABLE_FIELDS.filter(f => f !== 'title').map(f => `${f}: ${yaml(metadata[f])}`), '---', '', ''];
      const at = new vscode.Position(0, text.startsWith('\uFEFF') ? 1 : 0);
      await editor.edit(b => b.insert(at, lines.join(eol)));
    }
    const line = 1;
    editor.selection = new vscode.Selection(line, 0, line, document.lineAt(line).text.length);
    editor.revealRange(new vscode.Range(0, 0, line, 0));
    return { kind: 'frontMatter', uri: entry.uri };
  }
}
