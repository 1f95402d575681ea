import { runRuleTests } from '../testing/rule-tester';
import { rule } from './special-category-personalization';

runRuleTests(rule, {
  valid: [
    // a pharmacy's product catalogue: no marketing context
    { code: "export const products = [\n  { sku: 'MG-1', name: 'Mundgeruch-Spray', category: 'Mundpflege' },\n  { sku: 'HA-2', name: 'Hair loss shampoo' },\n];", filename: 'catalogue.ts' },
    // a health app's own record
    { code: "export function saveRecord(db: any, patient: { id: string }) {\n  return db.insert('records', { patient: patient.id, diagnosis: 'diabetes type 2' });\n}", filename: 'records.ts' },
    // a neutral event to a tracker
    "fbq('track', 'ViewContent', { content_category: 'oral care' });",
    // a segment on a non-sensitive attribute
    { code: "export const segments = { coffeeLovers: { tag: 'espresso' }, weekendBuyers: { weekday: 'sat' } };", filename: 'segments.ts' },
    // ambiguous terms alone outside tracker calls (aids = hearing aids? therapy = physio?)
    { code: "export const campaign = { subject: 'New therapy rooms open' };", filename: 'campaign.ts' },
    // whole words: 'potenziell' is not 'Potenz', 'gender' is not 'gen'
    { code: "export const kampagne = { text: 'potenzielle Kunden', gender: 'any' };", filename: 'kampagne.ts' },
    // a folder named for marketing does not make every file in it marketing (found by the false-positive hunt)
    { code: "export const categories = [{ name: 'Diabetes Care', subcategories: ['Insulin'] }];", filename: 'personalization-service/src/catalogue.ts' },
    // ignored by option
    { code: "posthog.capture('view', { topic: 'diabetes' });", config: { rules: { 'special-category-personalization': ['error', { ignoreTerms: ['diabetes'] }] } } },
  ],
  invalid: [
    {
      name: 'German health term in a Meta Pixel event: error',
      code: "export function viewed() {\n  fbq('track', 'ViewContent', { content_category: 'Erektionsstörungen' });\n}",
      errors: [{ messageId: 'specialCategoryInTracking', line: 2, column: 51, endColumn: 71, severity: 'error', confidence: 'high', message: 'erektionsstoerungen' }],
    },
    {
      name: 'event name with bad breath, template text in a URL pixel',
      code: "export function viewed(id: string) {\n  posthog.capture('bad_breath_quiz_done');\n  new Image().src = `https://www.facebook.com/tr?id=${id}&cd[category]=hair loss`;\n}",
      errors: [
        { messageId: 'specialCategoryInTracking', line: 2, column: 19, message: 'bad breath' },
        { messageId: 'specialCategoryInTracking', line: 3, column: 21, message: 'hair loss' },
      ],
    },
    {
      name: 'an audience defined by a health interest: warning, medium (names only)',
      code: "export function createAudiences(api: any) {\n  return api.audiences.create({ name: 'Diabetiker Newsletter', rule: { interest: 'diabetes' } });\n}",
      filename: 'ads.ts',
      errors: [
        { messageId: 'specialCategoryInMarketing', line: 2, column: 39, severity: 'warning', confidence: 'medium', message: 'diabet' },
        { messageId: 'specialCategoryInMarketing', line: 2, column: 82, severity: 'warning', confidence: 'medium', message: 'diabetes' },
      ],
    },
    {
      name: 'a file named as a campaign: religion in a personalised subject',
      code: "export const subjects = {\n  ramadanKareem: `Ramadan Kareem, ${'{{first_name}}'}`,\n  default: 'Our autumn offers',\n};\nexport const muslimCustomers = 'muslim';",
      filename: 'src/campaign-subjects.ts',
      errors: [{ messageId: 'specialCategoryInMarketing', line: 5, column: 32, severity: 'warning', message: 'religion' }],
    },
    {
      name: 'ambiguous term in a tracker call: medium confidence, warning',
      code: "plausible('signup', { props: { plan: 'prep' } });",
      errors: [{ messageId: 'specialCategoryInTracking', line: 1, column: 38, severity: 'warning', confidence: 'medium' }],
    },
    {
      name: 'team term from options',
      code: "gtag('event', 'view_item', { item_category: 'zahnfleischbluten' });",
      config: { rules: { 'special-category-personalization': ['error', { extraTerms: [{ category: 'health', lang: 'de', terms: ['zahnfleischbluten'] }] }] } },
      errors: [{ messageId: 'specialCategoryInTracking', line: 1, column: 45 }],
    },
  ],
});
