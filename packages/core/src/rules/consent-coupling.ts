/**
 * consent-coupling: a service (checkout, order, account sign-up, download, waitlist, contest,
 * contact, event) that cannot be used without agreeing to marketing: a required or
 * only-true marketing field, a submit button disabled until it is ticked, a handler that
 * rejects the request without it (Art. 7(4) GDPR, recital 43, the "Kopplungsverbot").
 */
import type { ConsentRequirement } from '../facts/types';
import { servicePurpose, type ServicePurpose } from '../facts/consent-coupling';
import { createRule } from '../rule';

/** Options of `consent-coupling`. */
export interface Options {
  /** Purpose ids where requiring marketing consent is the purpose itself (default: `newsletter`). */
  marketingPurposes: string[];
}

export type MessageIds = 'coupled';
export type { ServicePurpose };

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
      'Reports a marketing field (its key or label names a newsletter, marketing, offers, promotions, partners or advertising, English and German: `newsletter`, `marketingOptIn`, `werbung`, `angebote`; `knowledge/optin-vocabulary.json`) that a service form or endpoint makes mandatory: a schema accepting only `true` (`z.literal(true)`, `.refine(v => v)`, yup `.oneOf([true])` / `.isTrue()`, joi `.valid(true)`, express-validator `.equals(\'true\')`, class-validator `@Equals(true)`), a required checkbox (`required`, `isRequired`, `aria-required`, react-hook-form `register(key, { required })` / `<Controller rules={{ required }}>`), a submit button `disabled` until it is ticked, or a handler (client or server) that throws, answers 4xx or sets an error when it is false. The purpose comes from the nearest name around it that names one (form id, name or action, submit handler, component, function, schema variable, Express route), else from the file path (medium confidence, so a warning); the service words are data (`services` in `knowledge/optin-vocabulary.json`, English and German). Only service purposes are reported (checkout, account sign-up, download, waitlist, contest, event, contact, job application); a newsletter form requiring the newsletter box is its own purpose and not coupling, a form whose purpose is unknown is not reported, and a field whose key or label names terms (AGB, Nutzungsbedingungen) or a privacy notice (Datenschutzerklärung) is not marketing consent. Fixes widen what is accepted: remove `required`, `z.literal(true)` → `z.boolean()`, drop `.refine(…)` / `.oneOf([true])`.',
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
    const { facts, options } = context;
    const reported = new Set<number>();
    for (const req of facts.consentForms.requirements) {
      const purpose = servicePurpose(req.context, facts.file);
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
