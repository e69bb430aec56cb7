import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bodyPosition, looksBinary, parseArticle } from '../../src/core/article';
import type { Article, ContentProblem } from '../../src/core/types';

function ok(source: string, text: string): Article {
  const r = parseArticle(source, text);
  assert.deepEqual(r.problems, []);
  assert.ok(r.value);
  return r.value;
}

function problem(file: string, line: number, column: number, endLine: number, endColumn: number, code: string, message: string, severity: ContentProblem['severity'] = 'error'): ContentProblem {
  return { file, line, column, endLine, endColumn, severity, code, message };
}

describe('parseArticle: valid files', () => {
  it('reads the front matter and builds paragraphs and sentences with exact offsets into body', () => {
    const text = '---\nid: demo\ntitle: Demo\nauthor: ["Doe, Jane"]\nissued: 2023-09\n---\n\nOne. Two.\n\nThree.\n';
    const a = ok('demo.md', text);
    assert.equal(a.source, 'demo.md');
    assert.deepEqual(a.metadata, {
      id: 'demo', title: 'Demo', subtitle: '', citationKey: '', type: '', author: ['Doe, Jane'],
      containerTitle: '', publisher: '', issued: '2023-09', url: '', language: '', themes: '',
    });
    assert.equal(a.body, '\nOne. Two.\n\nThree.\n');
    assert.equal(a.bodyLine, 6);
    assert.deepEqual(a.paragraphs, [
      { kind: 'paragraph', id: 'p1', number: 1, start: 1, end: 10, text: 'One. Two.', sentenceIds: ['p1.s1', 'p1.s2'] },
      { kind: 'paragraph', id: 'p2', number: 2, start: 12, end: 18, text: 'Three.', sentenceIds: ['p2.s1'] },
    ]);
    assert.deepEqual(a.sentences, [
      { kind: 'sentence', id: 'p1.s1', number: 1, paragraphId: 'p1', start: 1, end: 5, text: 'One.' },
      { kind: 'sentence', id: 'p1.s2', number: 2, paragraphId: 'p1', start: 6, end: 10, text: 'Two.' },
      { kind: 'sentence', id: 'p2.s1', number: 1, paragraphId: 'p2', start: 12, end: 18, text: 'Three.' },
    ]);
    assert.deepEqual([...a.passages.keys()], ['p1', 'p2', 'p1.s1', 'p1.s2', 'p2.s1']);
    for (const p of a.passages.values()) assert.equal(a.body.slice(p.start, p.end), p.text);
  });

  it('tolerates a BOM and CRLF line endings and keeps the body verbatim', () => {
    const text = '\uFEFF---\r\nid: x\r\ntitle: T\r\n---\r\n\r\nOne. Two.\r\n\r\nThree.\r\n';
    const a = ok('crlf.md', text);
    assert.equal(a.body, '\r\nOne. Two.\r\n\r\nThree.\r\n');
    assert.equal(a.bodyLine, 4);
    assert.deepEqual(a.paragraphs.map(p => [p.id, p.start, p.end, p.text]), [['p1', 2, 11, 'One. Two.'], ['p2', 15, 21, 'Three.']]);
    assert.deepEqual(a.sentences.map(s => s.text), ['One.', 'Two.', 'Three.']);
  });

  it('accepts "..." as the closing delimiter (Pandoc)', () => {
    const a = ok('dots.md', '---\nid: x\ntitle: T\n...\nBody.');
    assert.equal(a.body, 'Body.');
    assert.equal(a.bodyLine, 4);
  });

  it('allows a file without front matter: title from the first # heading, which is not a paragraph', () => {
    const a = ok('notes/My Notes.md', '# My Title\n\nFirst para. Second.\n');
    assert.equal(a.metadata.id, 'my-notes');
    assert.equal(a.metadata.title, 'My Title');
    assert.equal(a.metadata.language, '');
    assert.equal(a.bodyLine, 0);
    assert.deepEqual(a.paragraphs.map(p => [p.id, p.start, p.end, p.text]), [['p1', 12, 31, 'First para. Second.']]);
  });

  it('allows a file without front matter or heading: title from the first line', () => {
    const a = ok('plain.txt', 'Just text here.\nMore.\n\nP2.');
    assert.equal(a.metadata.title, 'Just text here.');
    assert.deepEqual(a.paragraphs.map(p => p.text), ['Just text here.\nMore.', 'P2.']);
  });

  it('maps body offsets to file positions', () => {
    const a = ok('pos.md', '---\r\nid: x\r\ntitle: T\r\n---\r\n\r\nOne.\r\nTwo.');
    assert.deepEqual(bodyPosition(a, 0), { line: 4, column: 0 });
    assert.deepEqual(bodyPosition(a, 2), { line: 5, column: 0 });
    assert.deepEqual(bodyPosition(a, 9), { line: 6, column: 1 });
  });
});

