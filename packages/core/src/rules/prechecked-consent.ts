/**
 * prechecked-consent: consent assumed before the visitor chose: Google Consent Mode
 * defaults of `granted`, and newsletter / marketing / partner opt-in checkboxes ticked by
 * default.
 */
import { createRule } from '../rule';
import type { FileFacts, Span } from '../facts/types';
import { rangeOf } from '../text';
import { optInWords } from '../facts/embeds';

function shortName(file: string): string {
  return file.split(/[\\/]/).slice(-2).join('/');
}

/** Options of `prechecked-consent`. */
export interface Options {
  /** Consent Mode storage types whose `granted` default is not reported (e.g. `functionality_storage`). */
  allowGrantedDefaults: string[];
}

export type MessageIds = 'consentModeGranted' | 'prechecked' | 'precheckedValue' | 'cmpDefaultOn' | 'cmpOptOut';

/** Consent Mode types that need the visitor's consent; the others (functionality, security) may default to granted. */
const CONSENT_TYPES = ['ad_storage', 'analytics_storage', 'ad_user_data', 'ad_personalization', 'personalization_storage'];

export const rule = createRule<Options, MessageIds>({
  id: 'prechecked-consent',
  meta: {
    title: 'Disallow consent that is given by default (pre-ticked boxes, Consent Mode defaults of granted)',
    type: 'problem',
    defaultSeverity: 'error',
    gdpr: [
      { ref: 'Art. 4(11) GDPR', gist: 'Consent is a clear affirmative act of the visitor; silence or a default is not.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#d1e1489-1-1' },
      { ref: 'Art. 7 GDPR', gist: 'The controller must be able to show that the visitor consented.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#d1e2001-1-1' },
      { ref: 'Recital 32 GDPR', gist: 'Silence, pre-ticked boxes or inactivity do not constitute consent.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'CJEU C-673/17 Planet49', gist: 'A pre-ticked checkbox the visitor must untick is not valid consent.', url: 'https://curia.europa.eu/juris/liste.jsf?num=C-673/17' },
    ],
    messages: {
      consentModeGranted: {
        text: 'Google Consent Mode defaults {{types}} to granted before the visitor chose.',
        why: 'A default of granted treats every visitor as having consented, so Google stores and reads identifiers before any choice; a default is not consent (Art. 4(11) GDPR, recital 32, CJEU Planet49).',
        fix: 'Default {{types}} to denied and update it to granted from your consent tool after the visitor agrees.',
      },
      cmpDefaultOn: {
        text: '{{cmp}} turns `{{property}}` on before the visitor chose.',
        why: 'A purpose enabled by default counts every visitor as consenting until they object; consent must be an active opt-in (Art. 4(11) GDPR, recital 32, CJEU Planet49).',
        fix: 'Set it to `false` so the purpose starts off and the visitor turns it on.',
      },
      cmpOptOut: {
        text: '{{cmp}} loads `{{property}}` before consent (opt-out).',
        why: 'An opt-out service runs until the visitor objects, so it processes data without prior consent (Art. 6(1)(a), 7 GDPR, Art. 5(3) ePrivacy).',
        fix: 'Set it to `false` so the service loads only after the visitor accepts it.',
      },
      prechecked: {
        text: 'The {{words}} opt-in checkbox is ticked by default ({{attribute}}).',
        why: 'A box the visitor has to untick is not consent: it must be an active opt-in (Art. 4(11), 7 GDPR, recital 32, CJEU Planet49).',
        fix: 'Leave the box unticked by default: remove `{{attribute}}`.',
      },
      precheckedValue: {
        text: 'The {{words}} opt-in `{{key}}` starts ticked: {{via}} sets it to `true` before the visitor acts.',
        why: 'A box that is ticked until the visitor unticks it, or a field that counts as yes when nothing was sent, is not consent: it must be an active opt-in (Art. 4(11), 7 GDPR, recital 32, CJEU Planet49).',
        fix: 'Start `{{key}}` at `false` so that only the visitor ticking the box turns it on.',
      },
    },
    schema: {
      type: 'object',
      properties: {
        allowGrantedDefaults: {
          type: 'array',
          items: { type: 'string' },
          description: 'Consent Mode storage types (`ad_storage`, `analytics_storage`, `ad_user_data`, `ad_personalization`, `personalization_storage`) whose `granted` default is not reported, e.g. for a region-specific default outside the EEA.',
        },
      },
      additionalProperties: false,
    },
    fixable: true,
    hasSuggestions: false,
    description:
      'Reports (a) `gtag(\'consent\', \'default\', { … })` calls that set `ad_storage`, `analytics_storage`, `ad_user_data`, `ad_personalization` or `personalization_storage` to `granted`, with a fix that sets them to `denied`; and (b) checkboxes in JSX (`defaultChecked`, or `checked` without an `onChange` handler) and HTML (`checked`) that are ticked by default and whose name, id or label names a newsletter, marketing, offers, partners or consent (English and German vocabulary, `knowledge/optin-vocabulary.json`), with a fix that removes the attribute; (b2) opt-ins ticked through their initial value, whatever the form style: a checkbox\'s `checked` / `defaultChecked` (also MUI, Chakra, Mantine, antd, shadcn `Checkbox` / `Switch`) or its form-library binding (`{...register(\'key\')}`, `<Controller name>`, shadcn `<FormField name>`, Formik `<Field name>`, Mantine `getInputProps`) resolved back to `useState(true)`, a reducer\'s initial state, a context\'s provider value or default, react-hook-form `defaultValues`, Formik / Mantine / antd `initialValues`, or a zod / yup `.default(true)` (a sign-up that omits the field counts as yes); also when a page passes the value by key into a checkbox component in another file (`<CheckboxField name="newsletter" value={values.newsletter} />` rendering `checked={!!value}`). The key and the label decide (an `id` does not), and the finding sits on the `true` that ticks it, with a fix that writes `false`. A value taken from the visitor\'s stored choice (a preference centre) is not a default and is not reported; and (c) consent-tool configurations that switch a purpose on before the visitor chose: orestbida cookieconsent `categories.<name>.enabled: true` without `readOnly: true` (except `necessary`), Klaro `default: true` (top level or per service) and `optOut: true` on services that are not `required` (`knowledge/cmp-defaults.json`), with a fix that sets the flag to `false`. A pre-ticked box accepting terms or a privacy notice is not consent either way and is not reported here. `functionality_storage` and `security_storage` may default to granted (they cover what is strictly necessary).',
    whenNotToUse:
      'When the Consent Mode default with granted applies only to regions outside the EEA, UK and Switzerland (`region: […]`) and you have checked that; prefer `allowGrantedDefaults` for single storage types.',
    examples: {
      incorrect: [
        {
          title: 'cookieconsent with analytics enabled before any choice',
          code: "CookieConsent.run({\n  categories: {\n    necessary: { enabled: true, readOnly: true },\n    analytics: { enabled: true },\n  },\n});\n",
          filename: 'consent.js',
        },
        { title: 'Consent Mode defaulted to granted', code: "gtag('consent', 'default', { ad_storage: 'granted', analytics_storage: 'denied' });\n", filename: 'consent.js' },
        {
          title: 'A newsletter box ticked by default',
          code: 'export const Optin = () => (\n  <label>\n    <input type="checkbox" name="newsletter" defaultChecked />\n    Send me offers by email\n  </label>\n);\n',
          filename: 'Optin.tsx',
        },
        {
          title: 'A newsletter box whose state starts ticked',
          code: "import { useState } from 'react';\n\nexport function Signup() {\n  const [newsletter, setNewsletter] = useState(true);\n  return (\n    <label>\n      <input type=\"checkbox\" checked={newsletter} onChange={(e) => setNewsletter(e.target.checked)} />\n      Send me offers by email\n    </label>\n  );\n}\n",
          filename: 'Signup.tsx',
        },
        {
          title: 'react-hook-form defaults a German marketing field to true',
          code: "import { useForm } from 'react-hook-form';\n\nexport function Kasse() {\n  const { register } = useForm({ defaultValues: { email: '', werbung: true } });\n  return (\n    <label>\n      <input type=\"checkbox\" {...register('werbung')} />\n      Ich möchte Angebote per E-Mail erhalten\n    </label>\n  );\n}\n",
          filename: 'Kasse.tsx',
        },
        {
          title: 'A partner-offers box checked in HTML',
          code: '<label><input type="checkbox" name="partner_offers" checked> Send me offers from partners</label>\n',
          filename: 'signup.html',
        },
      ],
      correct: [
        {
          title: 'cookieconsent: only the read-only necessary category is enabled',
          code: "CookieConsent.run({\n  categories: {\n    necessary: { enabled: true, readOnly: true },\n    analytics: {},\n  },\n});\n",
          filename: 'consent.js',
        },
        { title: 'Consent Mode denied by default, updated by the consent tool', code: "gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied' });\n", filename: 'consent.js' },
        {
          title: 'An unticked opt-in',
          code: 'export const Optin = () => (\n  <label>\n    <input type="checkbox" name="newsletter" />\n    Send me offers by email\n  </label>\n);\n',
          filename: 'Optin.tsx',
        },
        {
          title: 'The same form starting unticked; the terms box may be required separately',
          code: "import { useForm } from 'react-hook-form';\n\nexport function Kasse() {\n  const { register } = useForm({ defaultValues: { email: '', werbung: false, agb: false } });\n  return (\n    <>\n      <label><input type=\"checkbox\" {...register('werbung')} /> Ich möchte Angebote per E-Mail erhalten</label>\n      <label><input type=\"checkbox\" {...register('agb', { required: true })} /> Ich akzeptiere die AGB</label>\n    </>\n  );\n}\n",
          filename: 'Kasse.tsx',
        },
        {
          title: 'A controlled checkbox whose state the visitor sets',
          code: 'export const Optin = ({ on, set }: { on: boolean; set: (v: boolean) => void }) => (\n  <input type="checkbox" name="newsletter" checked={on} onChange={(e) => set(e.target.checked)} />\n);\n',
          filename: 'Optin.tsx',
        },
      ],
    },
  },
  defaultOptions: { allowGrantedDefaults: [] },
  check(context) {
    const { facts, options } = context;
    for (const call of facts.consentDefaults) {
      const granted = Object.keys(call.values).filter((t) => call.values[t] === 'granted' && CONSENT_TYPES.includes(t) && !options.allowGrantedDefaults.includes(t));
      if (!granted.length) continue;
      const edits = granted.map((t) => {
        const span = call.valueSpans[t];
        const quote = facts.text[span.start] === '"' ? '"' : facts.text[span.start] === '`' ? '`' : "'";
        return { start: span.start, end: span.end, text: `${quote}denied${quote}` };
      });
      const types = granted.join(', ');
      context.report({
        messageId: 'consentModeGranted',
        data: { types },
        start: call.span.start,
        end: call.span.end,
        confidence: 'high',
        fixes: [{ title: `Default ${types} to denied`, edits, safe: true }],
        trace: [`\`gtag('consent', 'default', …)\` sets ${granted.map((t) => `${t}: 'granted'`).join(', ')} before any choice.`],
      });
    }
    for (const flag of facts.cmpDefaults) {
      context.report({
        messageId: flag.wasOptOut ? 'cmpOptOut' : 'cmpDefaultOn',
        data: { cmp: flag.apiName, property: flag.property },
        start: flag.span.start,
        end: flag.span.end,
        confidence: 'high',
        fixes: [{ title: `Set ${flag.property} to false`, edits: [{ start: flag.value.start, end: flag.value.end, text: 'false' }], safe: true }],
        trace: [`\`${flag.property}: true\` in the ${flag.apiName} configuration (consent-tool defaults catalogue).`],
      });
    }
    // Opt-ins ticked through their initial values: state, reducer, context, form defaults, schema defaults,
    // and props passed into a checkbox component (in this file or imported).
    const values = new Map<number, { span: Span; key: string; words: string[]; via: string; boxes: { file: string; span: Span; facts: FileFacts }[] }>();
    const add = (span: Span, key: string, words: string[], via: string, box?: { file: string; span: Span; facts: FileFacts }): void => {
      if (!words.length) return;
      let known = values.get(span.start);
      if (!known) values.set(span.start, (known = { span, key, words: [], via, boxes: [] }));
      for (const w of words) if (!known.words.includes(w)) known.words.push(w);
      if (box) known.boxes.push(box);
    };
    for (const v of facts.consentForms.prechecked) {
      add(v.span, v.key, v.words, v.via);
      for (const b of v.boxes) values.get(v.span.start)!.boxes.push({ file: facts.file, span: b, facts });
    }
    for (const use of facts.consentForms.componentUses) {
      const home = use.specifier ? context.project.exportedFrom(use.specifier, use.exportName ?? 'default', facts.file) : { facts, name: use.localName };
      if (!home) continue;
      const component = home.facts.consentForms.checkboxComponents.find((c) => (use.specifier ? c.exportNames.includes(home.name) : c.localName === home.name));
      if (!component) continue;
      const key = component.nameLiteral ?? (component.keyProp ? use.strings[component.keyProp] : undefined);
      const label = [component.labelText, component.labelProp ? use.strings[component.labelProp] ?? '' : '', use.strings.children ?? ''].join(' ');
      const initial = component.checkedProp ? use.initials[component.checkedProp] : component.valuesProp && key ? use.objectInitials[component.valuesProp]?.[key] : undefined;
      if (!initial) continue;
      const name = key ?? component.checkedProp ?? '';
      add(initial.span, name, optInWords([name, label]), initial.via, { file: home.facts.file, span: component.span, facts: home.facts });
    }
    for (const v of values.values()) {
      const words = v.words.join('/');
      context.report({
        messageId: 'precheckedValue',
        data: { words, key: v.key, via: v.via },
        start: v.span.start,
        end: v.span.end,
        confidence: 'high',
        fixes: [{ title: `Start ${v.key} unticked (false)`, edits: [{ start: v.span.start, end: v.span.end, text: 'false' }], safe: true }],
        trace: [
          `\`${v.key}\` names ${v.words.map((w) => `"${w}"`).join(', ')} (opt-in vocabulary, key and label) and ${v.via} holds \`true\` here before the visitor acts.`,
          ...(v.boxes.length ? [`It ticks the checkbox${v.boxes.length > 1 ? 'es' : ''} at ${v.boxes.map((b) => `${shortName(b.file)}:${rangeOf(b.facts.lineStarts, b.span.start, b.span.end).start.line}`).join(', ')}.`] : ['No checkbox for it was seen: the form submits it as `true` unless the visitor finds and unticks it.']),
        ],
        related: v.boxes.map((b) => ({ file: b.file, range: rangeOf(b.facts.lineStarts, b.span.start, b.span.end), message: 'the checkbox it ticks' })),
      });
    }
    for (const box of facts.checkedBoxes) {
      const words = box.words.join('/');
      context.report({
        messageId: 'prechecked',
        data: { words, attribute: box.attribute },
        start: box.span.start,
        end: box.span.end,
        confidence: 'high',
        fixes: box.remove.end > box.remove.start ? [{ title: `Untick by default (remove ${box.attribute})`, edits: [{ ...box.remove, text: '' }], safe: true }] : [],
        trace: [`The checkbox's name or label mentions ${box.words.map((w) => `"${w}"`).join(', ')} (opt-in vocabulary), and \`${box.attribute}\` ticks it before the visitor acts.`],
      });
    }
  },
});
