import assert from 'node:assert/strict';
import specialJson from './special-categories.json';
import { findSpecialTerms, type SpecialTermEntry, type SpecialTermMatch } from './special-categories';
import { splitWords } from './personal-data';

/** The lexicon scan as first written (every term tried at every position): the indexed scan must agree with it. */
function reference(text: string, lexicons: readonly (readonly SpecialTermEntry[])[]): SpecialTermMatch[] {
  const parts = splitWords(text.replace(/(\p{L})-(?=\p{L})/gu, '$1 '));
  const out: SpecialTermMatch[] = [];
  for (const entries of lexicons) {
    const terms = entries.flatMap((e) => [
      ...e.terms.map((term) => ({ parts: splitWords(term), term, category: e.category, ambiguous: e.ambiguous?.includes(term) ?? false, stem: false })),
      ...(e.stems ?? []).map((stem) => ({ parts: [stem], term: stem, category: e.category, ambiguous: false, stem: true })),
    ]);
    for (const t of terms) {
      for (let i = 0; i + t.parts.length <= parts.length; i++) {
        let ok = true;
        for (let k = 0; k < t.parts.length; k++) {
          const p = parts[i + k]!;
          if (t.stem ? !(p.startsWith(t.parts[k]!) && p.length > t.parts[k]!.length) : p !== t.parts[k]) { ok = false; break; }
        }
        if (ok) {
          const word = parts.slice(i, i + t.parts.length).join(' ');
          if (!out.some((m) => m.term === t.term || (t.stem && m.word === word))) out.push({ term: t.term, word, category: t.category, ambiguous: t.ambiguous });
          break;
        }
      }
    }
  }
  return out;
}

describe('knowledge: findSpecialTerms (indexed lexicon)', () => {
  const shipped = (specialJson as unknown as { terms: SpecialTermEntry[] }).terms;
  const words = [...new Set(shipped.flatMap((e) => [...e.terms.flatMap((t) => t.split(' ')), ...(e.stems ?? []).map((s) => `${s}iker`)]))];
  // a deterministic mix: every term and stem alone, in camelCase and kebab-case, next to each other and among other words
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const texts: string[] = [];
  for (const e of shipped) {
    for (const t of e.terms) texts.push(t, t.replace(/ (\w)/g, (_, c: string) => c.toUpperCase()), `Buy ${t} now`, t.replace(/ /g, '-'));
    for (const s of e.stems ?? []) texts.push(`${s}iker`, s, `Ratgeber ${s}-Spezialist`);
  }
  for (let n = 0; n < 400; n++) {
    const len = 1 + (next() % 6);
    texts.push(Array.from({ length: len }, () => (next() % 3 === 0 ? ['offer', 'segment', 'blue', 'Kunden'][next() % 4] : words[next() % words.length])).join(next() % 2 ? ' ' : '_'));
  }

  it('finds what the first-written scan finds, in the same order, for the shipped lexicon', () => {
    for (const text of texts) assert.deepEqual(findSpecialTerms(text), reference(text, [shipped]), text);
  });

  it('gives the same answer when a text is asked again (memo) and callers cannot change it', () => {
    const first = findSpecialTerms('Hair loss buyers');
    assert.ok(first.length > 0);
    first[0]!.term = 'changed';
    assert.deepEqual(findSpecialTerms('Hair loss buyers'), reference('Hair loss buyers', [shipped]));
  });

  it('adds a team’s extra terms and stems, short stems included, after the shipped ones', () => {
    const extra: SpecialTermEntry[] = [{ category: 'health', lang: 'de', terms: ['zahnluecke', 'hair loss'], stems: ['zz', 'parodont'], source: 'test' }];
    for (const text of ['Parodontitis und Zahnluecke', 'zzTop hair loss', 'zz', 'Hair-Loss parodont', ...texts.slice(0, 50)]) {
      assert.deepEqual(findSpecialTerms(text, extra), reference(text, [shipped, extra]), text);
    }
  });
});