describe('parseArticle: HTML', () => {
  it('reads the text a browser shows, one paragraph per block, the <title> as title', () => {
    const a = ok('dir/Page.html', '<html><head><title>T &amp; U</title><style>p{}</style></head><body><h1>T &amp; U</h1><p>One   two.\nThree.</p><ul><li>Item</li></ul><script>x()</script></body></html>');
    assert.deepEqual([a.metadata.id, a.metadata.title], ['page', 'T & U']);
    assert.equal(a.body, 'T & U\n\nOne two. Three.\n\nItem');
    assert.deepEqual(a.paragraphs.map(p => p.text), ['One two. Three.', 'Item']);
    assert.deepEqual(a.sentences.map(p => p.id), ['p1.s1', 'p1.s2', 'p2.s1']);
  });

  it('reports an HTML file without text', () => {
    const r = parseArticle('e.htm', '<html><head><title>Only</title></head><body></body></html>');
    assert.deepEqual(r.problems, [problem('e.htm', 0, 0, 0, 0, 'empty', 'The HTML file shows no text: it has no paragraphs.')]);
  });
});

describe('parseArticle: bad input gives exact problems and never throws', () => {
  it('reports bad YAML at its position and keeps the body', () => {
    const r = parseArticle('bad.md', '---\nid: x\ntitle: [unclosed\n---\n\nBody.\n');
    assert.deepEqual(r.problems, [problem('bad.md', 3, 0, 3, 1, 'yaml-syntax', 'YAML: Flow sequence in block collection must be sufficiently indented and end with a ].')]);
    // The front matter gives nothing usable: id and title come from the file name and the first line, as without one.
    assert.deepEqual([r.value?.metadata.id, r.value?.metadata.title], ['bad', 'Body.']);
    assert.deepEqual(r.value?.paragraphs.map(p => p.text), ['Body.']);
  });

  it('reports a duplicate front-matter key as a YAML error', () => {
    const r = parseArticle('dup.md', '---\nid: x\nid: y\ntitle: T\n---\nBody.\n');
    assert.deepEqual(r.problems, [problem('dup.md', 2, 0, 2, 1, 'yaml-syntax', 'YAML: Map keys must be unique.')]);
  });

  it('reports schema violations at the offending key, in file order', () => {
    const r = parseArticle('schema.md', '---\nid: Bad Id\ntitle: T\nissued: 2023/05/01\nauthor: Someone\nfoo: 1\n---\n\nBody.\n');
    assert.deepEqual(r.problems, [
      problem('schema.md', 1, 0, 1, 2, 'schema', 'Front matter: "id" has the value "Bad Id", which is not allowed. Use kebab-case: lower-case letters and digits separated by single hyphens, for example "northeast-revitalization".'),
      problem('schema.md', 3, 0, 3, 6, 'schema', 'Front matter: "issued" has the value "2023/05/01", which is not allowed. Use an ISO 8601 date YYYY, YYYY-MM or YYYY-MM-DD, or leave it empty.'),
      problem('schema.md', 4, 0, 4, 6, 'schema', 'Front matter: "author" must be a list, not a string.'),
      problem('schema.md', 5, 0, 5, 3, 'schema', 'Front matter: unknown field "foo".'),
    ]);
    assert.equal(r.value?.metadata.title, 'T');
    assert.deepEqual(r.value?.metadata.author, []);
  });

  it('reports a non-string author at the list item', () => {
    const r = parseArticle('a.md', '---\nid: x\ntitle: T\nauthor:\n  - Doe, Jane\n  - 42\n---\nBody.');
    assert.deepEqual(r.problems, [problem('a.md', 5, 4, 5, 6, 'schema', 'Front matter: "author[1]" must be a string, not a number.')]);
    assert.deepEqual(r.value?.metadata.author, ['Doe, Jane']);
  });

  it('takes a missing id from the file name and a missing title from the first heading, also with a BOM and CRLF', () => {
    const r = parseArticle('dir/My Notes.md', '\uFEFF---\r\nsubtitle: S\r\n---\r\n\r\n# The Title\r\n\r\nBody.\r\n');
    assert.deepEqual(r.problems, []);
    assert.deepEqual([r.value?.metadata.id, r.value?.metadata.title, r.value?.metadata.subtitle], ['my-notes', 'The Title', 'S']);
    assert.deepEqual(r.value?.paragraphs.map(p => p.text), ['Body.']);
    assert.equal(r.value?.bodyLine, 3);
  });

  it('reads an empty front matter as no fields', () => {
    const r = parseArticle('e.md', '---\n---\nBody.\n');
    assert.deepEqual(r.problems, []);
    assert.deepEqual([r.value?.metadata.id, r.value?.metadata.title], ['e', 'Body.']);
  });

  it('reports front matter that is not a mapping', () => {
    const r = parseArticle('list.md', '---\n- a\n---\nBody.\n');
    assert.deepEqual(r.problems, [problem('list.md', 1, 0, 2, 0, 'front-matter-type', 'The front matter must be a mapping of fields (key: value), not a list or a single value.')]);
  });

  it('reports front matter without a closing --- and gives no value', () => {
    const r = parseArticle('open.md', '---\nid: x\ntitle: T\n\nBody.\n');
    assert.deepEqual(r, { value: undefined, problems: [problem('open.md', 0, 0, 0, 3, 'front-matter-unclosed', 'The front matter opened by "---" on line 1 has no closing "---" line.')] });
  });

  it('reports an empty file', () => {
    const r = parseArticle('empty.md', '');
    assert.deepEqual(r.problems, [problem('empty.md', 0, 0, 0, 0, 'empty', 'The article is empty: it has no front matter and no paragraphs.')]);
    assert.deepEqual(r.value?.paragraphs, []);
  });

  it('reports front matter followed by no paragraph, at the body start', () => {
    const r = parseArticle('nobody.md', '---\nid: x\ntitle: T\n---\n\n\n');
    assert.deepEqual(r.problems, [problem('nobody.md', 4, 0, 4, 0, 'empty', 'The article has no paragraphs after its front matter.')]);
  });

  it('reports binary-looking text and gives no value', () => {
    const expected = { value: undefined, problems: [problem('bin.md', 0, 0, 0, 0, 'binary', 'The file looks binary (it holds NUL or control characters), not a Markdown article.')] };
    assert.deepEqual(parseArticle('bin.md', 'PK\u0003\u0004\u0000\u0000abc'), expected);
    assert.deepEqual(parseArticle('bin.md', '\u0001\u0002\u0003\u0004abcdef'), expected);
  });

  it('does not throw on hostile input', () => {
    for (const text of ['---', '---\n', '---\n---', '\uFEFF', '\r\r\r', '---\n*a\n---\n', '---\n&a [*a]\n---\n', '---\n!!binary x\n---\n', '\uFFFD'.repeat(10), '\uD800']) {
      assert.doesNotThrow(() => parseArticle('x.md', text));
    }
    assert.doesNotThrow(() => parseArticle('x.md', undefined as unknown as string));
  });
});

describe('looksBinary', () => {
  it('treats a NUL, or many control or replacement characters, as binary', () => {
    assert.equal(looksBinary('a\u0000b'), true);
    assert.equal(looksBinary('\uFFFD\uFFFDab'), true);
    assert.equal(looksBinary('Tab\tand\r\nbreaks\fform feed.'), false);
    assert.equal(looksBinary(''), false);
  });
});
