// The classic injection vectors (test/fixtures/hostile/hostile.md and its themes) against every surface, at the layer
// that builds what the surface shows: the tree tooltip's Markdown, the QuickPick label, the reader's HTML, the
// fidelity hover's Markdown, the diagnostic message and the inserted quotation. Markdown is rendered with `marked`
// (GFM, as VS Code renders MarkdownStrings) and HTML parsed with parse5 (the HTML Living Standard's parser), so each
// test checks what a browser would build: only the elements the product writes, no event handler or URL attribute
// from content, and the text shown literally. SECURITY.md lists these tests row by row.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { marked } from 'marked';
import { parse, parseFragment } from 'parse5';
import { parseArticle } from '../../src/core/article';
import { checkDocument } from '../../src/core/fidelity/check';
import { SourceIndex } from '../../src/core/fidelity/match';
import { buildReaderHtml, readerCsp } from '../../src/core/readerHtml';
import { buildQuotation } from '../../src/core/quote';
import { parseTaxonomy, ThemeIndex } from '../../src/core/themes';
import type { Article } from '../../src/core/types';
import { completionDocumentation, hitLabel, markdownText, sourceQuoteMarkdown } from '../../src/passageText';

const root = path.resolve(__dirname, '../../..');
const read = (p: string): string => fs.readFileSync(path.join(root, 'test/fixtures/hostile', p), 'utf8');
const parsed = parseArticle('hostile.md', read('hostile.md'));
assert.deepEqual(parsed.problems, []);
const article = parsed.value as Article;
const taxonomy = parseTaxonomy('hostile.themes.yaml', read('hostile.themes.yaml'));
assert.deepEqual(taxonomy.problems, []);
const themes = new ThemeIndex(article, taxonomy.value!);

/** The vectors by paragraph of the fixture (p7 holds U+2028 and U+2029, p8 Markdown that would render to links and images). */
const VECTORS: readonly [string, string][] = [
  ['<script> and </script> in text', 'p1'], ['<img onerror> and <iframe srcdoc>', 'p2'],
  ['<svg onload>, javascript: links and anchors', 'p3'], ['data: URLs', 'p4'], ['CSS url() and @import', 'p5'],
  ['attribute-breaking quotes', 'p6'], ['U+2028 and U+2029', 'p7'], ['Markdown links, images, autolinks, command: links, $(icons)', 'p8'],
];
const TITLE = `Hostile <script>alert('title')</script> " onmouseover="alert(1) [t](javascript:alert(2))`;

// ------------------------------------------------------------------------------------------ helpers

interface El { tag: string; attrs: Record<string, string>; text: string }

type P5Node = { nodeName: string; tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: P5Node[]; value?: string; content?: P5Node };

/** Every element under `node` with its attributes and text content, in document order. */
function elements(node: P5Node, out: El[] = []): El[] {
  for (const child of node.childNodes ?? []) {
    if (child.tagName) {
      out.push({ tag: child.tagName, attrs: Object.fromEntries((child.attrs ?? []).map(a => [a.name, a.value])), text: textContent(child) });
    }
    elements(child, out);
    if (child.content) elements(child.content, out);
  }
  return out;
}

function textContent(node: P5Node): string {
  if (node.nodeName === '#text') return node.value ?? '';
  return (node.childNodes ?? []).map(textContent).join('');
}

/** Renders Markdown as VS Code's MarkdownString renderer does (marked, GFM, line breaks) and parses the HTML. */
function renderMarkdown(md: string): { elements: El[]; text: string } {
  const html = marked.parse(md, { gfm: true, breaks: true, async: false }) as string;
  const fragment = parseFragment(html) as unknown as P5Node;
  return { elements: elements(fragment), text: textContent(fragment).replace(/\n+$/, '') };
}

/** Asserts that rendered Markdown holds only these elements, without any attribute. */
function assertOnly(els: readonly El[], allowed: readonly string[]): void {
  assert.deepEqual(els.filter(e => !allowed.includes(e.tag)).map(e => e.tag), [], 'no other element');
  assert.deepEqual(els.filter(e => Object.keys(e.attrs).length > 0).map(e => `${e.tag} ${JSON.stringify(e.attrs)}`), [], 'no attribute');
}

