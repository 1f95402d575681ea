/**
 * Server-side validation read as forms (facts/forms/server.ts), as a table: source → the
 * endpoint forms (`kind: 'route'`) with their route, purpose and fields. Each row names the way
 * of writing an endpoint it covers; the last rows are the shapes that must not become one.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { LayeredConfigSet } from '../../config';
import { rules } from '../../rules';
import { Workspace } from '../../workspace';
import type { FileFacts } from '../types';
import { resolveForms } from './resolve';

const ROOT = path.resolve('/virtual-server-forms');

type Row = [name: string, type: string | undefined, required: boolean, origin: string];

interface Case {
  name: string;
  code: string;
  filename: string;
  files?: Record<string, string>;
  /** Endpoint forms in order: route, purpose id (undefined = none), fields. */
  forms: { route?: string; purpose?: string; fields: Row[] }[];
}

const cases: Case[] = [
  {
    name: 'Express + zod: schema.parse(req.body) in app.post(route)',
    filename: 'server/newsletter.ts',
    code: `import express from 'express';
import { z } from 'zod';
const app = express();
const signup = z.object({ email: z.string().email(), birthday: z.string(), firstName: z.string().optional() });
app.post('/api/newsletter', (req, res) => {
  const data = signup.parse(req.body);
  res.json(data);
});`,
    forms: [{ route: '/api/newsletter', purpose: 'newsletter', fields: [['email', 'string', true, 'zod'], ['birthday', 'string', true, 'zod'], ['firstName', 'string', false, 'zod']] }],
  },
  {
    name: 'Next.js route handler (German): POST in app/api/kontakt/route.ts, safeParse(await request.json())',
    filename: 'app/api/kontakt/route.ts',
    code: `import { z } from 'zod';
const schema = z.object({ anrede: z.enum(['Herr', 'Frau']), email: z.string().email(), nachricht: z.string().min(1) });
export async function POST(request: Request) {
  const result = schema.safeParse(await request.json());
  if (!result.success) return Response.json({ error: 'invalid' }, { status: 400 });
  return Response.json({ ok: true });
}`,
    forms: [{ route: '/api/kontakt', purpose: 'contact', fields: [['anrede', 'enum', true, 'zod'], ['email', 'string', true, 'zod'], ['nachricht', 'string', true, 'zod']] }],
  },
  {
    name: 'Next.js server action (use server): the action name gives the purpose',
    filename: 'app/actions.ts',
    code: `'use server';
import { z } from 'zod';
const Subscriber = z.object({ email: z.string().email(), telefon: z.string() });
export async function subscribe(formData: FormData) {
  const parsed = Subscriber.safeParse({ email: formData.get('email'), telefon: formData.get('telefon') });
  return parsed.success;
}`,
    forms: [{ purpose: 'newsletter', fields: [['email', 'string', true, 'zod'], ['telefon', 'string', true, 'zod']] }],
  },
  {
    name: 'NestJS DTO with class-validator decorators (IsOptional, IsEmail, German field), route from the controller',
    filename: 'src/newsletter/newsletter.controller.ts',
    code: `import { Body, Controller, Post } from '@nestjs/common';
import { IsDateString, IsEmail, IsOptional, IsString } from 'class-validator';
export class SubscribeDto {
  @IsEmail()
  email: string;
  @IsOptional()
  @IsString()
  vorname?: string;
  @IsDateString()
  geburtsdatum: string;
}
@Controller('newsletter')
export class NewsletterController {
  @Post('subscribe')
  subscribe(@Body() dto: SubscribeDto) {
    return dto;
  }
}`,
    forms: [{ route: '/newsletter/subscribe', purpose: 'newsletter', fields: [['email', 'email', true, 'class-validator'], ['vorname', 'string', false, 'class-validator'], ['geburtsdatum', 'date', true, 'class-validator']] }],
  },
  {
    name: 'express-validator chains in a route (optional, sanitizer only, isEmail)',
    filename: 'routes/leads.js',
    code: `const { body, validationResult } = require('express-validator');
import { Router } from 'express';
const router = Router();
router.post('/api/leads', [
  body('email').isEmail().normalizeEmail(),
  body('phone').isMobilePhone('any'),
  body('company').optional().isString(),
  body('note').trim(),
], (req, res) => res.json(validationResult(req)));`,
    forms: [{ route: '/api/leads', purpose: 'download', fields: [['email', 'email', true, 'express-validator'], ['phone', 'tel', true, 'express-validator'], ['company', 'string', false, 'express-validator'], ['note', 'string', false, 'express-validator']] }],
  },
  {
    name: 'express-validator list exported under a name, used by a route of the same file',
    filename: 'routes/signup.ts',
    code: `import { body } from 'express-validator';
import { Router } from 'express';
export const waitlistRules = [body('email').isEmail(), body('geburtsdatum').isISO8601()];
const router = Router();
router.post('/warteliste', waitlistRules, (req, res) => res.send('ok'));`,
    forms: [{ route: '/warteliste', purpose: 'waitlist', fields: [['email', 'email', true, 'express-validator'], ['geburtsdatum', 'date', true, 'express-validator']] }],
  },
  {
    name: 'joi: Joi.object({...}).validateAsync(req.body) in a Fastify-style route',
    filename: 'server/routes.ts',
    code: `import Joi from 'joi';
const newsletterSchema = Joi.object({ email: Joi.string().email().required(), gender: Joi.string().required(), city: Joi.string() });
export function register(app: any) {
  app.post('/subscribe', async (request: any) => {
    await newsletterSchema.validateAsync(request.body);
  });
}`,
    forms: [{ route: '/subscribe', purpose: 'newsletter', fields: [['email', 'string', true, 'joi'], ['gender', 'string', true, 'joi'], ['city', 'string', false, 'joi']] }],
  },
  {
    name: 'yup in an Express handler: schema.validate(req.body)',
    filename: 'api/event.ts',
    code: `import * as yup from 'yup';
import express from 'express';
const app = express();
const registration = yup.object({ name: yup.string().required(), email: yup.string().email().required(), income: yup.number().required() });
app.post('/api/webinar', async (req, res) => {
  await registration.validate(req.body);
  res.end();
});`,
    forms: [{ route: '/api/webinar', purpose: 'event', fields: [['name', 'string', true, 'yup'], ['email', 'string', true, 'yup'], ['income', 'number', true, 'yup']] }],
  },
  {
    name: 'celebrate / validate(schema) middleware declared inline in the route',
    filename: 'server/app.ts',
    code: `import { celebrate, Joi, Segments } from 'celebrate';
import express from 'express';
const app = express();
app.post('/newsletter', celebrate({ [Segments.BODY]: Joi.object({ email: Joi.string().required(), birthdate: Joi.date().required() }) }), (req, res) => res.end());`,
    forms: [{ route: '/newsletter', purpose: 'newsletter', fields: [['email', 'string', true, 'joi'], ['birthdate', 'date', true, 'joi']] }],
  },
  {
    name: 'Hono zValidator with an inline zod schema',
    filename: 'src/index.ts',
    code: `import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
const app = new Hono();
app.post('/api/subscribe', zValidator('json', z.object({ email: z.string().email(), jobTitle: z.string() })), (c) => c.json({ ok: true }));`,
    forms: [{ route: '/api/subscribe', purpose: 'newsletter', fields: [['email', 'string', true, 'zod'], ['jobTitle', 'string', true, 'zod']] }],
  },
  {
    name: 'a schema imported from a project file, parsed in a route handler: its fields come from there',
    filename: 'app/api/waitlist/route.ts',
    files: { 'lib/schemas.ts': "import { z } from 'zod';\nexport const joinSchema = z.object({ email: z.string().email(), phone: z.string() });\n" },
    code: `import { joinSchema } from '../../../lib/schemas';
export async function POST(req: Request) {
  const data = joinSchema.parse(await req.json());
  return Response.json(data);
}`,
    forms: [{ route: '/api/waitlist', purpose: 'waitlist', fields: [['email', 'string', true, 'zod'], ['phone', 'string', true, 'zod']] }],
  },
  {
    name: 'a CRM DTO named for contacts but without a message is no contact form (purpose needs a needed field)',
    filename: 'src/crm/contacts.dto.ts',
    code: `import { IsEmail, IsPhoneNumber, IsString } from 'class-validator';
export class CreateContactDto {
  @IsString() firstName: string;
  @IsPhoneNumber() phone: string;
  @IsString() company: string;
}`,
    forms: [{ purpose: undefined, fields: [['firstName', 'string', true, 'class-validator'], ['phone', 'tel', true, 'class-validator'], ['company', 'string', true, 'class-validator']] }],
  },
  {
    name: 'record operations (CreateLeadDto, updateSubscriberSchema) are no purpose evidence: a CRM stores leads, it is no lead magnet; newsletterSchema still is',
    filename: 'src/leads/dto.ts',
    code: `import { IsEmail, IsPhoneNumber, IsString } from 'class-validator';
import { z } from 'zod';
export class CreateLeadDto {
  @IsString() name: string;
  @IsEmail() email: string;
  @IsPhoneNumber() phone: string;
}
const newsletterSchema = z.object({ email: z.string().email() });
export async function POST(req: Request) { return Response.json(newsletterSchema.parse(await req.json())); }`,
    forms: [
      { purpose: 'newsletter', fields: [['email', 'string', true, 'zod']] },
      { purpose: undefined, fields: [['name', 'string', true, 'class-validator'], ['email', 'email', true, 'class-validator'], ['phone', 'tel', true, 'class-validator']] },
    ],
  },
  {
    name: 'not an endpoint: a zod schema parsed in a client helper, a class without class-validator, body() of another library',
    filename: 'src/client.ts',
    code: `import { z } from 'zod';
import { body } from './my-dsl';
const Prefs = z.object({ email: z.string(), birthday: z.string() });
export function readPrefs(values: unknown) { return Prefs.parse(values); }
export class Plain { email = ''; }
body('email').isEmail();`,
    forms: [],
  },
];

