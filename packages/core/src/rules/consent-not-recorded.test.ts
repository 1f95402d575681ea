import { runRuleTests } from '../testing/rule-tester';
import { rule } from './consent-not-recorded';

runRuleTests(rule, {
  valid: [
    // Prisma: time, version and source beside the flag
    "await prisma.user.update({ where: { id }, data: { marketingConsent: true, marketingConsentAt: new Date(), consentTextVersion: 'v3', consentSource: 'checkout' } });",
    // a withdrawal is not a consent claim
    'await prisma.user.update({ where: { id }, data: { newsletter: false } });',
    // not a flag: the newsletter's id, an email address, a date
    "await prisma.order.create({ data: { newsletterId: body.newsletterId, marketingEmail: body.email, newsletterSentAt: new Date() } });",
    // a setting read, not written
    'const user = await prisma.user.findUnique({ where: { id }, select: { newsletter: true } });',
    // Drizzle with proof in a consent log row
    "await db.insert(consentLog).values({ userId, purpose: 'newsletter', granted: body.newsletter, grantedAt: new Date(), textVersion: VERSION, source: 'footer-form' });",
    // Mongoose $set with a time and the text version
    "await User.updateOne({ _id: id }, { $set: { newsletter: true, newsletterAt: Date.now(), newsletterTextVersion: '2024-01' } });",
    // text version and source recorded; the time comes from the database default
    "await supabase.from('profiles').update({ werbeeinwilligung: true, einwilligungsText: TEXT_V2, einwilligungQuelle: 'konto' }).eq('id', id);",
    // a consent tool's own cookie is the tool's record
    "Cookies.set('CookieConsent', 'true');",
    // a value with a time is not a bare yes
    "localStorage.setItem('cookieConsent', JSON.stringify({ granted: true, at: Date.now(), version: 2 }));",
    // a storage key unrelated to consent
    "localStorage.setItem('sidebarOpen', 'true');",
    // reading is not writing
    "if (localStorage.getItem('marketingConsent') === 'true') loadAds();",
    // the team's own proof field
    { code: 'await prisma.user.update({ where: { id }, data: { newsletter: true, consentLogId: log.id } });', config: { rules: { 'consent-not-recorded': ['warning', { proofFields: ['consentLogId'] }] } } },
    // client storage reporting switched off
    { code: "localStorage.setItem('newsletterConsent', 'true');", config: { rules: { 'consent-not-recorded': ['warning', { clientStorage: false }] } } },
    // Mailchimp double opt-in
    "await mailchimp.lists.addListMember(listId, { email_address: email, status: 'pending' });",
    // a subscribers table with a confirmation flow in the same file
    "export async function signup(email: string) {\n  const token = crypto.randomUUID();\n  await prisma.subscriber.create({ data: { email, status: 'pending', confirmToken: token } });\n}\nexport async function confirm(token: string) {\n  await prisma.subscriber.update({ where: { confirmToken: token }, data: { status: 'active' } });\n}",
    // a generic Map.set is not storage of consent
    "const m = new Map(); m.set('newsletter', true);",
    // a plan's limits are quantities, not a yes to partners
    'await prisma.workspace.update({ where: { id }, data: { partnersLimit: plan.limits.partners, partnerTagsLimit: plan.limits.partnerTags } });',
    'await prisma.partnerGroup.create({ data: { name, maxPartnerLinks: 10 } });',
    // a social account's follower counts
    'await prisma.partnerPlatform.upsert({ where: { id }, create: { subscribers: stats.subscribers, posts: stats.posts }, update: { subscribers: stats.subscribers } });',
  ],
  invalid: [
    {
      name: 'a yes to offers from partners (the partner words still count when the key is a flag)',
      code: 'await prisma.user.update({ where: { id }, data: { partnerOffers: body.partnerOffers } });',
      errors: [{ messageId: 'noProof', line: 1 }],
    },
    {
      name: 'Prisma update: a bare flag from the request',
      code: 'export async function save(id: string, body: { newsletter: boolean }) {\n  await prisma.user.update({ where: { id }, data: { newsletter: body.newsletter } });\n}',
      errors: [{ messageId: 'noProof', line: 2, column: 53, endColumn: 80, severity: 'warning', confidence: 'high', message: 'when it was given, which text or version was shown or how it was given' }],
      output: null,
    },
    {
      name: 'Prisma create with only a time: info',
      code: 'await prisma.customer.create({ data: { email, acceptsMarketing: true, createdAt: new Date() } });',
      errors: [{ messageId: 'partialProof', line: 1, severity: 'info' }],
    },
    {
      name: 'Prisma upsert, data object held in a const',
      code: 'const data = { email, marketingOptIn: body.marketingOptIn };\nawait prisma.lead.upsert({ where: { email }, create: data, update: data });',
      errors: [{ messageId: 'noProof', line: 1, column: 23 }],
    },
    {
      name: 'Drizzle insert, German key',
      code: "await db.insert(kunden).values({ email, werbeeinwilligung: form.werbeeinwilligung === 'on' });",
      errors: [{ messageId: 'noProof', line: 1, message: 'Drizzle' }],
    },
    {
      name: 'TypeORM save and update',
      code: 'await userRepository.save({ email, newsletter: true });\nawait manager.update(User, { id }, { promoEmails: dto.promoEmails });',
      errors: [
        { messageId: 'noProof', line: 1, message: 'TypeORM' },
        { messageId: 'noProof', line: 2, message: '`promoEmails`' },
      ],
    },
    {
      name: 'Mongoose findOneAndUpdate with $set',
      code: 'await Customer.findOneAndUpdate({ email }, { $set: { partnerOffers: req.body.partnerOffers } });',
      errors: [{ messageId: 'noProof', line: 1, message: 'Mongoose' }],
    },
    {
      name: 'Knex and Supabase',
      code: "await knex('users').where({ id }).update({ marketing_consent: true });\nawait supabase.from('profiles').upsert({ id, newsletter_opt_in: optIn });",
      errors: [
        { messageId: 'noProof', line: 1, message: 'Knex' },
        { messageId: 'noProof', line: 2, message: '`newsletter_opt_in`' },
      ],
    },
    {
      name: 'Firestore setDoc and ref.update',
      code: "await setDoc(doc(db, 'users', uid), { email, marketingConsent: true });\nawait db.collection('users').doc(uid).update({ newsletter: checked });",
      errors: [
        { messageId: 'noProof', line: 1, message: 'Firestore' },
        { messageId: 'noProof', line: 2 },
      ],
    },
    {
      name: 'a record that spreads unknown fields: medium confidence',
      code: 'await prisma.user.create({ data: { ...body, newsletter: true } });',
      errors: [{ messageId: 'noProof', confidence: 'medium' }],
    },
    {
      name: 'localStorage, js-cookie and document.cookie with a bare yes (German key too)',
      code: "localStorage.setItem('newsletterConsent', 'true');\nCookies.set('marketing_consent', 'yes', { expires: 365 });\ndocument.cookie = 'werbeEinwilligung=ja; path=/';\nwindow.localStorage.setItem('cookiesAccepted', String(true));",
      errors: [
        { messageId: 'clientFlag', line: 1, confidence: 'medium', severity: 'warning' },
        { messageId: 'clientFlag', line: 2, message: 'js-cookie' },
        { messageId: 'clientFlag', line: 3, message: 'document.cookie' },
        { messageId: 'clientFlag', line: 4, message: '`cookiesAccepted`' },
      ],
    },
    {
      name: 'Mailchimp subscribed: info with a fix to pending',
      code: "await mailchimp.lists.setListMember(listId, hash, { email_address: email, status_if_new: 'subscribed' });",
      errors: [{ messageId: 'singleOptIn', line: 1, severity: 'info' }],
      output: "await mailchimp.lists.setListMember(listId, hash, { email_address: email, status_if_new: 'pending' });",
    },
    {
      name: 'own subscribers table set active with no confirmation step',
      code: "export async function POST(req: Request) {\n  const { email } = await req.json();\n  await prisma.newsletterSubscriber.create({ data: { email, status: 'active' } });\n  return Response.json({ ok: true });\n}",
      errors: [{ messageId: 'singleOptIn', line: 3, severity: 'info' }],
      output: null,
    },
    {
      name: 'Brevo createContact on sign-up',
      code: "import * as Brevo from '@getbrevo/brevo';\nconst api = new Brevo.ContactsApi();\nexport async function subscribe(email: string) {\n  await api.createContact({ email, listIds: [2] });\n}",
      errors: [{ messageId: 'singleOptIn', line: 4, message: 'createDoiContact' }],
    },
  ],
});
