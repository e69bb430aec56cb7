import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmentParagraphs, segmentSentences } from '../../src/core/segment';

/** The sentence texts of `text`, and a check that every range slices back to its text. */
function sentences(text: string, start?: number, end?: number): string[] {
  return segmentSentences(text, start, end).map(r => text.slice(r.start, r.end));
}

describe('segmentSentences', () => {
  it('splits plain sentences and trims the white space between them', () => {
    const text = '  First one.  Second one?\tThird one!  ';
    assert.deepEqual(segmentSentences(text), [
      { start: 2, end: 12 }, { start: 14, end: 25 }, { start: 26, end: 36 },
    ]);
    assert.deepEqual(sentences(text), ['First one.', 'Second one?', 'Third one!']);
  });

  it('returns no sentence for empty or white-space-only text', () => {
    assert.deepEqual(segmentSentences(''), []);
    assert.deepEqual(segmentSentences(' \r\n\t \uFEFF'), []);
  });

  it('does not end a sentence at a dotted initialism before a lower-case word (U.S.)', () => {
    assert.deepEqual(sentences('The U.S. economy grew. Next one.'), ['The U.S. economy grew.', 'Next one.']);
  });

  it('does not end a sentence at a dotted initialism before a capitalized word (the U.S. Army)', () => {
    assert.deepEqual(sentences('The U.S. Army marched. Then it rested.'), ['The U.S. Army marched.', 'Then it rested.']);
  });

  it('does not end a sentence after a title: Dr. Smith, Mr. Jones', () => {
    assert.deepEqual(sentences('Dr. Smith arrived. He left.'), ['Dr. Smith arrived.', 'He left.']);
    assert.deepEqual(sentences('Mr. Jones came with Mrs. Jones. They sat.'), ['Mr. Jones came with Mrs. Jones.', 'They sat.']);
    assert.deepEqual(sentences('He (Dr. X) left. Ok.'), ['He (Dr. X) left.', 'Ok.']);
  });

  it('does not end a sentence at No. before a number, but does at the word "No."', () => {
    assert.deepEqual(sentences('Item No. 5 is here. Done.'), ['Item No. 5 is here.', 'Done.']);
    assert.deepEqual(sentences('See No. 5 Ways. Ok.'), ['See No. 5 Ways.', 'Ok.']);
    assert.deepEqual(sentences('She said No. Then she left.'), ['She said No.', 'Then she left.']);
  });

  it('does not end a sentence at e.g. or i.e., whatever follows', () => {
    assert.deepEqual(sentences('Use tools, e.g. hammers. Ok.'), ['Use tools, e.g. hammers.', 'Ok.']);
    assert.deepEqual(sentences('Some cities, e.g. Harbin, grew. Ok.'), ['Some cities, e.g. Harbin, grew.', 'Ok.']);
    assert.deepEqual(sentences('One city, i.e. Shenyang, hosted it.'), ['One city, i.e. Shenyang, hosted it.']);
  });

  it('keeps initials with the name: J. R. R. Tolkien', () => {
    assert.deepEqual(sentences('J. R. R. Tolkien wrote books. Yes.'), ['J. R. R. Tolkien wrote books.', 'Yes.']);
  });

  it('does not split decimals, percentages or amounts', () => {
    assert.deepEqual(sentences('It rose 3.5% to $1.2 billion. Then it fell.'), ['It rose 3.5% to $1.2 billion.', 'Then it fell.']);
  });

  it('ends the sentence after a closing quote that follows the full stop', () => {
    assert.deepEqual(sentences('He said, “It is done.” And he left.'), ['He said, “It is done.”', 'And he left.']);
    assert.deepEqual(sentences('She wrote "Stop." Then she left.'), ['She wrote "Stop."', 'Then she left.']);
  });

  it('keeps a quoted sentence inside a sentence when the text continues in lower case', () => {
    assert.deepEqual(sentences('He said “Go.” to them. Next.'), ['He said “Go.” to them.', 'Next.']);
    assert.deepEqual(sentences('“Why?” she asked. Nobody answered.'), ['“Why?” she asked.', 'Nobody answered.']);
    assert.deepEqual(sentences('“Stop!” he cried.'), ['“Stop!” he cried.']);
  });

  it('ends the sentence after a quoted sentence when a capitalized sentence follows', () => {
    assert.deepEqual(sentences('He said “Go.” Then he left.'), ['He said “Go.”', 'Then he left.']);
  });

  it('handles CRLF: a line break after a full stop ends a sentence, a soft break does not', () => {
    const text = 'A line.\r\nAnother line\r\ncontinues here.';
    assert.deepEqual(segmentSentences(text), [{ start: 0, end: 7 }, { start: 9, end: 38 }]);
    assert.deepEqual(sentences(text), ['A line.', 'Another line\r\ncontinues here.']);
  });

  it('never joins sentences across a blank line', () => {
    assert.deepEqual(sentences('No full stop\r\n\r\nNext paragraph'), ['No full stop', 'Next paragraph']);
  });

  it('trims a byte-order mark off the first sentence', () => {
    assert.deepEqual(segmentSentences('\uFEFFBOM text. Second.'), [{ start: 1, end: 10 }, { start: 11, end: 18 }]);
  });

  it('segments only [start, end) and returns offsets into the whole text', () => {
    const text = 'Skip this. Take this. And this. Not this.';
    assert.deepEqual(segmentSentences(text, 11, 31), [{ start: 11, end: 21 }, { start: 22, end: 31 }]);
    assert.deepEqual(sentences(text, 11, 31), ['Take this.', 'And this.']);
  });

  it('clamps out-of-range start and end', () => {
    assert.deepEqual(segmentSentences('Hi.', -5, 99), [{ start: 0, end: 3 }]);
    assert.deepEqual(segmentSentences('Hi.', 2, 1), []);
  });

  it('returns one sentence for 200,000 characters without sentence punctuation', () => {
    const text = 'word '.repeat(40_000);
    assert.equal(text.length, 200_000);
    assert.deepEqual(segmentSentences(text), [{ start: 0, end: 199_999 }]);
  });

  it('returns one sentence for 200,000 characters of soft-wrapped lines without punctuation', () => {
    const text = 'word word\n'.repeat(20_000);
    assert.equal(text.length, 200_000);
    assert.deepEqual(segmentSentences(text), [{ start: 0, end: 199_999 }]);
  });
});