describe('server-side validation as forms (facts/forms/server.ts)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const configSet = new LayeredConfigSet(ROOT, rules, [{ raw: {}, baseDir: ROOT }]);
      const workspace = new Workspace({ root: ROOT, config: configSet });
      for (const [name, text] of Object.entries(c.files ?? {})) workspace.indexText(path.join(ROOT, name), text);
      const abs = path.join(ROOT, c.filename);
      workspace.analyzeFile(abs, c.code);
      const facts = (workspace as unknown as { facts: Map<string, FileFacts> }).facts.get(abs)!;
      const config = (workspace as unknown as { config: { forFile(f: string): never } }).config.forFile(abs);
      const forms = resolveForms(facts, config, workspace.projectFacts(abs)).filter((f) => f.kind === 'route');
      assert.equal(forms.length, c.forms.length, JSON.stringify(forms.map((f) => [f.route, f.fields.map((x) => x.name)])));
      c.forms.forEach((expected, i) => {
        const form = forms[i];
        if (expected.route !== undefined) assert.equal(form.route, expected.route);
        assert.equal(form.purpose?.id, expected.purpose, `purpose (${form.purpose?.evidence ?? form.purposeHints.join('; ')})`);
        assert.deepEqual(form.fields.map((f): Row => [f.name, f.inputType, f.required, f.origin]), expected.fields);
      });
    });
  }
});