const passage = (id: string) => article.passages.get(id)!;
const preview = new MarkdownIt({ html: true, linkify: true });

// ------------------------------------------------------------------------------------------ surfaces

describe('hostile content: tree tooltip (untrusted MarkdownString built by markdownText)', () => {
  for (const [name, id] of VECTORS) {
    it(`${name}: the tooltip renders the passage text literally, as paragraphs only`, () => {
      const r = renderMarkdown(markdownText(passage(id).text));
      assertOnly(r.elements, ['p']);
      assert.equal(r.text, passage(id).text.trim().split(/\r\n|\r|\n/).map(l => l.trim()).join('\n'));
    });
  }

  it('the article title in the tooltip renders literally, in bold only', () => {
    const r = renderMarkdown(`**${markdownText(article.metadata.title)}**`);
    assertOnly(r.elements, ['p', 'strong']);
    assert.equal(r.text, TITLE);
  });

  it('an autolink literal no longer swallows the escape after it (https://x/\\</div> stayed raw HTML)', () => {
    assert.equal(markdownText('url(https://e.test/a)">styled</div>'), 'url(https\\://e.test/a)">styled\\</div>');
    assert.deepEqual(renderMarkdown(markdownText('url(https://e.test/a)">styled</div> www.e.test a@b.test')).elements.map(e => e.tag), ['p']);
  });
});

describe('hostile content: completion documentation (untrusted MarkdownString built by completionDocumentation)', () => {
  for (const [name, id] of VECTORS) {
    it(`${name}: the citation key's documentation renders the title in bold and the passage literally, in a block quote`, () => {
      const text = passage(id).text;
      const r = renderMarkdown(completionDocumentation({ label: '¶ 1', title: article.metadata.title, passage: text }));
      assertOnly(r.elements, ['p', 'strong', 'blockquote']);
      const lines = text.trim().split(/\r\n|\r|\n/).map(l => l.trim());
      assert.deepEqual(r.elements.filter(e => e.tag === 'strong').map(e => e.text), ['¶ 1', TITLE]);
      assert.deepEqual(r.elements.filter(e => e.tag === 'blockquote').map(e => e.text.trim().replace(/\n+/g, '\n')), [lines.join('\n')]);
    });
  }
});

describe('hostile content: QuickPick label (hitLabel, plain text)', () => {
  for (const [name, id] of VECTORS) {
    it(`${name}: the label is the passage text itself, white space collapsed`, () => {
      const p = passage(id);
      const { label } = hitLabel(p, [], 10_000);
      assert.equal(label, p.text.replace(/\s+/g, ' ').trim());
    });
  }
});