describe('segmentParagraphs', () => {
  it('splits at blank lines and excludes the separators', () => {
    const body = '\nFirst para\nline two.\n\n\nSecond para.\n  \t\nThird.\n';
    assert.deepEqual(segmentParagraphs(body).map(r => body.slice(r.start, r.end)), ['First para\nline two.', 'Second para.', 'Third.']);
    assert.deepEqual(segmentParagraphs(body), [{ start: 1, end: 21 }, { start: 24, end: 36 }, { start: 41, end: 47 }]);
  });

  it('handles CRLF line endings', () => {
    const body = 'One.\r\nStill one.\r\n\r\nTwo.\r\n';
    assert.deepEqual(segmentParagraphs(body), [{ start: 0, end: 16 }, { start: 20, end: 24 }]);
    assert.equal(body.slice(0, 16), 'One.\r\nStill one.');
  });

  it('handles a lone CR as a line break', () => {
    assert.deepEqual(segmentParagraphs('A.\r\rB.'), [{ start: 0, end: 2 }, { start: 4, end: 6 }]);
  });

  it('returns no paragraph for an empty or blank body', () => {
    assert.deepEqual(segmentParagraphs(''), []);
    assert.deepEqual(segmentParagraphs('\n \r\n\t\n'), []);
  });

  it('trims a leading BOM and trailing spaces', () => {
    assert.deepEqual(segmentParagraphs('\uFEFFText.  '), [{ start: 1, end: 6 }]);
  });
});
