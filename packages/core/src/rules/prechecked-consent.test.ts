import { runRuleTests } from '../testing/rule-tester';
import { rule } from './prechecked-consent';

runRuleTests(rule, {
  valid: [
    "gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });",
    // functionality and security storage may default to granted
    "gtag('consent', 'default', { functionality_storage: 'granted', security_storage: 'granted', ad_storage: 'denied' });",
    // update after a choice is not a default
    "gtag('consent', 'update', { ad_storage: 'granted' });",
    // a value computed from the stored choice
    "gtag('consent', 'default', { ad_storage: stored ? 'granted' : 'denied' });",
    // allowed by option
    { code: "gtag('consent', 'default', { analytics_storage: 'granted' });", config: { rules: { 'prechecked-consent': ['error', { allowGrantedDefaults: ['analytics_storage'] }] } } },
    // unticked opt-in
    { code: 'export const O = () => <label><input type="checkbox" name="newsletter" /> Newsletter</label>;', filename: 'O.tsx' },
    // controlled by state the visitor changes
    { code: 'export const O = ({ on, set }: { on: boolean; set: (v: boolean) => void }) => <input type="checkbox" name="newsletter" checked={on} onChange={() => set(!on)} />;', filename: 'O.tsx' },
    // checked={false}
    { code: 'export const O = () => <input type="checkbox" name="marketing" defaultChecked={false} />;', filename: 'O.tsx' },
    // pre-ticked terms box: a different problem
    { code: 'export const T = () => <label><input type="checkbox" name="accept" defaultChecked /> I have read and accept the terms and conditions</label>;', filename: 'T.tsx' },
    // a pre-ticked box unrelated to consent
    { code: '<label><input type="checkbox" name="remember" checked> Remember me on this device</label>', filename: 'login.html' },
    // cookieconsent: necessary read-only, the rest off
    "CookieConsent.run({ categories: { necessary: { enabled: true, readOnly: true }, analytics: { enabled: false } } });",
    // an always-on category marked readOnly
    "CookieConsent.run({ categories: { functionality: { enabled: true, readOnly: true } } });",
    // a local function called run is not cookieconsent
    "function run(o) { return o; }\nrun({ categories: { analytics: { enabled: true } } });",
    // Klaro: a required service may default on
    "var klaroConfig = { services: [{ name: 'session', required: true, default: true }, { name: 'matomo', default: false }] };",
    // a radio, not a checkbox
    { code: '<input type="radio" name="newsletter" checked>', filename: 'a.html' },
    // --- resolved initial values: the same flows starting at false stay silent ---
    { name: 'useState(false) bound to a newsletter box', code: "import { useState } from 'react';\nexport function Signup() {\n  const [newsletter, setNewsletter] = useState(false);\n  return <label><input type=\"checkbox\" checked={newsletter} onChange={(e) => setNewsletter(e.target.checked)} /> Send me offers</label>;\n}", filename: 'Signup.tsx' },
    { name: 'react-hook-form defaultValues false', code: "import { useForm } from 'react-hook-form';\nexport function Checkout() {\n  const { register } = useForm({ defaultValues: { email: '', newsletter: false } });\n  return <form><input type=\"checkbox\" {...register('newsletter')} /> Newsletter</form>;\n}", filename: 'Checkout.tsx' },
    { name: 'Formik initialValues false, German label', code: "import { Formik, Field, Form } from 'formik';\nexport const Anmeldung = () => (\n  <Formik initialValues={{ email: '', werbung: false }} onSubmit={() => {}}>\n    <Form><label><Field type=\"checkbox\" name=\"werbung\" /> Ja, ich möchte Angebote per E-Mail erhalten</label></Form>\n  </Formik>\n);", filename: 'Anmeldung.tsx' },
    { name: 'zod default(false)', code: "import { z } from 'zod';\nexport const schema = z.object({ email: z.string().email(), marketingOptIn: z.boolean().default(false) });" },
    { name: 'terms box ticked through state is not marketing consent', code: "import { useState } from 'react';\nexport function Checkout() {\n  const [accepted, setAccepted] = useState(true);\n  return <label><input type=\"checkbox\" checked={accepted} onChange={() => setAccepted(!accepted)} /> Ich akzeptiere die AGB und die Datenschutzerklärung</label>;\n}", filename: 'Checkout.tsx' },
    { name: 'defaultValues: acceptTerms true (terms, not marketing)', code: "import { useForm } from 'react-hook-form';\nexport function useCheckout() {\n  return useForm({ defaultValues: { acceptTerms: true, privacyConsent: true } });\n}", filename: 'useCheckout.ts' },
    { name: 'a preference centre showing the stored choice', code: "import { useState } from 'react';\nexport function Prefs({ user }: { user: { newsletter: boolean } }) {\n  const [newsletter, setNewsletter] = useState(user.newsletter);\n  return <label><input type=\"checkbox\" checked={newsletter} onChange={() => setNewsletter(!newsletter)} /> Newsletter</label>;\n}", filename: 'Prefs.tsx' },
    { name: 'a UI flag named after the newsletter but not bound to a box', code: "import { useState } from 'react';\nexport function Page() {\n  const [showNewsletter, setShowNewsletter] = useState(true);\n  return showNewsletter ? <button onClick={() => setShowNewsletter(false)}>Close</button> : null;\n}", filename: 'Page.tsx' },
    { name: 'a disabled, always-on necessary box', code: "import { useState } from 'react';\nexport function C() {\n  const [on] = useState(true);\n  return <label><input type=\"checkbox\" checked={on} disabled readOnly /> Necessary cookies</label>;\n}", filename: 'C.tsx' },
    { name: 'id says newsletter but the key and label are terms', code: "import { useForm } from 'react-hook-form';\nexport function F() {\n  const { register } = useForm({ defaultValues: { terms: true } });\n  return <label><input id=\"newsletter\" type=\"checkbox\" {...register('terms')} /> I accept the terms of service</label>;\n}", filename: 'F.tsx' },
    {
      name: 'generic field renderer across files, value false',
      code: "import { useState } from 'react';\nimport { CheckboxField } from './CheckboxField';\nexport function Checkout() {\n  const [values, setValues] = useState({ email: '', newsletter: false });\n  return <CheckboxField name=\"newsletter\" label=\"Send me offers\" value={values.newsletter} onChange={(v) => setValues({ ...values, newsletter: v })} />;\n}",
      filename: 'Checkout.tsx',
      files: { 'CheckboxField.tsx': "export function CheckboxField({ name, label, value, onChange }: { name: string; label: string; value: boolean; onChange: (v: boolean) => void }) {\n  return <label><input type=\"checkbox\" name={name} checked={!!value} onChange={(e) => onChange(e.target.checked)} /> {label}</label>;\n}" },
    },
    // server: a DTO's marketing flag starting false, terms starting true (not consent), a plain class without class-validator
    { code: "import { IsBoolean } from 'class-validator';\nexport class SignupDto {\n  @IsBoolean() newsletter: boolean = false;\n  @IsBoolean() acceptTerms: boolean = true;\n}\nexport class Settings { newsletter = true; }", filename: 'src/signup.dto.ts' },
    // server: express-validator default(false), another library's body()
    { code: "import { body } from 'express-validator';\nimport { body as b } from './dsl';\nexport const rules = [body('newsletter').default(false).isBoolean(), b('werbung').default(true)];", filename: 'routes/rules.ts' },
  ],
  invalid: [
    {
      code: "gtag('consent', 'default', {\n  ad_storage: 'granted',\n  analytics_storage: \"granted\",\n  functionality_storage: 'granted',\n});",
      errors: [{ messageId: 'consentModeGranted', line: 1, column: 1, endLine: 5, endColumn: 3, severity: 'error', message: 'ad_storage, analytics_storage' }],
      output: "gtag('consent', 'default', {\n  ad_storage: 'denied',\n  analytics_storage: \"denied\",\n  functionality_storage: 'granted',\n});",
    },
    {
      name: 'window.gtag inside a block (the shop sample)',
      code: "if (typeof window !== 'undefined') {\n  window.gtag('consent', 'default', { ad_user_data: 'granted', ad_personalization: 'granted', ad_storage: 'denied' });\n}",
      errors: [{ messageId: 'consentModeGranted', line: 2, column: 3, message: 'ad_user_data, ad_personalization' }],
      output: "if (typeof window !== 'undefined') {\n  window.gtag('consent', 'default', { ad_user_data: 'denied', ad_personalization: 'denied', ad_storage: 'denied' });\n}",
    },
    {
      name: 'orestbida cookieconsent, imported run and global',
      code: "import { run } from 'vanilla-cookieconsent';\nrun({\n  categories: {\n    necessary: { enabled: true, readOnly: true },\n    analytics: { enabled: true },\n    ads: { enabled: true, readOnly: false },\n  },\n});",
      errors: [
        { messageId: 'cmpDefaultOn', line: 5, column: 18, endColumn: 31, message: 'categories.analytics.enabled' },
        { messageId: 'cmpDefaultOn', line: 6, column: 12, message: 'categories.ads.enabled' },
      ],
      output: "import { run } from 'vanilla-cookieconsent';\nrun({\n  categories: {\n    necessary: { enabled: true, readOnly: true },\n    analytics: { enabled: false },\n    ads: { enabled: false, readOnly: false },\n  },\n});",
    },
    {
      name: 'Klaro config in an inline HTML script',
      code: '<script>\n  var klaroConfig = {\n    default: true,\n    services: [{ name: "matomo", optOut: true }],\n  };\n</script>',
      filename: 'index.html',
      errors: [
        { messageId: 'cmpDefaultOn', line: 3, column: 5, message: '`default`' },
        { messageId: 'cmpOptOut', line: 4, column: 34, message: 'services[matomo].optOut' },
      ],
      output: '<script>\n  var klaroConfig = {\n    default: false,\n    services: [{ name: "matomo", optOut: false }],\n  };\n</script>',
    },
    {
      name: 'an "opt-in" label reads as consent',
      code: '<label><input type="checkbox" id="u" checked> Opt-in to product updates</label>',
      filename: 'a.html',
      errors: [{ messageId: 'prechecked', line: 1, column: 8, message: 'optin' }],
      output: '<label><input type="checkbox" id="u"> Opt-in to product updates</label>',
    },
    {
      name: 'window.klaroConfig assignment',
      code: "window.klaroConfig = { apps: [{ name: 'ga', default: true }] };",
      errors: [{ messageId: 'cmpDefaultOn', line: 1, column: 45, message: 'apps[ga].default' }],
    },
    {
      name: 'JSX defaultChecked newsletter box with its label text',
      code: 'export const O = () => (\n  <label>\n    <input type="checkbox" name="news" defaultChecked />\n    Send me roast announcements and offers by email\n  </label>\n);',
      filename: 'O.tsx',
      errors: [{ messageId: 'prechecked', line: 3, column: 5, endLine: 3, endColumn: 57, message: 'defaultChecked' }],
      output: 'export const O = () => (\n  <label>\n    <input type="checkbox" name="news" />\n    Send me roast announcements and offers by email\n  </label>\n);',
    },
    {
      name: 'JSX checked={true} without onChange, name in camelCase',
      code: 'export const O = () => <input type="checkbox" id="marketingOptIn" checked={true} readOnly />;',
      filename: 'O.tsx',
      errors: [{ messageId: 'prechecked', line: 1, column: 24 }],
      output: 'export const O = () => <input type="checkbox" id="marketingOptIn" readOnly />;',
    },
    {
      name: 'HTML: partner offers inside a label (the landing sample), German label via for=',
      code: '<form>\n  <label class="check">\n    <input type="checkbox" name="partner_offers" value="yes" checked />\n    Also send me offers\n  </label>\n  <input type="checkbox" id="w" checked="checked">\n  <label for="w">Ich willige in die Zusendung von Werbung ein</label>\n</form>',
      filename: 'signup.html',
      errors: [
        { messageId: 'prechecked', line: 3, column: 5, message: 'partner/offers' },
        { messageId: 'prechecked', line: 6, column: 3, message: 'werbung' },
      ],
      output: '<form>\n  <label class="check">\n    <input type="checkbox" name="partner_offers" value="yes" />\n    Also send me offers\n  </label>\n  <input type="checkbox" id="w">\n  <label for="w">Ich willige in die Zusendung von Werbung ein</label>\n</form>',
    },
  
    {
      name: 'useState(true) bound to a newsletter box: anchored at the initial value',
      code: "import { useState } from 'react';\nexport function Signup() {\n  const [newsletter, setNewsletter] = useState(true);\n  return <label><input type=\"checkbox\" checked={newsletter} onChange={(e) => setNewsletter(e.target.checked)} /> Send me offers</label>;\n}",
      filename: 'Signup.tsx',
      errors: [{ messageId: 'precheckedValue', line: 3, column: 48, endColumn: 52, message: '`useState`' }],
      output: "import { useState } from 'react';\nexport function Signup() {\n  const [newsletter, setNewsletter] = useState(false);\n  return <label><input type=\"checkbox\" checked={newsletter} onChange={(e) => setNewsletter(e.target.checked)} /> Send me offers</label>;\n}",
    },
    {
      name: 'state object, id "terms" but bound to a marketing key',
      code: "import { useState } from 'react';\nexport function Checkout() {\n  const [form, setForm] = useState({ email: '', marketing: true });\n  return <input id=\"terms\" type=\"checkbox\" checked={form.marketing} onChange={() => setForm({ ...form, marketing: !form.marketing })} />;\n}",
      filename: 'Checkout.tsx',
      errors: [{ messageId: 'precheckedValue', line: 3, message: 'marketing' }],
      output: "import { useState } from 'react';\nexport function Checkout() {\n  const [form, setForm] = useState({ email: '', marketing: false });\n  return <input id=\"terms\" type=\"checkbox\" checked={form.marketing} onChange={() => setForm({ ...form, marketing: !form.marketing })} />;\n}",
    },
    {
      name: "a reducer's initial state",
      code: "import { useReducer } from 'react';\nconst initialState = { email: '', offers: true };\nfunction reducer(s: typeof initialState, a: Partial<typeof initialState>) { return { ...s, ...a }; }\nexport function Form() {\n  const [state, dispatch] = useReducer(reducer, initialState);\n  return <label><input type=\"checkbox\" checked={state.offers} onChange={() => dispatch({ offers: !state.offers })} /> Partner offers</label>;\n}",
      filename: 'Form.tsx',
      errors: [{ messageId: 'precheckedValue', line: 2, column: 43, message: "the reducer's initial state" }],
    },
    {
      name: "a context's provider value",
      code: "import { createContext, useContext, useState } from 'react';\nconst Prefs = createContext({ werbung: false });\nexport function PrefsProvider({ children }: { children: React.ReactNode }) {\n  const [prefs] = useState({ werbung: true });\n  return <Prefs.Provider value={prefs}>{children}</Prefs.Provider>;\n}\nexport function Box() {\n  const prefs = useContext(Prefs);\n  return <label><input type=\"checkbox\" checked={prefs.werbung} onChange={() => {}} /> Werbung per E-Mail</label>;\n}",
      filename: 'Prefs.tsx',
      errors: [{ messageId: 'precheckedValue', line: 4, message: 'werbung' }],
    },
    {
      name: 'react-hook-form defaultValues with register (key alone and with label: one finding)',
      code: "import { useForm } from 'react-hook-form';\nexport function Checkout() {\n  const { register } = useForm({\n    defaultValues: { email: '', newsletter: true },\n  });\n  return <form><label><input type=\"checkbox\" {...register('newsletter')} /> Newsletter</label></form>;\n}",
      filename: 'Checkout.tsx',
      errors: [{ messageId: 'precheckedValue', line: 4, column: 45, message: '`defaultValues`' }],
      output: "import { useForm } from 'react-hook-form';\nexport function Checkout() {\n  const { register } = useForm({\n    defaultValues: { email: '', newsletter: false },\n  });\n  return <form><label><input type=\"checkbox\" {...register('newsletter')} /> Newsletter</label></form>;\n}",
    },
    {
      name: 'react-hook-form: key "updates" is marketing by its label',
      code: "import { useForm } from 'react-hook-form';\nexport function Checkout() {\n  const form = useForm({ defaultValues: { updates: true } });\n  return <label><input type=\"checkbox\" {...form.register('updates')} /> Send me promotions and offers</label>;\n}",
      filename: 'Checkout.tsx',
      errors: [{ messageId: 'precheckedValue', line: 3, message: 'promotions/offers' }],
    },
    {
      name: 'shadcn FormField + Checkbox with a German label',
      code: "import { useForm } from 'react-hook-form';\nimport { Checkbox } from '@/components/ui/checkbox';\nimport { FormField, FormItem, FormControl, FormLabel } from '@/components/ui/form';\nexport function Kasse() {\n  const form = useForm({ defaultValues: { info: true } });\n  return (\n    <FormField control={form.control} name=\"info\" render={({ field }) => (\n      <FormItem>\n        <FormControl><Checkbox checked={field.value} onCheckedChange={field.onChange} /></FormControl>\n        <FormLabel>Ich möchte Angebote und Rabatte per E-Mail erhalten</FormLabel>\n      </FormItem>\n    )} />\n  );\n}",
      filename: 'Kasse.tsx',
      errors: [{ messageId: 'precheckedValue', line: 5, message: 'angebote/rabatte' }],
    },
    {
      name: 'Controller with its own defaultValue and an MUI FormControlLabel',
      code: "import { Controller, useForm } from 'react-hook-form';\nimport { Checkbox, FormControlLabel } from '@mui/material';\nexport function Signup() {\n  const { control } = useForm();\n  return <Controller name=\"marketingOptIn\" control={control} defaultValue={true} render={({ field }) => (\n    <FormControlLabel control={<Checkbox checked={field.value} onChange={field.onChange} />} label=\"Keep me posted\" />\n  )} />;\n}",
      filename: 'Signup.tsx',
      errors: [{ messageId: 'precheckedValue', line: 5, message: 'marketing' }],
      output: "import { Controller, useForm } from 'react-hook-form';\nimport { Checkbox, FormControlLabel } from '@mui/material';\nexport function Signup() {\n  const { control } = useForm();\n  return <Controller name=\"marketingOptIn\" control={control} defaultValue={false} render={({ field }) => (\n    <FormControlLabel control={<Checkbox checked={field.value} onChange={field.onChange} />} label=\"Keep me posted\" />\n  )} />;\n}",
    },
    {
      name: 'Formik initialValues with a Field checkbox (German)',
      code: "import { Formik, Field, Form } from 'formik';\nexport const Anmeldung = () => (\n  <Formik initialValues={{ email: '', werbung: true }} onSubmit={() => {}}>\n    <Form><label><Field type=\"checkbox\" name=\"werbung\" /> Ja, ich möchte Angebote per E-Mail erhalten</label></Form>\n  </Formik>\n);",
      filename: 'Anmeldung.tsx',
      errors: [{ messageId: 'precheckedValue', line: 3, column: 48, message: '`initialValues`' }],
    },
    {
      name: 'useFormik values',
      code: "import { useFormik } from 'formik';\nexport function Signup() {\n  const formik = useFormik({ initialValues: { email: '', partnerOffers: true }, onSubmit: () => {} });\n  return <input type=\"checkbox\" name=\"partnerOffers\" checked={formik.values.partnerOffers} onChange={formik.handleChange} />;\n}",
      filename: 'Signup.tsx',
      errors: [{ messageId: 'precheckedValue', line: 3, message: 'partner/offers' }],
    },
    {
      name: 'zod .default(true): a sign-up that omits it counts as consent',
      code: "import { z } from 'zod';\nexport const signup = z.object({\n  email: z.string().email(),\n  newsletter: z.boolean().default(true),\n});",
      errors: [{ messageId: 'precheckedValue', line: 4, column: 35, message: 'zod' }],
      output: "import { z } from 'zod';\nexport const signup = z.object({\n  email: z.string().email(),\n  newsletter: z.boolean().default(false),\n});",
    },
    {
      name: 'server: joi .default(true) on a marketing flag of an endpoint schema (named joi)',
      code: "import Joi from 'joi';\nexport const orderSchema = Joi.object({\n  email: Joi.string().email().required(),\n  marketingOptIn: Joi.boolean().default(true),\n});",
      filename: 'server/order.ts',
      errors: [{ messageId: 'precheckedValue', line: 4, message: 'joi schema' }],
      output: "import Joi from 'joi';\nexport const orderSchema = Joi.object({\n  email: Joi.string().email().required(),\n  marketingOptIn: Joi.boolean().default(false),\n});",
    },
    {
      name: 'server: class-validator DTO whose Werbung flag starts true (German)',
      code: "import { IsBoolean, IsEmail } from 'class-validator';\nexport class BestellungDto {\n  @IsEmail() email: string;\n  @IsBoolean() werbung: boolean = true;\n}",
      filename: 'src/bestellung/bestellung.dto.ts',
      errors: [{ messageId: 'precheckedValue', line: 4, message: 'initial value' }],
      output: "import { IsBoolean, IsEmail } from 'class-validator';\nexport class BestellungDto {\n  @IsEmail() email: string;\n  @IsBoolean() werbung: boolean = false;\n}",
    },
    {
      name: 'server: express-validator body(newsletter).default(true)',
      code: "import { body } from 'express-validator';\nexport const signupRules = [\n  body('email').isEmail(),\n  body('newsletter').default(true).isBoolean(),\n];",
      filename: 'routes/signup.ts',
      errors: [{ messageId: 'precheckedValue', line: 4, message: 'express-validator' }],
    },
    {
      name: 'yup .default(true) in a German schema',
      code: "import * as yup from 'yup';\nexport const schema = yup.object({ email: yup.string().required(), werbeEinwilligung: yup.boolean().default(true) });",
      errors: [{ messageId: 'precheckedValue', line: 2, message: 'yup' }],
    },
    {
      name: 'a generated form hook (use…Form) with defaultValues (TanStack Form wrapper)',
      code: "import { useRegisterDtoForm } from 'api/RegisterDto.form';\nexport function RegisterForm() {\n  const form = useRegisterDtoForm({ defaultValues: { newsletter: true }, onSubmit: () => {} });\n  return <form.Field name=\"newsletter\">{(field) => <input type=\"checkbox\" checked={field.state.value} onChange={(e) => field.handleChange(e.target.checked)} />}</form.Field>;\n}",
      filename: 'RegisterForm.tsx',
      errors: [{ messageId: 'precheckedValue', line: 3, message: '`defaultValues`' }],
    },
    {
      name: 'MUI Checkbox defaultChecked literal',
      code: "import { Checkbox, FormControlLabel } from '@mui/material';\nexport const O = () => <FormControlLabel control={<Checkbox defaultChecked name=\"promo\" />} label=\"Promotions by email\" />;",
      filename: 'O.tsx',
      errors: [{ messageId: 'prechecked', line: 2 }],
      output: "import { Checkbox, FormControlLabel } from '@mui/material';\nexport const O = () => <FormControlLabel control={<Checkbox name=\"promo\" />} label=\"Promotions by email\" />;",
    },
    {
      name: 'generic field renderer across files: the page passes the key and a true initial value',
      code: "import { useState } from 'react';\nimport { CheckboxField } from './CheckboxField';\nexport function Checkout() {\n  const [values, setValues] = useState({ email: '', news: true });\n  return <CheckboxField name=\"news\" label=\"Send me offers by email\" value={values.news} onChange={(v) => setValues({ ...values, news: v })} />;\n}",
      filename: 'Checkout.tsx',
      files: { 'CheckboxField.tsx': "export function CheckboxField({ name, label, value, onChange }: { name: string; label: string; value: boolean; onChange: (v: boolean) => void }) {\n  return <label><input type=\"checkbox\" name={name} checked={!!value} onChange={(e) => onChange(e.target.checked)} /> {label}</label>;\n}" },
      errors: [{ messageId: 'precheckedValue', line: 4, column: 59, message: 'offers' }],
      output: "import { useState } from 'react';\nimport { CheckboxField } from './CheckboxField';\nexport function Checkout() {\n  const [values, setValues] = useState({ email: '', news: false });\n  return <CheckboxField name=\"news\" label=\"Send me offers by email\" value={values.news} onChange={(v) => setValues({ ...values, news: v })} />;\n}",
    },
    {
      name: 'generic renderer reading values[name], default export through a barrel',
      code: "import { useState } from 'react';\nimport { Field } from './fields';\nexport default function Order() {\n  const [values] = useState({ email: '', newsletter: true });\n  return <Field name=\"newsletter\" values={values} />;\n}",
      filename: 'Order.tsx',
      files: {
        'fields/index.ts': "export { default as Field } from './Field';",
        'fields/Field.tsx': "const Field = (props: { name: string; values: Record<string, boolean> }) => <input type=\"checkbox\" name={props.name} checked={props.values[props.name]} onChange={() => {}} />;\nexport default Field;",
      },
      errors: [{ messageId: 'precheckedValue', line: 4, message: 'newsletter' }],
    },
  ],
});
