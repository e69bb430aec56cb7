// One test per bug the fuzzer (test/unit/fuzz.test.ts) found, with the input it shrank to.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle } from '../../src/core/article';
import { buildQuotation } from '../../src/core/quote';
import { segmentSentences } from '../../src/core/segment';
import { parseTaxonomy } from '../../src/core/themes';

describe('bugs found by fuzzing', () => {
  it('an alias without its anchor (`*a`) is a yaml-alias problem at the alias, not an internal error', () => {
    assert.deepEqual(parseTaxonomy('t.yaml', 'article: x\nthemes: *a\n').problems, [{
      file: 't.yaml', line: 1, column: 8, endLine: 1, endColumn: 10, severity: 'error', code: 'yaml-alias',
      message: 'YAML: Unresolved alias (the anchor must be set before the alias): a.',
    }]);
    const article = parseArticle('a.md', '---\nid: x\ntitle: *a\n---\nHello.\n');
    assert.deepEqual(article.problems, [{
      file: 'a.md', line: 2, column: 7, endLine: 2, endColumn: 9, severity: 'error', code: 'yaml-alias',
      message: 'YAML: Unresolved alias (the anchor must be set before the alias): a.',
    }]);
    assert.equal(article.value?.paragraphs[0].text, 'Hello.');
  });

  it('a "billion laughs" document is a yaml-alias problem at its first alias, not an internal error', () => {
    const lol = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n'
      + 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    assert.deepEqual(parseTaxonomy('t.yaml', lol).problems, [{
      file: 't.yaml', line: 1, column: 7, endLine: 1, endColumn: 9, severity: 'error', code: 'yaml-alias',
      message: 'YAML: Excessive alias count indicates a resource exhaustion attack.',
    }]);
  });

  it('a field name holding a lone surrogate is a schema problem at that name, not "URI malformed"', () => {
    const r = parseArticle('a.md', '---\nid: x\ntitle: T\n\ud800x: 1\n---\nHello.\n');
    assert.deepEqual(r.problems, [{
      file: 'a.md', line: 3, column: 0, endLine: 3, endColumn: 2, severity: 'error', code: 'schema',
      message: 'Front matter: the field name "\\ud800x" holds a lone surrogate (U+D800), which is not a character: the file is not valid Unicode there.',
    }]);
    assert.equal(parseTaxonomy('t.yaml', '\ud800id: x\n').problems[0].code, 'schema');
  });

  it('segmentSentences bounds that split a surrogate pair move inwards', () => {
    assert.deepEqual(segmentSentences('😀', 1, 2), []);
    assert.deepEqual(segmentSentences('a😀b', 2, 4), [{ start: 3, end: 4 }]);
    assert.deepEqual(segmentSentences('a😀b', 0, 2), [{ start: 0, end: 1 }]);
  });

  it('a line break in a metadata field does not break the attribution line (Markdown, plain text)', () => {
    const article = parseArticle('a.md', '---\nid: x\ntitle: "A\\n# B\\r\\n> C"\n---\nHello there.\n').value!;
    const range = { start: 0, end: article.body.length - 1 };
    assert.equal(buildQuotation({ article, range, languageId: 'markdown', options: { forceBlock: true } }).text,
      '> Hello there.\n\n— A # B > C, para. 1');
    assert.equal(buildQuotation({ article, range, languageId: 'plaintext', options: { forceBlock: true } }).text,
      '    Hello there.\n    — A # B > C, para. 1');
  });
});
