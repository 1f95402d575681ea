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
  ],
});
