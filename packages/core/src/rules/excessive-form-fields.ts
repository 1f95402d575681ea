/**
 * excessive-form-fields: a form asks for personal data its purpose does not need (a birth
 * date to send a newsletter, a salutation to sell a ticket). Mandatory fields beyond the
 * purpose are warnings; voluntary ones are info ("say why you ask, or drop it"). Forms
 * whose purpose is neither inferred nor declared are not judged.
 */
import { rangeOf } from '../text';
import purposeCatalogue from '../knowledge/form-purposes.json';
import type { Fix } from '../model';
import { createRule } from '../rule';
import type { FieldEdit, FieldFact, FormFact } from '../facts/types';
import { NEVER_JUDGED, type PurposeEntry } from '../facts/forms/purpose';
import { purposeTable, resolveForms } from '../facts/forms/resolve';

/** Options of `excessive-form-fields`. */
export interface Options {
  /** Report voluntary fields beyond the purpose (info). */
  reportOptional: boolean;
  /** Field names or personal-data kinds never reported (`company` for a B2B newsletter). */
  allowFields: string[];
}

export type MessageIds = 'requiredNotNeeded' | 'requiredOnlyOptional' | 'oneChannelEnough' | 'optionalNotNeeded';

const KIND_NAMES: Record<string, string> = purposeCatalogue.kindNames;

