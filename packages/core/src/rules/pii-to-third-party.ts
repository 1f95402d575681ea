/**
 * pii-to-third-party: personal data (email, phone, name, address, ids) handed to a tracker,
 * ad platform or third-party host: identify traits, event properties, Meta advanced
 * matching, enhanced conversions, tracker URLs, also through the project's own helpers in
 * other files. Hashed values still count (at info). Contract processors (payment,
 * transactional email, shipping) are not recipients in this sense.
 */
import { createRule } from '../rule';
import type { Fix } from '../model';
import type { PiiItem, PiiSinkInfo } from '../facts/types';
import { CONTRACT_ROLES } from '../knowledge';
import { isPersonRecord } from '../facts/personal-data';

/** Options of `pii-to-third-party`. */
export interface Options {
  /** Vendor ids (vendors.json) never reported, e.g. a vendor the team has a processor contract and consent flow for. */
  ignoreVendors: string[];
  /** Personal-data kinds never reported (`userId`, `country`). */
  ignoreKinds: string[];
}

export type MessageIds = 'piiToThirdParty' | 'hashedPiiToThirdParty' | 'piiThroughHelper' | 'piiToMonitoring' | 'defaultPiiToMonitoring';

/** Plain words for the kinds (`email` → "email address"). */
const KIND_LABEL: Record<string, string> = {
  email: 'email address', phone: 'phone number', firstName: 'first name', lastName: 'last name', fullName: 'name',
  salutation: 'salutation', gender: 'gender', birthdate: 'date of birth', age: 'age', street: 'street', houseNumber: 'house number',
  postalCode: 'postal code', city: 'city', country: 'country', address: 'postal address', company: 'company', jobTitle: 'job title',
  website: 'website', income: 'income', maritalStatus: 'family status', nationality: 'nationality', idNumber: 'ID number',
  taxId: 'tax ID', iban: 'bank account', creditCard: 'card number', ipAddress: 'IP address', deviceId: 'device identifier',
  userId: 'user ID', username: 'user name', photo: 'photo', message: 'message text', geolocation: 'location',
  profile: 'whole customer record', health: 'health data', religion: 'religion', ethnicity: 'ethnic origin',
  sexualOrientation: 'sexual orientation', politicalOpinion: 'political opinion', tradeUnion: 'union membership',
  genetic: 'genetic data', biometric: 'biometric data',
};

const kindLabel = (kind: string): string => KIND_LABEL[kind] ?? kind;

/** A contract processor (payment, transactional email, shipping) only. */
function isContractProcessor(sink: PiiSinkInfo, knowledge: import('../knowledge').Knowledge): boolean {
  if (!sink.host) return false;
  const processor = knowledge.processorByHost(sink.host);
  return processor !== undefined && processor.roles.every((r) => CONTRACT_ROLES.includes(r));
}

/**
 * Items worth reporting for one sink call: a bare user id only travels with other identifying
 * data or to an ad platform (DESIGN Decisions).
 */
function reportable(items: PiiItem[], sink: PiiSinkInfo, options: Options): PiiItem[] {
  const kept = items.filter((i) => !options.ignoreKinds.includes(i.kind));
  // an error monitor working for the site links reports to an account by its id: only contact and identity data is worth a note
  if (sink.recipient === 'processor') return kept.filter((i) => i.kind !== 'userId' && i.kind !== 'deviceId' && i.kind !== 'ipAddress');
  const identifying = kept.some((i) => i.kind !== 'userId' && i.kind !== 'deviceId');
  return kept.filter((i) => (i.kind === 'userId' || i.kind === 'deviceId' ? identifying || sink.adPlatform : true));
}

/** Items found at the same place (`traits` holding a phone and the whole user) become one, kinds joined. */
function mergeBySpan(items: PiiItem[]): PiiItem[] {
  const out = new Map<string, PiiItem>();
  for (const item of items) {
    const key = `${item.span.start}:${item.span.end}`;
    const seen = out.get(key);
    if (!seen) out.set(key, { ...item, kind: kindLabel(item.kind) });
    else {
      const kinds = new Set([...seen.kind.split(', '), kindLabel(item.kind)]);
      out.set(key, { ...seen, kind: [...kinds].join(', '), hashed: seen.hashed && item.hashed, confidence: seen.confidence === 'high' || item.confidence === 'high' ? 'high' : 'medium', via: [...new Set([...seen.via, ...item.via])] });
    }
  }
  return [...out.values()];
}

