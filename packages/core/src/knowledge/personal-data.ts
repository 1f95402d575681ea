/**
 * The personal-data vocabulary (`personal-data.json`): word lists that say which
 * identifiers, object keys, form field names and labels hold personal data, validated and
 * indexed for the classifier in `facts/personal-data.ts`. Teams add entries from
 * `creepyline.json` (`personalData`).
 */
import builtin from './personal-data.json';

/** The categories of personal data the rules speak about. */
export type PersonalDataCategory = 'contact' | 'identity' | 'location' | 'online-identifier' | 'financial' | 'special-category';

export const PERSONAL_DATA_CATEGORIES: readonly PersonalDataCategory[] = [
  'contact', 'identity', 'location', 'online-identifier', 'financial', 'special-category',
];

/** One vocabulary entry: words of one language for one kind of personal data. */
export interface PersonalDataEntry {
  /** Stable kind id (`email`, `phone`, `birthdate`, `health`); never renamed. */
  kind: string;
  category: PersonalDataCategory;
  lang: 'en' | 'de';
  /** Lower-case words; spaces separate the parts an identifier is split into (`first name` ↔ `firstName`). */
  words: string[];
  /** Words that count only in a person's context (`user.name`, `customerCity`) or at medium confidence. */
  ambiguous?: string[];
  /** Words that count only with a person as owner or qualifier (`user.id`), never alone. */
  contextOnly?: string[];
  /** German words that also match as the last part of a compound (`Lieferadresse` ends in `adresse`). */
  compound?: string[];
  source: string;
}

/** A word list with its source. */
interface WordList {
  words: string[];
  source: string;
}

/** The file format of `personal-data.json`. */
export interface PersonalDataFile {
  nonDataHeads: WordList;
  allowedTails: WordList;
  nonDataPrefixes: WordList;
  nonDataOwners: WordList;
  personOwners: WordList;
  carrierOwners: WordList;
  entries: PersonalDataEntry[];
}

/** A phrase of the vocabulary, split into parts. */
export interface Phrase {
  parts: string[];
  word: string;
  entry: PersonalDataEntry;
  ambiguous: boolean;
  contextOnly: boolean;
}

/** The vocabulary indexed for the classifier. */
export interface PersonalDataVocabulary {
  entries: readonly PersonalDataEntry[];
  /** First part → phrases starting with it, longest first. */
  phrases: ReadonlyMap<string, readonly Phrase[]>;
  /** German compound heads (`adresse`): match as a suffix of one part. */
  compounds: readonly Phrase[];
  /** Parts that, following a data word, make the name about something else (`template`, `enabled`). */
  nonDataHeads: ReadonlySet<string>;
  /** Parts that may follow a data word (`address`, `number`, `hash`). */
  allowedTails: ReadonlySet<string>;
  /** Parts before a data word that make the name a function, flag or someone else's address. */
  nonDataPrefixes: ReadonlySet<string>;
  /** Owners whose keys are settings or texts (`config.email`, `errors.email`). */
  nonDataOwners: ReadonlySet<string>;
  /** Owners that are a person (`user`, `customer`). */
  personOwners: ReadonlySet<string>;
  /** Owners that carry submitted data (`req.body`, `formData`): ambiguous keys count at medium. */
  carrierOwners: ReadonlySet<string>;
}

/** Splits an identifier or label into lower-case parts: camelCase, snake_case, kebab-case, dots, brackets, spaces; umlauts folded. */
export function splitWords(text: string): string[] {
  const folded = text
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue').replace(/ß/g, 'ss');
  const spaced = folded
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return spaced.split(/[^A-Za-z0-9]+/).filter((p) => p !== '').map((p) => p.toLowerCase());
}

