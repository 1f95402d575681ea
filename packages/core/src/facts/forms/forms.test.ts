/**
 * The form model (contract 3) as a table: source → forms with their purpose and fields
 * (name, label, type, required, origin). Each row names the way of writing a form it covers.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { LayeredConfigSet } from '../../config';
import type { RawConfig } from '../../config/types';
import { rules } from '../../rules';
import { Workspace } from '../../workspace';
import type { FileFacts } from '../types';
import { resolveForms } from './resolve';

const ROOT = path.resolve('/virtual-forms');

/** Facts of `code` as `filename` (other project files first, for cross-file schemas). */
export function formFacts(code: string, filename: string, files: Record<string, string> = {}, config: RawConfig = {}): { facts: FileFacts; workspace: Workspace } {
  const configSet = new LayeredConfigSet(ROOT, rules, [{ raw: config, baseDir: ROOT }]);
  const workspace = new Workspace({ root: ROOT, config: configSet });
  for (const [name, text] of Object.entries(files)) workspace.indexText(path.join(ROOT, name), text);
  const abs = path.join(ROOT, filename);
  workspace.analyzeFile(abs, code);
  const facts = (workspace as unknown as { facts: Map<string, FileFacts> }).facts.get(abs)!;
  return { facts, workspace };
}

type Row = [name: string, label: string | undefined, type: string | undefined, required: boolean, origin: string];

interface Case {
  name: string;
  code: string;
  filename: string;
  files?: Record<string, string>;
  config?: RawConfig;
  /** Per form: purpose id (undefined = none) and its fields. */
  forms: { purpose?: string; purposeSource?: 'inferred' | 'config'; fields: Row[] }[];
}

