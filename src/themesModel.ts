/**
 * The nodes of the Themes view as plain data, in two shapes:
 *
 * - by theme: article → themes → the theme's own passages (about the theme as a whole), then its
 *   sub-themes; so the display order is the taxonomy's pre-order;
 * - by section (reading order): article → paragraphs → sentences.
 *
 * Pure (no `vscode` at run time): `src/themesTree.ts` maps these nodes to `TreeItem`s, and
 * `test/unit/themesModel.test.ts` checks the shapes and ids in Node.
 *
 * Ids are paths, so a passage listed by two themes has one node (and id) under each:
 * `a:<articleId>`, then `/t:<themeId>` per theme and `/p:<passageId>` per passage; a theme id
 * that repeats among its siblings gets `#2`, `#3`… Ids are stable while the files do not change.
 */
import type { ThemeIndex } from './core/themes';
import type { Article, Passage, Theme } from './core/types';

/**
 * The distinct passages (known to the article) that `theme` and its sub-themes list, in the order
 * first listed (pre-order): what `ThemeIndex.passageCount` counts.
 */
export function themePassages(article: Article, theme: Theme): Passage[] {
  const found = new Map<string, Passage>();
  const walk = (t: Theme): void => {
    for (const id of t.passageIds) {
      const p = article.passages.get(id);
      if (p && !found.has(id)) found.set(id, p);
    }
    t.children.forEach(walk);
  };
  walk(theme);
  return [...found.values()];
}

/** Which shape the tree has. */
export type TreeMode = 'theme' | 'section';

/** An article with its themes: a `LibraryEntry` fits. */
export interface ModelEntry {
  readonly article: Article;
  readonly themes: ThemeIndex;
}

interface NodeBase {
  /** Unique in the tree, stable for the same files and mode (see the module comment). */
  readonly id: string;
  readonly articleId: string;
  /** Undefined for an article (a root). */
  readonly parent: AtlasNode | undefined;
}

/** A root: one article. */
export interface ArticleNode extends NodeBase {
  readonly kind: 'article';
  readonly entry: ModelEntry;
}

/** A theme or sub-theme. */
export interface ThemeNode extends NodeBase {
  readonly kind: 'theme';
  readonly theme: Theme;
}

/** A paragraph or sentence, under a theme (by theme) or its article or paragraph (by section). */
export interface PassageNode extends NodeBase {
  readonly kind: 'passage';
  readonly passage: Passage;
  /** Whether the node has children: a paragraph in the by-section tree. */
  readonly expandable: boolean;
}

/** A node of the Themes view. */
export type AtlasNode = ArticleNode | ThemeNode | PassageNode;

/**
 * The tree over a fixed set of entries, in one mode. Children are built on first request and
 * cached, so a node object is the same every time it is asked for.
 */
export class ThemesModel {
  private readonly rootNodes: ArticleNode[];
  private readonly childCache = new Map<AtlasNode, AtlasNode[]>();

  /**
   * @param entries the articles, in order (the first entry of an article id wins).
   * @param mode the shape of the tree.
   */
  constructor(entries: readonly ModelEntry[], readonly mode: TreeMode) {
    const seen = new Set<string>();
    this.rootNodes = [];
    for (const entry of entries) {
      const articleId = entry.article.metadata.id;
      if (seen.has(articleId)) continue;
      seen.add(articleId);
      this.rootNodes.push({ kind: 'article', id: `a:${articleId}`, articleId, parent: undefined, entry });
    }
  }

  /** The article nodes. */
  roots(): readonly ArticleNode[] {
    return this.rootNodes;
  }

  /** The children of `node` (the roots for undefined), built once. */
  children(node: AtlasNode | undefined): readonly AtlasNode[] {
    if (!node) return this.rootNodes;
    let list = this.childCache.get(node);
    if (!list) {
      list = this.build(node);
      this.childCache.set(node, list);
    }
    return list;
  }

