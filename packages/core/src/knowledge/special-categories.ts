/**
 * The special-category lexicon for marketing content (`special-categories.json`): English
 * and German terms that reveal health, religion, ethnicity, sexual orientation, political
 * opinion, trade-union membership, genetic or biometric data (GDPR Art. 9), and the words
 * that mark code as marketing (audience, segment, campaign, personalisation).
 */
import data from './special-categories.json';
import { activeCatalogues, derived, registerCatalogueCheck } from './catalogues';
import { splitWords } from './personal-data';

/** The Art. 9 categories. */
export type SpecialCategory = 'health' | 'religion' | 'ethnicity' | 'sexualOrientation' | 'politicalOpinion' | 'tradeUnion' | 'genetic' | 'biometric';

export const SPECIAL_CATEGORIES: readonly SpecialCategory[] = ['health', 'religion', 'ethnicity', 'sexualOrientation', 'politicalOpinion', 'tradeUnion', 'genetic', 'biometric'];

/** Terms of one category and language. */
export interface SpecialTermEntry {
  category: SpecialCategory;
  lang: 'en' | 'de';
  /** Lower-case terms, parts separated by spaces, umlauts folded. */
  terms: string[];
  /** German stems that also match at the start of a longer word part (`diabet` → `diabetiker`). */
  stems?: string[];
  /** Terms that count only next to another term or at medium confidence (`aids`, `prep`). */
  ambiguous?: string[];
  source: string;
}

/** A term found in a text. */
export interface SpecialTermMatch {
  term: string;
  /** The word parts of the text that matched (`diabetiker` for the stem `diabet`). */
  word: string;
  category: SpecialCategory;
  ambiguous: boolean;
}

const FILE = data as unknown as { marketingContext: { words: string[] }; terms: SpecialTermEntry[] };

/** Words that mark a name as marketing (audience, segment, campaign, Zielgruppe, …), with `knowledge.specialCategories`. */
export const marketingWords = derived(({ specialCategories }): ReadonlySet<string> => new Set(specialCategories.marketingContext.words));

/** The built-in entries. */
export const SPECIAL_TERMS: readonly SpecialTermEntry[] = FILE.terms;

interface IndexedTerm {
  parts: string[];
  term: string;
  category: SpecialCategory;
  ambiguous: boolean;
  stem: boolean;
  /** Position in the lexicon: matches are reported in lexicon order. */
  order: number;
}

/** A lexicon indexed for lookups by word part: whole terms by their first part, stems by their first three letters. */
interface Lexicon {
  byFirst: Map<string, IndexedTerm[]>;
  stems: Map<string, IndexedTerm[]>;
  /** Results of earlier texts (identifiers and strings repeat across a file and between edits). */
  memo: Map<string, SpecialTermMatch[]>;
}

const STEM_KEY = 3;
const MEMO_LIMIT = 20_000;
const cache = new WeakMap<readonly SpecialTermEntry[], Lexicon>();

function index(entries: readonly SpecialTermEntry[]): Lexicon {
  let lexicon = cache.get(entries);
  if (lexicon) return lexicon;
  lexicon = { byFirst: new Map(), stems: new Map(), memo: new Map() };
  const add = (map: Map<string, IndexedTerm[]>, key: string, t: IndexedTerm) => {
    const list = map.get(key);
    if (list) list.push(t);
    else map.set(key, [t]);
  };
  let order = 0;
  for (const e of entries) {
    for (const term of e.terms) {
      const parts = splitWords(term);
      if (parts.length > 0) add(lexicon.byFirst, parts[0]!, { parts, term, category: e.category, ambiguous: e.ambiguous?.includes(term) ?? false, stem: false, order: order++ });
    }
    for (const stem of e.stems ?? []) {
      const folded = splitWords(stem).join('');
      // stems shorter than the key (a team's own) are listed under '' and tried on every part
      if (folded !== '') add(lexicon.stems, folded.length < STEM_KEY ? '' : folded.slice(0, STEM_KEY), { parts: [folded], term: stem, category: e.category, ambiguous: false, stem: true, order: order++ });
    }
  }
  cache.set(entries, lexicon);
  return lexicon;
}