function removeFix(item: PiiItem): Fix[] {
  if (!item.remove) return [];
  return [{ title: `Remove \`${item.text.split(':')[0]!.trim()}\` from the call`, edits: [{ start: item.remove.start, end: item.remove.end, text: '' }], safe: false }];
}

export const rule = createRule<Options, MessageIds>({
  id: 'pii-to-third-party',
  meta: {
    title: 'Disallow sending personal data to trackers, ad platforms and other third parties',
    type: 'problem',
    defaultSeverity: 'warning',
    gdpr: [
      { ref: 'Art. 5(1)(b), (c) GDPR', gist: 'Personal data may be used only for the purpose it was collected for, and only as much as that purpose needs.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'Art. 6(1) GDPR', gist: 'Disclosing personal data to another company needs a legal basis; for tracking and advertising that is normally consent.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#d1e1888-1-1' },
      { ref: 'Art. 28 GDPR', gist: 'A service that processes data on your behalf needs a processor contract; trackers and ad platforms usually use the data for their own purposes too.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'Art. 4(5) GDPR, recital 26', gist: 'Pseudonymised data, such as a hashed email address, is still personal data.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'CJEU C-40/17 Fashion ID', gist: 'The site that makes the visitor’s data flow to a third party is joint controller for that collection and transmission.', url: 'https://curia.europa.eu/juris/liste.jsf?num=C-40/17' },
      { ref: 'VG Bayreuth, 8 May 2018, B 1 S 18.105', gist: 'Uploading SHA-256-hashed customer emails to Facebook without consent was unlawful: hashing does not anonymise, matching is the point.' },
    ],
    messages: {
      piiToThirdParty: {
        text: 'The customer’s {{kind}} (`{{what}}`) is sent to {{vendor}} through `{{label}}`.',
        why: '“They gave my {{kind}} to {{vendor}}”: the recipient can tie it to everything else it knows about the person, so the disclosure needs a legal basis (normally consent), a contract and a line in the privacy notice (Art. 5(1)(b,c), 6, 28 GDPR; CJEU Fashion ID).',
        fix: 'Remove the {{kind}} from the call, or send it only after consent for this sharing and name {{vendor}} as a recipient.',
      },
      hashedPiiToThirdParty: {
        text: 'A hashed {{kind}} (`{{what}}`) is sent to {{vendor}} through `{{label}}`.',
        why: 'Hashing only pseudonymises: {{vendor}} hashes its own users’ data the same way to match them, so the hash is still personal data (Art. 4(5) GDPR; VG Bayreuth B 1 S 18.105).',
        fix: 'Send it only with the person’s consent to this matching, or leave it out.',
      },
      piiToMonitoring: {
        text: 'The customer’s {{kind}} (`{{what}}`) is attached to the error reports {{vendor}} receives through `{{label}}`.',
        why: '{{vendor}} normally processes error reports on your behalf under a processor contract (Art. 28 GDPR), so this is not a disclosure to a third party; but fixing errors rarely needs the {{kind}}, and every copy in another system widens who can see it (Art. 5(1)(c), 25 GDPR).',
        fix: 'Send only an internal user id (`{ id: user.id }`), or make sure the processor contract and the privacy notice cover {{vendor}}.',
      },
      defaultPiiToMonitoring: {
        text: '`{{what}}` makes {{vendor}} collect {{sends}} with every event `{{label}}` sets up.',
        why: 'The option sends personal data by design, not because an error needs it: {{vendor}} normally processes the reports under a processor contract (Art. 28 GDPR), but every report then carries data the fix rarely needs (Art. 5(1)(c), 25 GDPR).',
        fix: 'Leave `{{key}}` off and attach only an internal user id where you need one, or make sure the processor contract and the privacy notice cover what {{vendor}} collects.',
      },
      piiThroughHelper: {
        text: 'The customer’s {{kind}} (`{{what}}`) reaches {{vendor}} through `{{helper}}()` from {{module}}.',
        why: '`{{helper}}()` passes this argument to {{vendor}} (`{{label}}`); the disclosure to that third party needs a legal basis, a contract and a line in the privacy notice (Art. 5(1)(b,c), 6, 28 GDPR).',
        fix: 'Pass only what {{vendor}} needs (no {{kind}}), or call `{{helper}}()` only after consent for this sharing.',
      },
    },
    schema: {
      type: 'object',
      properties: {
        ignoreVendors: {
          type: 'array',
          items: { type: 'string' },
          description: 'Vendor ids from the tracker catalogue (`segment`, `intercom`, …) never reported, e.g. a support tool the team runs under a processor contract.',
        },
        ignoreKinds: {
          type: 'array',
          items: { type: 'string' },
          description: 'Personal-data kinds never reported (`userId`, `country`, `company`).',
        },
      },
      additionalProperties: false,
    },
    fixable: false,
    hasSuggestions: true,
    description: [
      'Finds personal data in the arguments of tracker calls (identify traits, event properties, `fbq(\'init\', id, { em })` advanced matching, `gtag(\'set\', \'user_data\', …)`, PostHog/Mixpanel/Segment/Intercom/Klaviyo/HubSpot/Braze calls), in tracker URLs (`?email=…`), in server-side requests to tracking endpoints (Meta Conversions API `user_data`, GA4 Measurement Protocol), in the Meta Conversions API Node SDK (`new UserData().setEmail(…)`), in Google Ads API conversion uploads (`customer.conversionUploads.uploadClickConversions`, `…:uploadClickConversions` over REST, `user_identifiers`) and in error-monitoring user context (`Sentry.setUser`, `scope.setUser`, `Sentry.init({ initialScope: { user } })` or an `initialScope` function, `Bugsnag.setUser`, Raven `setUserContext`, Rollbar `payload.person` given to `new Rollbar`, `Rollbar.init` or `configure`, and @rollbar/react `useRollbarPerson`). `Sentry.init({ sendDefaultPii: true })` is reported at `info` (medium confidence): the SDK then adds IP addresses, cookies, request data and the logged-in user to every event by design; the suggestion switches it off.',
      '',
      'The data is followed within the function through variables, reassignments (`payload.email = user.email` or `Object.assign(payload, { email })` before `track(\'x\', payload)`, also into a parameter, and by a local helper given the object (`addContact(payload, user)` where `function addContact(p, u) { p.email = u.email }`); `e = e.trim()`; compound writes `query += \'&email=\' + email`, `props.phone ??= user.phone`; a write after the call inside a loop around both, which the next round sends), destructuring, object spreads, template strings, local helpers’ return values and hash calls, and across files through the project’s own helpers: `identify(user.email)` in a page is reported when `identify` in `lib/analytics.ts` passes its argument to Segment.',
      '',
      'A value read from a data model has the model as its owner: `const u = await prisma.customer.findUnique(…)` makes `u.name` a customer’s name (and `prisma.product…` a product’s), also for Drizzle `db.select().from(users)`, Mongoose `User.findOne`, TypeORM repositories and `manager.findOne(Entity, …)`, `for (const s of subscribers)` and `customers.map((c) => …)`. Models declared in code under another name count by their declaration: a Drizzle `pgTable`, Mongoose `model(…, new Schema({…}))`, Sequelize `define` or TypeORM `@Entity` class is a person’s record when its name is a person’s (customer, lead, subscriber, patient…) or it declares contact fields (email, phone, first/last name, date of birth), also when imported from another file of the project. Prisma schema files are not read: the Prisma client names the model in every query (`prisma.lead.findMany`).',
      '',
      'A value parsed by a validation schema has the schema as its owner: zod `Lead.parse(req.body)`, `Lead.safeParse(body).data` (also `const { data } = …` and `result.data`), valibot `v.parse(Lead, body)` and `v.safeParse(…).output`, yup `validateSync`/`cast`, joi `validate(…).value`, and parameters typed `z.infer<typeof Lead>` (directly or through a type alias). Its properties are classified by the schema’s declared fields, with the same classifier and field classes as the forms rules (`z.email()` declares an email); an ambiguous name such as `name` or `address` counts when the schema is a person’s record by its name (`leadSchema`, `CustomerInput`) or its declared contact fields, also for a schema imported from another project file.',
      '',
      'Which arguments carry user data is catalogued per vendor in `tracker-data-params.json`; which names are personal data comes from the shared personal-data vocabulary (`personalData` in `creepyline.json` extends it). Names such as `emailTemplate`, `emailEnabled`, `email_sent_at` or `config.email` are not personal data; literals in calls (`{ name: \'Signup\' }`) are constants, not a person’s data.',
      '',
      '- A hashed value (`sha256(email)`, `em: hashedEmail`, the values the Meta SDK\'s `UserData` setters hash themselves, Google Ads `hashed_email`) is reported at `info`: pseudonymised data is still personal data.',
      '- Error monitors (Sentry, Bugsnag, Rollbar) normally work under a processor contract for the site\'s own purpose, so an email or name in their user context is not a disclosure to a third party; it is reported at `info` (medium confidence) because fixing errors needs only an internal id (Art. 5(1)(c), 25). Their user id alone is not reported. Session-replay and RUM tools of the tracker catalogue (LogRocket, Datadog RUM) are analytics recipients and reported like other trackers.',
      '- Tests and fixtures are analysed like any code; the default config template ignores test files (`*.test.*`) and `__tests__` and `fixtures` folders. Teams whose end-to-end helpers or seed scripts live elsewhere (`e2e/`, `playwright/`, `scripts/`) add those folders to `ignore`.',
      '- A bare user id is reported only together with other identifying data, or when it goes to an advertising platform.',
      '- Contract processors (payment, transactional email, shipping) are not reported.',
      '- The quick fix removes the property from the call (a suggestion: the recipient will no longer get it).',
    ].join('\n'),
    whenNotToUse: 'When every recipient is covered by consent collected for exactly this sharing and named in the privacy notice, lower the rule to `info` or list the vendors in `ignoreVendors`.',
    examples: {
      incorrect: [
        { title: 'The customer’s email in Segment event properties', code: "export function onSignup(user: { email: string }) {\n  analytics.track('Signed Up', { email: user.email, plan: 'pro' });\n}" },
        { title: 'Meta advanced matching with the hashed email (info)', code: "import { sha256 } from './hash';\nexport function initPixel(email: string) {\n  fbq('init', '1234567890', { em: sha256(email) });\n}" },
        { title: 'Telefonnummer des Kunden als Event-Eigenschaft', code: "export function bestellt(kunde: { telefonnummer: string }) {\n  posthog.capture('bestellung', { telefon: kunde.telefonnummer });\n}" },
        { title: 'An email written into the payload before it is sent', code: "export function signup(user: { email: string }) {\n  const payload: Record<string, string> = {};\n  payload.email = user.email;\n  analytics.track('Signed Up', payload);\n}" },
        { title: 'Meta Conversions API Node SDK (hashed by the SDK: info)', code: "import { UserData } from 'facebook-nodejs-business-sdk';\nexport function matchData(customer: { email: string }) {\n  return new UserData().setEmail(customer.email);\n}" },
        { title: 'The email in Sentry’s user context (info: a processor, but the email is not needed)', code: "import * as Sentry from '@sentry/nextjs';\nexport function onLogin(user: { id: string; email: string }) {\n  Sentry.setUser({ id: user.id, email: user.email });\n}" },
        { title: 'Sentry set up to collect IP addresses and user data by default (info)', code: "import * as Sentry from '@sentry/nextjs';\nSentry.init({ dsn: process.env.SENTRY_DSN, sendDefaultPii: true });" },
      ],
      correct: [
        { title: 'Only the id and non-personal properties', code: "export function onLogin(user: { id: string }) {\n  analytics.identify(user.id, { plan: 'pro' });\n}" },
        { title: 'Only an internal id in Sentry’s user context', code: "import * as Sentry from '@sentry/nextjs';\nexport function onLogin(user: { id: string }) {\n  Sentry.setUser({ id: user.id });\n}" },
        { title: 'Names that are about email, not an email address', code: "export function track(settings: { emailEnabled: boolean; emailTemplate: string }) {\n  posthog.capture('settings_saved', { emailEnabled: settings.emailEnabled, emailTemplate: settings.emailTemplate });\n}" },
      ],
    },
  },
  defaultOptions: { ignoreVendors: [], ignoreKinds: [] },
  check(context) {
    const { facts, options, knowledge } = context;
    const reported = new Set<string>();
    // `name` read from a model or parsed by a schema declared in another project file counts when that model or schema is a person's
    const personModel = new Map<string, boolean>();
    const joined = (items: PiiItem[]): PiiItem[] =>
      items.filter((i) => {
        if (!i.needsModel) return true;
        const key = `${i.needsModel.specifier}#${i.needsModel.exportName}`;
        let person = personModel.get(key);
        if (person === undefined) {
          const target = context.project.exportedFrom(i.needsModel.specifier, i.needsModel.exportName, facts.file);
          const named = (exportNames: readonly string[], name: string | undefined) => target !== undefined && (exportNames.includes(target.name) || name === target.name);
          // a data model, or a validation schema, that is a person's record (by its name or declared contact fields)
          person =
            (target?.facts.dataHandling?.models?.some((m) => m.person && named(m.exportNames, m.name)) ?? false) ||
            (target?.facts.schemas.some((s) => named(s.exportNames, s.name) && isPersonRecord([s.name], s.fields.map((f) => f.name), knowledge)) ?? false);
          personModel.set(key, person);
        }
        return person;
      });
    // group the flows of one sink call: a user id counts when the same call carries other data
    // keyed by the whole span: chained calls (`new UserData().setEmail(a).setPhone(b)`) start at the same place
    const bySink = new Map<string, typeof facts.piiFlows>();
    for (const flow of facts.piiFlows) {
      const key = `${flow.sink.span.start}:${flow.sink.span.end}`;
      const list = bySink.get(key) ?? [];
      list.push(flow);
      bySink.set(key, list);
    }
    for (const flows of bySink.values()) {
      const sink = flows[0]!.sink;
      if (options.ignoreVendors.includes(sink.vendorId) || isContractProcessor(sink, knowledge)) continue;
      for (const item of mergeBySpan(reportable(joined(flows.flatMap((f) => f.items)), sink, options))) {
        const key = `${item.span.start}:${item.span.end}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const monitoring = sink.recipient === 'processor';
        context.report({
          messageId: monitoring ? 'piiToMonitoring' : item.hashed ? 'hashedPiiToThirdParty' : 'piiToThirdParty',
          data: { kind: item.kind, what: item.text, vendor: sink.vendorName, label: sink.label },
          start: item.span.start,
          end: item.span.end,
          confidence: monitoring ? 'medium' : item.confidence,
          severityCap: item.hashed || monitoring ? 'info' : undefined,
          fixes: removeFix(item),
          trace: [
            `\`${sink.label}\` sends data to ${sink.vendorName} (${sink.vendorKind}).`,
            ...item.via.map((v) => `Via \`${v}\`.`),
            item.confidence === 'medium' ? `\`${item.text}\` was recognised as ${item.kind} by its name only (medium confidence).` : `\`${item.text}\` is ${item.kind}.`,
          ],
        });
      }
    }
    // SDK options that collect personal data by design (Sentry sendDefaultPii)
    for (const setting of facts.dataHandling?.sdkSettings ?? []) {
      if (options.ignoreVendors.includes(setting.vendorId)) continue;
      context.report({
        messageId: 'defaultPiiToMonitoring',
        data: { what: setting.text, key: setting.key, vendor: setting.vendorName, sends: setting.sends, label: setting.label },
        start: setting.span.start,
        end: setting.span.end,
        // what the SDK collects depends on its integrations and the platform: medium, and info like other monitoring data
        confidence: 'medium',
        severityCap: 'info',
        fixes: setting.off ? [{ title: `Set \`${setting.key}: ${setting.off.text}\``, edits: [{ start: setting.off.span.start, end: setting.off.span.end, text: setting.off.text }], safe: false }] : [],
        trace: [`\`${setting.label}\` configures ${setting.vendorName}; \`${setting.text}\` makes it collect ${setting.sends} (sdk-data-sinks.json).`],
      });
    }
    // across files: a helper of the project passes this argument to a tracker
    for (const call of facts.piiCalls) {
      const target = context.project.exportedFrom(call.specifier, call.exportName, facts.file);
      if (!target) continue;
      const summary = target.facts.piiSummaries.find((s) => s.exportName === target.name);
      if (!summary) continue;
      for (const arg of call.args) {
        for (const param of summary.params.filter((p) => p.index === arg.index)) {
          const sink = param.sink;
          if (options.ignoreVendors.includes(sink.vendorId) || isContractProcessor(sink, knowledge)) continue;
          for (const item of mergeBySpan(reportable(joined(arg.items), sink, options))) {
            const key = `${item.span.start}:${item.span.end}`;
            if (reported.has(key)) continue;
            reported.add(key);
            const monitoring = sink.recipient === 'processor';
            context.report({
              messageId: monitoring ? 'piiToMonitoring' : item.hashed ? 'hashedPiiToThirdParty' : 'piiThroughHelper',
              data: { kind: item.kind, what: item.text, vendor: sink.vendorName, label: sink.label, helper: call.exportName === 'default' ? 'default export' : call.exportName, module: call.specifier },
              start: item.span.start,
              end: item.span.end,
              confidence: monitoring ? 'medium' : item.confidence,
              severityCap: item.hashed || monitoring ? 'info' : undefined,
              fixes: removeFix(item),
              trace: [`\`${call.exportName}()\` from ${call.specifier} passes argument ${arg.index + 1} to \`${sink.label}\` (${sink.vendorName}).`, ...item.via.map((v) => `Via \`${v}\`.`)],
            });
          }
        }
      }
    }
  },
});