const cases: Case[] = [
  {
    name: 'HTML: Mailchimp action, <label for>, wrapping label around a select, a label right before an input, hidden input',
    filename: 'site/newsletter/index.html',
    code: `<form id="mc-embedded-subscribe-form" action="https://x.us1.list-manage.com/subscribe/post?u=1&amp;id=2" method="post">
  <label for="mce-EMAIL">E-Mail-Adresse</label>
  <input type="email" name="EMAIL" id="mce-EMAIL" required>
  <label>Anrede <select name="salutation" required><option>Herr</option><option>Frau</option></select></label>
  <label>Telefon</label>
  <input type="tel" name="phone">
  <input type="hidden" name="b_1" value="">
  <button type="submit">Jetzt anmelden</button>
</form>`,
    forms: [{ purpose: 'newsletter', fields: [['EMAIL', 'E-Mail-Adresse', 'email', true, 'html'], ['salutation', 'Anrede', 'select', true, 'html'], ['phone', 'Telefon', 'tel', false, 'html'], ['b_1', undefined, 'hidden', false, 'html']] }],
  },
  {
    name: 'HTML: a form without any hint of its purpose has none',
    filename: 'site/form.html',
    code: '<form><input name="email" type="email" required><input name="birthday" type="date" required><button>Save</button></form>',
    forms: [{ purpose: undefined, fields: [['email', undefined, 'email', true, 'html'], ['birthday', undefined, 'date', true, 'html']] }],
  },
  {
    name: 'JSX + react-hook-form + zod in one file: schema required flags, htmlFor labels, wrapping labels, German button',
    filename: 'components/Signup.tsx',
    code: `import { z } from 'zod';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
const schema = z.object({ email: z.string().email(), birthday: z.string().min(1), firstName: z.string().optional(), tel: z.string().nullish() });
export function Signup() {
  const form = useForm({ resolver: zodResolver(schema) });
  return (
    <form onSubmit={form.handleSubmit(save)}>
      <label htmlFor="email">E-Mail</label>
      <input id="email" type="email" {...form.register('email')} />
      <label>Geburtsdatum <input type="date" {...form.register('birthday')} /></label>
      <input name="firstName" placeholder="Vorname" />
      <button type="submit">Newsletter abonnieren</button>
    </form>
  );
}
declare function save(v: unknown): void;`,
    forms: [{ purpose: 'newsletter', fields: [['email', 'E-Mail', 'email', true, 'rhf'], ['birthday', 'Geburtsdatum', 'date', true, 'rhf'], ['firstName', undefined, 'text', false, 'jsx'], ['tel', undefined, 'string', false, 'zod']] }],
  },
  {
    name: 'register() rules and a controlled input named after its state; purpose from the component name',
    filename: 'components/ContactForm.tsx',
    code: `import { useForm } from 'react-hook-form';
import { useState } from 'react';
export default function ContactForm() {
  const { register, handleSubmit } = useForm();
  const [phone, setPhone] = useState('');
  return (
    <form onSubmit={handleSubmit(console.log)}>
      <input aria-label="Email" {...register('email', { required: 'Please enter your email' })} />
      <input aria-label="Phone" value={phone} onChange={(e) => setPhone(e.target.value)} />
      <textarea aria-label="Message" {...register('message', { required: true })} />
      <button>Send</button>
    </form>
  );
}`,
    forms: [{ purpose: 'contact', fields: [['email', 'Email', 'text', true, 'rhf'], ['phone', 'Phone', 'text', false, 'jsx'], ['message', 'Message', 'textarea', true, 'rhf']] }],
  },
  {
    name: 'MUI TextField, Chakra FormControl isRequired + FormLabel, Mantine getInputProps',
    filename: 'components/Lead.tsx',
    code: `import { TextField, Box } from '@mui/material';
import { FormControl, FormLabel, Input } from '@chakra-ui/react';
import { TextInput } from '@mantine/core';
export function WhitepaperDownload({ form }: { form: any }) {
  return (
    <Box component="form" onSubmit={() => {}}>
      <TextField name="email" label="Work email" type="email" required />
      <FormControl isRequired>
        <FormLabel>Phone</FormLabel>
        <Input name="phone" type="tel" />
      </FormControl>
      <TextInput label="Company" {...form.getInputProps('company')} />
      <button type="submit">Download the whitepaper</button>
    </Box>
  );
}`,
    forms: [{ purpose: 'download', fields: [['email', 'Work email', 'email', true, 'mui'], ['phone', 'Phone', 'tel', true, 'chakra'], ['company', 'Company', undefined, false, 'mantine']] }],
  },
  {
    name: 'Ant Design Form.Item rules, react-hook-form Controller, shadcn FormField with FormLabel inside render',
    filename: 'app/event/page.tsx',
    code: `import { Form, Input } from 'antd';
import { Controller } from 'react-hook-form';
import { FormField, FormItem, FormLabel, FormControl } from '@/components/ui/form';
import { Input as UiInput } from '@/components/ui/input';
export default function Page({ control }: { control: any }) {
  return (
    <Form onFinish={() => {}}>
      <Form.Item label="Name" name="name" rules={[{ required: true, message: 'Required' }]}><Input /></Form.Item>
      <Controller name="phone" control={control} rules={{ required: true }} render={({ field }) => <input type="tel" placeholder="Phone" {...field} />} />
      <FormField control={control} name="email" render={({ field }) => (
        <FormItem><FormLabel>Email</FormLabel><FormControl><UiInput type="email" {...field} /></FormControl></FormItem>
      )} />
      <button type="submit">Register for the webinar</button>
    </Form>
  );
}`,
    forms: [{ purpose: 'event', fields: [['name', 'Name', undefined, true, 'antd'], ['phone', undefined, 'tel', true, 'rhf'], ['email', 'Email', 'email', false, 'shadcn']] }],
  },
  {
    name: 'Formik with a yup schema: required only with .required()',
    filename: 'components/Waitlist.jsx',
    code: `import { Formik, Form, Field } from 'formik';
import * as Yup from 'yup';
const Schema = Yup.object().shape({ email: Yup.string().email().required('Required'), company: Yup.string() });
export const Waitlist = () => (
  <Formik initialValues={{ email: '', company: '' }} validationSchema={Schema} onSubmit={() => {}}>
    <Form>
      <Field name="email" type="email" placeholder="you@example.com" />
      <Field name="company" placeholder="Company" />
      <button type="submit">Join the waitlist</button>
    </Form>
  </Formik>
);`,
    forms: [{ purpose: 'waitlist', fields: [['email', undefined, 'email', true, 'formik'], ['company', undefined, 'string', false, 'formik']] }],
  },
  {
    name: 'valibot and joi schemas; a signup without a password field is no account sign-up',
    filename: 'components/SignupForm.tsx',
    code: `import * as v from 'valibot';
import { useForm } from 'react-hook-form';
import { valibotResolver } from '@hookform/resolvers/valibot';
const schema = v.object({ email: v.pipe(v.string(), v.email()), name: v.optional(v.string()) });
export function SignupForm() {
  const { register } = useForm({ resolver: valibotResolver(schema) });
  return <form><input {...register('email')} /><input {...register('name')} /><button>Sign up</button></form>;
}`,
    forms: [{ purpose: undefined, fields: [['email', undefined, 'text', true, 'rhf'], ['name', undefined, 'text', false, 'rhf']] }],
  },
  {
    name: 'a schema imported from another file is merged by the rules (resolveForms)',
    filename: 'app/kontakt/page.tsx',
    files: { 'lib/schemas.ts': "import { z } from 'zod';\nexport const contactSchema = z.object({ email: z.string().email(), geburtsdatum: z.string() });\n" },
    code: `import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { contactSchema } from '../../lib/schemas';
export default function Page() {
  const { register } = useForm({ resolver: zodResolver(contactSchema) });
  return <form><input {...register('email')} /><button>Absenden</button></form>;
}`,
    forms: [{ purpose: 'contact', fields: [['email', undefined, 'text', true, 'rhf'], ['geburtsdatum', undefined, 'string', true, 'zod']] }],
  },
  {
    name: 'config declares the purpose by component',
    filename: 'components/Box.tsx',
    config: { forms: { declare: [{ component: 'Box', purpose: 'newsletter' }] } },
    code: 'export function Box() { return <form><input name="email" required /><button>Go</button></form>; }',
    forms: [{ purpose: 'newsletter', purposeSource: 'config', fields: [['email', undefined, 'text', true, 'jsx']] }],
  },
];