describe('hostile content: reader HTML (buildReaderHtml, parsed as a browser parses it)', () => {
  const html = buildReaderHtml({
    article,
    themesOf: id => themes.themesOf(id, { related: true }),
    cspSource: 'https://webview.test',
    nonce: 'n0nce',
    scriptUri: 'https://webview.test/dist/webview.js',
    styleUris: ['https://webview.test/media/reader.css'],
    strings: {
      contents: 'Contents', previousParagraph: 'Previous', nextParagraph: 'Next', quoteSelection: 'Quote Selection',
      themes: 'Themes', toolbar: 'Reader', paragraph: n => `Paragraph ${n}`,
      paragraphOf: 'Paragraph {0} of {1}', keyboardHelp: 'J: next paragraph',
    },
    uiLanguage: 'en',
  });
  const els = elements(parse(html) as unknown as P5Node);
  const ALLOWED = ['html', 'head', 'meta', 'link', 'title', 'body', 'div', 'span', 'p', 'h1', 'h2', 'ul', 'li', 'ol', 'nav', 'button', 'main', 'article', 'header', 'section', 'script'];

  it('holds only the elements the builder writes: no img, iframe, svg, style, a, or a second script', () => {
    assert.deepEqual([...new Set(els.map(e => e.tag))].filter(t => !ALLOWED.includes(t)), []);
    assert.deepEqual(els.filter(e => e.tag === 'script').map(e => e.attrs), [{ nonce: 'n0nce', src: 'https://webview.test/dist/webview.js' }]);
  });

  it('has no event-handler, style, srcdoc or URL attribute from content', () => {
    const names = new Set(els.flatMap(e => Object.keys(e.attrs)));
    assert.deepEqual([...names].filter(n => /^on|^style$|^srcdoc$|^formaction$|^action$/i.test(n)), []);
    const urls = els.flatMap(e => Object.entries(e.attrs).filter(([n]) => n === 'href' || n === 'src').map(([, v]) => v));
    assert.deepEqual(urls, ['https://webview.test/media/reader.css', 'https://webview.test/dist/webview.js']);
  });

  it("keeps the CSP default-src 'none' with a nonce and nothing remote", () => {
    const csp = els.find(e => e.tag === 'meta' && e.attrs['http-equiv'] === 'Content-Security-Policy');
    assert.equal(csp?.attrs.content, readerCsp('https://webview.test', 'n0nce'));
    assert.equal(csp?.attrs.content, "default-src 'none'; style-src https://webview.test 'nonce-n0nce'; script-src 'nonce-n0nce'; font-src https://webview.test; img-src https://webview.test");
  });

  for (const [name, id] of VECTORS) {
    it(`${name}: the paragraph's text element shows exactly the source text`, () => {
      const p = passage(id);
      const text = els.find(e => e.attrs['data-start'] === String(p.start) && e.attrs.class === 'text');
      assert.equal(text?.text, p.text);
    });
  }

  it('the title, subtitle, theme label and description are text and attribute values, not markup', () => {
    assert.equal(els.find(e => e.tag === 'title')?.text, TITLE);
    assert.equal(els.find(e => e.tag === 'h1')?.text, TITLE);
    assert.equal(els.find(e => e.attrs.class === 'subtitle')?.text, "<img src=x onerror=alert('subtitle')> ![s](https://evil.example/subtitle.png)");
    const chip = els.find(e => e.attrs.class === 'chip');
    assert.equal(chip?.text, "Vectors <img src=x onerror=alert('theme')> $(alert)");
    assert.equal(chip?.attrs.title, "<script>alert('description')</script> [d](javascript:alert(1))");
  });
});

describe('hostile content: fidelity hover (trusted for one command only; sourceQuoteMarkdown)', () => {
  for (const [name, id] of VECTORS) {
    it(`${name}: the source paragraph renders literally in a block quote, the quoted part in bold`, () => {
      const p = passage(id);
      // The second word, with the white space on both sides of it.
      const m = /^(\S+)(\s+)(\S+)\s/.exec(p.text)!;
      const word = m[3];
      const r = renderMarkdown(sourceQuoteMarkdown(article.body, p.start, p.end, [{ start: p.start + m[1].length, end: p.start + m[0].length }]));
      assertOnly(r.elements, ['blockquote', 'p', 'strong']);
      assert.equal(r.text.trim(), p.text.replace(/\s*(?:\r\n|\r|\n|\u2028|\u2029)\s*/g, ' '));
      assert.equal(r.elements.find(e => e.tag === 'strong')?.text, word, 'white space at the ends of a highlight stays outside the bold');
    });
  }

  it('a heading paragraph stays text in the hover (# was a heading inside the quote)', () => {
    const p = passage('p9');
    assert.equal(sourceQuoteMarkdown(article.body, p.start, p.end, []), '> \\# Heading line');
  });
});

describe('hostile content: diagnostic message (plain text)', () => {
  it('a changed word next to the <img onerror> and <iframe srcdoc> vectors is reported with the title as written', () => {
    const index = new SourceIndex([article]);
    const doc = `“${passage('p2').text.replace('and a frame', 'and one frame').replace(/"/g, "'")}” (${TITLE.replace(/"/g, "'")}, para. 2)\n`;
    const result = checkDocument(doc, 'plaintext', index);
    assert.deepEqual(result.diagnostics.map(d => [d.code, d.message]), [[
      'quote-changed',
      `Quotation differs from ${TITLE}, para. 2: and [-a-]{+one+} frame`,
    ]]);
  });
});

