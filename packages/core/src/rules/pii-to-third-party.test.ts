import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { LayeredConfigSet } from '../config';
import { Workspace } from '../workspace';
import { runRuleTests } from '../testing/rule-tester';
import { rules } from './index';
import { rule } from './pii-to-third-party';

const SCHEMA = "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const clients = pgTable('clients', { id: text('id'), email: text('email'), name: text('name') });\nexport const products = pgTable('products', { id: text('id'), name: text('name') });\n";
const helper = "export function identifyUser(id: string, traits: object) {\n  analytics.identify(id, traits);\n}\n";

runRuleTests(rule, {
  valid: [
    // only the id and a plan: a bare user id to analytics is not reported (DESIGN Decisions)
    "export function onLogin(user: { id: string }) {\n  analytics.identify(user.id, { plan: 'pro' });\n}",
    // names about email settings, not an email address (emailEnabled, emailTemplate, email_sent_at)
    "export function saved(settings: any) {\n  posthog.capture('settings_saved', { emailEnabled: settings.emailEnabled, emailTemplate: settings.emailTemplate, email_sent_at: settings.email_sent_at });\n}",
    // a settings object's email is the shop's, not a customer's (config.email)
    "import { config } from './config';\nposthog.capture('contact_shown', { address: config.email });",
    // literal constants are not a person's data: event name, product name
    "mixpanel.track('Signup', { name: 'Newsletter', plan: 'free' });",
    // adobe is not dob (whole words only)
    "export function t(adobe: string) {\n  analytics.track('export', { adobe });\n}",
    // the product's name, not a person's
    "export function viewed(product: { name: string; sku: string }) {\n  gtag('event', 'view_item', { items: [{ item_name: product.name, item_id: product.sku }] });\n}",
    // role and example addresses in literals
    "analytics.track('contact', { to: 'support@shop.de', example: 'jane@example.com' });",
    // a payment provider is a contract processor: not a tracker sink
    "export async function pay(customer: { email: string }) {\n  await fetch('https://api.stripe.com/v1/customers', { method: 'POST', body: JSON.stringify({ email: customer.email }) });\n}",
    // ignored by option
    { code: "export function boot(user: { email: string }) {\n  Intercom('boot', { app_id: 'x', email: user.email });\n}", config: { rules: { 'pii-to-third-party': ['warning', { ignoreVendors: ['intercom'] }] } } },
    // Deutsch: Einstellungen, keine Daten einer Person (E-Mail-Vorlage, Newsletter aktiviert)
    "export function gespeichert(einstellungen: any) {\n  posthog.capture('einstellungen', { emailVorlage: einstellungen.emailVorlage, newsletterAktiv: true });\n}",
    // flags about an address, not the address: confirmed_email, verifiedEmail (found in public Intercom code)
    "export function boot(account: any) {\n  Intercom('boot', { app_id: 'x', confirmed_email: account.confirmed_email, verifiedEmail: account.verifiedEmail });\n}",
    // a wallet address destructured from a callback: an ambiguous name without a person (found in public wagmi code)
    "import { track } from '@vercel/analytics';\nexport function onConnect({ address, chainId }: { address: string; chainId: number }) {\n  track('wallet_connected', { address, chainId });\n}",
    // reassignment: a write after the call does not reach it; a settings write is not data
    "export function t(user: { email: string }) {\n  let payload: any = {};\n  payload.emailEnabled = user.email.length > 0;\n  analytics.track('x', payload);\n  payload.email = user.email;\n}",
    // validation schemas as owners: a product schema's name is not a person's; a declared non-personal field; an imported parser that is no schema; an imported product schema
    "import { z } from 'zod';\nconst Product = z.object({ name: z.string(), price: z.number() });\nexport function viewed(body: unknown) {\n  const parsed = Product.parse(body);\n  analytics.track('Viewed', { title: parsed.name, price: parsed.price });\n}",
    // the classifier's traps through a schema owner: settings a schema declares are not data (emailEnabled, emailTemplate, E-Mail-Vorlage)
    "import { z } from 'zod';\nconst SettingsSchema = z.object({ emailEnabled: z.boolean(), emailTemplate: z.string(), emailVorlage: z.string() });\nexport function saved(body: unknown) {\n  const parsed = SettingsSchema.parse(body);\n  posthog.capture('settings_saved', { a: parsed.emailEnabled, b: parsed.emailTemplate, c: parsed.emailVorlage });\n}",
    {
      code: "import { parser } from './parser';\nimport { productSchema } from './schemas';\nexport function t(body: unknown) {\n  const parsed = parser.parse(body);\n  const item = productSchema.parse(body);\n  analytics.track('x', { a: parsed.name, b: item.name });\n}",
      files: { 'parser.ts': "export const parser = { parse: (b: unknown) => b as { name: string } };\n", 'schemas.ts': "import { z } from 'zod';\nexport const productSchema = z.object({ name: z.string(), sku: z.string() });\n" },
    },
    // a write after the call inside a loop, into an object made afresh each round: never sent
    "export function t(users: { email: string }[]) {\n  for (const u of users) {\n    const props: Record<string, string> = {};\n    analytics.track('x', props);\n    props.email = u.email;\n  }\n}",
    // a helper called with the object after it was sent does not reach the call
    "function addContact(p: Record<string, unknown>, u: { email: string }) {\n  p.email = u.email;\n}\nexport function t(user: { email: string }) {\n  const payload: Record<string, unknown> = {};\n  analytics.track('x', payload);\n  addContact(payload, user);\n}",
    // initialScope of another library's init is not Sentry's
    "export function setup(lib: { init(o: object): void }, user: { email: string }) {\n  lib.init({ initialScope: (scope: { setUser(u: object): void }) => { scope.setUser({ email: user.email }); } });\n}",
    // compound writes of counters and settings are not data
    "export function t(settings: { emailEnabled: boolean }, n: number) {\n  const props: Record<string, unknown> = { count: 0 };\n  props.count += n;\n  props.emailEnabled ??= settings.emailEnabled;\n  analytics.track('x', props);\n}",
    // Sentry with the id only: an error monitor links reports to an account by its id
    "import * as Sentry from '@sentry/nextjs';\nexport function who(user: { id: string }) {\n  Sentry.setUser({ id: user.id });\n  Sentry.setUser(null);\n}",
    // Sentry.init options without a user, sendDefaultPii off; a Rollbar person with an id only; an unrelated configure()
    "import * as Sentry from '@sentry/node';\nimport Rollbar from 'rollbar';\nexport function setup(user: { id: string; email: string }, settings: { configure(o: object): void }) {\n  Sentry.init({ dsn: 'https://k@o0.ingest.sentry.io/0', sendDefaultPii: false, tracesSampleRate: 1, initialScope: { tags: { plan: 'pro' } } });\n  const rollbar = new Rollbar({ accessToken: 't', payload: { person: { id: user.id } } });\n  rollbar.configure({ payload: { environment: 'production' } });\n  settings.configure({ payload: { person: { email: user.email } } });\n}",
    // a project's own setUser (a state setter), not an error monitor's
    "import { useState } from 'react';\nexport function useAccount(user: { email: string }) {\n  const [, setUser] = useState({});\n  setUser({ email: user.email });\n}",
    // Meta SDK: fbp/fbc browser ids and no customer data; a UserData class of the project's own is not the SDK's
    "class UserData { setEmail(e: string) { return this; } }\nexport function local(user: { email: string }) {\n  new UserData().setEmail(user.email);\n}",
    // Google Ads API campaign reporting is not a conversion upload
    "import { GoogleAdsApi } from 'google-ads-api';\nexport async function report(customer: any, user: { email: string }) {\n  await customer.query('SELECT campaign.id FROM campaign');\n}",
    // read from a model: the product's name is not a person's; a customer's loyalty tier is not catalogued personal data
    "import { prisma } from './db';\nexport async function t(id: string) {\n  const p = await prisma.product.findFirst({ where: { id } });\n  const u = await prisma.customer.findUnique({ where: { id } });\n  posthog.capture('viewed', { n: p.name, tier: u.loyaltyTier });\n  categories.forEach((c) => analytics.track('c', { n: c.name }));\n}",
    // Meta SDK setters with empty lists send nothing (found in public Conversions API code)
    "import { UserData } from 'facebook-nodejs-business-sdk';\nexport function u(data: any) {\n  return new UserData().setPhones([]).setCities([]).setStates([]);\n}",
    // Google Ads API: customer_id, login-customer-id and the conversion action name the advertiser's account, not a person
    "import { GoogleAdsApi } from 'google-ads-api';\nexport async function up(customer: any, customerId: string) {\n  await customer.conversionUploads.uploadClickConversions({ customer_id: customerId, conversions: [{ conversion_action: `customers/${customerId}/conversionActions/1`, conversion_value: 1 }] });\n}",
    // a model declared in another file that is not a person's (products): its name stays a product name
    { code: "import { db } from './db';\nimport { products } from './schema';\nexport async function t() {\n  const [p] = await db.select().from(products).limit(1);\n  analytics.track('viewed', { n: p.name });\n}", files: { 'schema.ts': SCHEMA } },
    // Mongoose model of something else declared here (Article with a title and a name)
    "import mongoose, { Schema } from 'mongoose';\nconst Article = mongoose.model('Article', new Schema({ title: String, name: String }));\nexport async function t() {\n  const a = await Article.findOne({});\n  posthog.capture('read', { n: a.name });\n}",
    // a helper in another file that sends nothing personal
    { code: "import { identifyUser } from './analytics';\nexport function login(u: { id: string }) {\n  identifyUser(u.id, { plan: 'pro' });\n}", files: { 'analytics.ts': helper } },
  ],
  invalid: [
    {
      name: 'Segment identify traits: email (and the id travelling with it)',
      code: "export function onLogin(user: { id: string; email: string }) {\n  analytics.identify(user.id, { email: user.email, plan: 'pro' });\n}",
      errors: [
        { messageId: 'piiToThirdParty', line: 2, column: 22, message: 'user ID' },
        { messageId: 'piiToThirdParty', line: 2, column: 33, endColumn: 50, severity: 'warning', confidence: 'high', message: 'email address (`email: user.email`) is sent to Segment' },
      ],
      output: "export function onLogin(user: { id: string; email: string }) {\n  analytics.identify(user.id, { plan: 'pro' });\n}",
    },
    {
      name: 'Meta advanced matching with a hashed email is info; the first name is a warning',
      code: "import { sha256 } from './hash';\nexport function initPixel(user: { email: string; firstName: string }) {\n  fbq('init', '1234567890', { em: sha256(user.email), fn: user.firstName });\n}",
      errors: [
        { messageId: 'hashedPiiToThirdParty', line: 3, column: 31, severity: 'info', message: 'A hashed email address' },
        { messageId: 'piiToThirdParty', line: 3, column: 55, severity: 'warning', message: 'first name' },
      ],
    },
    {
      name: 'createHash chain is hashing too; a bare user id to an ad platform counts',
      code: "import { createHash } from 'node:crypto';\nexport function match(user: { id: string; email: string }) {\n  const hashed = createHash('sha256').update(user.email.trim().toLowerCase()).digest('hex');\n  ttq.identify({ email: hashed, external_id: user.id });\n}",
      errors: [
        { messageId: 'hashedPiiToThirdParty', line: 4, column: 18, severity: 'info' },
        { messageId: 'piiToThirdParty', line: 4, column: 33, message: 'user ID' },
      ],
    },
    {
      name: 'destructuring, a spread of the whole user and a variable holding the traits',
      code: "export function track(user: any) {\n  const { phone } = user;\n  const traits = { phone, ...user };\n  posthog.identify(user.id, traits);\n}",
      errors: [
        { messageId: 'piiToThirdParty', line: 4, column: 20, message: 'user ID' },
        { messageId: 'piiToThirdParty', line: 4, column: 29, endColumn: 35, confidence: 'high', message: 'phone number, whole customer record' },
      ],
    },
    {
      name: 'Mixpanel people.set with $email and $name',
      code: 'export function profile(user: any) {\n  mixpanel.people.set({ $email: user.email, $name: user.name });\n}',
      errors: [
        { messageId: 'piiToThirdParty', line: 2, column: 25, message: 'email address' },
        { messageId: 'piiToThirdParty', line: 2, column: 45, message: 'name' },
      ],
    },
    {
      name: 'Intercom boot with the email; Klaviyo and HubSpot identify queues',
      code: "export function boot(user: any) {\n  Intercom('boot', { app_id: 'abc', email: user.email });\n  _learnq.push(['identify', { $email: user.email }]);\n  _hsq.push(['identify', { email: user.email }]);\n}",
      errors: [
        { messageId: 'piiToThirdParty', line: 2, column: 37, message: 'Intercom' },
        { messageId: 'piiToThirdParty', line: 3, column: 31, message: 'Klaviyo' },
        { messageId: 'piiToThirdParty', line: 4, column: 28, message: 'HubSpot' },
      ],
    },
    {
      name: 'Google enhanced conversions user_data',
      code: "export function enhanced(order: { email: string; phone: string }) {\n  gtag('set', 'user_data', { email: order.email, phone_number: order.phone });\n}",
      errors: [
        { messageId: 'piiToThirdParty', line: 2, column: 30, message: 'email address' },
        { messageId: 'piiToThirdParty', line: 2, column: 50, message: 'phone number' },
      ],
    },
    {
      name: 'the email in a tracker pixel URL',
      code: 'export function px(user: { email: string }) {\n  new Image().src = `https://www.facebook.com/tr?id=1&ev=Lead&ud[em]=${user.email}`;\n}',
      errors: [{ messageId: 'piiToThirdParty', line: 2, column: 72, message: 'Meta' }],
      output: null,
    },
    {
      name: 'Meta Conversions API from the server: user_data through JSON.stringify',
      code: "export async function capi(customer: { email: string; phone: string }) {\n  await fetch('https://graph.facebook.com/v19.0/123/events', { method: 'POST', body: JSON.stringify({ data: [{ event_name: 'Purchase', user_data: { em: customer.email, ph: customer.phone } }] }) });\n}",
      errors: [
        { messageId: 'piiToThirdParty', line: 2, column: 149, message: 'email address' },
        { messageId: 'piiToThirdParty', line: 2, column: 169, message: 'phone number' },
      ],
    },
    {
      name: 'a local helper returns the traits',
      code: "function toTraits(u: any) {\n  return { email: u.email };\n}\nexport function login(u: any) {\n  analytics.identify(u.id, toTraits(u));\n}",
      errors: [
        { messageId: 'piiToThirdParty', line: 5, column: 22, message: 'user ID' },
        { messageId: 'piiToThirdParty', line: 5, column: 28, message: 'email address' },
      ],
    },
    {
      name: 'across files: the project helper passes its traits argument to Segment',
      code: "import { identifyUser } from './analytics';\nexport function login(u: { id: string; email: string }) {\n  identifyUser(u.id, { email: u.email });\n}",
      files: { 'analytics.ts': helper },
      errors: [{ messageId: 'piiThroughHelper', line: 3, column: 24, message: 'reaches Segment through `identifyUser()` from ./analytics' }],
      output: "import { identifyUser } from './analytics';\nexport function login(u: { id: string; email: string }) {\n  identifyUser(u.id, { });\n}",
    },
    {
      name: 'reassignment: members written into a payload before it is sent; a reassigned copy of the email',
      code: "export function t(user: { email: string; phone: string }) {\n  let payload: any = {};\n  payload.email = user.email;\n  payload['telefon'] = user.phone;\n  analytics.track('x', payload);\n  let e = user.email;\n  e = e.trim();\n  posthog.capture('y', { contact: e });\n}",
      errors: [
        { messageId: 'piiToThirdParty', line: 3, column: 3, endColumn: 29, message: 'email address (`payload.email = user.email`) is sent to Segment' },
        { messageId: 'piiToThirdParty', line: 4, column: 3, message: 'phone number' },
        { messageId: 'piiToThirdParty', line: 8, column: 26, message: 'email address (`contact: e`)' },
      ],
    },
    {
      name: 'compound writes: a query string grown with += and a member set with ??=',
      code: "export function t(user: { email: string; phone: string }) {\n  let query = 'ev=Lead';\n  query += '&email=' + encodeURIComponent(user.email);\n  const props: Record<string, string> = {};\n  props.phone ??= user.phone;\n  posthog.capture('lead', props);\n  posthog.capture('lead_query', { query });\n}",
      errors: [
        { messageId: 'piiToThirdParty', line: 5, column: 3, message: 'phone number (`props.phone ??= user.phone`) is sent to PostHog' },
        { messageId: 'piiToThirdParty', line: 7, column: 35, endColumn: 40, message: 'email address (`query`)' },
      ],
    },
    {
      name: 'written into a parameter before it is sent (German names)',
      code: "export function sende(payload: Record<string, unknown>, kunde: { telefonnummer: string }) {\n  payload.telefon = kunde.telefonnummer;\n  analytics.track('Bestellung', payload);\n}",
      errors: [{ messageId: 'piiToThirdParty', line: 2, column: 3, message: 'phone number (`payload.telefon = kunde.telefonnummer`) is sent to Segment' }],
    },
    {
      name: 'a local helper writes into the object it is given before the object is sent (Deutsch: Kontakt ergänzen)',
      code: "function kontaktErgaenzen(p: Record<string, unknown>, kunde: { email: string }) {\n  p.email = kunde.email;\n  p = {};\n}\nconst addPlan = (p: Record<string, unknown>) => { p.plan = 'pro'; };\nexport function t(kunde: { email: string }) {\n  const payload: Record<string, unknown> = {};\n  kontaktErgaenzen(payload, kunde);\n  addPlan(payload);\n  analytics.track('Bestellt', payload);\n}",
      errors: [{ messageId: 'piiToThirdParty', line: 2, column: 3, message: 'email address (`p.email = kunde.email`) is sent to Segment' }],
    },
    {
      name: 'a write after the call inside a loop: the next round sends it',
      code: "export function t(users: { email: string }[]) {\n  const props: Record<string, string> = {};\n  for (const u of users) {\n    analytics.track('x', props);\n    props.email = u.email;\n  }\n}",
      errors: [{ messageId: 'piiToThirdParty', line: 5, column: 5, message: 'email address (`props.email = u.email`)' }],
    },
    {
      name: 'a zod schema owns the parsed value: an ambiguous name counts when the schema is a lead’s; a declared plan does not',
      code: "import { z } from 'zod';\nconst LeadSchema = z.object({ name: z.string(), email: z.string().email(), plan: z.string() });\nexport function handler(req: { body: unknown }) {\n  const parsed = LeadSchema.parse(req.body);\n  analytics.track('Lead', { who: parsed.name, plan: parsed.plan });\n}",
      errors: [{ messageId: 'piiToThirdParty', line: 5, column: 29, endColumn: 45, confidence: 'high', message: 'name (`who: parsed.name`) is sent to Segment' }],
    },
    {
      name: 'safeParse(…).data, destructuring parse(), z.email() (Deutsch: Anmeldung mit Vorname, Adresse, Kontakt)',
      code: "import { z } from 'zod';\nconst Anmeldung = z.object({ vorname: z.string(), adresse: z.string(), kontakt: z.email() });\nexport function senden(body: unknown) {\n  const result = Anmeldung.safeParse(body);\n  if (!result.success) return;\n  const { adresse } = Anmeldung.parse(body);\n  posthog.capture('anmeldung', { a: result.data.kontakt, b: adresse });\n}",
      errors: [
        { messageId: 'piiToThirdParty', line: 7, column: 34, message: 'email address (`a: result.data.kontakt`)' },
        { messageId: 'piiToThirdParty', line: 7, column: 58, message: 'postal address (`b: adresse`)' },
      ],
    },
    {
      name: 'parameters typed with z.infer<typeof Schema> (directly and through a type alias), valibot v.parse and yup validateSync',
      code: "import { z } from 'zod';\nimport * as v from 'valibot';\nimport * as yup from 'yup';\nconst Customer = z.object({ name: z.string(), address: z.string() });\ntype CustomerInput = z.infer<typeof Customer>;\nconst Subscriber = v.object({ name: v.string(), email: v.pipe(v.string(), v.email()) });\nconst contactSchema = yup.object({ name: yup.string().required(), phone: yup.string() });\nexport function identify(input: CustomerInput, { address }: z.infer<typeof Customer>, raw: unknown) {\n  analytics.identify('id', { n: input.name, a: address, s: v.parse(Subscriber, raw).name, c: contactSchema.validateSync(raw).name });\n}",
      errors: [
        { messageId: 'piiToThirdParty', line: 9, column: 30, message: 'name (`n: input.name`)' },
        { messageId: 'piiToThirdParty', line: 9, column: 45, message: 'postal address (`a: address`)' },
        { messageId: 'piiToThirdParty', line: 9, column: 57, message: 'name (`s: v.parse(Subscriber, raw).name`)' },
        { messageId: 'piiToThirdParty', line: 9, column: 91, message: 'name (`c: contactSchema.validateSync(raw).name`)' },
      ],
    },
    {
      name: 'a schema imported from another project file (joined in the project pass)',
      code: "import { leadSchema } from './schemas';\nexport async function POST(req: Request) {\n  const parsed = leadSchema.parse(await req.json());\n  analytics.track('lead', { n: parsed.name });\n  return new Response(null);\n}",
      files: { 'schemas.ts': "import { z } from 'zod';\nexport const leadSchema = z.object({ name: z.string(), company: z.string() });\n" },
      errors: [{ messageId: 'piiToThirdParty', line: 4, column: 29, message: 'name (`n: parsed.name`)' }],
    },
    {
      name: 'Object.assign into the traits before identify',
      code: "export function t(user: { id: string; email: string }) {\n  const traits = {};\n  Object.assign(traits, { email: user.email });\n  analytics.identify(user.id, traits);\n}",
      errors: [
        { messageId: 'piiToThirdParty', line: 3, column: 27, message: 'email address' },
        { messageId: 'piiToThirdParty', line: 4, column: 22, message: 'user ID' },
      ],
    },
    {
      name: 'error monitors: Sentry setUser, scope.setUser and Bugsnag with the email are info (a processor, but the email is not needed)',
      code: "import * as Sentry from '@sentry/nextjs';\nimport Bugsnag from '@bugsnag/js';\nexport function who(user: { id: string; email: string; name: string }) {\n  Sentry.setUser({ id: user.id, email: user.email });\n  Sentry.withScope((scope) => { scope.setUser({ id: user.id, email: user.email }); });\n  Bugsnag.setUser(user.id, user.email, user.name);\n}",
      errors: [
        { messageId: 'piiToMonitoring', line: 4, column: 33, severity: 'info', confidence: 'medium', message: 'attached to the error reports Sentry receives' },
        { messageId: 'piiToMonitoring', line: 5, column: 62, severity: 'info', message: 'Sentry' },
        { messageId: 'piiToMonitoring', line: 6, column: 28, severity: 'info', message: 'email address (`user.email`) is attached to the error reports Bugsnag' },
        { messageId: 'piiToMonitoring', line: 6, column: 40, severity: 'info', message: 'name' },
      ],
    },
    {
      name: 'Sentry init: initialScope.user with the email, and sendDefaultPii (info, with a suggestion to switch it off)',
      code: "import * as Sentry from '@sentry/react';\nexport function setup(user: { id: string; email: string }) {\n  Sentry.init({\n    dsn: 'https://k@o0.ingest.sentry.io/0',\n    sendDefaultPii: true,\n    initialScope: { user: { id: user.id, email: user.email } },\n  });\n}",
      errors: [
        { messageId: 'defaultPiiToMonitoring', line: 5, column: 5, endColumn: 25, severity: 'info', confidence: 'medium', message: '`sendDefaultPii: true` makes Sentry collect the visitor’s IP address, cookies' },
        { messageId: 'piiToMonitoring', line: 6, column: 42, severity: 'info', message: 'email address (`email: user.email`) is attached to the error reports Sentry receives through `Sentry.init`' },
      ],
    },
    {
      name: 'Sentry init with initialScope as a function that sets the user',
      code: "import * as Sentry from '@sentry/browser';\nexport function setup(user: { id: string; email: string }) {\n  Sentry.init({ dsn: 'x', initialScope: (scope) => {\n    scope.setUser({ id: user.id, email: user.email });\n    return scope;\n  } });\n}",
      errors: [{ messageId: 'piiToMonitoring', line: 4, column: 34, severity: 'info', message: 'email address (`email: user.email`) is attached to the error reports Sentry receives through `scope.setUser`' }],
    },
    {
      name: 'Raven user context and Rollbar payload.person (constructor, options in a const, configure); Deutsch: Kunde',
      code: "import Raven from 'raven-js';\nimport Rollbar from 'rollbar';\nexport function setup(kunde: { id: string; email: string; name: string }) {\n  Raven.setUserContext({ id: kunde.id, email: kunde.email });\n  const options = { accessToken: 't', payload: { person: { id: kunde.id, username: kunde.name } } };\n  const rollbar = new Rollbar(options);\n  rollbar.configure({ payload: { person: { id: kunde.id, email: kunde.email } } });\n  return rollbar;\n}",
      errors: [
        { messageId: 'piiToMonitoring', line: 4, column: 40, severity: 'info', message: 'email address (`email: kunde.email`) is attached to the error reports Sentry (Raven SDK) receives' },
        { messageId: 'piiToMonitoring', line: 5, column: 74, severity: 'info', message: 'Rollbar receives through `new Rollbar`' },
        { messageId: 'piiToMonitoring', line: 7, column: 58, severity: 'info', message: 'Rollbar receives through `rollbar.configure`' },
      ],
    },
    {
      name: '@rollbar/react useRollbarPerson with the user’s name and email (found in public code)',
      code: "import { useRollbarPerson } from '@rollbar/react';\nexport function RollbarUser({ user }: { user: { id: string; firstName: string; email: string } }) {\n  useRollbarPerson({ id: user.id, firstName: user.firstName, email: user.email });\n  return null;\n}",
      errors: [
        { messageId: 'piiToMonitoring', line: 3, column: 35, severity: 'info', message: 'first name (`firstName: user.firstName`) is attached to the error reports Rollbar receives through `useRollbarPerson`' },
        { messageId: 'piiToMonitoring', line: 3, column: 62, severity: 'info', message: 'email address' },
      ],
    },
    {
      name: 'an id key holding the email is the email (Rollbar person id set to the user’s email, found in public code)',
      code: "import Rollbar from 'rollbar';\nexport function setup(user: { email: string }) {\n  return new Rollbar({ accessToken: 't', payload: { person: { id: user.email } } });\n}",
      errors: [{ messageId: 'piiToMonitoring', line: 3, column: 63, severity: 'info', message: 'email address (`id: user.email`) is attached to the error reports Rollbar receives' }],
    },
    {
      name: 'the Sentry global with a stub for when it did not load (found in public code)',
      code: "const Sentry = window.Sentry || { init() {}, withScope() {} };\nexport function setUserContext({ user_id, email }: { user_id: string; email: string }) {\n  Sentry.withScope((scope) => {\n    scope.setUser({ id: user_id, email });\n  });\n}",
      errors: [{ messageId: 'piiToMonitoring', line: 4, column: 34, severity: 'info', message: 'email address (`email`) is attached to the error reports Sentry receives' }],
    },
    {
      name: 'Sentry named import and getCurrentScope(); Deutsch: E-Mail des Kunden',
      code: "import { setUser, getCurrentScope } from '@sentry/sveltekit';\nexport function anmelden(kunde: { id: string; email: string }) {\n  setUser({ id: kunde.id, email: kunde.email });\n  getCurrentScope().setUser({ email: kunde.email });\n}",
      errors: [
        { messageId: 'piiToMonitoring', line: 3, column: 27, severity: 'info' },
        { messageId: 'piiToMonitoring', line: 4, column: 31, severity: 'info' },
      ],
    },
    {
      name: 'Meta Conversions API Node SDK: UserData setters (hashed by the SDK: info); the IP address is not hashed',
      code: "import { UserData, ServerEvent } from 'facebook-nodejs-business-sdk';\nexport function capi(customer: { email: string; phone: string }, ip: string) {\n  const userData = new UserData().setEmail(customer.email).setPhone(customer.phone);\n  userData.setClientIpAddress(ip);\n  return new ServerEvent().setEventName('Purchase').setUserData(userData);\n}",
      errors: [
        { messageId: 'hashedPiiToThirdParty', line: 3, column: 44, severity: 'info', message: 'A hashed email address (`customer.email`) is sent to Meta Pixel (Facebook) through `UserData.setEmail`' },
        { messageId: 'hashedPiiToThirdParty', line: 3, column: 69, severity: 'info', message: 'phone number' },
        { messageId: 'piiToThirdParty', line: 4, column: 31, severity: 'warning', message: 'IP address' },
      ],
    },
    {
      name: 'Meta SDK through require and a positional array (setEmails)',
      code: "const bizSdk = require('facebook-nodejs-business-sdk');\nconst UserData = bizSdk.UserData;\nmodule.exports = async function send(data: any) {\n  const u = new UserData().setEmails([data.user_data.em]);\n  return u;\n};",
      errors: [{ messageId: 'hashedPiiToThirdParty', line: 4, column: 38, severity: 'info', message: 'email address' }],
    },
    {
      name: 'Google Ads API enhanced conversions: hashed_email in user_identifiers is info; REST upload too',
      code: "import { GoogleAdsApi } from 'google-ads-api';\nexport async function upload(customer: any, hashedEmail: string, lead: { phone: string }) {\n  await customer.conversionUploads.uploadClickConversions({ conversions: [{ conversion_action: 'x', user_identifiers: [{ hashed_email: hashedEmail }] }] });\n  await fetch('https://googleads.googleapis.com/v17/customers/123:uploadClickConversions', { method: 'POST', body: JSON.stringify({ conversions: [{ userIdentifiers: [{ phoneNumber: lead.phone }] }] }) });\n}",
      errors: [
        { messageId: 'hashedPiiToThirdParty', line: 3, column: 122, severity: 'info', message: 'Google Ads' },
        { messageId: 'piiToThirdParty', line: 4, column: 169, severity: 'warning', message: 'phone number' },
      ],
    },
    {
      name: 'models as owners: Prisma, Drizzle, Mongoose/TypeORM reads, for-of and callbacks over person collections',
      code: "import { prisma } from './db';\nimport { db } from './drizzle';\nimport { users } from './schema';\nexport async function t(id: string) {\n  const u = await prisma.customer.findUnique({ where: { id } });\n  analytics.track('a', { who: u.name });\n  const [row] = await db.select().from(users).limit(1);\n  posthog.capture('b', { city: row.city });\n  const { name } = await this.userRepository.findOneBy({ id });\n  analytics.track('c', { name });\n  for (const s of subscribers) mixpanel.track('d', { n: s.name });\n  members.forEach(({ address }) => analytics.track('e', { address }));\n}",
      errors: [
        { messageId: 'piiToThirdParty', line: 6, column: 26, confidence: 'high', message: 'name (`who: u.name`)' },
        { messageId: 'piiToThirdParty', line: 8, column: 26, message: 'city' },
        { messageId: 'piiToThirdParty', line: 10, column: 26, message: 'name' },
        { messageId: 'piiToThirdParty', line: 11, column: 54, message: 'name' },
        { messageId: 'piiToThirdParty', line: 12, column: 59, message: 'postal address' },
      ],
    },
    {
      name: 'Deutsch: Name des Kunden aus dem Modell',
      code: "import { prisma } from './db';\nexport async function t(id: string) {\n  const k = await prisma.kunde.findUnique({ where: { id } });\n  posthog.capture('bestellung', { n: k.name });\n}",
      errors: [{ messageId: 'piiToThirdParty', line: 4, column: 35, message: 'name' }],
    },
    {
      name: 'Google Ads API request class wrapping the conversions (found in public code): the hashed email inside still counts',
      code: "import { GoogleAdsApi, services } from 'google-ads-api';\nimport { sha256 } from './hash';\nexport async function up(customer: any, lead: { email: string }) {\n  const request = new services.UploadClickConversionsRequest({ customer_id: '1', conversions: [{ user_identifiers: [{ hashed_email: sha256(lead.email) }] }] });\n  await customer.conversionUploads.uploadClickConversions(request);\n}",
      errors: [{ messageId: 'hashedPiiToThirdParty', line: 5, severity: 'info', message: 'A hashed email address (`request`)' }],
    },
    {
      name: 'declared models: a Drizzle table in another file whose columns hold a person (email), a Mongoose model declared here, a TypeORM entity',
      code: "import { db } from './db';\nimport { clients } from './schema';\nimport mongoose, { Schema } from 'mongoose';\nconst Signup = mongoose.model('Signup', new Schema({ email: String, name: String }));\nexport async function t(dataSource: any) {\n  const [c] = await db.select().from(clients).limit(1);\n  analytics.track('a', { who: c.name });\n  const s = await Signup.findOne({});\n  posthog.capture('b', { n: s.name });\n}",
      files: { 'schema.ts': SCHEMA },
      errors: [
        { messageId: 'piiToThirdParty', line: 7, column: 26, message: 'name (`who: c.name`)' },
        { messageId: 'piiToThirdParty', line: 9, column: 26, message: 'name (`n: s.name`)' },
      ],
    },
    {
      name: 'Deutsch: TypeORM-Entität Anmeldung mit E-Mail-Spalte',
      code: "import { Entity, Column } from 'typeorm';\n@Entity('anmeldungen')\nexport class Anmeldung {\n  @Column() email!: string;\n  @Column() name!: string;\n}\nexport async function t(manager: any) {\n  const a = await manager.findOne(Anmeldung, { where: {} });\n  posthog.capture('anmeldung', { n: a.name });\n}",
      errors: [{ messageId: 'piiToThirdParty', line: 9, column: 34, message: 'name' }],
    },
    {
      name: 'Deutsch: Telefonnummer und Geburtsdatum des Kunden als Event-Eigenschaften',
      code: "export function bestellt(kunde: { telefonnummer: string; geburtsdatum: string }) {\n  posthog.capture('bestellung', { telefon: kunde.telefonnummer, geburtsdatum: kunde.geburtsdatum });\n}",
      errors: [
        { messageId: 'piiToThirdParty', line: 2, column: 35, message: 'phone number' },
        { messageId: 'piiToThirdParty', line: 2, column: 65, message: 'date of birth' },
      ],
    },
    {
      name: 'Deutsch: E-Mail-Adresse in der Tracker-URL (Query-Parameter)',
      code: "export function lead(email: string) {\n  navigator.sendBeacon('https://www.facebook.com/tr?id=1&ev=Lead&ud[em]=' + email);\n}",
      errors: [{ messageId: 'piiToThirdParty', line: 2, column: 77, endColumn: 82 }],
    },
  ],
});

describe('pii-to-third-party: editor re-validation', () => {
  it('a helper file edit re-validates the callers that pass it personal data', () => {
    const root = path.resolve('/virtual-dependents');
    const workspace = new Workspace({ root, config: new LayeredConfigSet(root, rules, [{ raw: {}, baseDir: root }]) });
    workspace.indexText(path.join(root, 'analytics.ts'), helper);
    workspace.indexText(path.join(root, 'login.ts'), "import { identifyUser } from './analytics';\nexport function login(u: any) {\n  identifyUser(u.id, { email: u.email });\n}");
    workspace.indexText(path.join(root, 'other.ts'), "import { identifyUser } from './analytics';\nexport function other() {\n  identifyUser('x', {});\n}");
    const dependents = workspace.dependentsOf(path.join(root, 'analytics.ts'));
    assert.deepEqual(dependents, [path.join(root, 'login.ts')]);
  });
});
