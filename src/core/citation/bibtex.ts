/**
 * Bibliography entries of an article for reference managers: BibTeX, BibLaTeX, RIS and CSL-JSON,
 * and appending a BibLaTeX entry to a `.bib` file's text. Pure; nothing is invented (empty fields
 * are left out). The entry key is the article's citation key, the one its LaTeX and Pandoc
 * quotations cite.
 */
import type { ArticleMetadata } from '../types';
import { type CslItemOptions, parseIssued, parseName, toCslItem } from './cslJson';

/** Bibliography export formats. */
export type BibliographyFormat = 'bibtex' | 'biblatex' | 'ris' | 'csl-json';

/**
 * Escapes a BibTeX/BibLaTeX field value: the LaTeX specials `\ { } % & $ # _ ~ ^` (`\&`, `\%`,
 * `\#`, `\$`, `\_`, `\{`, `\}`, `\textbackslash{}`, `\textasciitilde{}`, `\textasciicircum{}`), so
 * that `R&D` does not break the LaTeX run (biblatex manual §2.3.1: field values are LaTeX text).
 */
export function escapeBibValue(value: string): string {
  return value.replace(/[\\{}%&$#_~^]/g, c => ({
    '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}',
  } as Record<string, string>)[c] ?? `\\${c}`);
}

/**
 * The `author` field: persons as `Family, Given`, an organization in an extra pair of braces so
 * BibTeX and biber read it as one literal name, never as `Commission, National …` (biblatex manual
 * §2.3.3 "Name Lists"); names joined by ` and `.
 */
export function bibAuthors(authors: readonly string[]): string {
  return authors.map(a => a.trim()).filter(a => a).map(a => {
    const n = parseName(a);
    return n.literal !== undefined ? `{${escapeBibValue(n.literal)}}` : `${escapeBibValue(n.family ?? '')}, ${escapeBibValue(n.given ?? '')}`;
  }).join(' and ');
}

function field(name: string, value: string): string {
  return `  ${name} = {${value}},`;
}

/**
 * The BibLaTeX entry: `@article` with `entrysubtype = {newspaper}` for a newspaper article with a
 * newspaper (biblatex manual §2.1.1, `article`), otherwise `@online` when there is a URL and `@misc`
 * when not; fields `author`, `title`, `journaltitle`, `publisher`, `date` (ISO 8601, as biblatex
 * takes it), `url`, `langid`.
 */
export function toBiblatex(m: ArticleMetadata): string {
  const key = m.citationKey || m.id;
  const container = m.containerTitle.trim();
  const type = container && m.type.startsWith('article') ? 'article' : m.url.trim() ? 'online' : 'misc';
  const lines = [`@${type}{${key},`];
  if (m.author.length) lines.push(field('author', bibAuthors(m.author)));
  if (m.title.trim()) lines.push(field('title', escapeBibValue(m.title.trim())));
  if (m.subtitle.trim() && type !== 'misc') lines.push(field('subtitle', escapeBibValue(m.subtitle.trim())));
  if (container) lines.push(field(type === 'article' ? 'journaltitle' : 'organization', escapeBibValue(container)));
  if (type === 'article' && m.type === 'article-newspaper') lines.push(field('entrysubtype', 'newspaper'));
  if (m.publisher.trim()) lines.push(field('publisher', escapeBibValue(m.publisher.trim())));
  if (parseIssued(m.issued)) lines.push(field('date', m.issued.trim()));
  if (m.url.trim()) lines.push(field('url', m.url.trim()));
  if (m.language.trim()) lines.push(field('langid', langid(m.language.trim())));
  lines.push('}');
  return lines.join('\n');
}

/** BCP 47 → babel/polyglossia language name, the value biblatex's `langid` takes. */
function langid(tag: string): string {
  const base = tag.toLowerCase().split('-')[0];
  return ({ en: 'english', zh: 'chinese', fr: 'french', de: 'german', es: 'spanish', ja: 'japanese', ru: 'russian' } as Record<string, string>)[base] ?? base;
}

/**
 * The BibTeX entry (classic BibTeX fields): `@article` with `journal` when there is a newspaper,
 * otherwise `@misc` with `howpublished = {\url{…}}` for a URL; `year` and `month` from the date.
 */
