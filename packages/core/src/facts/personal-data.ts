/**
 * The personal-data classifier shared by the forms and data-flow rules: is this identifier,
 * object key, form field name or label about a person's data, and which kind? Words come
 * from `knowledge/personal-data.json`; matching works on whole word parts, so `dob` never
 * matches inside `adobe`, and a data word followed by a non-data part (`emailTemplate`,
 * `emailEnabled`, `email_sent_at`) is not data.
 */
import type { Knowledge } from '../knowledge';
import { splitWords, type Phrase, type PersonalDataCategory, type PersonalDataVocabulary } from '../knowledge/personal-data';

export type { PersonalDataCategory } from '../knowledge/personal-data';

/** What the classifier found. */
export interface PersonalDataMatch {
  /** Stable kind id (`email`, `phone`, `userId`, `health`). */
  kind: string;
  category: PersonalDataCategory;
  /** `medium` when the word alone is ambiguous (`name`, `address`) and no person context confirms it. */
  confidence: 'high' | 'medium';
  /** The vocabulary word that matched (`email address`, `telefonnummer`). */
  word: string;
  /** The name says the value is hashed (`emailHash`, `sha256_email_address`). */
  hashed?: boolean;
}

const HASH_PARTS = new Set(['hash', 'hashed', 'sha256', 'sha1', 'sha512', 'md5', 'digest']);
/** Filler in labels around the data word ("Your email", "Ihre E-Mail-Adresse (optional)"). */
const LABEL_FILLER = new Set(['your', 'ihre', 'ihr', 'dein', 'deine', 'optional', 'required', 'pflichtfeld', 'pflicht', 'enter', 'please', 'bitte', 'the', 'die', 'der', 'das', 'und', 'and', 'or', 'oder', 'eingeben']);
/** Label words after a data word that make the text about a preference or message ("Email me offers"). */
const LABEL_AFTER = new Set(['me', 'us', 'mir', 'uns', 'updates', 'newsletter', 'offers', 'news', 'marketing', 'angebote', 'werbung']);
/** Label words before a data word that name a channel, not a value ("Contact me by email", "per E-Mail"). */
const LABEL_BEFORE = new Set(['via', 'per', 'by', 'send', 'receive', 'get', 'erhalten', 'senden', 'ueber']);
/** Longer texts are sentences (consent texts, hints), not field labels. */
const MAX_LABEL_WORDS = 8;

interface RawMatch {
  start: number;
  end: number;
  phrase: Phrase;
}

/** The last-ending, then longest, vocabulary match in `parts`. */
function bestMatch(parts: readonly string[], vocabulary: PersonalDataVocabulary): RawMatch | undefined {
  let best: RawMatch | undefined;
  const consider = (m: RawMatch) => {
    if (!best || m.end > best.end || (m.end === best.end && m.start < best.start)) best = m;
  };
  for (let i = 0; i < parts.length; i++) {
    for (const phrase of vocabulary.phrases.get(parts[i]!) ?? []) {
      const n = phrase.parts.length;
      if (i + n > parts.length) continue;
      let ok = true;
      for (let k = 1; k < n; k++) if (parts[i + k] !== phrase.parts[k]) { ok = false; break; }
      if (ok) {
        consider({ start: i, end: i + n, phrase });
        break; // phrases are sorted longest first
      }
    }
    for (const phrase of vocabulary.compounds) {
      const part = parts[i]!;
      if (part.length > phrase.word.length && part.endsWith(phrase.parts[0]!) && phrase.parts.length === 1) consider({ start: i, end: i + 1, phrase });
    }
  }
  return best;
}

/** The person-ness of an owner expression (`user`, `req.body`, `appConfig`) by its last word. */
function ownerKind(owner: string | undefined, vocabulary: PersonalDataVocabulary): 'person' | 'carrier' | 'non-data' | 'other' | 'none' {
  if (owner === undefined) return 'none';
  const segments = owner.split(/[.[\]]+/).filter((s) => s !== '' && s !== 'this' && s !== '?');
  const last = segments[segments.length - 1];
  if (last === undefined) return 'none';
  const parts = splitWords(last);
  if (parts.some((p) => vocabulary.nonDataOwners.has(p))) return 'non-data';
  const head = parts[parts.length - 1]!;
  if (vocabulary.personOwners.has(head)) return 'person';
  if (vocabulary.carrierOwners.has(head)) return 'carrier';
  return 'other';
}

