/**
 * consent-not-recorded: consent stored without the proof Art. 7(1) GDPR asks for (when,
 * which text or version, how), a bare "true" in browser storage as the only record, and
 * newsletter sign-ups subscribed without a confirmation step (double opt-in).
 */
import { createRule } from '../rule';

/** Options of `consent-not-recorded`. */
export interface Options {
  /** Property names your schema uses to record proof (e.g. `consentLogId`): a record with one of them is not reported. */
  proofFields: string[];
  /** Report consent kept only as a bare "true" in localStorage, sessionStorage or a cookie. */
  clientStorage: boolean;
  /** Report newsletter sign-ups marked subscribed without a confirmation step. */
  doubleOptIn: boolean;
}

export type MessageIds = 'noProof' | 'partialProof' | 'clientFlag' | 'singleOptIn';

const MISSING: Record<'when' | 'what' | 'how', string> = { when: 'when it was given', what: 'which text or version was shown', how: 'how it was given' };

export const rule = createRule<Options, MessageIds>({
  id: 'consent-not-recorded',
  meta: {
    title: 'Require stored consent to carry its proof (when, which text, how)',
    type: 'problem',
    defaultSeverity: 'warning',
    gdpr: [
      { ref: 'Art. 7(1) GDPR', gist: 'Where processing is based on consent, the controller must be able to demonstrate that the person consented.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#d1e2001-1-1' },
      { ref: 'Art. 5(2) GDPR', gist: 'Accountability: the controller must be able to show compliance.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'CJEU C-61/19 Orange Romania', gist: 'The controller bears the burden of proving valid consent; a box it ticked itself proves nothing.', url: 'https://curia.europa.eu/juris/liste.jsf?num=C-61/19' },
      { ref: 'EDPB Guidelines 05/2020, §5.1', gist: 'Keep a record showing when and how consent was obtained and what information was given at the time.' },
      { ref: 'BGH I ZR 164/09', gist: 'Each consent to email or telephone advertising must be documented completely; a confirmed double opt-in is accepted proof for email advertising.' },
    ],
    messages: {
      noProof: {
        text: '`{{key}}` is written to {{api}} without any record of {{missing}}.',
        why: 'A consent flag alone cannot show that, when and to what the person agreed, and the burden of proof is yours: without it the consent you rely on may not count (Art. 7(1) GDPR, CJEU C-61/19).',
        fix: 'Store the consent with the time, the version of the text shown and how it was given (form, source), ideally as an entry in an append-only consent log.',
      },
      partialProof: {
        text: '`{{key}}` is written to {{api}} without {{missing}}.',
        why: 'A time or a text version alone does not show what the person was told when agreeing; the record should also show which text or version and how consent was given (Art. 7(1) GDPR, EDPB Guidelines 05/2020 §5.1).',
        fix: 'Add what is missing (the time, the version of the consent text, the source form or page) to the record.',
      },
      clientFlag: {
        text: 'The consent choice is kept only as `{{key}}` = `{{value}}` in {{api}}.',
        why: 'A bare "true" in the browser says neither when nor to what the visitor agreed and disappears when storage is cleared, so it cannot demonstrate consent (Art. 7(1) GDPR).',
        fix: 'Keep the choice with its time and the banner or text version (and a server-side record where you rely on it), or let a consent tool keep the record.',
      },
      singleOptIn: {
        text: 'The newsletter sign-up marks the address subscribed at once ({{detail}}), without a confirmation step.',
        why: 'Without a double opt-in (a confirmation link sent to the address) you cannot show that the owner of the address asked for the newsletter; German courts accept a confirmed double opt-in as proof for email advertising (BGH I ZR 164/09, Art. 7(1) GDPR).',
        fix: 'Add the address as pending, send a confirmation link, and mark it subscribed (with the time) only when the link is clicked.',
      },
    },
    schema: {
      type: 'object',
      properties: {
        proofFields: {
          type: 'array',
          items: { type: 'string' },
          description: 'Property names your schema uses to record consent proof (e.g. `consentLogId`, `optInEventId`); a record writing one of them is not reported.',
        },
        clientStorage: { type: 'boolean', description: 'Report consent kept only as a bare "true" / "yes" in localStorage, sessionStorage or a cookie (medium confidence). Default true.' },
        doubleOptIn: { type: 'boolean', description: 'Report newsletter sign-ups marked subscribed without a confirmation step (info). Default true.' },
      },
      additionalProperties: false,
    },
    fixable: true,
    hasSuggestions: false,
    description:
      'Reports (a) consent flags (keys naming a newsletter, marketing, offers, partners or consent, English and German: `newsletter`, `acceptsMarketing`, `marketingConsent`, `werbeeinwilligung`) with a yes value written through Prisma (`create`/`update`/`upsert` `data`), Drizzle (`insert().values()`, `update().set()`), TypeORM (`save`, `insert`, `update`), Mongoose / MongoDB (`create`, `updateOne`, `findOneAndUpdate`, `$set`), Knex or Supabase (`insert`, `update`, `upsert`) and Firestore (`setDoc`, `addDoc`, `updateDoc`, `ref.set`) when the same record has no field recording when (`*At`, `*Date`, `timestamp`, `new Date()`, `serverTimestamp()`), which text (`version`, `text`, `policy`, `hash`) and how (`source`, `ip`, `userAgent`, `form`, `channel`): a warning when nothing is recorded, info when only a time is; (b) browser-storage writes of a bare yes (`localStorage.setItem(\'newsletterConsent\', \'true\')`, js-cookie `Cookies.set`, `document.cookie = \'consent=yes\'`) at medium confidence; writes of a consent tool\'s own cookie are the tool\'s record and not reported (`knowledge/consent-storage.json`); (c) newsletter sign-ups that set the subscriber straight to subscribed / active (Mailchimp `status: \'subscribed\'`, Brevo `createContact`, or a write to a subscribers table with `status: \'active\'` / `confirmed: true` in a file without any confirmation step), as info, with a fix switching Mailchimp to `\'pending\'` (its double opt-in). Write shapes and proof words are data with sources (`knowledge/consent-records.json`). A value of `false` (a withdrawal) is not reported.',
    whenNotToUse:
      'When consent records are kept by a dedicated service whose call you make next to the write (declare its field names in `proofFields`), or when the written flag is not consent but a user setting without legal weight.',
    examples: {
      incorrect: [
        {
          title: 'A marketing flag saved with Prisma, nothing else',
          code: "import { prisma } from './db';\n\nexport async function saveOrder(userId: string, body: { newsletter: boolean }) {\n  await prisma.user.update({\n    where: { id: userId },\n    data: { newsletter: body.newsletter },\n  });\n}\n",
          filename: 'orders.ts',
        },
        {
          title: 'Einwilligung als Cookie ohne Nachweis',
          code: "export function zustimmen() {\n  document.cookie = 'werbeEinwilligung=ja; path=/; max-age=31536000';\n}\n",
          filename: 'banner.js',
        },
        {
          title: 'Mailchimp sign-up without double opt-in',
          code: "import mailchimp from '@mailchimp/mailchimp_marketing';\n\nexport async function subscribe(email: string) {\n  await mailchimp.lists.addListMember('abc123', { email_address: email, status: 'subscribed' });\n}\n",
          filename: 'subscribe.ts',
        },
      ],
      correct: [
        {
          title: 'The consent saved with its time, text version and source',
          code: "import { prisma } from './db';\n\nexport async function saveOrder(userId: string, body: { newsletter: boolean }, ip: string) {\n  await prisma.user.update({\n    where: { id: userId },\n    data: {\n      newsletter: body.newsletter,\n      newsletterConsentAt: new Date(),\n      newsletterTextVersion: 'nl-2024-03',\n      newsletterSource: 'checkout-form',\n    },\n  });\n}\n",
          filename: 'orders.ts',
        },
        {
          title: 'A withdrawal (false) is not a consent claim',
          code: "import { prisma } from './db';\n\nexport async function unsubscribe(id: string) {\n  await prisma.user.update({ where: { id }, data: { newsletter: false } });\n}\n",
          filename: 'unsubscribe.ts',
        },
        {
          title: 'Mailchimp double opt-in',
          code: "import mailchimp from '@mailchimp/mailchimp_marketing';\n\nexport async function subscribe(email: string) {\n  await mailchimp.lists.addListMember('abc123', { email_address: email, status: 'pending' });\n}\n",
          filename: 'subscribe.ts',
        },
      ],
    },
  },
  defaultOptions: { proofFields: [], clientStorage: true, doubleOptIn: true },
  check(context) {
    const { facts, options } = context;
    for (const write of facts.consentRecords.writes) {
      if (write.kind === 'client') {
        if (!options.clientStorage) continue;
        context.report({
          messageId: 'clientFlag',
          data: { key: write.key, value: write.value, api: write.api },
          start: write.span.start,
          end: write.span.end,
          confidence: 'medium',
          trace: [`\`${write.key}\` names consent (consent vocabulary) and the value written is a bare "${write.value}": no time, no text version, no source.`],
        });
        continue;
      }
      if (write.siblingKeys.some((k) => options.proofFields.includes(k))) continue;
      const missing = (['when', 'what', 'how'] as const).filter((k) => !write.proof[k]);
      // The text version with a time or a source is a record; a time or a version alone is half of one.
      if (write.proof.what && (write.proof.when || write.proof.how)) continue;
      const partial = write.proof.when || write.proof.what;
      context.report({
        messageId: partial ? 'partialProof' : 'noProof',
        data: { key: write.key, api: write.api, missing: missing.map((m) => MISSING[m]).join(', ').replace(/, ([^,]*)$/, ' or $1') },
        start: write.span.start,
        end: write.span.end,
        confidence: write.spread ? 'medium' : 'high',
        severityCap: partial ? 'info' : undefined,
        trace: [
          `\`${write.key}\` is a consent flag (opt-in vocabulary) written by ${write.api}${write.target ? ` to \`${write.target}\`` : ''}.`,
          write.siblingKeys.length ? `The same record writes ${write.siblingKeys.map((k) => `\`${k}\``).join(', ')}: none of them records ${missing.map((m) => MISSING[m]).join(', ')}.` : 'The record writes nothing else.',
          ...(write.spread ? ['The record also spreads an object whose keys are not visible here (medium confidence).'] : []),
        ],
      });
    }
    if (options.doubleOptIn) {
      for (const s of facts.consentRecords.singleOptIns) {
        context.report({
          messageId: 'singleOptIn',
          data: { detail: s.detail.replace(/\s+/g, ' ').slice(0, 80) },
          start: s.span.start,
          end: s.span.end,
          severityCap: 'info',
          fixes: s.fixValue ? [{ title: "Add the address as 'pending' (Mailchimp sends the confirmation email)", edits: [{ ...s.fixValue.span, text: s.fixValue.text }], safe: false }] : [],
          trace: [`${s.api}${s.target ? ` (\`${s.target}\`)` : ''} marks the address subscribed directly, and this file has no confirmation step (no confirm / token / double opt-in code).`],
        });
      }
    }
  },
});
