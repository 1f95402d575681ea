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
}

const cache = new WeakMap<readonly SpecialTermEntry[], IndexedTerm[]>();

function index(entries: readonly SpecialTermEntry[]): IndexedTerm[] {
  let list = cache.get(entries);
  if (list) return list;
  list = [];
  for (const e of entries) {
    for (const term of e.terms) list.push({ parts: splitWords(term), term, category: e.category, ambiguous: e.ambiguous?.includes(term) ?? false, stem: false });
    for (const stem of e.stems ?? []) list.push({ parts: [stem], term: stem, category: e.category, ambiguous: false, stem: true });
  }
  cache.set(entries, list);
  return list;
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
  const parts = splitWords(text.replace(/(\p{L})-(?=\p{L})/gu, '$1 '));
  if (parts.length === 0) return [];
  const out: SpecialTermMatch[] = [];
  const lexicon = index(activeCatalogues().specialCategories.terms as SpecialTermEntry[]);
  for (const terms of extra.length > 0 ? [lexicon, index(extra)] : [lexicon]) {
    for (const t of terms) {
      for (let i = 0; i + t.parts.length <= parts.length; i++) {
        let ok = true;
        for (let k = 0; k < t.parts.length; k++) {
          const p = parts[i + k]!;
          if (t.stem ? !(p.startsWith(t.parts[k]!) && p.length > t.parts[k]!.length) : p !== t.parts[k]) { ok = false; break; }
        }
        if (ok) {
          const word = parts.slice(i, i + t.parts.length).join(' ');
          // a stem adds nothing where a whole term matched the same word (`diabetes` and `diabet`)
          if (!out.some((m) => m.term === t.term || (t.stem && m.word === word))) out.push({ term: t.term, word, category: t.category, ambiguous: t.ambiguous });
          break;
        }
      }
    }
  }
  return out;
}

// Terms added under `knowledge.specialCategories` are checked like the rule option `extraTerms`.
registerCatalogueCheck('specialCategories', (merged) => {
  validateSpecialTerms((merged as { terms: unknown }).terms, 'terms');
});
