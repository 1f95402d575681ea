/**
 * consent-coupling: a service (checkout, order, account sign-up, download, waitlist, contest,
 * contact, event) that cannot be used without agreeing to marketing: a required or
 * only-true marketing field, a submit button disabled until it is ticked, a handler that
 * rejects the request without it (Art. 7(4) GDPR, recital 43, the "Kopplungsverbot").
 */
import type { ConsentRequirement, FormFact, Span } from '../facts/types';
import { inferPurpose, pathEvidence, type PurposeEntry } from '../facts/forms/purpose';
import { purposeTable, resolveForms } from '../facts/forms/resolve';
import { createRule } from '../rule';

/** Options of `consent-coupling`. */
export interface Options {
  /** Purpose ids where requiring marketing consent is the purpose itself (default: `newsletter`). */
  marketingPurposes: string[];
}

export type MessageIds = 'coupled';

/** What a form or endpoint is for, as far as coupling is concerned. */
export interface ServicePurpose {
  id: string;
  name: string;
  evidence: string;
  confidence: 'high' | 'medium';
}

const HOW: Record<ConsentRequirement['kind'], string> = {
  schema: 'accepted only when true',
  required: 'required',
  'disabled-submit': 'needed before the submit button works',
  rejects: 'checked by a handler that',
};

export const rule = createRule<Options, MessageIds>({
  id: 'consent-coupling',
  meta: {
    title: 'Disallow making a service depend on marketing consent (Kopplungsverbot)',
    type: 'problem',
    defaultSeverity: 'error',
    gdpr: [
      { ref: 'Art. 7(4) GDPR', gist: 'Consent is not freely given when a contract or service is made conditional on consent the service does not need.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#d1e2001-1-1' },
      { ref: 'Recital 43 GDPR', gist: 'Consent is presumed not freely given when the performance of a contract depends on it although it is not necessary.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'Recital 42 GDPR', gist: 'The person must be able to refuse consent without detriment.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'EDPB Guidelines 05/2020, §3.1.2', gist: 'Conditionality: bundling consent with the acceptance of a contract or service is presumed not freely given.' },
      { ref: 'CJEU C-252/21 Meta v Bundeskartellamt', gist: 'Users must be able to refuse processing not necessary for the contract.', url: 'https://curia.europa.eu/juris/liste.jsf?num=C-252/21' },
    ],
    messages: {
      coupled: {
        text: 'The {{purpose}} cannot be completed without {{words}} consent: `{{key}}` is {{how}}.',
        why: 'Consent that a service depends on is not freely given (Art. 7(4), recital 43 GDPR, the "Kopplungsverbot"): the marketing consent is void and the customer feels forced to accept advertising to get what they came for.',
        fix: 'Make `{{key}}` optional and let the form go through when it is not ticked; if marketing consent is the declared price of a free extra, say so plainly and offer an equivalent way without it.',
      },
    },
    schema: {
      type: 'object',
      properties: {
        marketingPurposes: {
          type: 'array',
          items: { type: 'string' },
          description: 'Purpose ids (from the form purpose table) whose very point is marketing, so requiring the marketing box there is not coupling. Default `["newsletter"]`.',
        },
      },
      additionalProperties: false,
    },
    fixable: true,
    hasSuggestions: false,
    description:
      'Reports a marketing field (its key or label names a newsletter, marketing, offers, promotions, partners or advertising, English and German: `newsletter`, `marketingOptIn`, `werbung`, `angebote`; `knowledge/optin-vocabulary.json`) that a service form or endpoint makes mandatory: a schema accepting only `true` (`z.literal(true)`, `.refine(v => v)`, yup `.oneOf([true])` / `.isTrue()`, joi `.valid(true)`, express-validator `.equals(\'true\')`, class-validator `@Equals(true)`), a required checkbox (`required`, `isRequired`, `aria-required`, react-hook-form `register(key, { required })` / `<Controller rules={{ required }}>`), a submit button `disabled` until it is ticked, or a handler (client or server) that throws, answers 4xx or sets an error when it is false. The purpose is the form model’s, one notion for all form rules (`knowledge/form-purposes.json`, English and German, extendable and declarable under `forms` in creepyline.json): the purpose of the form or endpoint holding the field when it is declared or inferred with high confidence, else the nearest name around it that names a purpose (form id, name or action, submit handler, component, function, schema variable, DTO class, route), else the holding form’s weaker inference or the file path (medium confidence, so a warning). Every purpose but those in `marketingPurposes` is a service (checkout, account sign-up, download, waitlist, sweepstake, event, contact, job application, demo request, …); a newsletter form requiring the newsletter box is its own purpose and not coupling, a form whose purpose is unknown is not reported, and a field whose key or label names terms (AGB, Nutzungsbedingungen) or a privacy notice (Datenschutzerklärung) is not marketing consent. Fixes widen what is accepted: remove `required`, `z.literal(true)` → `z.boolean()`, drop `.refine(…)` / `.oneOf([true])`.',
    whenNotToUse:
      'When the marketing consent is the declared price of a free extra (a discount, a sweepstake entry) and an equivalent way without it exists; declare that form\'s purpose in creepyline.json (`forms.declare`) and add its id to `marketingPurposes`.',
    examples: {
      incorrect: [
        {
          title: 'A checkout schema that accepts the order only with the newsletter',
          code: "import { z } from 'zod';\n\nexport const checkoutSchema = z.object({\n  email: z.string().email(),\n  acceptTerms: z.literal(true),\n  newsletter: z.literal(true),\n});\n",
          filename: 'checkout/schema.ts',
        },
        {
          title: 'Bestellung nur mit Werbeeinwilligung',
          code: "export async function POST(request: Request) {\n  const body = await request.json();\n  if (!body.werbung) {\n    return Response.json({ error: 'Bitte Werbung zustimmen' }, { status: 400 });\n  }\n  return Response.json({ ok: true });\n}\n",
          filename: 'app/api/bestellung/route.ts',
        },
      ],
      correct: [
        {
          title: 'Terms must be accepted; the newsletter stays optional',
          code: "import { z } from 'zod';\n\nexport const checkoutSchema = z.object({\n  email: z.string().email(),\n  acceptTerms: z.literal(true),\n  newsletter: z.boolean().default(false),\n});\n",
          filename: 'checkout/schema.ts',
        },
        {
          title: 'A newsletter form may require its own box',
          code: "import { z } from 'zod';\n\nexport const newsletterSchema = z.object({\n  email: z.string().email(),\n  newsletter: z.literal(true),\n});\n",
          filename: 'newsletter/schema.ts',
        },
      ],
    },
  },
  defaultOptions: { marketingPurposes: ['newsletter'] },
  check(context) {
    const { facts, options, config, project } = context;
    const reported = new Set<number>();
    const requirements = facts.consentForms.requirements;
    if (!requirements.length) return;
    const table = purposeTable(config);
    const forms = resolveForms(facts, config, project);
    for (const req of requirements) {
      const purpose = purposeOf(req, forms, table.list, facts.file);
      if (!purpose || options.marketingPurposes.includes(purpose.id) || reported.has(req.span.start)) continue;
      reported.add(req.span.start);
      const how = req.kind === 'rejects' ? `${HOW.rejects} rejects the request when it is not ticked` : `${HOW[req.kind]} (${req.how})`;
      context.report({
        messageId: 'coupled',
        data: { purpose: purpose.name, words: req.words.join('/'), key: req.key, how },
        start: req.span.start,
        end: req.span.end,
        confidence: purpose.confidence,
        fixes: req.fix ? [{ title: req.fix.title, edits: req.fix.edits, safe: true }] : [],
        trace: [
          `The form or endpoint serves a ${purpose.name} (${purpose.evidence}); that service does not need marketing consent.`,
          `\`${req.key}\` names ${req.words.map((w) => `"${w}"`).join(', ')} (marketing opt-in vocabulary, key or label), and it is ${how}.`,
        ],
      });
    }
  },
});

