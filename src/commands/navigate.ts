/**
 * Commands that move between the Themes view and the reader: Open in Reader, Reveal in Themes,
 * and the view's "By theme" / "By section" toggle.
 */
import * as vscode from 'vscode';
import type { ReaderTarget } from '../reader';
import type { AtlasNode } from '../themesModel';
import type { TreeMode } from '../themesModel';
import { pickPassage } from './search';
import { type AtlasServices, type Command, isAtlasNode, passageRefOf } from './services';

/** The first passage of a theme node's subtree (its own passages first, then its sub-themes'), or undefined. */
function firstPassageOf(node: AtlasNode): string | undefined {
  if (node.kind === 'passage') return node.passage.id;
  if (node.kind !== 'theme') return undefined;
  const stack = [node.theme];
  while (stack.length > 0) {
    const theme = stack.shift();
    if (!theme) break;
    if (theme.passageIds.length > 0) return theme.passageIds[0];
    stack.unshift(...theme.children);
  }
  return undefined;
}

/** What the reader should show for a node: the article, the passage, or a theme's first passage. */
function targetOfNode(node: AtlasNode): ReaderTarget {
  const passageId = firstPassageOf(node);
  return passageId ? { articleId: node.articleId, passageId } : { articleId: node.articleId };
}

/**
 * `articleAtlas.openReader`: opens the reader at a node (the tree's click command passes it) or
 * `{ articleId, passageId? }`, else at the selected node of the visible Themes view, else at a
 * passage picked by search (with its matches highlighted).
 */
export class OpenReaderCommand implements Command {
  readonly id = 'articleAtlas.openReader';
  constructor(private readonly services: AtlasServices) {}

  /** Resolves with what the reader was asked to show, or undefined when cancelled. */
  async execute(arg?: unknown): Promise<ReaderTarget | undefined> {
    const { tree, reader, quoter, editors } = this.services;
    let target: ReaderTarget | undefined;
    if (isAtlasNode(arg)) {
      target = targetOfNode(arg);
    } else if (passageRefOf(arg)) {
      target = passageRefOf(arg);
    } else if (typeof arg === 'object' && arg !== null && typeof (arg as ReaderTarget).articleId === 'string') {
      target = { articleId: (arg as ReaderTarget).articleId };
    } else if (tree.view.visible && tree.view.selection.length > 0) {
      target = targetOfNode(tree.view.selection[0]);
    } else {
      const picked = await pickPassage(this.services, { title: vscode.l10n.t('Open in Reader') });
      if (!picked) return undefined;
      const { hit } = picked;
      if (picked.action === 'quote') {
        await quoter.quote(hit.articleId, hit.passage.id);
        return undefined;
      }
      if (picked.action === 'copy') {
        await quoter.copy(hit.articleId, hit.passage.id, editors.current()?.document.languageId ?? 'plaintext');
        return undefined;
      }
      target = { articleId: hit.articleId, passageId: hit.passage.id, highlights: hit.matches };
    }
    if (!target) return undefined;
    await reader.show(target);
    return target;
  }
}

/**
 * `articleAtlas.revealInThemes`: selects a passage (argument, else the reader's current passage or
 * article) in the Themes view, expanding what is needed.
 */
export class RevealInThemesCommand implements Command {
  readonly id = 'articleAtlas.revealInThemes';
  constructor(private readonly services: AtlasServices) {}

  /** Resolves with the id of the revealed tree node, or undefined when there was nothing to reveal. */
  async execute(arg?: unknown): Promise<string | undefined> {
    const ref = passageRefOf(arg) ?? this.services.reader.current;
    if (!ref) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a passage in the reader to reveal it in the Themes view.'));
      return undefined;
    }
    const node = await this.services.tree.reveal(ref.articleId, ref.passageId, { focus: true });
    return node?.id;
  }
}

/** `articleAtlas.showByTheme` / `articleAtlas.showBySection`: the view title's toggle. */
export class ShowModeCommand implements Command {
  readonly id: string;
  constructor(private readonly services: AtlasServices, private readonly mode: TreeMode) {
    this.id = mode === 'section' ? 'articleAtlas.showBySection' : 'articleAtlas.showByTheme';
  }

  async execute(): Promise<void> {
    await this.services.tree.setMode(this.mode);
  }
}

/**
 * `articleAtlas.nextArticle` / `articleAtlas.previousArticle`: the reader moves to the next or
 * previous article of the library (in the Themes view's order, wrapping around), at its start.
 * Resolves with the article id shown, or undefined when the reader is closed.
 */
export class MoveArticleCommand implements Command {
  readonly id: string;
  constructor(private readonly services: AtlasServices, private readonly step: 1 | -1) {
    this.id = step === 1 ? 'articleAtlas.nextArticle' : 'articleAtlas.previousArticle';
  }

  async execute(): Promise<string | undefined> {
    const current = this.services.reader.current;
    if (!current) return undefined;
    const { entries } = await this.services.library.snapshot();
    if (entries.length === 0) return undefined;
    const at = entries.findIndex(e => e.article.metadata.id === current.articleId);
    const next = entries[(at + this.step + entries.length) % entries.length];
    await this.services.reader.show({ articleId: next.article.metadata.id });
    return next.article.metadata.id;
  }
}