  /** The entry of the article a node belongs to. */
  entryOf(node: AtlasNode): ModelEntry {
    let n: AtlasNode = node;
    while (n.parent) n = n.parent;
    return (n as ArticleNode).entry;
  }

  /** The article node of `articleId`, or undefined. */
  article(articleId: string): ArticleNode | undefined {
    return this.rootNodes.find(n => n.articleId === articleId);
  }

  /**
   * The node at which `passageId` of `articleId` is shown first, for `TreeView.reveal`.
   *
   * By section: the paragraph, or the sentence under its paragraph. By theme, in the tree's
   * display order (the taxonomy's pre-order, as `ThemeIndex.themesOf`): the first theme that
   * lists the passage itself; failing that, the first theme that lists a related passage (the
   * sentence's paragraph, or one of the paragraph's sentences), whose node is returned; failing
   * that, the article. Undefined for an unknown article or passage.
   */
  findPassage(articleId: string, passageId: string): AtlasNode | undefined {
    const root = this.article(articleId);
    const passage = root?.entry.article.passages.get(passageId);
    if (!root || !passage) return undefined;
    if (this.mode === 'section') {
      const paragraphId = passage.kind === 'sentence' ? passage.paragraphId : passage.id;
      const paragraph = this.children(root).find(n => n.kind === 'passage' && n.passage.id === paragraphId);
      if (!paragraph || passage.kind === 'paragraph') return paragraph;
      return this.children(paragraph).find(n => n.kind === 'passage' && n.passage.id === passageId);
    }
    const related = passage.kind === 'sentence' ? [passage.paragraphId] : [...passage.sentenceIds];
    return this.findUnder(root, id => id === passageId) ?? this.findUnder(root, id => related.includes(id)) ?? root;
  }

  /** The first passage node (pre-order) under `node` whose passage id satisfies `test`. */
  private findUnder(node: AtlasNode, test: (passageId: string) => boolean): PassageNode | undefined {
    for (const child of this.children(node)) {
      if (child.kind === 'passage') {
        if (test(child.passage.id)) return child;
      } else {
        const found = this.findUnder(child, test);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** Every node from the root down to `node`, root first. */
  static pathOf(node: AtlasNode): AtlasNode[] {
    const path: AtlasNode[] = [];
    for (let n: AtlasNode | undefined = node; n; n = n.parent) path.unshift(n);
    return path;
  }

  private build(node: AtlasNode): AtlasNode[] {
    const entry = this.entryOf(node);
    const { article } = entry;
    const articleId = article.metadata.id;
    const passageNode = (passage: Passage, expandable: boolean): PassageNode =>
      ({ kind: 'passage', id: `${node.id}/p:${passage.id}`, articleId, parent: node, passage, expandable });
    if (this.mode === 'section') {
      if (node.kind === 'article') return article.paragraphs.map(p => passageNode(p, p.sentenceIds.length > 0));
      if (node.kind === 'passage' && node.passage.kind === 'paragraph') {
        return node.passage.sentenceIds
          .map(id => article.passages.get(id))
          .filter((p): p is Passage => p !== undefined)
          .map(p => passageNode(p, false));
      }
      return [];
    }
    if (node.kind === 'passage') return [];
    const out: AtlasNode[] = [];
    if (node.kind === 'theme') {
      // By the theme object, not its id: with duplicate ids, each theme keeps its own passages.
      for (const id of node.theme.passageIds) {
        const passage = article.passages.get(id);
        if (passage) out.push(passageNode(passage, false));
      }
    }
    const used = new Map<string, number>();
    for (const theme of node.kind === 'article' ? entry.themes.roots : node.theme.children) {
      const n = (used.get(theme.id) ?? 0) + 1;
      used.set(theme.id, n);
      const id = `${node.id}/t:${theme.id}${n > 1 ? `#${n}` : ''}`;
      out.push({ kind: 'theme', id, articleId, parent: node, theme } satisfies ThemeNode);
    }
    return out;
  }
}