describe('form model (facts/forms)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { facts, workspace } = formFacts(c.code, c.filename, c.files, c.config);
      const config = (workspace as unknown as { config: { forFile(f: string): never } }).config.forFile(facts.file);
      const forms = resolveForms(facts, config, workspace.projectFacts(facts.file));
      assert.equal(forms.length, c.forms.length, JSON.stringify(forms.map((f) => f.fields.map((x) => x.name))));
      c.forms.forEach((expected, i) => {
        const form = forms[i];
        assert.equal(form.purpose?.id, expected.purpose, `purpose (${form.purpose?.evidence ?? form.purposeHints.join('; ')})`);
        if (expected.purposeSource) assert.equal(form.purpose?.source, expected.purposeSource);
        const rows = form.fields.map((f): Row => [f.name, f.label, f.inputType, f.required, f.origin]);
        assert.deepEqual(rows, expected.fields);
      });
    });
  }

  it('config: a declaration naming an unknown purpose is reported with the known ids', () => {
    const { workspace } = formFacts('export const A = () => null;', 'a.tsx', {}, { forms: { declare: [{ component: 'A', purpose: 'newslettr' }] } });
    const problems = workspace.analyzeFiles([]).configProblems.filter((p) => p.key.startsWith('forms'));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].key, 'forms.declare[0].purpose');
    assert.match(problems[0].message, /unknown purpose "newslettr".*newsletter/);
  });

  it('config: a purpose added with keywords is inferred', () => {
    const config = { forms: { purposes: [{ id: 'quote', name: 'quote request', necessary: ['email'], keywords: ['angebot*'], priority: 95 }] } };
    const { facts, workspace } = formFacts('export function AngebotAnfordern() { return <form><input name="email" /><button>Senden</button></form>; }', 'x.tsx', {}, config);
    const forms = resolveForms(facts, (workspace as unknown as { config: { forFile(f: string): never } }).config.forFile(facts.file));
    assert.equal(forms[0].purpose?.id, 'quote');
  });

  it('quick-fix edits: removing `required` and the element keep HTML tidy', () => {
    const code = '<form action="/newsletter">\n  <input name="email" required>\n  <input name="dob" type="date" required>\n</form>\n';
    const { facts } = formFacts(code, 'site/signup.html');
    const dob = facts.forms[0].fields[1];
    assert.deepEqual(dob.optionalEdits, [{ start: code.indexOf(' required>\n</form>'), end: code.indexOf('>\n</form>'), text: '' }]);
    assert.equal(applyEdits(code, dob.removeEdits!), '<form action="/newsletter">\n  <input name="email" required>\n</form>\n');
  });
});

function applyEdits(text: string, edits: { start: number; end: number; text: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
