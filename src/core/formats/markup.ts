/**
 * Converts citeproc-js's HTML output (`<i>`, `<b>`, `<sup>`, `<sub>`, small-caps and
 * `font-style:normal` spans, `<div>` wrappers, `&#38;`-style references) into the inline markup of
 * each writing language, escaping the text for that language. Pure; other tags are dropped and
 * their text kept.
 */
import { escapeHtml, escapeLatex, escapeMarkdownInline } from '../escape';
import type { WritingLanguage } from './languages';

type Mark = 'i' | 'b' | 'sup' | 'sub' | 'sc' | 'normal';

const OPEN: Record<Exclude<WritingLanguage, 'plaintext' | 'html'>, Record<Mark, [string, string]>> = {
  markdown: { i: ['*', '*'], b: ['**', '**'], sup: ['<sup>', '</sup>'], sub: ['<sub>', '</sub>'], sc: ['', ''], normal: ['', ''] },
  latex: { i: ['\\emph{', '}'], b: ['\\textbf{', '}'], sup: ['\\textsuperscript{', '}'], sub: ['\\textsubscript{', '}'], sc: ['\\textsc{', '}'], normal: ['\\textup{', '}'] },
  asciidoc: { i: ['__', '__'], b: ['**', '**'], sup: ['^', '^'], sub: ['~', '~'], sc: ['', ''], normal: ['', ''] },
  restructuredtext: { i: ['*', '*'], b: ['**', '**'], sup: [':sup:`', '`'], sub: [':sub:`', '`'], sc: ['', ''], normal: ['', ''] },
  org: { i: ['/', '/'], b: ['*', '*'], sup: ['^{', '}'], sub: ['_{', '}'], sc: ['', ''], normal: ['', ''] },
  typst: { i: ['#emph[', ']'], b: ['#strong[', ']'], sup: ['#super[', ']'], sub: ['#sub[', ']'], sc: ['#smallcaps[', ']'], normal: ['', ''] },
};

/** Decodes the character references citeproc-js writes (`&#38;`, `&amp;`, `&#x2019;`). */
export function decodeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi, (_, ref: string) => {
    const r = ref.toLowerCase();
    if (r.startsWith('#x')) return String.fromCodePoint(parseInt(r.slice(2), 16));
    if (r.startsWith('#')) return String.fromCodePoint(parseInt(r.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' } as Record<string, string>)[r];
  });
}

/**
 * Escapes plain text for one writing language (no markup meaning survives):
 * Markdown {@link escapeMarkdownInline}; LaTeX {@link escapeLatex}; HTML {@link escapeHtml};
 * AsciiDoc: `*` `_` `` ` `` `#` `^` `~` `+` `[` `]` `{` `}` as character references; reStructuredText:
 * backslash before `\` `*` `` ` `` `|` `_` (Docutils spec, "Escaping Mechanism"); Org: a zero-width
 * space after `*` `/` `_` `=` `~` `+` and `[` that could open emphasis or a link (the Org manual,
 * "Escape Character"); Typst: backslash before `\ # * _ ` $ < > @ [ ] ~` and `/` (Typst reference,
 * "Syntax"); plain text unchanged.
 */
export function escapeFor(language: WritingLanguage, text: string): string {
  switch (language) {
    case 'markdown': return escapeMarkdownInline(text);
    case 'latex': return escapeLatex(text);
    case 'html': return escapeHtml(text);
    case 'asciidoc': return text.replace(/[*_`#^~+[\]{}]/g, c => `&#${c.codePointAt(0)};`);
    case 'restructuredtext': return text.replace(/[\\*`|_]/g, '\\$&');
    case 'org': return text.replace(/([*/_=~+[])(?=\S)/g, '$1\u200b');
    case 'typst': return text.replace(/[\\#*_`$<>@[\]~/]/g, '\\$&');
    default: return text;
  }
}

/**
 * citeproc-js HTML → inline markup of `language`, text escaped with {@link escapeFor}. HTML input
 * is returned with its `<div>` wrappers removed; plain text drops every tag.
 */
export function htmlToMarkup(html: string, language: WritingLanguage): string {
  const stripped = html.replace(/<\/?div[^>]*>/g, '').replace(/\s*\n\s*/g, ' ').trim();
  if (language === 'html') return stripped;
  let out = '';
  const stack: Mark[] = [];
  for (const m of stripped.matchAll(/<(\/?)([a-z]+)([^>]*)>|[^<]+/g)) {
    if (!m[2]) {
      const text = decodeHtml(m[0]);
      out += language === 'plaintext' ? text : escapeFor(language, text);
      continue;
    }
    if (language === 'plaintext') continue;
    const closing = m[1] === '/';
    const tag = m[2];
    const table = OPEN[language];
    if (closing) {
      if (tag === 'i' || tag === 'b' || tag === 'sup' || tag === 'sub' || tag === 'span') {
        const mark = stack.pop();
        if (mark) out += table[mark][1];
      }
      continue;
    }
    let mark: Mark | undefined;
    if (tag === 'i' || tag === 'b' || tag === 'sup' || tag === 'sub') mark = tag;
    else if (tag === 'span') mark = /small-caps/.test(m[3]) ? 'sc' : 'normal';
    if (mark) {
      stack.push(mark);
      out += table[mark][0];
    }
  }
  return out;
}