export const rule = createRule<Options, MessageIds>({
  id: 'excessive-form-fields',
  meta: {
    title: 'Disallow form fields that the form’s purpose does not need',
    type: 'suggestion',
    defaultSeverity: 'warning',
    gdpr: [
      { ref: 'Art. 5(1)(c) GDPR', gist: 'Personal data must be adequate, relevant and limited to what the purpose needs (data minimisation).', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#d1e1807-1-1' },
      { ref: 'Art. 25(2) GDPR', gist: 'By default, only the personal data each specific purpose needs may be collected.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#d1e3063-1-1' },
      { ref: 'Art. 13(2)(e) GDPR', gist: 'People must be told whether a field is mandatory and what happens if they leave it out.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#d1e2254-1-1' },
      { ref: 'CJEU C-394/23 Mousse', gist: 'A mandatory title (Mr/Ms) is not necessary to buy a train ticket; a later right to object does not cure it.', url: 'https://curia.europa.eu/juris/liste.jsf?num=C-394/23' },
    ],
    messages: {
      requiredNotNeeded: {
        text: 'The {{purpose}} form requires the {{kind}} ({{field}}), which a {{purpose}} does not need.',
        why: '“Why do they need my {{kind}} for this?” Only the data the purpose needs may be collected, and by default nothing more (Art. 5(1)(c), 25(2) GDPR): {{purposeWhy}}.',
        fix: 'Drop the field, or make it optional and say why you ask.',
      },
      requiredOnlyOptional: {
        text: 'The {{purpose}} form makes the {{kind}} ({{field}}) mandatory; a {{purpose}} may ask for it only voluntarily.',
        why: 'A mandatory field takes data the purpose does not need by default (Art. 25(2) GDPR): {{purposeWhy}}.',
        fix: 'Make it optional and say why you ask (for example “so we can greet you by name”).',
      },
      oneChannelEnough: {
        text: 'The {{purpose}} form requires both the {{otherKind}} and the {{kind}} ({{field}}); one way to reply is enough.',
        why: 'Two mandatory contact channels take more than the purpose needs (Art. 5(1)(c), 25(2) GDPR): {{purposeWhy}}.',
        fix: 'Make the {{kind}} optional and say why you ask.',
      },
      optionalNotNeeded: {
        text: 'The {{purpose}} form asks for the {{kind}} ({{field}}), which a {{purpose}} does not need.',
        why: 'Even a voluntary field collects data beyond the purpose unless people know why it is asked (Art. 5(1)(c), 13(2)(e), 25(2) GDPR): {{purposeWhy}}.',
        fix: 'Say why you ask, or drop it.',
      },
    },
    schema: {
      type: 'object',
      properties: {
        reportOptional: {
          type: 'boolean',
          description: 'Report voluntary fields the purpose does not need (at info). Default: true.',
        },
        allowFields: {
          type: 'array',
          items: { type: 'string' },
          description: 'Field names (`company`) or personal-data kinds (`jobTitle`, `phone`) this rule never reports, e.g. the company of a B2B newsletter.',
        },
      },
      additionalProperties: false,
    },
    fixable: false,
    hasSuggestions: true,
    description:
      'Judges every form whose purpose is known: inferred from a newsletter provider it submits to (Mailchimp, Brevo, Klaviyo, ConvertKit, Buttondown), from the form’s and component’s names, ids, submit handler and target, from headings and the submit button’s text, or from its route and file path (English and German), or declared in `creepyline.json` under `forms.declare` (by component, form id, route or file glob). Fields are classified by the shared personal-data vocabulary from their name, label, `aria-label` or placeholder, in HTML, JSX, component libraries (MUI, Chakra, Mantine, Ant Design, shadcn/ui), react-hook-form, Formik and zod/yup/valibot/joi schemas (a schema and the fields it validates are one field, also across files). What endpoints accept is judged too: zod/yup/joi/valibot schemas validated or declared in server code (Express/Fastify routes `app.post(\'/api/newsletter\', …)` with `schema.parse(req.body)`, `validate(schema)` / celebrate / Hono `zValidator` middleware, Next.js `POST` route handlers, server actions, NestJS controller methods; a schema imported from another project file counts there), express-validator chains (`body(\'email\').isEmail()`, required unless `.optional()`) and class-validator DTO classes (`@IsEmail() email`, required unless `@IsOptional()`); their purpose comes from the route path, the handler or server action, the schema, validator list or DTO class name (`/api/newsletter`, `subscribe`, `SubscribeDto`), never from names of record operations (`CreateLeadDto`, `updateContactSchema`: what a CRM or an admin API stores) or an API file\'s folder (`leads/`), and counts only when the endpoint has a field the purpose needs (a contact endpoint without a message is no contact form). One field, one finding: an endpoint that a rendered form of the same package feeds (the form posts to its route, calls its server action, or uses the same schema) is judged through that form only; an endpoint no analysed form feeds (a form in another repository, an app, a partner integration) is judged on its own. The purpose table (`knowledge/form-purposes.json`, extendable under `forms.purposes`) says which fields a purpose may require and which it may only ask for voluntarily: a mandatory field beyond that is a warning, a voluntary one is info. Forms whose purpose is unknown are not reported. Suggestions make the field optional (remove `required`, add `.optional()`, `required: false`) or remove it (markup and schema together when both are in the file).',
    whenNotToUse:
      'When a field beyond the usual purpose is required by law or by the service itself (an age-restricted shop needs a birth date): declare the purpose and its fields under `forms.purposes`, or list the field in `allowFields`.',
    examples: {
      incorrect: [
        {
          title: 'A newsletter sign-up that requires a birth date',
          code: '<form action="https://example.us21.list-manage.com/subscribe/post?u=1&id=2" method="post">\n  <label for="email">Email</label>\n  <input id="email" name="EMAIL" type="email" required>\n  <label for="dob">Date of birth</label>\n  <input id="dob" name="BIRTHDAY" type="date" required>\n  <button>Subscribe</button>\n</form>\n',
          filename: 'newsletter.html',
        },
        {
          title: 'A German contact form with a mandatory salutation (zod)',
          code: "import { z } from 'zod';\nimport { useForm } from 'react-hook-form';\nimport { zodResolver } from '@hookform/resolvers/zod';\n\nconst schema = z.object({\n  anrede: z.enum(['Herr', 'Frau']),\n  email: z.string().email(),\n  nachricht: z.string().min(1),\n});\n\nexport function KontaktFormular() {\n  const { register, handleSubmit } = useForm({ resolver: zodResolver(schema) });\n  return (\n    <form onSubmit={handleSubmit(send)}>\n      <label>Anrede <select {...register('anrede')}><option>Herr</option><option>Frau</option></select></label>\n      <label>E-Mail <input type=\"email\" {...register('email')} /></label>\n      <label>Nachricht <textarea {...register('nachricht')} /></label>\n      <button type=\"submit\">Senden</button>\n    </form>\n  );\n}\n\ndeclare function send(values: unknown): void;\n",
          filename: 'KontaktFormular.tsx',
        },
        {
          title: 'A newsletter endpoint (express-validator) that requires a phone number',
          code: "import { Router } from 'express';\nimport { body } from 'express-validator';\n\nconst router = Router();\n\nrouter.post('/api/newsletter', [\n  body('email').isEmail(),\n  body('phone').isMobilePhone('any'),\n], (req, res) => res.status(202).end());\n",
          filename: 'routes/newsletter.ts',
        },
      ],
      correct: [
        {
          title: 'A newsletter sign-up that asks only for the email address',
          code: '<form action="https://example.us21.list-manage.com/subscribe/post?u=1&id=2" method="post">\n  <label for="email">Email</label>\n  <input id="email" name="EMAIL" type="email" required>\n  <button>Subscribe</button>\n</form>\n',
          filename: 'newsletter.html',
        },
        {
          title: 'A voluntary first name the purpose allows',
          code: 'export function NewsletterSignup() {\n  return (\n    <form action="/api/newsletter" method="post">\n      <input name="email" type="email" aria-label="Email" required />\n      <input name="firstName" aria-label="First name (optional, to greet you)" />\n      <button type="submit">Subscribe</button>\n    </form>\n  );\n}\n',
          filename: 'NewsletterSignup.tsx',
        },
        {
          title: 'A NestJS sign-up DTO asking only for the email address and an optional first name',
          code: "import { IsEmail, IsOptional, IsString } from 'class-validator';\n\nexport class NewsletterSignupDto {\n  @IsEmail()\n  email: string;\n\n  @IsOptional()\n  @IsString()\n  firstName?: string;\n}\n",
          filename: 'src/newsletter/newsletter-signup.dto.ts',
        },
        {
          title: 'A form whose purpose is unknown is not judged',
          code: '<form>\n  <input name="email" type="email" required>\n  <input name="birthday" type="date" required>\n  <button>Save</button>\n</form>\n',
          filename: 'profile.html',
        },
      ],
    },
  },
  defaultOptions: { reportOptional: true, allowFields: [] },
  check(context) {
    const { facts, options, config, project } = context;
    if (!facts.forms?.length) return;
    const table = purposeTable(config);
    const allowed = new Set(options.allowFields.map((f) => f.toLowerCase()));
    for (const form of resolveForms(facts, config, project)) {
      const purpose = form.purpose && table.byId.get(form.purpose.id);
      if (!form.purpose || !purpose) continue;
      // An endpoint a rendered form of the project feeds is judged through that form (one finding per field).
      if (form.kind === 'route' && project?.formsFeeding?.(form).length) continue;
      const necessary = new Set(purpose.necessary.filter((n): n is string => typeof n === 'string'));
      const groups = purpose.necessary.filter((n): n is string[] => Array.isArray(n));
      const optional = new Set(purpose.optional);
      // One-of groups: the first required member (in form order) is the needed one.
      const firstRequired = new Map<string[], FieldFact>();
      for (const field of form.fields) {
        const kind = field.classification?.kind;
        const group = kind && groups.find((g) => g.includes(kind));
        if (group && field.required && !firstRequired.has(group)) firstRequired.set(group, field);
      }
      const seen = new Set<string>();
      for (const field of form.fields) {
        const c = field.classification;
        if (!c || field.hidden || NEVER_JUDGED.has(c.kind)) continue;
        if (allowed.has(c.kind.toLowerCase()) || (field.name && allowed.has(field.name.toLowerCase()))) continue;
        // The same field rendered twice (e.g. a hidden copy) is judged once.
        const key = `${field.name}\0${c.kind}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (necessary.has(c.kind)) continue;
        const group = groups.find((g) => g.includes(c.kind));
        let messageId: MessageIds | undefined;
        let other: FieldFact | undefined;
        if (group) {
          const first = firstRequired.get(group);
          if (!field.required || first === field) continue;
          messageId = 'oneChannelEnough';
          other = first;
        } else if (optional.has(c.kind)) {
          if (!field.required) continue;
          messageId = 'requiredOnlyOptional';
        } else {
          messageId = field.required ? 'requiredNotNeeded' : 'optionalNotNeeded';
          if (!field.required && !options.reportOptional) continue;
        }
        report(context, form, purpose, field, messageId, other);
      }
    }
  },
});

function kindName(kind: string): string {
  return KIND_NAMES[kind] ?? kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function fieldName(field: FieldFact): string {
  const text = field.label ?? field.placeholder;
  return text ? `“${text.length > 40 ? `${text.slice(0, 37)}...` : text}”` : `\`${field.name}\``;
}

function report(
  context: Parameters<typeof rule.check>[0],
  form: FormFact,
  purpose: PurposeEntry,
  field: FieldFact,
  messageId: MessageIds,
  other?: FieldFact,
): void {
  const c = field.classification!;
  const fixes: Fix[] = [];
  const label = field.label ?? field.name;
  if (field.required && field.optionalEdits?.length && disjoint(field.optionalEdits)) {
    fixes.push({ title: `Make “${label}” optional`, edits: sorted(field.optionalEdits), safe: false });
  }
  if (field.removeEdits?.length && disjoint(field.removeEdits)) {
    const remove = { title: field.removeEdits.length > 1 ? `Remove “${label}” (field and schema)` : `Remove “${label}”`, edits: sorted(field.removeEdits), safe: false };
    // A field the purpose does not need at all: removing it comes first (a voluntary copy would still be beyond the purpose).
    if (messageId === 'requiredNotNeeded') fixes.unshift(remove);
    else fixes.push(remove);
  }
  const needed = purpose.necessary.map((n) => (Array.isArray(n) ? n.map(kindName).join(' or ') : kindName(n))).join(', ') || 'nothing personal';
  const voluntary = purpose.optional.map(kindName).join(', ') || 'nothing else';
  const purposeConfidence = form.purpose!.confidence ?? 'high';
  const trace = [
    `Purpose: ${purpose.name} (${form.purpose!.source === 'config' ? '' : 'inferred from '}${form.purpose!.evidence}).`,
    `The field is a ${kindName(c.kind)}: its ${c.from === 'label' ? 'label or placeholder' : 'name'} says “${c.word}”${c.confidence === 'medium' ? ' (medium confidence)' : ''}.`,
    `It is ${field.required ? 'mandatory' : 'voluntary'}${field.required && field.schemaRef && field.schemaRef.file !== context.facts.file ? ` (by the schema in ${field.schemaRef.file.split(/[\\/]/).slice(-2).join('/')})` : ''}.`,
    `A ${purpose.name} needs: ${needed}; it may ask voluntarily for: ${voluntary} (${purpose.source}).`,
  ];
  context.report({
    messageId,
    data: { purpose: purpose.name, kind: kindName(c.kind), field: fieldName(field), purposeWhy: purpose.why || `a ${purpose.name} needs ${needed}`, otherKind: other?.classification ? kindName(other.classification.kind) : '' },
    start: field.span.start,
    end: field.span.end,
    confidence: c.confidence === 'medium' || purposeConfidence === 'medium' ? 'medium' : 'high',
    // A mandatory name on a contact or download form is common and debatable: info; a newsletter's is a warning (voluntaryOnly).
    severityCap: messageId === 'optionalNotNeeded' || (messageId === 'requiredOnlyOptional' && !purpose.voluntaryOnly) ? 'info' : undefined,
    fixes,
    trace,
    // the schema entry that makes it mandatory, when it is in this file (where "Make … optional" edits)
    related: field.required && field.schemaRef && field.schemaRef.file === context.facts.file && !within(field.schemaRef.span, field.span)
      ? [{ file: field.schemaRef.file, range: rangeOf(context.facts.lineStarts, field.schemaRef.span.start, field.schemaRef.span.end), message: `the schema entry that makes ${fieldName(field)} mandatory` }]
      : undefined,
  });
}

function within(inner: { start: number; end: number }, outer: { start: number; end: number }): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function sorted(edits: FieldEdit[]): FieldEdit[] {
  return [...edits].sort((a, b) => a.start - b.start);
}

function disjoint(edits: FieldEdit[]): boolean {
  const s = sorted(edits);
  for (let i = 1; i < s.length; i++) if (s[i].start < s[i - 1].end) return false;
  return true;
}
