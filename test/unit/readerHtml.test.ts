import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../../src/core/article';
import {
  buildReaderHtml, escapeBodyText, headingOf, normalizeRanges, openingWords, readerCsp, trimRange, type ReaderHtmlOptions,
} from '../../src/core/readerHtml';
import { parseTaxonomy, ThemeIndex } from '../../src/core/themes';
import type { Article } from '../../src/core/types';

const root = path.resolve(__dirname, '../../..');

function article(text: string): Article {
  const r = parseArticle('test.md', text);
  assert.ok(r.value, JSON.stringify(r.problems));
  return r.value;
}

function index(a: Article, yaml: string): ThemeIndex {
  const t = parseTaxonomy('test.themes.yaml', yaml);
  assert.ok(t.value, JSON.stringify(t.problems));
  return new ThemeIndex(a, t.value);
}

function options(a: Article, themes?: ThemeIndex): ReaderHtmlOptions {
  return {
    article: a,
    themesOf: id => themes?.themesOf(id, { related: true }) ?? [],
    cspSource: 'https://webview.test',
    nonce: 'abc123',
    scriptUri: 'https://webview.test/dist/webview.js',
    styleUris: ['https://webview.test/dist/codicons/codicon.css', 'https://webview.test/media/reader.css'],
    strings: {
      contents: 'Contents', previousParagraph: 'Previous Paragraph', nextParagraph: 'Next Paragraph',
      quoteSelection: 'Quote Selection', themes: 'Themes', toolbar: 'Reader', paragraph: n => `Paragraph ${n}`,
      paragraphOf: 'Paragraph {0} of {1}', keyboardHelp: 'J: next paragraph',
    },
    uiLanguage: 'en',
  };
}

/** What an HTML parser makes of text content: entities decoded (only those the builder writes), tags dropped. */
function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot);/gi, (_, e: string) => {
    if (e[0] === '#') return String.fromCharCode(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"' } as Record<string, string>)[e.toLowerCase()];
  });
}

/** Every paragraph text element: its data-start, data-end and inner HTML. */
function textElements(html: string): { start: number; end: number; inner: string }[] {
  return [...html.matchAll(/<(p|h\d) class="text" data-start="(\d+)" data-end="(\d+)">(.*?)<\/\1>/gs)]
    .map(m => ({ start: Number(m[2]), end: Number(m[3]), inner: m[4] }));
}

const HOSTILE = `---
id: hostile
title: "<script>alert(1)</script> & Co"
subtitle: "A \\"quoted\\" <b>subtitle</b>"
author: ["O'Brien, <i>Pat</i>"]
---

Before <script>alert(1)</script> after. An <img src=x onerror="alert(2)"> tag & an &amp; entity.

Second paragraph's "quotes" and 'apostrophes'. Done.
`;

const HOSTILE_THEMES = `article: hostile
themes:
  - id: evil"id
    label: "Say \\"hi\\" & 'bye' <script>alert(3)</script>"
    description: "\\"><script>alert(4)</script>"
    passages: [p1.s1]
`;

describe('buildReaderHtml: escaping untrusted content', () => {
  const a = article(HOSTILE);
  const html = buildReaderHtml(options(a, index(a, HOSTILE_THEMES)));

  it('has exactly one script element: the nonce\'d bundle', () => {
    assert.deepEqual(html.match(/<script\b[^>]*>/g), ['<script nonce="abc123" src="https://webview.test/dist/webview.js">']);
    assert.equal(/<img\b/i.test(html), false);
    assert.equal(/<b>|<i>/.test(html), false);
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    assert.deepEqual(tags.filter(t => /\son\w+\s*=/i.test(t)), [], 'no event handler attributes');
  });

  it('renders the title, subtitle, author, body and theme label as text', () => {
    assert.ok(html.includes('<h1 class="title">&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</h1>'));
    assert.ok(html.includes('<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</title>'));
    assert.ok(html.includes('<p class="subtitle">A &quot;quoted&quot; &lt;b&gt;subtitle&lt;/b&gt;</p>'));
    assert.ok(html.includes('<p class="publication">O&#39;Brien, &lt;i&gt;Pat&lt;/i&gt;</p>'));
    assert.ok(html.includes('Before &lt;script&gt;alert(1)&lt;/script&gt; after.'));
    assert.ok(html.includes('An &lt;img src=x onerror=&quot;alert(2)&quot;&gt; tag &amp; an &amp;amp; entity.'));
    assert.ok(html.includes('Second paragraph&#39;s &quot;quotes&quot; and &#39;apostrophes&#39;.'));
  });

  it('escapes theme labels as text and ids and descriptions as attribute values', () => {
    assert.ok(html.includes('<li class="chip" data-theme="evil&quot;id" title="&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;">'
      + 'Say &quot;hi&quot; &amp; &#39;bye&#39; &lt;script&gt;alert(3)&lt;/script&gt;</li>'));
  });
});

