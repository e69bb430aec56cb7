/**
 * The Themes view: maps the plain nodes of {@link ThemesModel} to fresh `TreeItem`s, keeps the
 * mode ("By theme" / "By section", context key `articleAtlas.themesMode`), and reveals passages.
 * The library loads on the first `getChildren`, never during activation.
 */
import * as vscode from 'vscode';
import type { Timings } from './api';
import { QuotedPassages } from './fidelity/quoted';
import type { ArticleLibrary, LibraryView } from './library';
import { markdownText, openingWords, paragraphNumber, passageLocator } from './passageText';
import { type AtlasNode, type PassageNode, ThemesModel, themePassages, type TreeMode } from './themesModel';

/** Id of the view (package.json `contributes.views`). */
export const THEMES_VIEW_ID = 'articleAtlas.themes';
/** Context key of the mode, read by the view's title-bar `when` clauses: `theme` or `section`. */
export const THEMES_MODE_CONTEXT = 'articleAtlas.themesMode';
const MODE_STATE_KEY = 'articleAtlas.themesMode';

/** Maps the model to tree items. One instance per view. */
export class ThemesTreeProvider implements vscode.TreeDataProvider<AtlasNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AtlasNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private current: Promise<{ readonly model: ThemesModel; readonly snapshot: LibraryView }> | undefined;
  private readonly subscription: vscode.Disposable;
  private quoted = QuotedPassages.none;
  /** How many articles the tree showed last: one is shown expanded, several collapsed (a library of hundreds opens fast). */
  private rootCount = 1;

  /**
   * @param library where the articles come from; reloads rebuild the tree.
   * @param mode the initial shape.
   * @param timings receives `firstTreeRequestMs` when the root is first asked for, `firstTreeItemsMs` when it first resolves with items.
   * @param since `performance.now()` at the start of `activate()`, from which both count.
   */
  constructor(
    private readonly library: ArticleLibrary, private modeValue: TreeMode, private readonly timings: Timings,
    private readonly since: number,
  ) {
    // The first load fires too, while the first model waits for it: refresh only for another snapshot.
    this.subscription = library.onDidChange(snapshot => {
      const current = this.current;
      if (!current) this.refresh();
      else void current.then(c => c.snapshot !== snapshot && this.current === current && this.refresh());
    });
  }

  get mode(): TreeMode {
    return this.modeValue;
  }

  /** Changes the shape of the tree and refreshes it. */
  setMode(mode: TreeMode): void {
    if (mode === this.modeValue) return;
    this.modeValue = mode;
    this.refresh();
  }

  /**
   * Shows which passages the active document quotes (from the quote fidelity check): a theme's
   * description counts them, a passage's says "quoted". Refreshes the items only when the quoted
   * ranges changed.
   */
  setQuoted(quoted: QuotedPassages): void {
    const key = (q: QuotedPassages) => JSON.stringify(q.articleIds.sort().map(id => [id, q.ranges(id)]));
    if (key(quoted) === key(this.quoted)) return;
    this.quoted = quoted;
    this.changed.fire(undefined);
  }

  /** Drops the model; the next request builds it from the library's current snapshot. */
  refresh(): void {
    this.current = undefined;
    this.changed.fire(undefined);
  }

  /** The model for the current snapshot and mode, built on first use. */
  async model(): Promise<ThemesModel> {
    const mode = this.modeValue;
    this.current ??= this.library.available().then(snapshot => ({ model: new ThemesModel(snapshot.entries, mode), snapshot }));
    return (await this.current).model;
  }

  /**
   * Builds the model and the top-level items ahead of the view's first request (called right after
   * activation), and records `treeItemsReadyMs`: from the start of `activate()` until they exist.
   */
  async prepare(): Promise<void> {
    const items = (await this.model()).children(undefined);
    if ([...items].length > 0) this.timings.treeItemsReadyMs ??= performance.now() - this.since;
  }

  async getChildren(node?: AtlasNode): Promise<AtlasNode[]> {
    if (node === undefined) this.timings.firstTreeRequestMs ??= performance.now() - this.since;
    const children = [...(await this.model()).children(node)];
    if (node === undefined) this.rootCount = children.length;
    if (node === undefined && children.length > 0) this.timings.firstTreeItemsMs ??= performance.now() - this.since;
    return children;
  }

  getParent(node: AtlasNode): AtlasNode | undefined {
    return node.parent;
  }

  getTreeItem(node: AtlasNode): vscode.TreeItem {
    switch (node.kind) {
      case 'article': {
        const { article } = node.entry;
        const title = article.metadata.title || node.articleId;
        const item = new vscode.TreeItem(title, this.rootCount <= 1 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.contextValue = 'article';
        item.iconPath = new vscode.ThemeIcon('book');
        const n = article.paragraphs.length;
        item.description = n === 1 ? vscode.l10n.t('1 paragraph') : vscode.l10n.t('{0} paragraphs', n);
        const tooltip = new vscode.MarkdownString(`**${markdownText(title)}**`);
        if (article.metadata.subtitle) tooltip.appendMarkdown(`\n\n${markdownText(article.metadata.subtitle)}`);
        untrusted(tooltip);
        item.tooltip = tooltip;
        item.accessibilityInformation = { label: vscode.l10n.t('{0}, article, {1}', title, item.description), role: 'treeitem' };
        return item;
      }
      case 'theme': {
        const { theme } = node;
        const entry = rootEntry(node);
        const count = entry.themes.passageCount(theme.id);
        const quoted = this.quoted.count(node.articleId, themePassages(entry.article, theme));
        const hasChildren = theme.children.length > 0 || theme.passageIds.length > 0;
        const item = new vscode.TreeItem(theme.label, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.contextValue = 'theme';
        item.iconPath = new vscode.ThemeIcon(theme.automatic ? 'sparkle' : theme.children.length > 0 ? 'symbol-folder' : 'tag');
        item.description = count === 1 ? vscode.l10n.t('1 passage') : vscode.l10n.t('{0} passages', count);
        if (theme.automatic) item.description = vscode.l10n.t('{0} · automatic', item.description);
        if (quoted > 0) item.description = vscode.l10n.t('{0} · {1} quoted', item.description, quoted);
        if (theme.description) item.tooltip = theme.description;
        item.accessibilityInformation = {
          label: theme.description
            ? vscode.l10n.t('{0}, theme, {1}. {2}', theme.label, item.description, theme.description)
            : vscode.l10n.t('{0}, theme, {1}', theme.label, item.description),
          role: 'treeitem',
        };
        return item;
      }
      case 'passage': {
        const { passage } = node;
        const item = new vscode.TreeItem(openingWords(passage.text),
          node.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.contextValue = 'passage';
        item.iconPath = new vscode.ThemeIcon('quote');
        item.description = passageLocator(rootEntry(node).article, passage);
        if (this.quoted.has(node.articleId, passage)) item.description = vscode.l10n.t('{0} · quoted', item.description);
        item.tooltip = untrusted(new vscode.MarkdownString(markdownText(passage.text)));
        item.command = { command: 'articleAtlas.openReader', title: vscode.l10n.t('Open in Reader'), arguments: [node] };
        item.accessibilityInformation = { label: passageAccessibilityLabel(rootEntry(node).article, passage, this.quoted.has(node.articleId, passage)), role: 'treeitem' };
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Text from the article is untrusted: no command links, no HTML, no theme icons. */
function untrusted(md: vscode.MarkdownString): vscode.MarkdownString {
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  return md;
}

function rootEntry(node: AtlasNode): Extract<AtlasNode, { kind: 'article' }>['entry'] {
  let n: AtlasNode = node;
  while (n.parent) n = n.parent;
  if (n.kind !== 'article') throw new Error(`The tree node ${node.id} has no article.`);
  return n.entry;
}

/** The view, its provider and the mode: what commands use of the Themes view. */
export class ThemesTree implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  /** Use {@link ThemesTree.create}; this constructor is for wiring a given view. */
  constructor(
    readonly provider: ThemesTreeProvider,
    readonly view: vscode.TreeView<AtlasNode>,
    private readonly state: vscode.Memento,
  ) {
    this.disposables.push(provider, view);
    this.applyMode();
  }

  /**
   * Creates the provider and the view `articleAtlas.themes`. Cheap: nothing loads until the view
   * asks for its items.
   * @param state workspace state, which remembers the mode.
   * @param timings receives `firstTreeRequestMs` and `firstTreeItemsMs`, counted from `since` (`performance.now()` at the start of `activate()`).
   * @param dragAndDrop the view's drag controller (drags passages out as quotations).
   */
  static create(
    library: ArticleLibrary, state: vscode.Memento, { timings, since }: { timings: Timings; since: number },
    dragAndDrop: vscode.TreeDragAndDropController<AtlasNode>,
  ): ThemesTree {
    const saved = state.get<TreeMode>(MODE_STATE_KEY);
    const provider = new ThemesTreeProvider(library, saved === 'section' ? 'section' : 'theme', timings, since);
    const view = vscode.window.createTreeView(THEMES_VIEW_ID, {
      treeDataProvider: provider, showCollapseAll: true, dragAndDropController: dragAndDrop,
    });
    return new ThemesTree(provider, view, state);
  }

  get mode(): TreeMode {
    return this.provider.mode;
  }

  /** Switches between "By theme" and "By section"; remembered per workspace. */
  async setMode(mode: TreeMode): Promise<void> {
    this.provider.setMode(mode);
    this.applyMode();
    await this.state.update(MODE_STATE_KEY, mode);
  }

  private applyMode(): void {
    const mode = this.provider.mode;
    this.view.description = mode === 'section' ? vscode.l10n.t('By section') : vscode.l10n.t('By theme');
    void vscode.commands.executeCommand('setContext', THEMES_MODE_CONTEXT, mode);
  }

  /** The selected passage node, if the selection holds one. */
  selectedPassage(): PassageNode | undefined {
    return this.view.selection.find((n): n is PassageNode => n.kind === 'passage');
  }

  /**
   * Selects and shows the first node of a passage (see {@link ThemesModel.findPassage}), expanding
   * its parents even in a never-expanded tree. Resolves with the node, or undefined when the
   * article or passage is unknown.
   */
  async reveal(articleId: string, passageId: string | undefined, options: { focus?: boolean } = {}): Promise<AtlasNode | undefined> {
    const model = await this.provider.model();
    const node = passageId === undefined ? model.article(articleId) : model.findPassage(articleId, passageId);
    if (!node) return undefined;
    await this.view.reveal(node, { select: true, focus: options.focus ?? true, expand: true });
    return node;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/**
 * What a screen reader says for a passage of the tree: its place in words, not the `¶ 6 · s2`
 * locator the tree shows (`Paragraph 6, sentence 2`), whether the active document quotes it, then
 * its whole text.
 */
function passageAccessibilityLabel(article: Parameters<typeof paragraphNumber>[0], passage: Parameters<typeof paragraphNumber>[1], quoted: boolean): string {
  const paragraph = paragraphNumber(article, passage);
  const sentence = passage.kind === 'sentence' ? /\.s(\d+)$/.exec(passage.id)?.[1] : undefined;
  const where = sentence ? vscode.l10n.t('Paragraph {0}, sentence {1}', paragraph, sentence) : vscode.l10n.t('Paragraph {0}', paragraph);
  return quoted ? vscode.l10n.t('{0}, quoted: {1}', where, passage.text) : vscode.l10n.t('{0}: {1}', where, passage.text);
}