/** A purpose's name for the message (`checkout (physical goods)` → `checkout`). */
function shortName(entry: PurposeEntry): string {
  return entry.name.replace(/\s*\(.*\)$/, '');
}

/** Purposes for decisions from names alone: a sign-up named so needs no password field in view. */
const nameTables = new WeakMap<readonly PurposeEntry[], PurposeEntry[]>();

function byNames(table: readonly PurposeEntry[]): PurposeEntry[] {
  let list = nameTables.get(table);
  if (!list) {
    list = table.map((p) => ({ ...p, requiresInputType: undefined }));
    nameTables.set(table, list);
  }
  return list;
}

/**
 * The purpose of the form or endpoint a requirement sits in, from the form model: the purpose
 * of the form holding it (declared in creepyline.json or inferred with high confidence), else
 * the nearest name around it that names a purpose of the table (form id, submit handler,
 * component, function, schema variable, route), else the holding form's weaker inference or
 * the file path (medium confidence).
 */
function purposeOf(req: ConsentRequirement, forms: readonly FormFact[], table: readonly PurposeEntry[], file: string): ServicePurpose | undefined {
  const holder = holdingForm(req.span, forms);
  const fromForm = (f: FormFact): ServicePurpose | undefined => {
    const entry = f.purpose && table.find((p) => p.id === f.purpose!.id);
    return entry && f.purpose ? { id: entry.id, name: shortName(entry), evidence: f.purpose.source === 'config' ? f.purpose.evidence : `the form's purpose, ${f.purpose.evidence}`, confidence: f.purpose.confidence } : undefined;
  };
  if (holder?.purpose && (holder.purpose.source === 'config' || holder.purpose.confidence === 'high')) return fromForm(holder);
  const names = byNames(table);
  for (const c of req.context) {
    const found = inferPurpose([{ tier: 2, what: c.what, text: c.text }], [], names);
    const entry = found && table.find((p) => p.id === found.id);
    if (found && entry) return { id: entry.id, name: shortName(entry), evidence: found.evidence, confidence: 'high' };
  }
  if (holder?.purpose) return fromForm(holder);
  const path = pathEvidence(file);
  const found = path && inferPurpose([path], [], names);
  const entry = found && table.find((p) => p.id === found.id);
  return found && entry ? { id: entry.id, name: shortName(entry), evidence: found.evidence, confidence: 'medium' } : undefined;
}

/** The smallest form whose span, or one of whose fields, holds the span. */
function holdingForm(span: Span, forms: readonly FormFact[]): FormFact | undefined {
  const within = (outer: Span) => outer.start <= span.start && span.end <= outer.end;
  let best: FormFact | undefined;
  for (const f of forms) {
    if (!within(f.span) && !f.fields.some((x) => within(x.span) || (x.mustBeTrue && within(x.mustBeTrue)))) continue;
    if (!best || f.span.end - f.span.start < best.span.end - best.span.start) best = f;
  }
  return best;
}