describe('buildReaderHtml: document', () => {
  const text = fs.readFileSync(path.join(root, 'content/northeast-revitalization.md'), 'utf8');
  const themesText = fs.readFileSync(path.join(root, 'content/northeast-revitalization.themes.yaml'), 'utf8');
  const a = article(text);
  const themes = index(a, themesText);
  const html = buildReaderHtml(options(a, themes));

  it('declares the strict CSP with the nonce and no unsafe-inline', () => {
    const csp = `default-src 'none'; style-src https://webview.test 'nonce-abc123'; script-src 'nonce-abc123'; font-src https://webview.test; img-src https://webview.test`;
    assert.equal(readerCsp('https://webview.test', 'abc123'), csp);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, '&#39;')}">`));
    assert.equal(html.includes('unsafe-inline'), false);
    assert.equal(/<style\b|\sstyle=/.test(html), false);
  });

  it('loads only the given style sheets and script', () => {
    assert.deepEqual([...html.matchAll(/<link [^>]*href="([^"]*)"/g)].map(m => m[1]),
      ['https://webview.test/dist/codicons/codicon.css', 'https://webview.test/media/reader.css']);
  });

  it('emits each paragraph\'s exact source text with its offsets', () => {
    const els = textElements(html);
    assert.equal(els.length, 9);
    els.forEach((el, i) => {
      const p = a.paragraphs[i];
      assert.deepEqual([el.start, el.end], [p.start, p.end]);
      assert.equal(textOf(el.inner), a.body.slice(el.start, el.end));
    });
  });

  it('wraps each sentence in a span carrying its passage id and offsets', () => {
    const spans = [...html.matchAll(/<span class="s" data-passage="([^"]+)" data-start="(\d+)" data-end="(\d+)">/g)]
      .map(m => ({ id: m[1], start: Number(m[2]), end: Number(m[3]) }));
    assert.deepEqual(spans, a.sentences.map(s => ({ id: s.id, start: s.start, end: s.end })));
  });

  it('numbers paragraphs in the margin as the locator counts them, outside the text', () => {
    assert.ok(html.includes('<div class="para" id="p6" data-passage="p6" data-number="6" tabindex="0" role="group" aria-label="Paragraph 6"><span class="num" title="Paragraph 6" aria-hidden="true">¶&#160;6</span><p class="text"'));
  });

  it('shows a paragraph\'s themes and its sentences\' themes as chips in taxonomy order', () => {
    const p7 = html.slice(html.indexOf('id="p7"'), html.indexOf('id="p8"'));
    const labels = [...p7.matchAll(/<li class="chip"[^>]*>([^<]*)<\/li>/g)].map(m => m[1]);
    assert.deepEqual(labels, themes.themesOf('p7', { related: true }).map(t => t.label));
    assert.deepEqual(labels, ['Food security', 'Agriculture and rural development', 'Grain production and supply', 'Modern agriculture']);
    assert.ok(p7.includes('title="The region as the “ballast stone” of national food security and grain supply."'));
  });

  it('sets the title, the subtitle, and the dateline of the first paragraph apart', () => {
    assert.ok(html.includes('<h1 class="title">President Xi Jinping Hosts Symposium on the Comprehensive Revitalization of Northeast China</h1>'));
    assert.ok(html.includes('<p class="subtitle">General Secretary emphasizes'));
    assert.ok(html.includes(`<span class="s" data-passage="p1.s1" data-start="1" data-end="${a.sentences[0].end}"><span class="dateline">Harbin City, Heilongjiang Province</span> – President Xi`));
    assert.equal(html.includes('class="publication"'), false, 'no empty publication line');
  });

  it('lists every paragraph in the table of contents with its opening words', () => {
    const items = [...html.matchAll(/<button type="button" class="toc-item" data-passage="(p\d+)"><span class="toc-num">(\d+)<\/span><span class="toc-text">([^<]*)<\/span>/g)]
      .map(m => [m[1], m[2], m[3]]);
    assert.equal(items.length, 9);
    assert.deepEqual(items[0], ['p1', '1', 'Harbin City, Heilongjiang Province – President Xi Jinping…']);
    assert.deepEqual(items[8], ['p9', '9', 'President Xi concluded his speech by expressing his…']);
  });

  it('marks the article text for the webview context menu and suppresses default items elsewhere', () => {
    assert.ok(html.includes('<div class="article-body" data-vscode-context="{&quot;webviewSection&quot;:&quot;passage&quot;,&quot;preventDefaultContextMenuItems&quot;:false}">'));
    assert.ok(html.includes('<body data-article-id="northeast-revitalization" data-paragraphs="9" data-vscode-context="{&quot;preventDefaultContextMenuItems&quot;:true}">'));
  });

  it('has the toolbar buttons with their localized labels and codicons', () => {
    for (const [id, icon, label] of [['toc-toggle', 'list-flat', 'Contents'], ['previous', 'arrow-up', 'Previous Paragraph'], ['next', 'arrow-down', 'Next Paragraph'], ['quote', 'quote', 'Quote Selection']]) {
      assert.match(html, new RegExp(`<button type="button" class="tool" id="${id}" title="[^"]*" aria-label="${label}"[^>]*><span class="codicon codicon-${icon}" aria-hidden="true"></span>`));
    }
  });

  it('sets the article language and the UI language', () => {
    assert.ok(html.includes('<html lang="en">'));
    assert.ok(html.includes('<article class="article" lang="en">'));
  });
});