/** Each vector on its own, as an article title: the title is in every fidelity diagnostic's message. */
const TITLE_VECTORS: readonly [string, string][] = [
  ['<script>', "<script>alert('t')</script>"],
  ['</script> in embedded data', "</script><script>alert('t')</script>"],
  ['<img onerror>', "<img src=x onerror=alert('t')>"],
  ['<iframe srcdoc>', `<iframe srcdoc="<script>alert('t')</script>"></iframe>`],
  ['<svg onload>', "<svg onload=alert('t')></svg>"],
  ['javascript: links', `<a href="javascript:alert('t')">x</a> [x](javascript:alert('t'))`],
  ['data: URLs', '![x](data:image/png;base64,iVBORw0KGgo=) <a href="data:text/html,x">x</a>'],
  ['CSS url() and @import', '<style>@import url(https://evil.example/a.css)</style> <b style="background:url(https://evil.example/b.png)">b</b>'],
  ['attribute-breaking quotes', `" onmouseover="alert('t') ' onfocus='alert('t')'`],
  ['U+2028 and U+2029', 'a\u2028b\u2029c'],
  ['Markdown links, images, command: links, $(icons)', '[cmd](command:workbench.action.terminal.new) ![i](https://evil.example/i.png) $(alert)'],
];

describe('hostile content: diagnostic message, per vector in the title (plain text)', () => {
  for (const [name, title] of TITLE_VECTORS) {
    it(`${name}: the message names the title exactly as written`, () => {
      const a = parseArticle('v.md', `---\nid: v\ntitle: ${JSON.stringify(title)}\n---\nThe quick brown fox jumps over the lazy dog.\n`);
      assert.deepEqual(a.problems, []);
      const result = checkDocument('“The quick brown cat jumps over the lazy dog.” (para. 1)\n', 'plaintext', new SourceIndex([a.value!]));
      assert.deepEqual(result.diagnostics.map(d => d.message), [`Quotation differs from ${title}, para. 1: brown [-fox-]{+cat+} jumps`]);
    });
  }
});

describe('hostile content: inserted quotation (buildQuotation)', () => {
  for (const [name, id] of VECTORS) {
    it(`${name}: the Markdown block quotation renders the source text literally in a Markdown preview`, () => {
      const p = passage(id);
      const q = buildQuotation({ article, range: p, languageId: 'markdown', options: { forceBlock: true } });
      // A document's Markdown is rendered by its preview: markdown-it with raw HTML and linkify on, as VS Code's.
      const fragment = parseFragment(preview.render(q.text)) as unknown as P5Node;
      const els = elements(fragment);
      assert.deepEqual(els.filter(e => e.tag !== 'a').map(e => e.tag), ['blockquote', 'p', 'p']);
      for (const a of els.filter(e => e.tag === 'a')) assert.deepEqual([a.attrs.href, /^https:\/\/evil\.example\//.test(a.text)], [a.text, true], 'only a plain URL is linked, to itself');
      assert.equal(els[0].text.trim(), p.text.trim().split(/\r\n|\r|\n/).join('\n'));
    });

    it(`${name}: the HTML quotation holds only its own elements and the source text`, () => {
      const p = passage(id);
      const q = buildQuotation({ article, range: p, languageId: 'html', options: { forceBlock: true } });
      const els = elements(parseFragment(q.text) as unknown as P5Node);
      assert.deepEqual(els.map(e => e.tag), ['figure', 'blockquote', 'p', 'figcaption', 'cite']);
      assert.deepEqual(els.filter(e => Object.keys(e.attrs).length > 0), []);
      assert.equal(els[2].text, p.text);
      assert.equal(els[4].text, TITLE);
    });
  }

  it('the exact Markdown of the script vector, with its attribution', () => {
    assert.equal(buildQuotation({ article, range: passage('p1'), languageId: 'markdown', options: { forceBlock: true } }).text,
      "> Script \\<script>alert('p1')\\</script> and \\</script>\\<script>alert('p1b')\\</script> inside text.\n\n"
      + `— Hostile \\<script>alert('title')\\</script> " onmouseover="alert(1) \\[t\\](javascript:alert(2)), para. 1`);
  });
});
