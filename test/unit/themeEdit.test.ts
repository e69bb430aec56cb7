import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addPassageToThemeFile, themeIdOf } from '../../src/core/themeEdit';

describe('addPassageToThemeFile', () => {
  it('makes a new theme file with one theme when there is none', () => {
    assert.deepEqual(addPassageToThemeFile(undefined, 'notes', 'p2.s1', { label: 'Ice & Snow' }), {
      text: 'article: notes\nthemes:\n  - id: ice-snow\n    label: Ice & Snow\n    passages:\n      - p2.s1\n', themeId: 'ice-snow', changed: true,
    });
  });

  it('adds to an existing sub-theme, keeping comments and layout', () => {
    const text = '# My themes\narticle: notes\nthemes:\n  - id: a\n    label: A\n    children:\n      - id: a.b\n        label: B # the b theme\n        passages: [p1]\n';
    assert.deepEqual(addPassageToThemeFile(text, 'notes', 'p3', { id: 'a.b' }), {
      text: '# My themes\narticle: notes\nthemes:\n  - id: a\n    label: A\n    children:\n      - id: a.b\n        label: B # the b theme\n        passages: [ p1, p3 ]\n', themeId: 'a.b', changed: true,
    });
  });

  it('gives a new theme an id of its own, and leaves a passage already listed alone', () => {
    const text = 'article: notes\nthemes:\n  - id: ice\n    label: Ice\n    passages: [p1]\n';
    assert.equal(addPassageToThemeFile(text, 'notes', 'p2', { label: 'Ice' }).themeId, 'ice-2');
    assert.deepEqual(addPassageToThemeFile(text, 'notes', 'p1', { id: 'ice' }), { text, themeId: 'ice', changed: false });
  });

  it('writes JSON for a .themes.json file', () => {
    assert.equal(addPassageToThemeFile('{"article": "n", "themes": [{"id": "x", "label": "X"}]}', 'n', 'p1', { id: 'x' }, true).text,
      '{\n  "article": "n",\n  "themes": [\n    {\n      "id": "x",\n      "label": "X",\n      "passages": [\n        "p1"\n      ]\n    }\n  ]\n}\n');
  });

  it('throws a message for an unknown theme, bad YAML or a file that is not a mapping', () => {
    assert.throws(() => addPassageToThemeFile('article: n\nthemes: []\n', 'n', 'p1', { id: 'nope' }), { message: 'The theme file has no theme "nope".' });
    assert.throws(() => addPassageToThemeFile('themes: [\n', 'n', 'p1', { id: 'x' }), /^Error: The theme file has a YAML error: /);
    assert.throws(() => addPassageToThemeFile('- a\n', 'n', 'p1', { id: 'x' }), { message: 'The theme file is not a mapping with "article" and "themes".' });
  });

  it('makes ids of labels', () => {
    assert.deepEqual(['Ice & Snow', 'Éléphant', '冰雪', '  '].map(themeIdOf), ['ice-snow', 'elephant', 'theme', 'theme']);
  });
});
