import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { loadArticle } from '../../src/core/library';
import { translationFor } from '../../src/core/themes';
import type { Theme } from '../../src/core/types';

const root = path.resolve(__dirname, '../../..');
const json = (file: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
const placeholders = (s: string): string[] => [...s.matchAll(/\{\d+\}/g)].map(m => m[0]).sort();

const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
const nls = json('package.nls.json');
const nlsZh = json('package.nls.zh-cn.json');
const bundle = json('l10n/bundle.l10n.json');
const bundleZh = json('l10n/bundle.l10n.zh-cn.json');

/** Every string literal passed to vscode.l10n.t( in the host sources (src/, not src/core or src/webview). */
function sourceMessages(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else if (e.name.endsWith('.ts')) {
        const text = fs.readFileSync(file, 'utf8');
        for (const m of text.matchAll(/l10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/gs)) found.add(m[2].replace(/\\(.)/g, '$1'));
      }
    }
  };
  walk(path.join(root, 'src'));
  return found;
}

function allThemes(themes: readonly Theme[]): Theme[] {
  return themes.flatMap(t => [t, ...allThemes(t.children)]);
}

describe('localization: English and Simplified Chinese', () => {
  it('every %key% of package.json is in package.nls.json, and package.nls.json has no unused key', () => {
    const used = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map(m => m[1]));
    assert.deepEqual([...used].filter(k => !(k in nls)), []);
    assert.deepEqual(Object.keys(nls).filter(k => !used.has(k)), []);
  });

  it('package.nls.zh-cn.json has every key of package.nls.json, no other, each with the same placeholders', () => {
    assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nls).sort());
    for (const [k, v] of Object.entries(nls)) {
      assert.ok(nlsZh[k].trim(), `${k} is empty`);
      assert.deepEqual(placeholders(nlsZh[k]), placeholders(v), k);
      assert.deepEqual([...nlsZh[k].matchAll(/\(command:[^)]+\)/g)].map(m => m[0]), [...v.matchAll(/\(command:[^)]+\)/g)].map(m => m[0]), `${k}: command links`);
    }
  });

  it('l10n/bundle.l10n.json holds exactly the vscode.l10n.t messages of src/ (npm run l10n regenerates it)', () => {
    assert.deepEqual(Object.keys(bundle).sort(), [...sourceMessages()].sort());
  });

  it('l10n/bundle.l10n.zh-cn.json translates every message, with the same placeholders', () => {
    assert.deepEqual(Object.keys(bundleZh).sort(), Object.keys(bundle).sort());
    for (const k of Object.keys(bundle)) {
      assert.ok(bundleZh[k].trim(), `${k} is empty`);
      assert.deepEqual(placeholders(bundleZh[k]), placeholders(k), k);
    }
  });

  it('the zh-cn bundle, loaded as VS Code loads it (@vscode/l10n), gives the Chinese strings', () => {
    l10n.config({ contents: bundleZh });
    assert.equal(l10n.t('Paragraph {0}', 6), '第 6 自然段');
    assert.equal(l10n.t('{0} passages', 3), '3 个段落');
    assert.equal(l10n.t('Select text in the reader to quote it.'), '请先在阅读器中选择要引用的文字。');
    l10n.config({ contents: {} });
    assert.equal(l10n.t('Paragraph {0}', 6), 'Paragraph 6');
  });
});

describe('theme labels in the display language', () => {
  const articleFile = path.join(root, 'content/northeast-revitalization.md');
  const themesFile = path.join(root, 'content/northeast-revitalization.themes.yaml');
  const load = (language: string) => loadArticle(articleFile, fs.readFileSync(articleFile, 'utf8'), themesFile, fs.readFileSync(themesFile, 'utf8'), language);

  it('translationFor: exact id first, then the same primary subtag, case-insensitive; none for other languages', () => {
    assert.equal(translationFor(['zh-cn'], 'zh-cn'), 'zh-cn');
    assert.equal(translationFor(['zh-cn'], 'zh-TW'), 'zh-cn');
    assert.equal(translationFor(['zh-tw', 'zh-cn'], 'zh-cn'), 'zh-cn');
    assert.equal(translationFor(['zh-cn'], 'en'), undefined);
    assert.equal(translationFor(['zh-cn'], ''), undefined);
  });

  it('every theme of the shipped article has a Chinese label and description, shown for zh-cn', () => {
    const en = load('en');
    const zh = load('zh-cn');
    assert.deepEqual(zh.problems, []);
    const enThemes = allThemes(en.taxonomy!.themes);
    const zhThemes = allThemes(zh.taxonomy!.themes);
    assert.equal(zhThemes.length, 36);
    assert.deepEqual(zhThemes.map(t => t.id), enThemes.map(t => t.id));
    for (const t of zhThemes) {
      assert.match(t.label, /[\u4e00-\u9fff]/, `${t.id} label: ${t.label}`);
      assert.match(t.description, /[\u4e00-\u9fff]/, `${t.id} description: ${t.description}`);
    }
    assert.equal(zhThemes.find(t => t.id === 'security.food')?.label, '粮食安全');
    assert.equal(enThemes.find(t => t.id === 'security.food')?.label, 'Food security');
    assert.equal(allThemes(load('').taxonomy!.themes).find(t => t.id === 'security.food')?.label, 'Food security');
  });

  it('a translation without a description keeps the English description', () => {
    const yaml = 'article: northeast-revitalization\nthemes:\n  - id: a\n    label: Apple\n    description: A fruit.\n    translations:\n      zh-cn:\n        label: 苹果\n    passages: [p1]\n';
    const loaded = loadArticle(articleFile, fs.readFileSync(articleFile, 'utf8'), 'themes.yaml', yaml, 'zh-cn');
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.taxonomy!.themes.map(t => [t.label, t.description]), [['苹果', 'A fruit.']]);
  });
});
