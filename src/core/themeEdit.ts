/**
 * Editing a theme file (`*.themes.yaml`, or `*.themes.json`) for "Add Passage to Theme": the
 * file's comments, order and layout are kept (the `yaml` library's Document API), only the list of
 * passages of one theme grows, or one theme is appended.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';

/** Which theme receives the passage: an existing one by id, or a new top-level theme by label. */
export type ThemeTarget = { readonly id: string } | { readonly label: string };

/** The result of {@link addPassageToThemeFile}. */
export interface ThemeFileEdit {
  /** The whole new text of the theme file. */
  readonly text: string;
  /** The id of the theme that lists the passage (new or existing). */
  readonly themeId: string;
  /** False when the theme already listed the passage (then `text` is the input, unchanged). */
  readonly changed: boolean;
}

/** A theme id made of a label: lower-case ASCII letters and digits in hyphenated words (`Ice & Snow` → `ice-snow`), `theme` when none. */
export function themeIdOf(label: string): string {
  const id = label.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return id || 'theme';
}

/**
 * Adds `passageId` to a theme of a theme file.
 *
 * @param text the theme file's text, or undefined when the file does not exist yet (a new file
 *   `article: <articleId>` with the one theme is made).
 * @param articleId the article's id, for a new file.
 * @param passageId `pN` or `pN.sM`.
 * @param target an existing theme (searched at any depth under `themes` and `children`), or a new
 *   top-level theme by label, whose id is {@link themeIdOf} the label made unique with `-2`, `-3`….
 * @param json write JSON (for a `.themes.json` file) instead of YAML.
 * @throws Error when `text` is not a YAML mapping with a `themes` list, or the theme id is unknown:
 *   the message says which, so the caller can show it.
 */
export function addPassageToThemeFile(text: string | undefined, articleId: string, passageId: string, target: ThemeTarget, json = false): ThemeFileEdit {
  const doc = text === undefined
    ? new Document({ article: articleId, themes: [] })
    : parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) throw new Error(`The theme file has a YAML error: ${doc.errors[0].message.split('\n')[0]}`);
  if (!isMap(doc.contents)) throw new Error('The theme file is not a mapping with "article" and "themes".');
  let themes = doc.contents.get('themes', true);
  if (themes === undefined || (isScalar(themes) && themes.value === null)) {
    doc.contents.set('themes', doc.createNode([]));
    themes = doc.contents.get('themes', true);
  }
  if (!isSeq(themes)) throw new Error('The "themes" of the theme file is not a list.');
  const all = allThemes(themes as YAMLSeq);
  let theme: YAMLMap;
  let themeId: string;
  if ('id' in target) {
    const found = all.find(t => t.get('id') === target.id);
    if (!found) throw new Error(`The theme file has no theme "${target.id}".`);
    theme = found;
    themeId = target.id;
  } else {
    const base = themeIdOf(target.label);
    const used = new Set(all.map(t => String(t.get('id'))));
    themeId = base;
    for (let n = 2; used.has(themeId); n++) themeId = `${base}-${n}`;
    theme = doc.createNode({ id: themeId, label: target.label, passages: [] }) as YAMLMap;
    (themes as YAMLSeq).add(theme);
  }
  let passages = theme.get('passages', true);
  if (!isSeq(passages)) {
    theme.set('passages', doc.createNode([]));
    passages = theme.get('passages', true);
  }
  const seq = passages as unknown as YAMLSeq;
  if (seq.items.some(i => isScalar(i) && i.value === passageId)) return { text: text ?? '', themeId, changed: false };
  seq.add(doc.createNode(passageId));
  if (json) return { text: `${JSON.stringify(doc.toJS(), null, 2)}\n`, themeId, changed: true };
  return { text: doc.toString({ lineWidth: 0 }), themeId, changed: true };
}

/** Every theme mapping under `themes`, in pre-order (themes, then their `children`). */
function allThemes(themes: YAMLSeq): YAMLMap[] {
  const out: YAMLMap[] = [];
  const walk = (seq: unknown): void => {
    if (!isSeq(seq)) return;
    for (const item of seq.items) {
      if (!isMap(item)) continue;
      out.push(item);
      walk(item.get('children', true));
    }
  };
  walk(themes);
  return out;
}
