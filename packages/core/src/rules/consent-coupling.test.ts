import { runRuleTests } from '../testing/rule-tester';
import { rule } from './consent-coupling';

runRuleTests(rule, {
  valid: [
    // a looked-up identifier named after a (billing) subscription is no consent box (formbricks billing action)
    { code: "export async function createPortalSession(org: { billing: { stripe?: { subscriptionId?: string } } }) {\n  const subscriptionId = org.billing.stripe?.subscriptionId;\n  if (!subscriptionId) throw new Error('subscription not found');\n  return subscriptionId;\n}\n", filename: 'modules/billing/checkout-actions.ts' },
    { code: "export async function POST(req: Request) {\n  const body = await req.json();\n  if (!body.newsletterId) return Response.json({ error: 'missing id' }, { status: 400 });\n  return Response.json({ ok: true });\n}\n", filename: 'app/api/checkout/route.ts' },
    // a record looked up in the database, not a box the visitor ticked
    { filename: "app/api/signup/route.ts", code: "export async function DELETE(request: Request) {\n  const partner = await prisma.partner.findUnique({ where: { id } });\n  if (!partner) return new Response('Partner not found', { status: 404 });\n}" },
    { filename: "lib/actions/signup.ts", code: "export async function verifyAccount(input: { code: string }) {\n  const partnerPlatform = getPartnerPlatform(input.code);\n  if (!partnerPlatform) throw new Error('Social account not found');\n}" },
    // terms must be accepted, the newsletter is optional
    { code: "import { z } from 'zod';\nexport const checkoutSchema = z.object({ email: z.string().email(), acceptTerms: z.literal(true), newsletter: z.boolean().optional() });", filename: 'checkout/schema.ts' },
    // German: AGB and Datenschutzerklärung required, Werbung optional
    { code: "import { z } from 'zod';\nexport const bestellSchema = z.object({ agb: z.literal(true), datenschutz: z.literal(true), werbung: z.boolean() });", filename: 'kasse/schema.ts' },
    // a newsletter form requiring its own box is its purpose
    { code: "import { z } from 'zod';\nexport const newsletterSchema = z.object({ email: z.string().email(), newsletter: z.literal(true) });", filename: 'newsletter/schema.ts' },
    { name: 'newsletter sign-up component with a required consent box', code: 'export function NewsletterSignup() {\n  return <form action="/api/newsletter"><input type="email" name="email" required /><label><input type="checkbox" name="marketingConsent" required /> Yes, send me the newsletter</label><button>Subscribe</button></form>;\n}', filename: 'NewsletterSignup.tsx' },
    // a handler that only skips the newsletter when not ticked (no rejection)
    { code: 'export async function POST(req: Request) {\n  const body = await req.json();\n  await createOrder(body);\n  if (!body.newsletter) return Response.json({ ok: true });\n  await subscribe(body.email);\n  return Response.json({ ok: true });\n}', filename: 'app/api/checkout/route.ts' },
    // `newsletter` here is the newsletter being edited, not a yes/no: a missing object is not a refused consent
    { code: "type Newsletter = { title: string };\nexport async function POST(request: Request) {\n  const body = (await request.json()) as { newsletter?: Newsletter };\n  if (!body.newsletter) return Response.json({ error: 'No newsletter to edit' }, { status: 400 });\n  return Response.json(await polish(body.newsletter));\n}", filename: 'app/api/checkout-preview/route.ts' },
    // a handler rejecting missing terms acceptance
    { code: "export async function POST(req: Request) {\n  const body = await req.json();\n  if (!body.acceptTerms) return Response.json({ error: 'Please accept the terms' }, { status: 400 });\n  return Response.json(await createOrder(body));\n}", filename: 'app/api/checkout/route.ts' },
    // a required privacy-notice acknowledgement in a checkout
    { code: 'export function CheckoutForm() {\n  return <form><label><input type="checkbox" name="privacy" required /> I have read the privacy policy</label><button type="submit">Place order</button></form>;\n}', filename: 'CheckoutForm.tsx' },
    // the submit button disabled until the terms are accepted
    { code: "import { useState } from 'react';\nexport function Checkout() {\n  const [agb, setAgb] = useState(false);\n  return <form><input type=\"checkbox\" checked={agb} onChange={() => setAgb(!agb)} /><button type=\"submit\" disabled={!agb}>Zahlungspflichtig bestellen</button></form>;\n}", filename: 'Checkout.tsx' },
    // purpose unknown: no finding
    { code: "import { z } from 'zod';\nexport const schema = z.object({ newsletter: z.literal(true) });", filename: 'lib/schema.ts' },
    // the marketing purpose declared as the price of a free extra
    {
      code: "import { z } from 'zod';\nexport const gewinnspielSchema = z.object({ email: z.string().email(), werbung: z.literal(true) });",
      filename: 'gewinnspiel/schema.ts',
      config: { rules: { 'consent-coupling': ['error', { marketingPurposes: ['newsletter', 'sweepstake'] }] } },
    },
    // the form model's purpose decides: a form declared a newsletter sign-up in creepyline.json may require its box,
    // even in a file whose path names the checkout
    {
      code: 'export function Box() {\n  return <form><input name="email" required /><label><input type="checkbox" name="newsletter" required /> Newsletter</label><button>Los</button></form>;\n}\n',
      filename: 'checkout/Box.tsx',
      config: { forms: { declare: [{ component: 'Box', purpose: 'newsletter' }] } },
    },
    // a DTO of an endpoint for newsletter sign-ups (German) may require the Werbung consent
    { code: "import { Equals, IsEmail } from 'class-validator';\nexport class NewsletterAnmeldungDto {\n  @IsEmail() email: string;\n  @Equals(true) werbung: boolean;\n}\n", filename: 'src/bestellung/newsletter.dto.ts' },
  ],
  invalid: [
    {
      name: 'the form model decides: a form declared a checkout in creepyline.json, whose names say nothing',
      code: 'export function Box() {\n  return <form><input name="email" required /><label><input type="checkbox" name="newsletter" required /> Newsletter</label><button>Los</button></form>;\n}\n',
      filename: 'components/Box.tsx',
      config: { forms: { declare: [{ component: 'Box', purpose: 'checkout' }] } },
      errors: [{ messageId: 'coupled', line: 2, confidence: 'high', message: 'checkout' }],
    },
    {
      name: 'server: a NestJS order endpoint whose DTO accepts only werbung = true (German, purpose from the controller route)',
      code: "import { Body, Controller, Post } from '@nestjs/common';\nimport { Equals, IsEmail } from 'class-validator';\nexport class Dto {\n  @IsEmail() email: string;\n  @Equals(true) werbung: boolean;\n}\n@Controller('bestellung')\nexport class C {\n  @Post()\n  create(@Body() dto: Dto) { return dto; }\n}\n",
      filename: 'src/api/c.ts',
      errors: [{ messageId: 'coupled', line: 5, message: 'checkout' }],
    },
    {
      name: 'the answer read from the form data into a variable is still the answer',
      code: "export async function POST(request: Request) {\n  const form = await request.formData();\n  const partnerOffers = form.get('partnerOffers');\n  if (!partnerOffers) return new Response('Please accept partner offers', { status: 400 });\n  return new Response('ok');\n}",
      filename: 'app/api/checkout/route.ts',
      errors: [{ messageId: 'coupled', line: 4 }],
      output: null,
    },
    {
      name: 'zod literal(true) on the newsletter in a checkout schema; fix: z.boolean()',
      code: "import { z } from 'zod';\nexport const checkoutSchema = z.object({\n  email: z.string().email(),\n  acceptTerms: z.literal(true),\n  newsletter: z.literal(true),\n});",
      filename: 'checkout/schema.ts',
      errors: [{ messageId: 'coupled', line: 5, column: 15, endColumn: 30, message: 'checkout' }],
      output: "import { z } from 'zod';\nexport const checkoutSchema = z.object({\n  email: z.string().email(),\n  acceptTerms: z.literal(true),\n  newsletter: z.boolean(),\n});",
    },
    {
      name: 'refine(v => v) on a German marketing key in a registration schema',
      code: "import { z } from 'zod';\nexport const registrierungSchema = z.object({\n  email: z.string().email(),\n  passwort: z.string().min(8),\n  werbung: z.boolean().refine((v) => v, 'Bitte zustimmen'),\n});",
      filename: 'konto/schema.ts',
      errors: [{ messageId: 'coupled', line: 5, message: '`werbung`' }],
      output: "import { z } from 'zod';\nexport const registrierungSchema = z.object({\n  email: z.string().email(),\n  passwort: z.string().min(8),\n  werbung: z.boolean(),\n});",
    },
    {
      name: 'yup oneOf([true]) in a download form schema',
      code: "import * as yup from 'yup';\nexport const whitepaperDownloadSchema = yup.object({\n  email: yup.string().email().required(),\n  marketingOptIn: yup.boolean().oneOf([true], 'Required').required(),\n});",
      filename: 'whitepaper.ts',
      errors: [{ messageId: 'coupled', line: 4, message: 'download' }],
      output: "import * as yup from 'yup';\nexport const whitepaperDownloadSchema = yup.object({\n  email: yup.string().email().required(),\n  marketingOptIn: yup.boolean().required(),\n});",
    },
    {
      name: 'server handler rejecting an order without marketing consent (Next.js route)',
      code: "export async function POST(request: Request) {\n  const body = await request.json();\n  if (!body.werbung) {\n    return Response.json({ error: 'Bitte Werbung zustimmen' }, { status: 400 });\n  }\n  return Response.json({ ok: true });\n}",
      filename: 'app/api/bestellung/route.ts',
      errors: [{ messageId: 'coupled', line: 3, column: 7, message: 'rejects the request' }],
      output: null,
    },
    {
      name: 'Express checkout route throwing when newsletter is false',
      code: "router.post('/checkout', async (req, res) => {\n  if (req.body.newsletter !== true) throw new HttpError(422, 'newsletter required');\n  res.json(await placeOrder(req.body));\n});",
      filename: 'routes/shop.ts',
      errors: [{ messageId: 'coupled', line: 2 }],
    },
    {
      name: 'submit disabled until the newsletter box is ticked, in a checkout component',
      code: "import { useState } from 'react';\nexport function CheckoutForm() {\n  const [agb, setAgb] = useState(false);\n  const [newsletter, setNewsletter] = useState(false);\n  return (\n    <form>\n      <input type=\"checkbox\" checked={agb} onChange={() => setAgb(!agb)} />\n      <input type=\"checkbox\" checked={newsletter} onChange={() => setNewsletter(!newsletter)} />\n      <button type=\"submit\" disabled={!agb || !newsletter}>Place order</button>\n    </form>\n  );\n}",
      filename: 'CheckoutForm.tsx',
      errors: [{ messageId: 'coupled', line: 9, message: 'submit button' }],
    },
    {
      name: 'react-hook-form register with required on a newsletter box in a waitlist form; fix removes the rule',
      code: "import { useForm } from 'react-hook-form';\nexport function WaitlistForm() {\n  const { register } = useForm();\n  return <form><input type=\"email\" {...register('email', { required: true })} /><label><input type=\"checkbox\" {...register('updates', { required: 'Please tick' })} /> Send me product offers</label><button>Join the waitlist</button></form>;\n}",
      filename: 'WaitlistForm.tsx',
      errors: [{ messageId: 'coupled', line: 4, message: 'waitlist' }],
      output: "import { useForm } from 'react-hook-form';\nexport function WaitlistForm() {\n  const { register } = useForm();\n  return <form><input type=\"email\" {...register('email', { required: true })} /><label><input type=\"checkbox\" {...register('updates', { })} /> Send me product offers</label><button>Join the waitlist</button></form>;\n}",
    },
    {
      name: 'required attribute on a partner-offers box in a sweepstake (Gewinnspiel) form',
      code: 'export function GewinnspielForm() {\n  return <form><input name="email" type="email" required /><label><input type="checkbox" name="partnerAngebote" required /> Ich möchte Angebote von Partnern erhalten</label><button>Teilnehmen</button></form>;\n}',
      filename: 'GewinnspielForm.tsx',
      errors: [{ messageId: 'coupled', line: 2, message: 'partner/angebote' }],
      output: 'export function GewinnspielForm() {\n  return <form><input name="email" type="email" required /><label><input type="checkbox" name="partnerAngebote" /> Ich möchte Angebote von Partnern erhalten</label><button>Teilnehmen</button></form>;\n}',
    },
    {
      name: 'an id saying terms on a box whose label is marketing: the label decides',
      code: 'export function SignupForm() {\n  return <form><input type="password" name="password" /><label><input type="checkbox" id="terms" name="c2" required /> Send me promotions by email</label><button>Create account</button></form>;\n}',
      filename: 'SignupForm.tsx',
      errors: [{ messageId: 'coupled', line: 2, message: 'promotions' }],
    },
  ],
});
