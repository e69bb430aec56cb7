import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { globPlan } from '../../src/core/glob';

describe('globPlan', () => {
  it('splits a glob into the folder it begins with and a matcher of workspace-relative paths', () => {
    const plan = globPlan('articles/**/*.{md,markdown,txt,text,html,htm}');
    assert.deepEqual([plan.base, plan.outside, plan.isGlob], [['articles'], false, true]);
    assert.deepEqual(['articles/a.md', 'articles/x/y/b.htm', 'articles/.hidden/c.txt', 'articles/a.json', 'other/a.md', 'articles.md']
      .map(p => plan.matches(p)), [true, true, true, false, false, false]);
  });

  it('has no base for a glob that begins with a pattern, and tells a glob that begins outside the folder', () => {
    assert.deepEqual([globPlan('**/*.md').base, globPlan('{a,b}/*.md').base], [[], []]);
    assert.deepEqual([globPlan('../x/*.md').outside, globPlan('/abs/*.md').outside, globPlan('./notes/*.md').outside], [true, true, false]);
    assert.deepEqual(globPlan('./notes/*.md').base, ['notes']);
  });

  it('reads a path without a pattern as one file, and a bracketed character as itself', () => {
    assert.deepEqual([globPlan('notes/a b.md').isGlob, globPlan('notes/a b.md').base], [false, ['notes', 'a b.md']]);
    const literal = globPlan('notes/[[]x].md');
    assert.deepEqual([literal.base, literal.matches('notes/[x].md'), literal.matches('notes/x.md')], [['notes'], true, false]);
  });
});
