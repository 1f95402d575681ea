/**
 * Purpose inference: what a form is for, from the evidence around it, strongest first:
 * 1. it submits to a newsletter provider's endpoint (Mailchimp, Brevo, Klaviyo, ConvertKit, Buttondown);
 * 2. its own names: form id/name/aria-label, the component, the submit handler, the action or route it posts to;
 * 3. what the visitor reads: headings and legend inside the form, the submit button's text;
 * 4. where it lives: the route / file path.
 * The first tier with a match decides; within a tier the purpose with the higher priority wins.
 * A form without evidence has no purpose, and `excessive-form-fields` stays silent on it.
 */
import purposeCatalogue from '../../knowledge/form-purposes.json';
import { activeCatalogues } from '../../knowledge/catalogues';
import { splitUrl } from '../embeds';
import type { FieldFact, FormPurpose } from '../types';
import { KeywordMatcher, wordsOf } from './words';

/** One purpose of the table (`knowledge/form-purposes.json`, extended by `forms.purposes` in config). */
export interface PurposeEntry {
  id: string;
  name: string;
  /** Kinds the form may require; a nested list: only one of them may be required. */
  necessary: (string | string[])[];
  /** Kinds the form may ask for voluntarily. */
  optional: string[];
  keywords: string[];
  requiresInputType?: string;
  /** Making an optional kind mandatory is a warning (guidance says it must stay voluntary); else info. */
  voluntaryOnly?: boolean;
  priority: number;
  why: string;
  source: string;
}

/** One piece of evidence about a form's purpose. */
export interface PurposeEvidence {
  tier: 1 | 2 | 3 | 4;
  /** What the text is (`component`, `form id`, `submit button`, `heading`, `file path`, `action`). */
  what: string;
  text: string;
}

export const BUILTIN_PURPOSES: readonly PurposeEntry[] = purposeCatalogue.purposes as PurposeEntry[];

/** Kinds the rule never weighs against a purpose (free text, technical ids). */
export const NEVER_JUDGED: ReadonlySet<string> = new Set(purposeCatalogue.neverJudged);

interface CompiledPurpose {
  entry: PurposeEntry;
  matcher: KeywordMatcher;
}

const compiled = new WeakMap<readonly PurposeEntry[], CompiledPurpose[]>();

function compile(table: readonly PurposeEntry[]): CompiledPurpose[] {
  let list = compiled.get(table);
  if (!list) {
    list = table.map((entry) => ({ entry, matcher: new KeywordMatcher(entry.keywords) }));
    compiled.set(table, list);
  }
  return list;
}

/** The newsletter provider a form action or request URL submits to, if any. */
export function newsletterProvider(url: string): { id: string; name: string } | undefined {
  const parts = splitUrl(url);
  if (!parts) return undefined;
  const host = parts.host.replace(/^www\./, '');
  const pathSegments = parts.path.split('/').filter(Boolean);
  for (const provider of activeCatalogues().newsletterEndpoints.providers) {
    for (const pattern of provider.hosts) {
      const [patternHost, ...patternPath] = pattern.split('/');
      if (host !== patternHost && !host.endsWith(`.${patternHost}`)) continue;
      const want = patternPath.filter(Boolean);
      if (want.length > pathSegments.length) continue;
      if (want.every((segment, i) => segment === '*' || segment === pathSegments[i])) return { id: provider.id, name: provider.name };
    }
  }
  return undefined;
}

/**
 * Infers a form's purpose from its evidence and fields; undefined when nothing decides it.
 * `needsNecessaryField` (endpoints, whose names are less telling: a CRM's `CreateContactDto` is
 * no contact form): a purpose counts only when the form has a field of a kind it needs.
 */
export function inferPurpose(evidence: readonly PurposeEvidence[], fields: readonly FieldFact[], table: readonly PurposeEntry[] = BUILTIN_PURPOSES, needsNecessaryField = false): FormPurpose | undefined {
  const inputTypes = new Set(fields.map((f) => f.inputType?.toLowerCase()));
  const kinds = new Set(fields.map((f) => f.classification?.kind));
  const purposes = compile(table).filter(({ entry }) => !needsNecessaryField || hasNeededField(entry, kinds));
  for (const tier of [1, 2, 3, 4] as const) {
    let best: { entry: PurposeEntry; text: string; what: string; keyword: string } | undefined;
    for (const item of evidence) {
      if (item.tier !== tier) continue;
      if (tier === 1) {
        const provider = newsletterProvider(item.text);
        const entry = provider && table.find((p) => p.id === 'newsletter');
        if (provider && entry) return { id: entry.id, source: 'inferred', evidence: `submits to ${provider.name} (${shorten(item.text)})`, confidence: 'high' };
        continue;
      }
      const words = wordsOf(item.text);
      for (const { entry, matcher } of purposes) {
        if (entry.keywords.length === 0) continue;
        if (entry.requiresInputType && !inputTypes.has(entry.requiresInputType)) continue;
        const keyword = matcher.match(words);
        if (keyword === undefined) continue;
        if (!best || entry.priority > best.entry.priority) best = { entry, text: item.text, what: item.what, keyword };
      }
    }
    if (best) return { id: best.entry.id, source: 'inferred', evidence: `${best.what} "${shorten(best.text)}" ("${best.keyword}")`, confidence: tier <= 2 ? 'high' : 'medium' };
  }
  return undefined;
}

/** The form has a field of a kind the purpose needs outright (else of one of its one-of groups): a contact form has a message. */
function hasNeededField(entry: PurposeEntry, kinds: ReadonlySet<string | undefined>): boolean {
  const outright = entry.necessary.filter((n): n is string => typeof n === 'string');
  return (outright.length ? outright : entry.necessary.flat()).some((k) => kinds.has(k));
}

/**
 * The route a page file serves: Next.js app router (`app/kontakt/page.tsx` → `/kontakt`,
 * route groups dropped), pages router (`pages/newsletter.tsx` → `/newsletter`), route
 * handlers (`app/api/subscribe/route.ts` → `/api/subscribe`).
 */
export function routeOf(file: string): string | undefined {
  const posix = file.split('\\').join('/');
  const app = /\/app\/((?:[^/]+\/)*?)(?:page|route)\.[jt]sx?$/.exec(posix);
  if (app) return `/${app[1].split('/').filter((s) => s && !/^\(.*\)$/.test(s)).join('/')}`;
  const pages = /\/pages\/(.+)\.[jt]sx?$/.exec(posix);
  if (pages && !/(^|\/)_/.test(pages[1])) return `/${pages[1].replace(/(^|\/)index$/, '')}`;
  return undefined;
}

/** Evidence from a file path: the last folders and the file name (`app/kontakt/page.tsx` → `kontakt page`). */
export function pathEvidence(file: string): PurposeEvidence | undefined {
  const parts = file.split(/[\\/]/).filter(Boolean).slice(-4);
  const last = parts.pop();
  if (last === undefined) return undefined;
  const name = last.replace(/\.[a-z]+$/i, '');
  const text = [...parts, name].filter((p) => !/^(src|app|pages|components|routes|views|index|page|layout|\(.*\)|\[.*\])$/i.test(p)).join('/');
  return text ? { tier: 4, what: 'file path', text } : undefined;
}

function shorten(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}