export function toBibtex(m: ArticleMetadata): string {
  const key = m.citationKey || m.id;
  const container = m.containerTitle.trim();
  const type = container && m.type.startsWith('article') ? 'article' : 'misc';
  const lines = [`@${type}{${key},`];
  if (m.author.length) lines.push(field('author', bibAuthors(m.author)));
  if (m.title.trim()) lines.push(field('title', escapeBibValue(m.title.trim())));
  if (container) lines.push(field('journal', escapeBibValue(container)));
  if (m.publisher.trim()) lines.push(field('publisher', escapeBibValue(m.publisher.trim())));
  const date = parseIssued(m.issued)?.['date-parts'][0];
  if (date) {
    lines.push(field('year', String(date[0])));
    if (date[1]) lines.push(field('month', ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'][date[1] - 1]).replace(/\{(\w+)\},$/, '$1,'));
  }
  if (m.url.trim()) lines.push(field(type === 'misc' ? 'howpublished' : 'url', type === 'misc' ? `\\url{${m.url.trim()}}` : m.url.trim()));
  lines.push('}');
  return lines.join('\n');
}

/**
 * The RIS record (RIS format specification, Research Information Systems): `TY  - NEWS` for a
 * newspaper article (`GEN` otherwise), `AU`, `TI`, `T2` (newspaper), `PB`, `PY`, `DA` (`YYYY/MM/DD/`),
 * `UR`, `LA`, `ID` (the citation key), closed by `ER  - `. Lines end in `\r\n`, as RIS asks.
 */
export function toRis(m: ArticleMetadata): string {
  const lines = [`TY  - ${m.type === 'article-newspaper' ? 'NEWS' : 'GEN'}`];
  for (const a of m.author.map(x => x.trim()).filter(x => x)) lines.push(`AU  - ${a}`);
  if (m.title.trim()) lines.push(`TI  - ${m.title.trim()}`);
  if (m.containerTitle.trim()) lines.push(`T2  - ${m.containerTitle.trim()}`);
  if (m.publisher.trim()) lines.push(`PB  - ${m.publisher.trim()}`);
  const date = parseIssued(m.issued)?.['date-parts'][0];
  if (date) {
    lines.push(`PY  - ${date[0]}`);
    lines.push(`DA  - ${date[0]}/${date[1] ? String(date[1]).padStart(2, '0') : ''}/${date[2] ? String(date[2]).padStart(2, '0') : ''}/`);
  }
  if (m.url.trim()) lines.push(`UR  - ${m.url.trim()}`);
  if (m.language.trim()) lines.push(`LA  - ${m.language.trim()}`);
  lines.push(`ID  - ${m.citationKey || m.id}`, 'ER  - ');
  return lines.join('\r\n') + '\r\n';
}

/** The CSL-JSON of the article as a one-item array, pretty-printed (what Zotero and Pandoc import). */
export function toCslJsonText(m: ArticleMetadata, options?: CslItemOptions): string {
  return JSON.stringify([toCslItem(m, options)], null, 2);
}

/** The entry in `format`. */
export function bibliographyEntry(m: ArticleMetadata, format: BibliographyFormat): string {
  switch (format) {
    case 'bibtex': return toBibtex(m);
    case 'biblatex': return toBiblatex(m);
    case 'ris': return toRis(m);
    default: return toCslJsonText(m);
  }
}

/** Whether a `.bib` text already holds an entry with `key` (any entry type, key compared exactly). */
export function bibHasKey(bibText: string, key: string): boolean {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`@\\w+\\s*[{(]\\s*${escaped}\\s*,`).test(bibText);
}

/**
 * The text to append to a `.bib` file so that it ends with `entry`: a blank line before it
 * (none in an empty file) and a line break after; `undefined` when the file already has an entry
 * with `key`, so an entry is never added twice.
 */
export function bibAppendText(bibText: string, entry: string, key: string, eol: '\n' | '\r\n' = '\n'): string | undefined {
  if (bibHasKey(bibText, key)) return undefined;
  const body = entry.replace(/\r?\n/g, eol) + eol;
  if (bibText.trim() === '') return body;
  const lead = bibText.endsWith(eol + eol) ? '' : bibText.endsWith('\n') ? eol : eol + eol;
  return lead + body;
}
