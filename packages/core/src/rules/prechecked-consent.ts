/**
 * prechecked-consent: consent assumed before the visitor chose: Google Consent Mode
 * defaults of `granted`, and newsletter / marketing / partner opt-in checkboxes ticked by
 * default.
 */
import { createRule } from '../rule';

/** Options of `prechecked-consent`. */
export interface Options {
  /** Consent Mode storage types whose `granted` default is not reported (e.g. `functionality_storage`). */
  allowGrantedDefaults: string[];
}

export type MessageIds = 'consentModeGranted' | 'prechecked' | 'cmpDefaultOn' | 'cmpOptOut';

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
      'Reports (a) `gtag(\'consent\', \'default\', { … })` calls that set `ad_storage`, `analytics_storage`, `ad_user_data`, `ad_personalization` or `personalization_storage` to `granted`, with a fix that sets them to `denied`; and (b) checkboxes in JSX (`defaultChecked`, or `checked` without an `onChange` handler) and HTML (`checked`) that are ticked by default and whose name, id or label names a newsletter, marketing, offers, partners or consent (English and German vocabulary, `knowledge/optin-vocabulary.json`), with a fix that removes the attribute; and (c) consent-tool configurations that switch a purpose on before the visitor chose: orestbida cookieconsent `categories.<name>.enabled: true` without `readOnly: true` (except `necessary`), Klaro `default: true` (top level or per service) and `optOut: true` on services that are not `required` (`knowledge/cmp-defaults.json`), with a fix that sets the flag to `false`. A pre-ticked box accepting terms or a privacy notice is not consent either way and is not reported here. `functionality_storage` and `security_storage` may default to granted (they cover what is strictly necessary).',
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
