import { runRuleTests } from '../testing/rule-tester';
import { rule } from './erasure-not-propagated';

/** A project that uses Stripe and Mailchimp (billing and newsletter modules). */
const SHOP = {
  'src/billing.ts': "import Stripe from 'stripe';\nexport const stripe = new Stripe(process.env.STRIPE_KEY!);\nexport const charge = (c: string) => stripe.paymentIntents.create({ amount: 100, currency: 'eur', customer: c });\n",
  'src/newsletter.ts': "import mailchimp from '@mailchimp/mailchimp_marketing';\nexport const subscribe = (email: string) => mailchimp.lists.addListMember('list', { email_address: email, status: 'pending' });\nexport const forget = (hash: string) => mailchimp.lists.deleteListMemberPermanent('list', hash);\n",
  'src/erase.ts': "import { stripe } from './billing';\nexport async function eraseAtStripe(id: string) {\n  await stripe.customers.del(id);\n}\n",
};

runRuleTests(rule, {
  valid: [
    // no processor used anywhere: nothing to propagate
    "import { prisma } from './db';\nexport async function deleteUser(id: string) {\n  await prisma.user.delete({ where: { id } });\n}",
    // every processor reached in the same function
    "import Stripe from 'stripe';\nimport mailchimp from '@mailchimp/mailchimp_marketing';\nconst stripe = new Stripe('k');\nexport async function deleteAccount(u: { id: string; stripeId: string; hash: string }) {\n  await stripe.customers.del(u.stripeId);\n  await mailchimp.lists.deleteListMemberPermanent('list', u.hash);\n}",
    // reached through imported helpers (cross-file), and a re-export barrel
    {
      code: "import { prisma } from './db';\nimport { eraseAtStripe } from './erase';\nimport { forget } from './newsletter';\nexport async function deleteCustomer(id: string, hash: string) {\n  await prisma.customer.delete({ where: { id } });\n  await eraseAtStripe(id);\n  await forget(hash);\n}",
      filename: 'src/account.ts',
      files: SHOP,
    },
    {
      code: "import { eraseAtStripe, forget } from './lib';\nexport async function kundeLoeschen(id: string, hash: string) {\n  await eraseAtStripe(id);\n  await forget(hash);\n}",
      filename: 'src/konto.ts',
      files: { ...SHOP, 'src/lib/index.ts': "export { eraseAtStripe } from '../erase';\nexport * from '../newsletter';\n" },
    },
    // a local helper reached from the handler
    "import Stripe from 'stripe';\nconst stripe = new Stripe('k');\nasync function cleanUpBilling(id: string) {\n  await stripe.customers.del(id);\n}\nexport async function deleteUser(id: string) {\n  await cleanUpBilling(id);\n}",
    // an injected project service (NestJS)
    {
      code: "import { CrmService } from './crm.service';\nexport class UsersService {\n  constructor(private readonly crm: CrmService) {}\n  async remove(email: string) {\n    await this.crm.forgetContact(email);\n  }\n}",
      filename: 'src/users.service.ts',
      files: { 'src/crm.service.ts': "import { Client } from '@hubspot/api-client';\nexport class CrmService {\n  private hubspot = new Client({ accessToken: 'x' });\n  async forgetContact(email: string) {\n    await this.hubspot.crm.contacts.gdprApi.purge({ objectId: email, idProperty: 'email' });\n  }\n}\n" },
    },
    // removing test data the project seeded itself (e2e helpers, seed scripts): no processor ever received those people
    "import Stripe from 'stripe';\nimport { prisma } from './db';\nconst stripe = new Stripe('k');\nexport async function deleteTestPartner(id: string) {\n  await prisma.customer.deleteMany({ where: { partnerId: id } });\n}\nexport const unseedUser = async (id: number) => {\n  await prisma.user.delete({ where: { id } });\n};\nexport async function loescheTestkunden(id: string) {\n  await prisma.kunde.delete({ where: { id } });\n}",
    // names that are not deletion of a person
    "import Stripe from 'stripe';\nconst stripe = new Stripe('k');\nexport async function removeUserFromGroup(u: string, g: string) { return [u, g]; }\nexport async function deleteUserAvatar(u: string) { return u; }\nexport async function deleteSession(id: string) { return id; }",
    // a processor without an erasure API (transactional mail) is not required
    "import postmark from 'postmark';\nexport const client = new postmark.ServerClient('k');\nexport async function deleteAccount(id: string) { return id; }",
    // ignored by option
    {
      code: "import Stripe from 'stripe';\nexport const stripe = new Stripe('k');\nexport async function deleteAccount(id: string) { return id; }",
      config: { rules: { 'erasure-not-propagated': ['warning', { ignoreProcessors: ['stripe'] }] } },
    },
    // a button handler that only calls the API (the deletion runs elsewhere)
    "import Stripe from 'stripe';\nexport const stripe = new Stripe('k');\nexport function Danger({ api }: { api: { deleteAccount(): Promise<void> } }) {\n  const onDeleteAccount = async () => {\n    await api.deleteAccount();\n  };\n  return onDeleteAccount;\n}",
    // unlinking an OAuth login (Auth.js / better-auth `account` table) is not deleting the person
    "import Stripe from 'stripe';\nimport { prisma } from './db';\nexport const stripe = new Stripe('k');\nexport async function unlinkProvider(id: string) {\n  await prisma.account.delete({ where: { id } });\n}",
    // membership join tables and team members are not people: removing them keeps the person
    "import Stripe from 'stripe';\nimport { prisma } from './db';\nexport const stripe = new Stripe('k');\nexport async function leaveWorkspace(userId: string, projectId: string) {\n  await prisma.projectUsers.deleteMany({ where: { userId, projectId } });\n}\nexport async function deleteMember(id: string) {\n  await prisma.member.delete({ where: { id } });\n}",
    // a person nested under another resource: a membership ends (the orphaned login may go with it)
    {
      code: "import { prisma } from '@/lib/prisma';\nexport async function DELETE(req: Request) {\n  const { userId } = await req.json();\n  await prisma.user.delete({ where: { id: userId } });\n  return new Response(null, { status: 204 });\n}",
      filename: 'app/api/workspaces/[slug]/users/route.ts',
      files: { 'lib/analytics.ts': "import { PostHog } from 'posthog-node';\nexport const posthog = new PostHog('k');\n" },
    },
    // a step of deleting a tenant (workspace, project, organisation): its end customers go in bulk, no person asked to be forgotten
    "import Stripe from 'stripe';\nimport { prisma } from './db';\nexport const stripe = new Stripe('k');\nexport async function deleteWorkspaceCustomers(workspaceId: string) {\n  await prisma.customer.deleteMany({ where: { projectId: workspaceId } });\n}\nexport async function kundenDesMandantenLoeschen(mandantId: string) {\n  await prisma.kunde.deleteMany({ where: { mandantId } });\n}",
    // Stripe Connect accounts are not the person either
    "import Stripe from 'stripe';\nconst stripe = new Stripe('k');\nexport async function closePayouts(id: string) {\n  await stripe.accounts.del(id);\n}",
    // a helper called by another deletion path is reported through its caller only
    "import Stripe from 'stripe';\nconst stripe = new Stripe('k');\nasync function deleteUserRecord(id: string) { return id; }\nexport async function deleteAccount(id: string) {\n  await deleteUserRecord(id);\n  await stripe.customers.del(id);\n}",
  ],
  invalid: [
    {
      name: 'a cleanup job beside a test helper: the job deletes real users, the helper only test data',
      code: "import { prisma } from './db';\nexport async function cleanupInactiveUsers(id: string) {\n  await prisma.user.delete({ where: { id } });\n}\nexport async function deleteTestUser(id: string) {\n  await prisma.user.delete({ where: { id } });\n}",
      filename: 'src/jobs.ts',
      files: SHOP,
      errors: [{ messageId: 'notPropagated', line: 2, message: 'never tells Stripe, Mailchimp' }],
    },
    {
      name: 'deletes in the database only; Stripe and Mailchimp are used in other files',
      code: "import { prisma } from './db';\nexport async function deleteAccount(userId: string) {\n  await prisma.user.delete({ where: { id: userId } });\n}",
      filename: 'src/account.ts',
      files: SHOP,
      errors: [{ messageId: 'notPropagated', line: 2, column: 23, endColumn: 36, severity: 'warning', confidence: 'high', message: 'never tells Stripe, Mailchimp' }],
    },
    {
      name: 'reaches Stripe through the helper, misses Mailchimp',
      code: "import { eraseAtStripe } from './erase';\nexport async function eraseCustomer(id: string) {\n  await eraseAtStripe(id);\n}",
      filename: 'src/gdpr.ts',
      files: SHOP,
      errors: [{ messageId: 'notPropagated', line: 2, column: 23, message: 'never tells Mailchimp.' }],
    },
    {
      name: 'Mailchimp archive is not erasure (German name)',
      code: "import mailchimp from '@mailchimp/mailchimp_marketing';\nexport async function kontoLoeschen(listId: string, hash: string) {\n  await mailchimp.lists.deleteListMember(listId, hash);\n}",
      errors: [{ messageId: 'notPropagated', line: 2, column: 23, message: 'deletes the Konto here but never tells Mailchimp' }],
    },
    {
      name: 'Express route deleting the account',
      code: "import express from 'express';\nimport { PostHog } from 'posthog-node';\nimport { db } from './db';\nconst posthog = new PostHog('k');\nconst router = express.Router();\nrouter.delete('/account', async (req, res) => {\n  await db.user.delete({ where: { id: req.user.id } });\n  res.sendStatus(204);\n});\nexport default router;",
      errors: [{ messageId: 'notPropagated', line: 6, column: 1, endColumn: 14, message: 'PostHog' }],
    },
    {
      name: 'Next.js DELETE route handler of app/api/account',
      code: "import { auth } from '@/auth';\nimport { prisma } from '@/lib/prisma';\nexport async function DELETE() {\n  const session = await auth();\n  await prisma.user.delete({ where: { id: session!.user.id } });\n  return new Response(null, { status: 204 });\n}",
      filename: 'app/api/account/route.ts',
      files: { 'lib/analytics.ts': "import { PostHog } from 'posthog-node';\nexport const posthog = new PostHog('k');\n" },
      errors: [{ messageId: 'notPropagated', line: 3, column: 23, message: 'PostHog' }],
    },
    {
      name: 'Next.js DELETE exported as a const wrapped by a session helper',
      code: "import { withSession } from '@/lib/auth';\nimport { prisma } from '@/lib/prisma';\nexport const DELETE = withSession(async ({ session }) => {\n  await prisma.user.delete({ where: { id: session.user.id } });\n  return new Response(null, { status: 204 });\n});",
      filename: 'app/api/user/route.ts',
      files: { 'lib/analytics.ts': "import { PostHog } from 'posthog-node';\nexport const posthog = new PostHog('k');\n" },
      errors: [{ messageId: 'notPropagated', line: 3, column: 14, message: 'PostHog' }],
    },
    {
      name: 'a function deleting a customer record without a deletion name: medium',
      code: "import Stripe from 'stripe';\nimport { Customer } from './models';\nexport const stripe = new Stripe('k');\nexport async function handler(id: string) {\n  await Customer.findByIdAndDelete(id);\n}",
      errors: [{ messageId: 'notPropagated', line: 4, column: 23, confidence: 'medium' }],
    },
    {
      name: 'soft delete: info with the note',
      code: "import { prisma } from './db';\nexport async function deleteUser(id: string) {\n  await prisma.user.update({ where: { id }, data: { deletedAt: new Date() } });\n}",
      errors: [{ messageId: 'softDelete', line: 2, column: 23, severity: 'info', message: 'only flags the user as deleted' }],
    },
    {
      name: 'HubSpot archive in a NestJS service method named remove',
      code: "import { Client } from '@hubspot/api-client';\nexport class CustomersService {\n  private hubspot = new Client({ accessToken: 'x' });\n  async remove(contactId: string) {\n    await this.hubspot.crm.contacts.basicApi.archive(contactId);\n  }\n}",
      errors: [{ messageId: 'notPropagated', line: 4, column: 9, message: 'HubSpot' }],
    },
    {
      name: 'a processor declared in config',
      code: "import { db } from './db';\nexport async function deleteSubscriber(email: string) { await db.subscriber.delete({ where: { email } }); }",
      config: { processors: [{ id: 'klaviyo' }] },
      errors: [{ messageId: 'notPropagated', line: 2, column: 23, message: 'Klaviyo' }],
    },
  ],
});
