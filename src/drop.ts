/**
 * Dragging passages out of the Themes view into a document: the view's drag controller puts the
 * passages on the drag under the view's mime type, and a document drop provider (every language)
 * turns them into the quotation for the document's language at the drop position.
 *
 * The workbench lowercases the view id in the view's mime type
 * (`application/vnd.code.tree.${viewId.toLowerCase()}`), and what `handleDrag` puts under it
 * replaces the workbench's own `{ id, itemHandles }` value when the drop reaches an editor.
 */
import * as vscode from 'vscode';
import { quotationOptions } from './config';
import { buildQuotation } from './core/quote';
import type { ArticleLibrary } from './library';
import { insertionContext } from './quoting';
import type { AtlasNode } from './themesModel';
import { THEMES_VIEW_ID } from './themesTree';
import type { PassageRef } from './commands/services';

/** The Themes view's drag mime type. */
export const THEMES_TREE_MIME = `application/vnd.code.tree.${THEMES_VIEW_ID.toLowerCase()}`;

/** The kind of the drop edit: `articleAtlas.quotation` (made on use, not while the bundle loads). */
export function quotationDropKind(): vscode.DocumentDropOrPasteEditKind {
  return vscode.DocumentDropOrPasteEditKind.Empty.append('articleAtlas', 'quotation');
}

/** The value put under {@link THEMES_TREE_MIME}: JSON of this shape. */
export interface PassageDragData {
  readonly articleAtlasPassages: readonly PassageRef[];
}

/** The passages of a drag's {@link THEMES_TREE_MIME} value; [] when it holds none (another shape, bad JSON). */
export function parseDragData(json: string): PassageRef[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return [];
  }
  const list = (data as Partial<PassageDragData> | null)?.articleAtlasPassages;
  if (!Array.isArray(list)) return [];
  return list.filter((r): r is PassageRef =>
    typeof r === 'object' && r !== null && typeof r.articleId === 'string' && typeof r.passageId === 'string');
}

/** Drags passages of the Themes view (other nodes are not dragged). */
export class PassageDragController implements vscode.TreeDragAndDropController<AtlasNode> {
  readonly dropMimeTypes: readonly string[] = [];
  readonly dragMimeTypes: readonly string[] = ['text/plain'];

  constructor(private readonly library: ArticleLibrary) {}

  /**
   * Puts the dragged passages under {@link THEMES_TREE_MIME} and, for other targets that take
   * text, their plain-text quotations under `text/plain` (separated by a blank line).
   */
  async handleDrag(source: readonly AtlasNode[], dataTransfer: vscode.DataTransfer): Promise<void> {
    const passages = source.filter(n => n.kind === 'passage');
    if (passages.length === 0) return;
    const refs: PassageRef[] = passages.map(n => ({ articleId: n.articleId, passageId: n.passage.id }));
    dataTransfer.set(THEMES_TREE_MIME, new vscode.DataTransferItem(JSON.stringify({ articleAtlasPassages: refs } satisfies PassageDragData)));
    const snapshot = await this.library.snapshot();
    const options = quotationOptions(vscode.workspace);
    const texts: string[] = [];
    for (const ref of refs) {
      const entry = snapshot.entry(ref.articleId);
      const passage = entry?.article.passages.get(ref.passageId);
      if (entry && passage) texts.push(buildQuotation({ article: entry.article, range: passage, languageId: 'plaintext', options }).text);
    }
    if (texts.length > 0) dataTransfer.set('text/plain', new vscode.DataTransferItem(texts.join('\n\n')));
  }
}

/**
 * Inserts the quotation of a passage dragged from the Themes view, in the format of the
 * document's language and shaped for the drop position (as Quote Passage does at a cursor). With
 * several passages, the first is quoted. The insert text is plain text, never a snippet.
 */
export class QuotationDropProvider implements vscode.DocumentDropEditProvider {
  constructor(private readonly library: ArticleLibrary) {}

  /** Registers the provider for every document. */
  static register(library: ArticleLibrary): { provider: QuotationDropProvider; registration: vscode.Disposable } {
    const provider = new QuotationDropProvider(library);
    const registration = vscode.languages.registerDocumentDropEditProvider([{ language: '*' }], provider, {
      providedDropEditKinds: [quotationDropKind()],
      dropMimeTypes: [THEMES_TREE_MIME],
    });
    return { provider, registration };
  }

  async provideDocumentDropEdits(
    document: vscode.TextDocument, position: vscode.Position, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken,
  ): Promise<vscode.DocumentDropEdit | undefined> {
    const item = dataTransfer.get(THEMES_TREE_MIME);
    if (!item) return undefined;
    const [ref] = parseDragData(await item.asString());
    if (!ref || token.isCancellationRequested) return undefined;
    const entry = (await this.library.snapshot()).entry(ref.articleId);
    const passage = entry?.article.passages.get(ref.passageId);
    if (!entry || !passage) return undefined;
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const quotation = buildQuotation({
      article: entry.article,
      range: passage,
      languageId: document.languageId,
      options: quotationOptions(vscode.workspace, document.uri, eol),
      context: insertionContext(document, { start: position, end: position }),
    });
    return new vscode.DocumentDropEdit(quotation.text, vscode.l10n.t('Insert Quotation'), quotationDropKind());
  }
}