/**
 * Classifies split name parts. `owner` is the owning object's expression as written
 * (`user`, `req.body`), when the name is a property key or access.
 */
function classifyParts(parts: string[], owner: string | undefined, vocabulary: PersonalDataVocabulary): PersonalDataMatch | undefined {
  if (parts.length === 0) return undefined;
  const match = bestMatch(parts, vocabulary);
  if (!match) return undefined;
  const { phrase } = match;
  for (let i = match.end; i < parts.length; i++) {
    if (!vocabulary.allowedTails.has(parts[i]!)) return undefined; // emailTemplate, email_sent_at
  }
  const before = parts.slice(0, match.start).filter((p) => !HASH_PARTS.has(p));
  if (before.some((p) => vocabulary.nonDataPrefixes.has(p))) return undefined; // validateEmail, supportEmail
  const hashed = parts.some((p) => HASH_PARTS.has(p)) || phrase.parts.some((p) => HASH_PARTS.has(p));
  const ownerIs = ownerKind(owner, vocabulary);
  if (ownerIs === 'non-data') return undefined; // config.email, errors.email
  const personBefore = before.some((p) => vocabulary.personOwners.has(p));
  let confidence: 'high' | 'medium' = 'high';
  if (phrase.ambiguous || phrase.contextOnly) {
    if (before.length > 0) {
      if (!personBefore) return undefined; // productName, fileName
    } else if (ownerIs === 'carrier') {
      if (phrase.contextOnly) return undefined;
      confidence = 'medium';
    } else if (ownerIs === 'other') {
      return undefined; // product.name, event.id
    } else if (ownerIs === 'none') {
      if (phrase.contextOnly) return undefined;
      confidence = 'medium';
    }
  }
  const result: PersonalDataMatch = { kind: phrase.entry.kind, category: phrase.entry.category, confidence, word: phrase.word };
  if (hashed) result.hashed = true;
  return result;
}

/**
 * Classifies an identifier, object key or form field name: `email`, `customerEmail`,
 * `phone_number`, `first-name`, `user[email]`, `user.email`. For `a.b` and `a[b]` the last
 * segment is classified with the one before as its owner. Non-data compounds
 * (`emailTemplate`, `emailEnabled`, `email_sent_at`, `emailSubject`) and keys of settings
 * objects (`config.email`) give undefined.
 */
export function classifyName(name: string, knowledge: Knowledge): PersonalDataMatch | undefined {
  const segments = name.split(/[.[\]]+/).filter((s) => s !== '');
  if (segments.length === 0) return undefined;
  const last = segments[segments.length - 1]!;
  const owner = segments.length > 1 ? segments.slice(0, -1).join('.') : undefined;
  return classifyParts(splitWords(last), owner, knowledge.personalData);
}

/**
 * Classifies a property key or access in the context of its owning object: `user.email`,
 * `customer.name` (a person's name), `product.name` (not), `config.email` (a setting).
 * `owner` is the object expression as written (`req.body`, `this.user`, `currentCustomer`).
 */
export function classifyProperty(owner: string | undefined, name: string, knowledge: Knowledge): PersonalDataMatch | undefined {
  return classifyParts(splitWords(name), owner, knowledge.personalData);
}

/**
 * Classifies human text: a label, placeholder or aria-label ("E-Mail-Adresse",
 * "Telefonnummer (optional)", "Date of birth"). Sentences (consent texts, hints) and
 * preferences ("Email me offers", "Kontakt per E-Mail") give undefined.
 */
