/**
 * The search QuickPick (searches as you type) and the command Search Passages.
 */
import * as vscode from 'vscode';
import { type QuickPickUpdate, recordQuickPickUpdate } from '../api';
import type { SearchHit, SearchIndex } from '../core/search';
import type { LibrarySnapshot } from '../library';
import { type HighlightedLabel, hitLabel, paragraphNumber, passageLocator } from '../passageText';
import type { AtlasServices, Command } from './services';

/** Most results the QuickPick shows. */
const RESULT_LIMIT = 50;

/** A search result as a QuickPick item. */
export interface PassageItem extends vscode.QuickPickItem {
  readonly hit: SearchHit;
  /**
   * `[start, end)` ranges of `label` that matched the query. VS Code 1.139's stable API has no
   * field for label highlights (the extension host sends only label, description and detail), so
   * the workbench shows its own substring highlights; these are kept for when it does.
   */
  readonly highlights: [number, number][];
}

/** What the user did with a picked passage: Enter, or one of the item's buttons. */
export interface PickedPassage {
  readonly hit: SearchHit;
  readonly action: 'accept' | 'quote' | 'copy';
}

/**
 * `$(name)` in a label is a codicon; the backslash makes the workbench show the text instead.
 * Highlights after each escape move by one.
 */
function escapeIcons({ label, highlights }: HighlightedLabel): HighlightedLabel {
  const at: number[] = [];
  const escaped = label.replace(/\$\(/g, (m, offset: number) => {
    at.push(offset);
    return '\\' + m;
  });
  if (at.length === 0) return { label, highlights };
  const shift = (x: number): number => x + at.filter(a => a < x).length;
  return { label: escaped, highlights: highlights.map(([s, e]) => [shift(s), shift(e)]) };
}

/**
 * The QuickPick items of `query`'s results in `index`, the search index of `snapshot` ({@link LibrarySnapshot.searchIndex}):
 * at most {@link RESULT_LIMIT}, best first ({@link passageItems}).
 */
export function searchItems(snapshot: LibrarySnapshot, index: SearchIndex, query: string): PassageItem[] {
  return passageItems(snapshot, index.search(query, { limit: RESULT_LIMIT }));
}

/**
 * The QuickPick items of `hits` (hits of `snapshot`'s search index), in their order. The label is the
 * text around the first match ({@link hitLabel}); the description the passage's locator; the detail line
 * names the hit's article first when the library holds more than one, then the passage's themes and its paragraph.
 */
export function passageItems(snapshot: LibrarySnapshot, hits: readonly SearchHit[]): PassageItem[] {
  const named = snapshot.entries.length > 1;
  const quote: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('quote'), tooltip: vscode.l10n.t('Quote Passage') };
  const copy: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: vscode.l10n.t('Copy Quotation') };
  return hits.map(hit => {
    const entry = snapshot.entry(hit.articleId);
    const { label, highlights } = escapeIcons(hitLabel(hit.passage, hit.matches));
    const themes = entry?.themes.themesOf(hit.passage.id, { related: true }).map(t => t.label) ?? [];
    const paragraph = vscode.l10n.t('paragraph {0}', entry ? paragraphNumber(entry.article, hit.passage) : '?');
    return {
      label,
      highlights,
      description: entry ? passageLocator(entry.article, hit.passage) : hit.passage.id,
      detail: [named && entry ? entry.article.metadata.title : '', themes.join(', '), paragraph].filter(s => s !== '').join(' · ').replace(/\$\(/g, '\\$('),
      // The results are already the matches: the workbench must not filter them by label again.
      alwaysShow: true,
      buttons: [quote, copy],
      hit,
    };
  });
}

/**
 * Shows the search QuickPick and resolves with the passage the user picked (Enter) or whose
 * Quote / Copy button they pressed; undefined when they closed it.
 * @param options.value the initial query.
 */
export function pickPassage(services: AtlasServices, options: { title: string; value?: string }): Promise<PickedPassage | undefined> {
  const pick = vscode.window.createQuickPick<PassageItem>();
  pick.title = options.title;
  pick.placeholder = vscode.l10n.t('Search the passages: words, "a phrase", theme:name');
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  // Keep the ranking of the search index. `sortByLabel` is the proposed API quickPickSortByLabel;
  // the extension host applies it without checking, and ignoring it costs only the order.
  (pick as { sortByLabel?: boolean }).sortByLabel = false;
  pick.value = options.value ?? '';
  pick.busy = true;
  let loaded: { snapshot: LibrarySnapshot; index: SearchIndex } | undefined;
  const closed = services.activity.opened();
  const update = (): void => {
    if (!loaded) return;
    const at = performance.now();
    const hits = loaded.index.search(pick.value, { limit: RESULT_LIMIT });
    const searched = performance.now();
    pick.items = passageItems(loaded.snapshot, hits);
    const assigned = performance.now();
    const record: QuickPickUpdate = { at, items: hits.length, searchMs: searched - at, itemsMs: assigned - searched };
    recordQuickPickUpdate(services.timings, record);
    setTimeout(() => { record.sentMs = performance.now() - assigned; }, 0);
  };
  return new Promise<PickedPassage | undefined>(resolve => {
    let result: PickedPassage | undefined;
    const disposables: vscode.Disposable[] = [
      pick.onDidChangeValue(() => {
        services.activity.keystroke();
        update();
      }),
      pick.onDidAccept(() => {
        const item = pick.selectedItems[0] ?? pick.activeItems[0];
        if (!item) return;
        result = { hit: item.hit, action: 'accept' };
        pick.hide();
      }),
      pick.onDidTriggerItemButton(({ item, button }) => {
        const icon = button.iconPath instanceof vscode.ThemeIcon ? button.iconPath.id : '';
        result = { hit: item.hit, action: icon === 'copy' ? 'copy' : 'quote' };
        pick.hide();
      }),
      pick.onDidHide(() => {
        closed();
        disposables.forEach(d => d.dispose());
        pick.dispose();
        resolve(result);
      }),
    ];
    pick.show();
    services.library.latest().then(async snapshot => {
      loaded = { snapshot, index: await snapshot.searchIndex() };
      pick.busy = false;
      update();
    }).catch(() => {
      pick.busy = false;
    });
  });
}

/**
 * `articleAtlas.searchPassages`: the search QuickPick. Enter opens the reader at the passage with
 * the matches highlighted and reveals it in the Themes view; the buttons quote or copy it.
 */
export class SearchPassagesCommand implements Command {
  readonly id = 'articleAtlas.searchPassages';
  constructor(private readonly services: AtlasServices) {}

  /**
   * @param query the initial query (a string; anything else is ignored).
   * @returns the hit picked (for any action), or undefined when the QuickPick was closed.
   */
  async execute(query?: unknown): Promise<SearchHit | undefined> {
    const picked = await pickPassage(this.services, {
      title: vscode.l10n.t('Search Passages'),
      value: typeof query === 'string' ? query : undefined,
    });
    if (!picked) return undefined;
    const { hit } = picked;
    const { quoter, reader, tree, editors } = this.services;
    switch (picked.action) {
      case 'accept':
        await reader.show({ articleId: hit.articleId, passageId: hit.passage.id, highlights: hit.matches });
        await tree.reveal(hit.articleId, hit.passage.id, { focus: false });
        break;
      case 'quote':
        await quoter.quote(hit.articleId, hit.passage.id);
        break;
      case 'copy':
        await quoter.copy(hit.articleId, hit.passage.id, editors.current()?.document.languageId ?? 'plaintext');
        break;
    }
    return hit;
  }
}
