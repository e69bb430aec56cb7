import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadArticle } from '../../src/core/library';
import { segmentParagraphs } from '../../src/core/segment';

const root = path.resolve(__dirname, '../../..');
const articleFile = path.join(root, 'content/northeast-revitalization.md');
const themesFile = path.join(root, 'content/northeast-revitalization.themes.yaml');
const sharedSeed = path.resolve(root, '../shared/seed/000_e5271b85d38234d2.txt');
const seedFile = fs.existsSync(sharedSeed) ? sharedSeed : path.join(root, 'test/fixtures/seed.txt');

const seed = fs.readFileSync(seedFile, 'utf8');
const loaded = loadArticle(articleFile, fs.readFileSync(articleFile, 'utf8'), themesFile, fs.readFileSync(themesFile, 'utf8'));
const article = loaded.article!;
const index = loaded.index!;

/** The seed's blocks: `Title:` line, `Subtitle:` line, then the paragraphs. */
const seedBlocks = segmentParagraphs(seed).map(r => seed.slice(r.start, r.end));
const seedParagraphs = seedBlocks.filter(b => !/^(Title|Subtitle): /.test(b));

describe('content/northeast-revitalization', () => {
  it('loads with zero problems', () => {
    assert.deepEqual(loaded.problems, []);
    assert.ok(loaded.article && loaded.taxonomy && loaded.index);
  });

  it('has the seed title and subtitle in its front matter', () => {
    assert.equal(seedBlocks[0], `Title: ${article.metadata.title}`);
    assert.equal(seedBlocks[1], `Subtitle: ${article.metadata.subtitle}`);
  });

  it('has exactly 9 paragraphs, each a verbatim seed paragraph, in order', () => {
    assert.equal(seedParagraphs.length, 9);
    assert.deepEqual(article.paragraphs.map(p => p.text), seedParagraphs);
    assert.deepEqual(article.paragraphs.map(p => p.id), ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9']);
    assert.ok(article.paragraphs[0].text.startsWith('Harbin City, Heilongjiang Province –'));
    assert.ok(article.paragraphs[8].text.startsWith('President Xi concluded his speech'));
    for (const p of article.paragraphs) assert.ok(seed.includes(p.text));
  });

  it('has the expected sentences per paragraph', () => {
    assert.deepEqual(article.paragraphs.map(p => p.sentenceIds.length), [2, 2, 2, 2, 2, 3, 3, 3, 1]);
    assert.equal(article.sentences.length, 20);
    assert.deepEqual(article.paragraphs[5].sentenceIds, ['p6.s1', 'p6.s2', 'p6.s3']);
    for (const s of article.sentences) assert.equal(article.body.slice(s.start, s.end), s.text);
  });

  it('has the exact texts of sample sentences', () => {
    const text = (id: string): string | undefined => article.passages.get(id)?.text;
    assert.equal(text('p1.s2'), 'In his important speech, he stressed the need to implement the strategies outlined in the 20th National Congress of the Communist Party of China to achieve new breakthroughs in the region.');
    assert.equal(text('p2.s1'), 'President Xi emphasized the importance of completely, accurately, and comprehensively implementing the new development concept and firmly grasping the role of Northeast China in safeguarding the country’s “five major security” areas.');
    assert.equal(text('p4.s1'), 'During the symposium, President Xi noted the significant achievements made since a similar symposium held in Shenyang in 2018.');
    assert.equal(text('p6.s2'), 'He called for a focus on the real economy, independent innovation, and the consolidation and expansion of industrial chains.');
    assert.equal(text('p8.s1'), 'Regarding infrastructure and openness, President Xi highlighted Northeast China‘s strategic position as an important gateway for China‘s northern opening.');
    assert.equal(text('p9.s1'), article.paragraphs[8].text);
  });

  it('has a taxonomy for this article that validates with zero problems', () => {
    assert.equal(loaded.taxonomy?.article, article.metadata.id);
    assert.deepEqual(index.validate(), []);
  });

  it('covers every paragraph with at least one theme, directly or through a sentence', () => {
    assert.deepEqual(index.uncoveredParagraphs(), []);
    for (const p of article.paragraphs) assert.ok(index.themesOf(p.id, { related: true }).length > 0, p.id);
  });

  it('has the required theme ids', () => {
    const required = [
      'security.food', 'security.industrial', 'security.energy', 'security.ecological', 'security.national-defense',
      'strategy.new-development-concept', 'strategy.high-quality-development', 'strategy.new-development-pattern',
      'strategy.chinese-style-modernization', 'innovation', 'reform.state-owned-enterprises', 'reform.reform-and-opening-up',
      'agriculture', 'opening.northern-gateway', 'opening.belt-and-road', 'opening.dual-circulation', 'ecology',
      'shenyang-2018', 'people.officials', 'people.bodies', 'people.provinces',
    ];
    assert.deepEqual(required.filter(id => !index.findTheme(id)), []);
  });

  it('has unique theme ids', () => {
    const ids = index.allThemes().map(t => t.id);
    assert.equal(new Set(ids).size, ids.length);
  });
});