export function classifyLabel(text: string, knowledge: Knowledge): PersonalDataMatch | undefined {
  const vocabulary = knowledge.personalData;
  // E-Mail, Vor- und Nachname: hyphens inside words join the parts
  const parts = splitWords(text.replace(/(\p{L})-(?=\p{L})/gu, '$1 '));
  if (parts.length === 0 || parts.length > MAX_LABEL_WORDS) return undefined;
  const match = bestMatch(parts, vocabulary);
  if (!match || match.phrase.contextOnly) return undefined;
  const after = parts[match.end];
  if (after !== undefined && !LABEL_FILLER.has(after) && (LABEL_AFTER.has(after) || vocabulary.nonDataHeads.has(after))) return undefined;
  const previous = parts[match.start - 1];
  if (previous !== undefined && LABEL_BEFORE.has(previous)) return undefined;
  const rest = parts.filter((p, i) => (i < match.start || i >= match.end) && !LABEL_FILLER.has(p) && !vocabulary.allowedTails.has(p));
  const confidence = match.phrase.ambiguous && rest.length > 0 ? 'medium' : 'high';
  const result: PersonalDataMatch = { kind: match.phrase.entry.kind, category: match.phrase.entry.category, confidence, word: match.phrase.word };
  if (parts.some((p) => HASH_PARTS.has(p))) result.hashed = true;
  return result;
}

const EMAIL_LITERAL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
/** International (+49 …) or national (0171 …) numbers with 8–15 digits; separators space, dash, slash, dots, parentheses. */
const PHONE_LITERAL = /^(?:\+|00)?[0-9][0-9 ()./-]{6,}[0-9]$/;
/** Example domains (RFC 2606) and no-reply addresses are not a person's address. */
const NON_PERSON_EMAIL = /@(?:example\.(?:com|org|net)|[^@]*\.(?:example|test|invalid|localhost))$|^(?:no-?reply|do-?not-?reply|info|support|hello|kontakt|contact|admin|webmaster|postmaster|privacy|datenschutz|sales|team|office|service|newsletter)@/i;

/**
 * Classifies a string literal that looks like an email address or phone number. Example
 * addresses (`@example.com`) and role addresses (`info@`, `support@`) are not a person's.
 */
export function classifyLiteral(value: string): PersonalDataMatch | undefined {
  const v = value.trim();
  if (v.length > 254) return undefined;
  if (EMAIL_LITERAL.test(v)) {
    if (NON_PERSON_EMAIL.test(v)) return undefined;
    return { kind: 'email', category: 'contact', confidence: 'medium', word: 'email literal' };
  }
  if (PHONE_LITERAL.test(v)) {
    const digits = v.replace(/\D/g, '').length;
    // a phone number starts with + / 00 / 0 and has 8-15 digits; dates and versions do not look like that
    if (digits >= 8 && digits <= 15 && /^(?:\+|0)/.test(v) && !/^\d{4}-\d{2}-\d{2}/.test(v) && !/^[0-9.]+$/.test(v)) {
      return { kind: 'phone', category: 'contact', confidence: 'medium', word: 'phone literal' };
    }
  }
  return undefined;
}

/** Field kinds that make a record a person's when declared on it (a model's columns, a schema's fields). */
const PERSON_FIELD_KINDS = new Set(['email', 'phone', 'firstName', 'lastName', 'birthdate', 'street']);
/** Suffixes of model and schema names that are not part of the record's name (`customersTable`, `leadSchema`, `SignupInput`). */
const RECORD_SUFFIX = /(?:Table|Model|Schema|Entity|Collection|Validator|Validation|Input|Body|Payload|Request|Dto|DTO|Form|Data)$/;

/**
 * Is a declared record (a data model, a validation schema) a person's? By its name's last word
 * (`customers`, `newsletterSubscriber`, `leadSchema`) or by a declared contact field (email, phone,
 * first/last name, date of birth, street). One notion for models (flows, erasure) and schemas (flows).
 */
export function isPersonRecord(names: readonly (string | undefined)[], fields: readonly string[], knowledge: Knowledge): boolean {
  const owners = knowledge.personalData.personOwners;
  for (const n of names) {
    if (!n) continue;
    for (const candidate of [n, n.replace(RECORD_SUFFIX, '')]) {
      const parts = splitWords(candidate);
      if (parts.length > 0 && owners.has(parts[parts.length - 1]!)) return true;
    }
  }
  return fields.some((f) => {
    const match = classifyName(f, knowledge);
    return match !== undefined && match.confidence === 'high' && PERSON_FIELD_KINDS.has(match.kind);
  });
}
