import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, escapeHtmlAttribute, escapeLatex, escapeMarkdownInline, escapeMarkdownLineStart } from '../../src/core/escape';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters and nothing else', () => {
    assert.equal(escapeHtml(`<a href="x">Tom & Jerry's</a> “ok” – ‘fine’`),
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; “ok” – ‘fine’');
  });

  it('escapes an existing entity again, so it shows as written', () => {
    assert.equal(escapeHtml('&amp; &#39;'), '&amp;amp; &amp;#39;');
  });
});

describe('escapeHtmlAttribute', () => {
  it('also encodes backtick, tab and line breaks', () => {
    assert.equal(escapeHtmlAttribute('a"b\'c`d\te\nf\rg<h>&'), 'a&quot;b&#39;c&#96;d&#9;e&#10;f&#13;g&lt;h&gt;&amp;');
  });
});

describe('escapeMarkdownInline', () => {
  it('escapes the inline-active characters', () => {
    assert.equal(escapeMarkdownInline('a*b_c`d[e]f<g\\h~i$j'), 'a\\*b\\_c\\`d\\[e\\]f\\<g\\\\h\\~i\\$j');
  });

  it('escapes & only where it starts a character reference', () => {
    assert.equal(escapeMarkdownInline('AT&T &amp; &#169; &#xA9; & x'), 'AT&T \\&amp; \\&#169; \\&#xA9; & x');
  });

  it('leaves other punctuation and curly marks alone', () => {
    assert.equal(escapeMarkdownInline('China‘s “five” – 1. # > - + ! { } ( ) |'), 'China‘s “five” – 1. # > - + ! { } ( ) |');
  });
});

describe('escapeMarkdownLineStart', () => {
  const cases: [string, string][] = [
    ['2003. A year', '2003\\. A year'],
    ['1) First', '1\\) First'],
    ['123456789. x', '123456789\\. x'],
    ['1234567890. x', '1234567890. x'],
    ['2003 was a year', '2003 was a year'],
    ['2003.5 percent', '2003.5 percent'],
    ['7.', '7\\.'],
    ['# Heading', '\\# Heading'],
    ['#hashtag', '\\#hashtag'],
    ['> quoted', '\\> quoted'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['-', '\\-'],
    ['---', '\\---'],
    ['- - -', '\\- - -'],
    ['-5 degrees', '-5 degrees'],
    ['===', '\\==='],
    ['= sign', '= sign'],
    ['\\* bullet', '\\* bullet'],
    ['Plain text', 'Plain text'],
    ['  # indented', '  \\# indented'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(escapeMarkdownLineStart(input), expected);
    });
  }
});

describe('escapeLatex', () => {
  it('escapes the ten specials', () => {
    assert.equal(escapeLatex('\\ { } % & $ _ # ~ ^'),
      '\\textbackslash{} \\{ \\} \\% \\& \\$ \\_ \\# \\textasciitilde{} \\textasciicircum{}');
  });

  it('never lets TeX make quotes, dashes or guillemets from straight marks', () => {
    assert.equal(escapeLatex("``a'' \"b\" c--d e---f ,,h"),
      "\\textasciigrave{}\\textasciigrave{}a'{}' \\textquotedbl{}b\\textquotedbl{} c-{}-d e-{}-{}-f ,{},h");
  });

  it('writes < > | as text commands, which every font encoding prints as such', () => {
    assert.equal(escapeLatex('<<a> | b>>'), '\\textless{}\\textless{}a\\textgreater{} \\textbar{} b\\textgreater{}\\textgreater{}');
  });

  it('keeps curly quotes, dashes and other Unicode as UTF-8', () => {
    assert.equal(escapeLatex('China‘s “five major security” – ’ … ¶'), 'China‘s “five major security” – ’ … ¶');
  });

  it('keeps snippet-like text literal apart from its specials', () => {
    assert.equal(escapeLatex('$1 ${x} \\ }'), '\\$1 \\$\\{x\\} \\textbackslash{} \\}');
  });
});
