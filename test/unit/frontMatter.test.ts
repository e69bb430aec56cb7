import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, splitFrontMatter } from '../../src/core/frontMatter';

describe('splitFrontMatter', () => {
  it('splits front matter from the body and reports the body start', () => {
    assert.deepEqual(splitFrontMatter('---\na: 1\n---\n\nBody.\n'), {
      kind: 'present', yaml: 'a: 1\n', yamlOffset: 4, openingLine: 0, body: '\nBody.\n', bodyOffset: 13, bodyLine: 3,
    });
  });

  it('tolerates a BOM and CRLF, and trailing spaces on the delimiter lines', () => {
    assert.deepEqual(splitFrontMatter('\uFEFF--- \r\na: 1\r\n---\t\r\nBody.'), {
      kind: 'present', yaml: 'a: 1\r\n', yamlOffset: 7, openingLine: 0, body: 'Body.', bodyOffset: 19, bodyLine: 3,
    });
  });

  it('accepts "..." as the closing line', () => {
    assert.equal(splitFrontMatter('---\na: 1\n...\nB').body, 'B');
  });

  it('gives an empty body when the closing line ends the file', () => {
    assert.deepEqual(splitFrontMatter('---\na: 1\n---'), {
      kind: 'present', yaml: 'a: 1\n', yamlOffset: 4, openingLine: 0, body: '', bodyOffset: 12, bodyLine: 2,
    });
  });

  it('says when there is no front matter: the body is the whole file after a BOM', () => {
    assert.deepEqual(splitFrontMatter('\uFEFFText\n---\n'), {
      kind: 'absent', yaml: '', yamlOffset: 1, openingLine: 0, body: 'Text\n---\n', bodyOffset: 1, bodyLine: 0,
    });
    assert.equal(splitFrontMatter('----\na\n---\n').kind, 'absent');
    assert.equal(splitFrontMatter('').kind, 'absent');
  });

  it('says when the front matter is not closed', () => {
    assert.equal(splitFrontMatter('---\na: 1\n').kind, 'unclosed');
    assert.equal(splitFrontMatter('---').kind, 'unclosed');
  });
});

describe('LineIndex', () => {
  it('maps offsets to 0-based lines and UTF-16 columns over LF, CRLF and CR', () => {
    const lines = new LineIndex('a\nbc\r\nd\re');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual([0, 1, 2, 4, 5, 6, 7, 8, 9].map(o => lines.positionAt(o)), [
      { line: 0, column: 0 }, { line: 0, column: 1 }, { line: 1, column: 0 }, { line: 1, column: 2 }, { line: 1, column: 3 },
      { line: 2, column: 0 }, { line: 2, column: 1 }, { line: 3, column: 0 }, { line: 3, column: 1 },
    ]);
    assert.equal(lines.offsetOfLine(2), 6);
    assert.deepEqual(lines.positionAt(99), { line: 3, column: 1 });
  });

  it('does not count a BOM in the columns of line 0', () => {
    const lines = new LineIndex('\uFEFF---\nx');
    assert.deepEqual(lines.positionAt(1), { line: 0, column: 0 });
    assert.deepEqual(lines.positionAt(4), { line: 0, column: 3 });
    assert.deepEqual(lines.positionAt(5), { line: 1, column: 0 });
  });

  it('counts columns in UTF-16 code units', () => {
    assert.deepEqual(new LineIndex('😀x').positionAt(2), { line: 0, column: 2 });
  });
});
