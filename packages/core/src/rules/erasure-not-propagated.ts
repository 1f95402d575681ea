/**
 * erasure-not-propagated: a path that deletes or anonymises a customer, user, subscriber or
 * account, but does not pass the erasure on to the processors the project hands their data to
 * (payment, newsletter, CRM, analytics, support, ads). Cross-file: helpers in other modules
 * are followed through imports and injected classes.
 */
import { createRule } from '../rule';
import type { RelatedLocation } from '../model';
import type { ProcessorEntry } from '../knowledge/types';

/** Options of `erasure-not-propagated`. */
export interface Options {
  /** Processor ids not required on deletion paths (e.g. erased by a nightly job the code does not show). */
  ignoreProcessors: string[];
  /** Report soft deletes (deletedAt / active: false) at info. Default true. */
  reportSoftDelete: boolean;
}

export type MessageIds = 'notPropagated' | 'softDelete';

export const rule = createRule<Options, MessageIds>({
  id: 'erasure-not-propagated',
  meta: {
    title: 'Require deletion paths to pass the erasure on to every processor the project uses',
    type: 'problem',
    defaultSeverity: 'warning',
    gdpr: [
      { ref: 'Art. 17(1) GDPR', gist: 'A person may have their data erased (also after withdrawing consent or objecting to direct marketing).', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'Art. 19 GDPR', gist: 'Communicate every erasure to each recipient the data were disclosed to, unless impossible or disproportionate.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'Art. 17(2) GDPR', gist: 'Take reasonable steps, including technical measures, to inform others processing the data of the erasure request.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'Art. 28(3)(e), (g) GDPR', gist: 'Processors assist with data-subject requests and delete the data when told to.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'CJEU C-129/21 Proximus', gist: 'The controller must take technical and organisational measures to inform those it passed the data to of an erasure request.', url: 'https://curia.europa.eu/juris/liste.jsf?num=C-129/21' },
    ],
    messages: {
      notPropagated: {
        text: '{{name}} deletes the {{subject}} here but never tells {{missed}}.',
        why: 'The person asked to be forgotten, yet their data stays with {{missedNames}}, who keep mailing, charging or profiling them; Art. 17 and 19 GDPR require passing the erasure on to every recipient, processors included.',
        fix: 'From this path, call (or enqueue) the erasure of each: {{calls}}.',
      },
      softDelete: {
        text: '{{name}} only flags the {{subject}} as deleted ({{evidence}}); the data stays{{missedPart}}.',
        why: 'A deleted-flag hides the person in your app but keeps their data, in your database and with your processors; that is not erasure under Art. 17 GDPR.',
        fix: 'After any grace period, delete or anonymise the record for real and call the processors’ erasure{{callsPart}}.',
      },
    },
    schema: {
      type: 'object',
      properties: {
        ignoreProcessors: {
          type: 'array',
          items: { type: 'string' },
          description: 'Processor ids (`stripe`, `mailchimp`, `hubspot`, `posthog`, … or your own from `processors`) not required on deletion paths, e.g. because a scheduled job erases there.',
        },
        reportSoftDelete: { type: 'boolean', description: 'Report deletion paths that only set a deleted flag (`deletedAt`, `active: false`) at info. Default true.' },
      },
      additionalProperties: false,
    },
    fixable: false,
    hasSuggestions: false,
    description:
      'Finds the paths that delete or anonymise a person: functions and methods named for it (`deleteUser`, `deleteAccount`, `eraseCustomer`, `anonymizeSubscriber`, `kontoLoeschen`, `kundeLöschen`; `remove` in a `UsersService`), route handlers (`app.delete(\'/account\')`, `router.post(\'/users/:id/delete\')`, Next.js `DELETE` in `app/api/account/route.ts`), and functions that delete person records (Prisma `prisma.user.delete`, Mongoose `User.findByIdAndDelete`, TypeORM `userRepository.delete`, Sequelize `User.destroy`, Knex `knex(\'users\').del()`, Drizzle `db.delete(users)`, Supabase `from(\'users\').delete()` and `auth.admin.deleteUser`). It then collects the processors the project uses (SDK imports and API requests of the processor catalogue `knowledge/processors.json`, in every file of the package, and ids listed in the config key `processors`) and, following the path through the file’s helpers, imported functions (also through re-exports) and methods of injected project classes, the erasure calls it reaches. A path that reaches none or only some of the processors that offer an erasure API is reported, naming each processor missed with its erasure call (Stripe `customers.del`, Mailchimp `deleteListMemberPermanent` rather than the archiving `deleteListMember`, HubSpot GDPR delete, Klaviyo deletion job, PostHog person delete, Segment/RudderStack regulations, Intercom, Brevo, Mixpanel, Amplitude, Customer.io, …); related locations point at where each missed processor is used. A helper called by another deletion path is not reported on its own. A path that only sets a deleted flag is reported at info. Functions whose name says they remove test data the project created itself (`deleteTestPartner`, `unseedUser`, `cleanupFixtures`, `loescheTestkunden`) are not deletion paths: no processor ever received those people. Nor are functions whose name says they delete a tenant’s records (`deleteWorkspaceCustomers`, `purgeProjectUsers`, `kundenDesMandantenLoeschen`): they are steps of deleting a workspace, project, team or organisation, whose end customers or members leave in bulk; the tenant’s own deletion path is judged where it is. One-off admin scripts (`scripts/bulk-delete-users.ts`) are reported like any code; teams that keep such scripts or end-to-end helpers in folders of their own (`scripts/`, `e2e/`, `playwright/`) and handle erasure there by hand add those folders to `ignore` (the default config template already ignores test files and `__tests__` and `fixtures` folders).',
    whenNotToUse:
      'When erasure at processors runs elsewhere (a queue worker, a data-subject-request tool such as a privacy platform) that the code does not show: list those processors in `ignoreProcessors`.',
    examples: {
      incorrect: [
        {
          title: 'Deleting the account in the database only, while Stripe and Mailchimp hold the customer',
          code: "import Stripe from 'stripe';\nimport mailchimp from '@mailchimp/mailchimp_marketing';\nimport { prisma } from './db';\n\nexport const stripe = new Stripe(process.env.STRIPE_KEY!);\nexport const subscribe = (email: string) => mailchimp.lists.addListMember('list', { email_address: email, status: 'pending' });\n\nexport async function deleteAccount(userId: string) {\n  await prisma.user.delete({ where: { id: userId } });\n}\n",
          filename: 'account.ts',
        },
        {
          title: 'Archiving in Mailchimp is not erasure (German names)',
          code: "import mailchimp from '@mailchimp/mailchimp_marketing';\n\nexport async function kontoLoeschen(listId: string, hash: string) {\n  await mailchimp.lists.deleteListMember(listId, hash);\n}\n",
          filename: 'konto.ts',
        },
      ],
      correct: [
        {
          title: 'Every processor informed from the deletion path',
          code: "import Stripe from 'stripe';\nimport mailchimp from '@mailchimp/mailchimp_marketing';\nimport { prisma } from './db';\n\nconst stripe = new Stripe(process.env.STRIPE_KEY!);\n\nexport async function deleteAccount(userId: string) {\n  const user = await prisma.user.delete({ where: { id: userId } });\n  await stripe.customers.del(user.stripeCustomerId);\n  await mailchimp.lists.deleteListMemberPermanent('list', user.subscriberHash);\n}\n",
          filename: 'account.ts',
        },
      ],
    },
  },
  defaultOptions: { ignoreProcessors: [], reportSoftDelete: true },
  check(context) {
    const { facts, options, knowledge, project } = context;
    const data = facts.dataHandling;
    if (!data || data.deletions.length === 0 || !project.erasure) return;
    const uses = project.erasure.processorUses();
    // processors in use that offer an erasure API, with their first use
    const used = new Map<string, { entry: ProcessorEntry; use?: (typeof uses)[number] }>();
    for (const use of uses) {
      const entry = knowledge.processorById(use.processorId);
      if (!entry?.erasure || options.ignoreProcessors.includes(entry.id) || used.has(entry.id)) continue;
      used.set(entry.id, { entry, use });
    }
    for (const declared of context.config.processors ?? []) {
      const entry = declared.id ? knowledge.processorById(declared.id) : undefined;
      if (entry?.erasure && !options.ignoreProcessors.includes(entry.id) && !used.has(entry.id)) used.set(entry.id, { entry });
    }
    for (const deletion of data.deletions) {
      const fn = data.functions.find((f) => f.body.start === deletion.body.start);
      if (fn && project.erasure.calledByDeletion(facts.file, deletion.body, fn.exportNames, fn.name)) continue;
      const soft = deletion.deletes !== undefined && deletion.deletes.length > 0 && deletion.deletes.every((d) => d.soft);
      if (used.size === 0 && !soft) continue;
      const reach = project.erasure.reach(facts.file, deletion.body, (id) => knowledge.processorById(id));
      // A handler that deletes nothing we can see and informs no processor (a button handler calling
      // an API, a job that enqueues) only triggers the deletion elsewhere: that path is judged there.
      if (reach.deletes === 0 && reach.calls.length === 0 && !soft) continue;
      const erased = new Set(reach.calls.filter((c) => c.erases).map((c) => c.processorId));
      const missed = [...used.values()].filter((u) => !erased.has(u.entry.id));
      const subject = subjectOf(deletion.name);
      const related: RelatedLocation[] = [];
      const callTexts: string[] = [];
      for (const m of missed) {
        const lookAlike = reach.calls.find((c) => c.processorId === m.entry.id && !c.erases);
        callTexts.push(`${m.entry.name}: \`${m.entry.erasure!.call}\`${lookAlike ? ` (\`${lookAlike.label}\` ${lookAlike.note ?? 'does not erase'})` : ''}`);
        if (m.use) {
          related.push({
            file: m.use.file,
            range: m.use.range,
            message: `${m.entry.name} is used here (${m.use.label}); its erasure: ${m.entry.erasure!.call} (source: ${m.entry.erasure!.source}).`,
          });
        }
      }
      const trace = [
        `${deletion.name} is a deletion path (${deletion.evidence}${deletion.deletes?.length ? `; ${deletion.deletes.map((d) => d.evidence).join(', ')}` : ''}).`,
        used.size > 0
          ? `Processors with an erasure API used in this package: ${[...used.values()].map((u) => u.entry.name + (u.use ? ` (${short(u.use.file)}:${u.use.line})` : ' (config)')).join(', ')}.`
          : 'No processor with an erasure API is used in this package.',
        ...reach.trace,
        ...reach.calls.map((c) => `${short(c.file)}:${c.line} ${c.erases ? 'erases at' : 'only looks like erasure at'} ${knowledge.processorById(c.processorId)?.name ?? c.processorId}: ${c.label}.`),
      ];
      if (soft) {
        if (!options.reportSoftDelete) continue;
        const flag = deletion.deletes!.find((d) => d.soft)!;
        context.report({
          messageId: 'softDelete',
          data: {
            name: deletion.name,
            subject,
            evidence: flag.evidence,
            missedPart: missed.length ? `, and ${listNames(missed.map((m) => m.entry.name))} keep their copy` : '',
            callsPart: missed.length ? ` (${callTexts.join('; ')})` : '',
          },
          start: deletion.span.start,
          end: deletion.span.end,
          confidence: 'high',
          severityCap: 'info',
          related,
          trace,
        });
        continue;
      }
      if (missed.length === 0) continue;
      context.report({
        messageId: 'notPropagated',
        data: {
          name: deletion.name,
          subject,
          missed: missed.map((m) => m.entry.name).join(', '),
          missedNames: listNames(missed.map((m) => m.entry.name)),
          calls: callTexts.join('; '),
        },
        start: deletion.span.start,
        end: deletion.span.end,
        // a function that deletes person records is a deletion path, but whose records, and whether the
        // processors hold the same people, the code does not say: medium
        confidence: deletion.kind === 'orm' ? 'medium' : 'high',
        related,
        trace,
      });
    }
  },
});

function listNames(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function short(file: string): string {
  return file.split(/[\\/]/).slice(-2).join('/');
}

/** `deleteCustomer` → customer, `kontoLoeschen` → Konto, routes and others → person. */
function subjectOf(name: string): string {
  const n = name.toLowerCase();
  for (const [word, label] of [['subscriber', 'subscriber'], ['abonnent', 'Abonnent'], ['customer', 'customer'], ['kunde', 'Kunde'], ['konto', 'Konto'], ['account', 'account'], ['member', 'member'], ['contact', 'contact'], ['user', 'user'], ['nutzer', 'Nutzer'], ['profile', 'profile']] as const) {
    if (n.includes(word)) return label;
  }
  return 'person';
}