/** Validates vocabulary entries; throws `Error` with the key path (`personalData[0].kind`) of the first problem. */
export function validatePersonalDataEntry(e: unknown, field: string): asserts e is PersonalDataEntry {
  const bad = (key: string, expected: string, got: unknown) => {
    throw Object.assign(new Error(`${field}${key}: ${expected}, got ${JSON.stringify(got) ?? String(got)}`), { field: `${field}${key}` });
  };
  if (typeof e !== 'object' || e === null || Array.isArray(e)) bad('', 'must be an object with "kind", "category", "lang", "words" and "source"', e);
  const o = e as Record<string, unknown>;
  if (typeof o.kind !== 'string' || !/^[a-z][A-Za-z]*$/.test(o.kind)) bad('.kind', 'must be a camelCase kind id such as "email" or "loyaltyNumber"', o.kind);
  if (!PERSONAL_DATA_CATEGORIES.includes(o.category as PersonalDataCategory)) bad('.category', `must be one of ${PERSONAL_DATA_CATEGORIES.join(', ')}`, o.category);
  if (o.lang !== 'en' && o.lang !== 'de') bad('.lang', 'must be "en" or "de"', o.lang);
  const words = (key: string, v: unknown, required: boolean) => {
    if (v === undefined && !required) return;
    if (!Array.isArray(v) || (required && v.length === 0)) bad(key, 'must be an array of lower-case words', v);
    (v as unknown[]).forEach((w, i) => {
      if (typeof w !== 'string' || splitWords(w).join(' ') !== w.trim()) bad(`${key}[${i}]`, 'must be lower-case words separated by spaces (umlauts folded: "strasse", "geburtsdatum")', w);
    });
  };
  words('.words', o.words, true);
  for (const key of ['ambiguous', 'contextOnly', 'compound'] as const) {
    words(`.${key}`, o[key], false);
    for (const w of (o[key] as string[] | undefined) ?? []) {
      if (!(o.words as string[]).includes(w)) bad(`.${key}`, `must list only words from "words"`, w);
    }
  }
  if (typeof o.source !== 'string' || o.source.trim() === '') bad('.source', 'must name where the words come from', o.source);
}

let shared: PersonalDataVocabulary | undefined;

/** The built-in vocabulary plus a team's entries, indexed. Without extensions the result is shared. */
export function buildPersonalDataVocabulary(extra: readonly unknown[] = []): PersonalDataVocabulary {
  if (extra.length === 0 && shared) return shared;
  const file = builtin as unknown as PersonalDataFile;
  file.entries.forEach((e, i) => validatePersonalDataEntry(e, `personal-data.json entries[${i}]`));
  extra.forEach((e, i) => validatePersonalDataEntry(e, `personalData[${i}]`));
  const entries = [...file.entries, ...(extra as PersonalDataEntry[])];
  const phrases = new Map<string, Phrase[]>();
  const compounds: Phrase[] = [];
  for (const entry of entries) {
    for (const word of entry.words) {
      const phrase: Phrase = {
        parts: splitWords(word),
        word,
        entry,
        ambiguous: entry.ambiguous?.includes(word) ?? false,
        contextOnly: entry.contextOnly?.includes(word) ?? false,
      };
      const list = phrases.get(phrase.parts[0]!);
      if (list) list.push(phrase);
      else phrases.set(phrase.parts[0]!, [phrase]);
      if (entry.compound?.includes(word)) compounds.push(phrase);
    }
  }
  for (const list of phrases.values()) list.sort((a, b) => b.parts.length - a.parts.length);
  const vocabulary: PersonalDataVocabulary = {
    entries,
    phrases,
    compounds,
    nonDataHeads: new Set(file.nonDataHeads.words),
    allowedTails: new Set(file.allowedTails.words),
    nonDataPrefixes: new Set(file.nonDataPrefixes.words),
    nonDataOwners: new Set(file.nonDataOwners.words),
    personOwners: new Set(file.personOwners.words),
    carrierOwners: new Set(file.carrierOwners.words),
  };
  if (extra.length === 0) shared = vocabulary;
  return vocabulary;
}