describe('buildReaderHtml: source text kept exact', () => {
  it('writes CR as &#13; and NUL as &#0; so the parsed text has the same code units', () => {
    assert.equal(escapeBodyText('a\r\nb\0c<'), 'a&#13;\nb&#0;c&lt;');
    const a = article('---\nid: crlf\ntitle: T\n---\r\nOne line\r\nand the next. Second sentence.\r\n\r\nTwo.\r\n');
    const els = textElements(buildReaderHtml(options(a)));
    assert.equal(els.length, 2);
    for (const el of els) assert.equal(textOf(el.inner), a.body.slice(el.start, el.end));
    assert.ok(els[0].inner.includes('One line&#13;\nand the next.'));
  });

  it('renders a one-line # heading paragraph as a section heading, its markers hidden but kept', () => {
    const a = article('---\nid: h\ntitle: T\n---\n\nIntro.\n\n## Part <two> ##\n\nBody text.\n');
    const html = buildReaderHtml(options(a));
    assert.equal((html.match(/<section class="section">/g) ?? []).length, 2);
    assert.ok(html.includes('<h3 class="text" data-start="9" data-end="25"><span class="md-marker">## </span>Part &lt;two&gt;<span class="md-marker"> ##</span></h3>'));
    for (const el of textElements(html)) assert.equal(textOf(el.inner), a.body.slice(el.start, el.end));
    assert.ok(html.includes('<li class="toc-heading"><button type="button" class="toc-item" data-passage="p2"><span class="toc-num">2</span><span class="toc-text">Part &lt;two&gt;</span>'));
  });
});

describe('headingOf', () => {
  it('recognizes one-line ATX headings only', () => {
    const a = article('---\nid: h\ntitle: T\n---\n# One\n\n#NoSpace\n\n## Two\nmore\n\n###### Six #\n');
    assert.deepEqual(a.paragraphs.map(p => headingOf(p)?.title), ['One', undefined, undefined, 'Six']);
    assert.equal(headingOf(a.paragraphs[3])?.level, 6);
  });
});

describe('openingWords', () => {
  it('keeps a short text whole, with white space collapsed', () => {
    assert.equal(openingWords('  Short\n text. '), 'Short text.');
  });

  it('cuts at a word boundary and adds an ellipsis', () => {
    assert.equal(openingWords('The quick brown fox jumps over the lazy dog', 20), 'The quick brown fox…');
    assert.equal(openingWords('Alpha, beta, gamma', 13), 'Alpha, beta…');
  });

  it('counts code points, never splitting a surrogate pair', () => {
    assert.equal(openingWords('😀'.repeat(10), 4), '😀😀😀😀…');
  });
});

describe('normalizeRanges', () => {
  it('sorts, drops invalid or empty ranges, and merges overlapping or touching ones', () => {
    assert.deepEqual(normalizeRanges([
      { start: 10, end: 12 }, { start: 1, end: 3 }, { start: 2, end: 5 }, { start: 5, end: 6 }, { start: 7, end: 7 },
      { start: -1, end: 2 }, { start: 8, end: 101 }, { start: 1.5, end: 4 }, { start: 11, end: 20 },
    ], 100), [{ start: 1, end: 6 }, { start: 10, end: 20 }]);
  });
});

describe('trimRange', () => {
  it('drops white space at both ends only', () => {
    assert.deepEqual(trimRange('  ab c \n', { start: 0, end: 8 }), { start: 2, end: 6 });
    assert.deepEqual(trimRange('ab', { start: 0, end: 2 }), { start: 0, end: 2 });
  });

  it('makes an all-space range empty', () => {
    assert.deepEqual(trimRange('a   b', { start: 1, end: 4 }), { start: 4, end: 4 });
  });
});
