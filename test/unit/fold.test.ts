import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fold, foldCodePoint, foldText } from '../../src/core/fold';

/** The source text a folded range maps back to. */
function back(source: string, start: number, end: number): string {
  const r = foldText(source).toSourceRange(start, end);
  return source.slice(r.start, r.end);
}

describe('fold', () => {
  it('lower-cases without the display locale (I → i, not dotless ı)', () => {
    assert.equal(fold('INNER Mongolia IRELAND'), 'inner mongolia ireland');
  });

  it('strips diacritics after NFD, precomposed or decomposed', () => {
    assert.equal(fold('Café ÉCOLE naïve'), 'cafe ecole naive');
    assert.equal(fold('Cafe\u0301'), 'cafe');
    assert.equal(fold('İstanbul'), 'istanbul');
    assert.equal(fold('\u212B'), 'a'); // ANGSTROM SIGN
  });

  it('folds every apostrophe form to a straight apostrophe', () => {
    assert.equal(fold('\u0027\u2019\u2018\u201B\u02BC\u2032\uFF07'), "'''''''");
    assert.equal(fold('China\u2018s China\u2019s'), "china's china's");
  });

  it('folds every double-quote form to a straight double quote', () => {
    assert.equal(fold('"\u201C\u201D\u201E\u201F\u2033\uFF02'), '"""""""');
  });

  it('folds dashes to a hyphen-minus and space separators to a space', () => {
    assert.equal(fold('a\u2010b\u2011c\u2012d\u2013e\u2014f\u2015g\u2212h'), 'a-b-c-d-e-f-g-h');
    assert.equal(fold('a\u00A0b\u3000c\u202Fd'), 'a b c d');
  });

  it('folds full-width ASCII to ASCII', () => {
    assert.equal(fold('ＡＢＣ１２３！＂＇～'), `abc123!"'~`);
  });

  it('folds final sigma with medial sigma', () => {
    assert.equal(fold('ΟΔΟΣ οδος οδός'), 'οδοσ οδοσ οδοσ');
  });

  it('leaves other characters, lone surrogates included, as they are', () => {
    assert.equal(fold('中国 2018 \uD800x'), '中国 2018 \uD800x');
    assert.equal(fold(''), '');
    assert.equal(foldCodePoint(0x301), '');
  });
});

describe('foldText offsets', () => {
  it('maps a one-to-one fold back to the same offsets', () => {
    const f = foldText('Northeast China\u2018s role');
    assert.equal(f.text, "northeast china's role");
    assert.deepEqual(f.toSourceRange(10, 17), { start: 10, end: 17 });
    assert.equal(back('Northeast China\u2018s role', 10, 17), 'China\u2018s');
  });

  it('counts a folded-away combining mark in the character before it', () => {
    const source = 'Cafe\u0301 au lait';
    const f = foldText(source);
    assert.equal(f.text, 'cafe au lait');
    assert.deepEqual(f.toSourceRange(0, 4), { start: 0, end: 5 });
    assert.deepEqual(f.toSourceRange(5, 7), { start: 6, end: 8 });
    assert.equal(back(source, 5, 7), 'au');
  });

  it('keeps surrogate pairs whole, even for a range that splits the folded pair', () => {
    const source = 'x\u{10400}y'; // DESERET CAPITAL LONG I lower-cases to U+10428, also a pair
    const f = foldText(source);
    assert.equal(f.text, 'x\u{10428}y');
    assert.deepEqual(f.toSourceRange(1, 3), { start: 1, end: 3 });
    assert.deepEqual(f.toSourceRange(1, 2), { start: 1, end: 3 });
    assert.deepEqual(f.toSourceRange(2, 3), { start: 1, end: 3 });
    assert.deepEqual(f.toSourceRange(3, 4), { start: 3, end: 4 });
  });

  it('maps an NFD expansion back to the one source character', () => {
    const f = foldText('한국');
    assert.equal(f.text, '\u1112\u1161\u11AB\u1100\u116E\u11A8');
    assert.deepEqual(f.toSourceRange(0, 3), { start: 0, end: 1 });
    assert.deepEqual(f.toSourceRange(3, 6), { start: 1, end: 2 });
    assert.deepEqual(f.toSourceRange(1, 4), { start: 0, end: 2 });
  });

  it('clamps out-of-range offsets and maps empty ranges to empty ranges', () => {
    const f = foldText('Abc');
    assert.deepEqual(f.toSourceRange(-5, 99), { start: 0, end: 3 });
    assert.deepEqual(f.toSourceRange(2, 2), { start: 2, end: 2 });
    assert.deepEqual(f.toSourceRange(3, 3), { start: 3, end: 3 });
    assert.deepEqual(f.toSourceRange(Number.NaN, 1), { start: 0, end: 1 });
  });

  it('finds the folded offset of a source offset', () => {
    const f = foldText('Cafe\u0301 au');
    assert.equal(f.toFoldedOffset(0), 0);
    assert.equal(f.toFoldedOffset(5), 4);
    assert.equal(f.toFoldedOffset(6), 5);
    assert.equal(f.toFoldedOffset(8), 7);
  });
});
