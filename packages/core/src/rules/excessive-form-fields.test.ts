import { runRuleTests } from '../testing/rule-tester';
import { rule } from './excessive-form-fields';

const MAILCHIMP = 'https://example.us21.list-manage.com/subscribe/post?u=1&id=2';

runRuleTests(rule, {
  valid: [
    // a newsletter form asking only for the email address
    { code: `<form action="${MAILCHIMP}" method="post"><input type="email" name="EMAIL" required><button>Subscribe</button></form>`, filename: 'newsletter.html' },
    // a voluntary first name is allowed for a newsletter (to greet the reader)
    { code: '<form id="newsletter"><input name="email" type="email" required><input name="first_name" placeholder="Vorname (optional)"><button>Abonnieren</button></form>', filename: 'index.html' },
    // a form without a purpose is not judged (DESIGN Decisions)
    { code: '<form><input name="email" required><input name="birthday" type="date" required><button>Save</button></form>', filename: 'profile.html' },
    // the "adobe" trap: a field named after the Adobe product is no date of birth
    { code: '<form id="newsletter-signup"><input name="email" type="email" required><input name="adobeId" placeholder="Adobe ID"><button>Subscribe</button></form>', filename: 'a.html' },
    // a contact form with a message and one required reply channel, phone optional
    {
      code: 'export function ContactForm() {\n  return (\n    <form>\n      <input name="name" aria-label="Name" />\n      <input name="email" type="email" aria-label="Email" required />\n      <input name="phone" type="tel" aria-label="Phone" />\n      <textarea name="message" aria-label="Message" required />\n      <button type="submit">Send</button>\n    </form>\n  );\n}\n',
      filename: 'ContactForm.tsx',
    },
    // a checkout needs the delivery address
    {
      code: '<form id="checkout"><input name="firstName" required><input name="lastName" required><input name="street" required><input name="zip" required><input name="city" required><input name="email" type="email" required><button>Place order</button></form>',
      filename: 'checkout.html',
    },
    // a login form with a password
    { code: '<form id="login"><input name="email" type="email" required><input name="password" type="password" required><button>Log in</button></form>', filename: 'login.html' },
    // the purpose declared in config allows the field
    {
      code: 'export function Box() { return <form><input name="email" required /><input name="company" aria-label="Company" required /><button>Go</button></form>; }',
      filename: 'Box.tsx',
      config: { forms: { declare: [{ component: 'Box', purpose: 'b2b-newsletter' }], purposes: [{ id: 'b2b-newsletter', name: 'B2B newsletter', necessary: ['email', 'company'] }] } },
    },
    // allowFields option
    {
      code: '<form id="newsletter"><input name="email" required><input name="company" placeholder="Company"><button>Subscribe</button></form>',
      filename: 'a.html',
      config: { rules: { 'excessive-form-fields': ['warning', { allowFields: ['company'] }] } },
    },
    // reportOptional: false
    {
      code: '<form id="newsletter"><input name="email" required><input name="phone" placeholder="Phone"><button>Subscribe</button></form>',
      filename: 'a.html',
      config: { rules: { 'excessive-form-fields': ['warning', { reportOptional: false }] } },
    },
    // hidden inputs carry no question
    { code: '<form id="newsletter"><input name="email" required><input type="hidden" name="phone" value="x"><button>Subscribe</button></form>', filename: 'a.html' },
    // --- endpoints (server-side validation read as forms) ---
    // a newsletter endpoint validating only the email address (zod in an Express route)
    { code: "import express from 'express';\nimport { z } from 'zod';\nconst app = express();\nconst schema = z.object({ email: z.string().email(), vorname: z.string().optional() });\napp.post('/api/newsletter', (req, res) => { schema.parse(req.body); res.end(); });\n", filename: 'server/newsletter.ts' },
    // one field, one finding: the page's form posts to this route, so the page reports it, not the endpoint
    {
      code: "import { z } from 'zod';\nconst schema = z.object({ email: z.string().email(), birthday: z.string() });\nexport async function POST(req: Request) {\n  schema.parse(await req.json());\n  return Response.json({ ok: true });\n}\n",
      filename: 'app/api/newsletter/route.ts',
      files: { 'app/newsletter/page.tsx': 'export default function Page() {\n  return <form action="/api/newsletter" method="post"><input name="email" type="email" required /><input name="birthday" type="date" required /><button>Subscribe</button></form>;\n}\n' },
    },
    // one field, one finding: the page's form and the endpoint use the same schema module
    {
      code: "import { joinSchema } from '../../../lib/join';\nexport async function POST(req: Request) {\n  joinSchema.parse(await req.json());\n  return Response.json({ ok: true });\n}\n",
      filename: 'app/api/waitlist/route.ts',
      files: {
        'lib/join.ts': "import { z } from 'zod';\nexport const joinSchema = z.object({ email: z.string().email(), phone: z.string() });\n",
        'app/waitlist/JoinForm.tsx': "import { useForm } from 'react-hook-form';\nimport { zodResolver } from '@hookform/resolvers/zod';\nimport { joinSchema } from '../../lib/join';\nexport function JoinForm() {\n  const { register } = useForm({ resolver: zodResolver(joinSchema) });\n  return <form><input {...register('email')} /><input {...register('phone')} /><button>Join the waitlist</button></form>;\n}\n",
      },
    },
    // one field, one finding: a page's <form action={subscribe}> feeds the server action
    {
      code: "'use server';\nimport { z } from 'zod';\nconst Subscriber = z.object({ email: z.string().email(), telefon: z.string() });\nexport async function subscribe(formData: FormData) {\n  return Subscriber.parse(Object.fromEntries(formData));\n}\n",
      filename: 'app/actions.ts',
      files: { 'app/page.tsx': "import { subscribe } from './actions';\nexport default function Page() {\n  return <form action={subscribe}><input name=\"email\" type=\"email\" required /><input name=\"telefon\" type=\"tel\" required /><button>Abonnieren</button></form>;\n}\n" },
    },
    // a CRM's DTO named for contacts, without a message: no contact form, not judged
    { code: "import { IsEmail, IsPhoneNumber, IsString } from 'class-validator';\nexport class CreateContactDto {\n  @IsString() firstName: string;\n  @IsEmail() email: string;\n  @IsPhoneNumber() phone: string;\n  @IsString() company: string;\n}\n", filename: 'src/crm/contacts.dto.ts' },
    // an endpoint without any purpose evidence is not judged
    { code: "import { body } from 'express-validator';\nimport { Router } from 'express';\nconst r = Router();\nr.post('/api/profile', [body('email').isEmail(), body('birthday').isISO8601()], (req, res) => res.end());\n", filename: 'routes/profile.ts' },
  ],
  invalid: [
    {
      name: 'removing a field takes the label right before it along (left behind it would name the next field: a new finding)',
      code: '<form id="newsletter">\n  <input name="email" type="email" required>\n  <label>Geburtsdatum</label>\n  <input name="f2" type="date" required>\n  <input name="code" placeholder="Gutscheincode">\n  <button>Abonnieren</button>\n</form>\n',
      filename: 'anmeldung.html',
      errors: [{ messageId: 'requiredNotNeeded', line: 4, message: 'birth date' }],
      output: '<form id="newsletter">\n  <input name="email" type="email" required>\n  <input name="code" placeholder="Gutscheincode">\n  <button>Abonnieren</button>\n</form>\n',
    },
    {
      name: 'JSX: a field with a label htmlFor elsewhere and one with a sibling label on the same line: both labels go with their fields',
      code: 'export function NewsletterForm() {\n  return (\n    <form>\n      <label htmlFor="bd">Date of birth</label>\n      <input name="email" type="email" required />\n      <input id="bd" name="bd" type="date" />\n      <label>Phone</label> <input name="p" type="tel" />\n      <input name="ref" />\n      <button>Subscribe</button>\n    </form>\n  );\n}\n',
      filename: 'NewsletterForm.tsx',
      errors: [
        { messageId: 'optionalNotNeeded', line: 6, message: 'birth date' },
        { messageId: 'optionalNotNeeded', line: 7, message: 'phone number' },
      ],
      output: 'export function NewsletterForm() {\n  return (\n    <form>\n      <input name="email" type="email" required />\n      <input name="ref" />\n      <button>Subscribe</button>\n    </form>\n  );\n}\n',
    },

    {
      name: 'endpoint: Express + zod newsletter route requiring a birth date (the page is not in the project)',
      code: "import express from 'express';\nimport { z } from 'zod';\nconst app = express();\nconst signup = z.object({\n  email: z.string().email(),\n  birthday: z.string(),\n});\napp.post('/api/newsletter', (req, res) => {\n  signup.parse(req.body);\n  res.end();\n});\n",
      filename: 'server/newsletter.ts',
      errors: [{ messageId: 'requiredNotNeeded', line: 6, column: 3, severity: 'warning', message: 'birth date' }],
      output: "import express from 'express';\nimport { z } from 'zod';\nconst app = express();\nconst signup = z.object({\n  email: z.string().email(),\n});\napp.post('/api/newsletter', (req, res) => {\n  signup.parse(req.body);\n  res.end();\n});\n",
    },
    {
      name: 'endpoint: NestJS DTO (class-validator) for a newsletter requiring Geburtsdatum and Anrede',
      code: "import { IsEmail, IsIn, IsDateString } from 'class-validator';\n\nexport class NewsletterAnmeldungDto {\n  @IsEmail()\n  email: string;\n\n  @IsIn(['Herr', 'Frau'])\n  anrede: string;\n\n  @IsDateString()\n  geburtsdatum: string;\n}\n",
      filename: 'src/newsletter/dto/anmeldung.dto.ts',
      errors: [
        { messageId: 'requiredNotNeeded', line: 7, message: 'salutation' },
        { messageId: 'requiredNotNeeded', line: 10, message: 'birth date' },
      ],
      output: "import { IsEmail, IsIn, IsDateString } from 'class-validator';\n\nexport class NewsletterAnmeldungDto {\n  @IsEmail()\n  email: string;\n\n\n}\n",
    },
    {
      name: 'endpoint: express-validator chains of a lead route, phone required; optional company is info',
      code: "const { body } = require('express-validator');\nconst express = require('express');\nconst router = express.Router();\nrouter.post('/api/whitepaper', [\n  body('email').isEmail(),\n  body('phone').isMobilePhone('any'),\n  body('birthday').optional().isISO8601(),\n], (req, res) => res.end());\n",
      filename: 'routes/whitepaper.js',
      errors: [
        { messageId: 'requiredNotNeeded', line: 6, message: 'phone number' },
        { messageId: 'optionalNotNeeded', line: 7, severity: 'info', message: 'birth date' },
      ],
      output: "const { body } = require('express-validator');\nconst express = require('express');\nconst router = express.Router();\nrouter.post('/api/whitepaper', [\n  body('email').isEmail(),\n], (req, res) => res.end());\n",
    },
    {
      name: 'endpoint: joi schema validated in a route, gender required for a newsletter',
      code: "import Joi from 'joi';\nconst subscribeSchema = Joi.object({\n  email: Joi.string().email().required(),\n  gender: Joi.string().valid('f', 'm', 'd').required(),\n});\nexport function routes(app: any) {\n  app.post('/subscribe', async (request: any) => subscribeSchema.validateAsync(request.body));\n}\n",
      filename: 'server/subscribe.ts',
      errors: [{ messageId: 'requiredNotNeeded', line: 4, message: 'gender' }],
      output: "import Joi from 'joi';\nconst subscribeSchema = Joi.object({\n  email: Joi.string().email().required(),\n});\nexport function routes(app: any) {\n  app.post('/subscribe', async (request: any) => subscribeSchema.validateAsync(request.body));\n}\n",
    },
    {
      name: 'endpoint: yup schema of a Next.js route handler for a webinar requiring income',
      code: "import * as yup from 'yup';\nconst schema = yup.object({\n  name: yup.string().required(),\n  email: yup.string().email().required(),\n  income: yup.number().required(),\n});\nexport async function POST(req: Request) {\n  await schema.validate(await req.json());\n  return new Response(null, { status: 204 });\n}\n",
      filename: 'app/api/webinar/route.ts',
      errors: [{ messageId: 'requiredNotNeeded', line: 5, message: 'income' }],
    },
    {
      name: 'HTML newsletter (Mailchimp) with a required birth date and an optional phone',
      code: `<form action="${MAILCHIMP}" method="post">\n  <input type="email" name="EMAIL" required>\n  <label for="dob">Date of birth</label>\n  <input id="dob" name="BIRTHDAY" type="date" required>\n  <input name="PHONE" type="tel" placeholder="Phone">\n  <button>Subscribe</button>\n</form>`,
      filename: 'newsletter.html',
      errors: [
        { messageId: 'requiredNotNeeded', line: 4, column: 3, severity: 'warning', message: 'birth date' },
        { messageId: 'optionalNotNeeded', line: 5, column: 3, severity: 'info', message: 'phone number' },
      ],
      // the label for the removed field goes with it
      output: `<form action="${MAILCHIMP}" method="post">\n  <input type="email" name="EMAIL" required>\n  <button>Subscribe</button>\n</form>`,
    },
    {
      name: 'German newsletter form: Anrede and Geburtsdatum required, Vorname required (only voluntary)',
      code: '<form id="newsletter-anmeldung">\n  <label>Anrede <select name="anrede" required><option>Herr</option><option>Frau</option></select></label>\n  <label>Vorname <input name="vorname" required></label>\n  <label>E-Mail-Adresse <input name="email" type="email" required></label>\n  <label>Geburtsdatum <input name="geburtsdatum" type="date" required></label>\n  <button>Newsletter abonnieren</button>\n</form>',
      filename: 'anmeldung.html',
      errors: [
        { messageId: 'requiredNotNeeded', line: 2, message: 'salutation' },
        { messageId: 'requiredOnlyOptional', line: 3, severity: 'warning', message: 'first name' },
        { messageId: 'requiredNotNeeded', line: 5, message: 'birth date' },
      ],
    },
    {
      name: 'zod + react-hook-form lead magnet: phone required by the schema; fix removes it, takes markup and schema together',
      code: "import { z } from 'zod';\nimport { useForm } from 'react-hook-form';\nimport { zodResolver } from '@hookform/resolvers/zod';\n\nconst schema = z.object({\n  email: z.string().email(),\n  phone: z.string().min(6),\n});\n\nexport function WhitepaperDownload() {\n  const { register, handleSubmit } = useForm({ resolver: zodResolver(schema) });\n  return (\n    <form onSubmit={handleSubmit(console.log)}>\n      <input type=\"email\" aria-label=\"Email\" {...register('email')} />\n      <input type=\"tel\" aria-label=\"Phone\" {...register('phone')} />\n      <button type=\"submit\">Download</button>\n    </form>\n  );\n}\n",
      filename: 'WhitepaperDownload.tsx',
      errors: [{ messageId: 'requiredNotNeeded', line: 15, column: 7, message: 'phone number' }],
      output: "import { z } from 'zod';\nimport { useForm } from 'react-hook-form';\nimport { zodResolver } from '@hookform/resolvers/zod';\n\nconst schema = z.object({\n  email: z.string().email(),\n});\n\nexport function WhitepaperDownload() {\n  const { register, handleSubmit } = useForm({ resolver: zodResolver(schema) });\n  return (\n    <form onSubmit={handleSubmit(console.log)}>\n      <input type=\"email\" aria-label=\"Email\" {...register('email')} />\n      <button type=\"submit\">Download</button>\n    </form>\n  );\n}\n",
    },
    {
      name: 'contact form requiring both email and phone: one channel is enough',
      code: '<form id="contact">\n  <input name="email" type="email" required>\n  <input name="phone" type="tel" required>\n  <textarea name="message" required></textarea>\n  <button>Send</button>\n</form>',
      filename: 'contact.html',
      errors: [{ messageId: 'oneChannelEnough', line: 3, message: 'email address' }],
      output: '<form id="contact">\n  <input name="email" type="email" required>\n  <input name="phone" type="tel">\n  <textarea name="message" required></textarea>\n  <button>Send</button>\n</form>',
    },
    {
      name: 'react-hook-form register rules on a checkout: salutation required (CJEU Mousse)',
      code: "import { useForm } from 'react-hook-form';\nexport function CheckoutForm() {\n  const { register } = useForm();\n  return (\n    <form>\n      <select aria-label=\"Salutation\" {...register('salutation', { required: true })}><option>Mr</option></select>\n      <input aria-label=\"Email\" {...register('email', { required: true })} />\n    </form>\n  );\n}\n",
      filename: 'CheckoutForm.tsx',
      errors: [{ messageId: 'requiredNotNeeded', line: 6, message: 'salutation' }],
      output: "import { useForm } from 'react-hook-form';\nexport function CheckoutForm() {\n  const { register } = useForm();\n  return (\n    <form>\n      <input aria-label=\"Email\" {...register('email', { required: true })} />\n    </form>\n  );\n}\n",
    },
    {
      name: 'schema imported from another file: the warning sits on the rendered field, no fix can lift the other file',
      files: { 'lib/schema.ts': "import { z } from 'zod';\nexport const waitlistSchema = z.object({ email: z.string().email(), birthday: z.string() });\n" },
      code: "import { useForm } from 'react-hook-form';\nimport { zodResolver } from '@hookform/resolvers/zod';\nimport { waitlistSchema } from './lib/schema';\nexport function Waitlist() {\n  const { register } = useForm({ resolver: zodResolver(waitlistSchema) });\n  return (\n    <form>\n      <input {...register('email')} />\n      <input type=\"date\" {...register('birthday')} />\n      <button>Join the waitlist</button>\n    </form>\n  );\n}\n",
      filename: 'Waitlist.tsx',
      errors: [{ messageId: 'requiredNotNeeded', line: 9, message: 'birth date' }],
      output: "import { useForm } from 'react-hook-form';\nimport { zodResolver } from '@hookform/resolvers/zod';\nimport { waitlistSchema } from './lib/schema';\nexport function Waitlist() {\n  const { register } = useForm({ resolver: zodResolver(waitlistSchema) });\n  return (\n    <form>\n      <input {...register('email')} />\n      <button>Join the waitlist</button>\n    </form>\n  );\n}\n",
    },
    {
      name: 'purpose declared in config by route',
      code: '<form>\n  <input name="email" required>\n  <input name="income" placeholder="Annual income" required>\n  <button>Go</button>\n</form>',
      filename: 'kontakt.html',
      config: { forms: { declare: [{ route: '/kontakt', purpose: 'contact' }] } },
      errors: [{ messageId: 'requiredNotNeeded', line: 3, message: 'income' }],
    },
    {
      name: 'a contact form making the name mandatory: info (debatable), not a warning',
      code: '<form id="contact">\n  <input name="name" placeholder="Your name" required>\n  <input name="email" type="email" required>\n  <textarea name="message" required></textarea>\n  <button>Send</button>\n</form>',
      filename: 'contact.html',
      errors: [{ messageId: 'requiredOnlyOptional', line: 2, severity: 'info', message: 'name' }],
    },
  ],
});