/** Where each term of a lexicon first matches in `parts` (term → index of its first part). */
function firstMatches(lexicon: Lexicon, parts: readonly string[], into: Map<IndexedTerm, number>): void {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    for (const t of lexicon.byFirst.get(p) ?? []) {
      if (into.has(t) || i + t.parts.length > parts.length) continue;
      let ok = true;
      for (let k = 1; k < t.parts.length; k++) {
        if (parts[i + k] !== t.parts[k]) { ok = false; break; }
      }
      if (ok) into.set(t, i);
    }
    // a stem matches at the start of a longer part (`diabet` → `diabetiker`)
    for (const key of lexicon.stems.has('') ? [p.slice(0, STEM_KEY), ''] : [p.slice(0, STEM_KEY)]) {
      for (const t of lexicon.stems.get(key) ?? []) {
        if (!into.has(t) && p.length > t.parts[0]!.length && p.startsWith(t.parts[0]!)) into.set(t, i);
      }
    }
  }
}

function matchTerms(parts: readonly string[], lexicons: readonly Lexicon[]): SpecialTermMatch[] {
  const out: SpecialTermMatch[] = [];
  lexicons.forEach((lexicon) => {
    const found = new Map<IndexedTerm, number>();
    firstMatches(lexicon, parts, found);
    // lexicon order, as the terms are listed: the first match of a category names the finding
    for (const [t, i] of [...found].sort((a, b) => a[0].order - b[0].order)) {
      const word = parts.slice(i, i + t.parts.length).join(' ');
      // a stem adds nothing where a whole term matched the same word (`diabetes` and `diabet`)
      if (!out.some((m) => m.term === t.term || (t.stem && m.word === word))) out.push({ term: t.term, word, category: t.category, ambiguous: t.ambiguous });
    }
  });
  return out;
}

/** Validates team entries (rule option `extraTerms`); throws naming the field. */
export function validateSpecialTerms(entries: unknown, field: string): SpecialTermEntry[] {
  if (!Array.isArray(entries)) throw new Error(`${field}: must be an array`);
  entries.forEach((e, i) => {
    const o = e as Record<string, unknown>;
    if (!SPECIAL_CATEGORIES.includes(o?.category as SpecialCategory)) throw new Error(`${field}[${i}].category: must be one of ${SPECIAL_CATEGORIES.join(', ')}`);
    if (!Array.isArray(o.terms) || o.terms.some((t) => typeof t !== 'string' || t.trim() === '')) throw new Error(`${field}[${i}].terms: must be an array of words`);
  });
  return (entries as Partial<SpecialTermEntry>[]).map((e) => ({ lang: 'en', source: 'workspace configuration (creepyline.json)', ...e, terms: (e.terms ?? []).map((t) => splitWords(t).join(' ')) }) as SpecialTermEntry);
}

/**
 * The special-category terms in a text (identifier, string, template text), whole word parts
 * only (`aids` never matches inside `hearingAidsGuide`'s `aids`… unless it is a part of its own).
 */
export function findSpecialTerms(text: string, extra: readonly SpecialTermEntry[] = []): SpecialTermMatch[] {
  const lexicon = index(activeCatalogues().specialCategories.terms as SpecialTermEntry[]);
  const memo = extra.length === 0 ? lexicon.memo : undefined;
  const known = memo?.get(text);
  if (known) return known.map((m) => ({ ...m }));
  const parts = splitWords(text.replace(/(\p{L})-(?=\p{L})/gu, '$1 '));
  const out = parts.length === 0 ? [] : matchTerms(parts, extra.length > 0 ? [lexicon, index(extra)] : [lexicon]);
  if (memo) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, out);
    return out.map((m) => ({ ...m }));
  }
  return out;
}

// Terms added under `knowledge.specialCategories` are checked like the rule option `extraTerms`.
registerCatalogueCheck('specialCategories', (merged) => {
  validateSpecialTerms((merged as { terms: unknown }).terms, 'terms');
});
