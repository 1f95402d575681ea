import { runRuleTests } from '../testing/rule-tester';
import { rule } from './third-party-data-source';

runRuleTests(rule, {
  valid: [
    // the Clearbit logo CDN and autocomplete are not enrichment
    "export const logo = (d: string) => fetch(`https://logo.clearbit.com/${d}`);",
    "export const suggest = (q: string) => fetch(`https://autocomplete.clearbit.com/v1/companies/suggest?query=${q}`);",
    // Hunter's email verifier checks an address you already have
    "export const verify = (e: string) => fetch(`https://api.hunter.io/v2/email-verifier?email=${e}`);",
    // @apollo/client is GraphQL, not Apollo.io
    "import { ApolloClient, InMemoryCache } from '@apollo/client';\nexport const client = new ApolloClient({ uri: '/graphql', cache: new InMemoryCache() });",
    // Graph API calls that are not audience uploads
    "export const me = (t: string) => fetch(`https://graph.facebook.com/v19.0/me?access_token=${t}`);",
    "export const users = (id: string) => fetch(`https://graph.facebook.com/v19.0/${id}/users`);",
    // own exports and purchases (orders) are not bought lists
    "import fs from 'node:fs';\nexport const a = fs.readFileSync('./exports/newsletter-signups.csv', 'utf8');\nexport const b = fs.readFileSync('./data/purchases.csv', 'utf8');",
    "import fs from 'node:fs';\nexport const kunden = fs.readFileSync('./export/kunden-2024.csv', 'utf8');",
    // writing, not reading; a message broker config
    "import fs from 'node:fs';\nexport const c = JSON.parse(fs.readFileSync('./config/broker.json', 'utf8'));",
    // a provenance value of an own channel
    "export const lead = { email: 'a@b.c', source: 'website-form' };",
    // ignored by option
    {
      code: "export const e = (email: string) => fetch(`https://person.clearbit.com/v2/people/find?email=${email}`);",
      config: { rules: { 'third-party-data-source': ['warning', { ignoreSources: ['clearbit'] }] } },
    },
  ],
  invalid: [
    {
      name: 'Clearbit person enrichment by URL',
      code: "export const e = (email: string) => fetch(`https://person.clearbit.com/v2/people/find?email=${email}`);",
      errors: [{ messageId: 'enrichment', line: 1, column: 37, severity: 'warning', confidence: 'high', message: 'Clearbit' }],
    },
    {
      name: 'Clearbit SDK: person and company calls; the import is not reported separately',
      code: "const clearbit = require('clearbit')(process.env.CLEARBIT_KEY);\nexport async function lookup(email: string, domain: string) {\n  const person = await clearbit.Enrichment.find({ email, stream: true });\n  const company = await clearbit.Company.find({ domain });\n  return { person, company };\n}",
      filename: 'lookup.js',
      errors: [
        { messageId: 'enrichment', line: 3, column: 24 },
        { messageId: 'companyEnrichment', line: 4, column: 25, severity: 'info' },
      ],
    },
    {
      name: 'People Data Labs SDK on a class field',
      code: "import PDLJS from 'peopledatalabs';\nexport class Enricher {\n  private pdl = new PDLJS({ apiKey: 'k' });\n  run(email: string) {\n    return this.pdl.person.enrichment({ email });\n  }\n}",
      errors: [{ messageId: 'enrichment', line: 5, column: 12, message: 'People Data Labs' }],
    },
    {
      name: 'Apollo.io people match through an axios instance with a base URL',
      code: "import axios from 'axios';\nconst apollo = axios.create({ baseURL: 'https://api.apollo.io/api/v1' });\nexport const match = (email: string) => apollo.post('/people/match', { email });",
      errors: [
        { messageId: 'enrichment', line: 2, column: 16 },
        { messageId: 'enrichment', line: 3, column: 41 },
      ],
    },
    {
      name: 'Hunter email finder',
      code: "import axios from 'axios';\nexport const find = (domain: string, first: string) => axios.get('https://api.hunter.io/v2/email-finder', { params: { domain, first_name: first } });",
      errors: [{ messageId: 'enrichment', line: 2, column: 56, message: 'email finder' }],
    },
    {
      name: 'an enrichment SDK imported, no recognised call: medium',
      code: "import FullContact from 'fullcontact';\nexport const fc = FullContact.createClient(process.env.FC_KEY);",
      errors: [{ messageId: 'sdkImported', line: 1, column: 1, confidence: 'medium' }],
    },
    {
      name: 'Meta custom audience upload',
      code: "export async function upload(audienceId: string, hashes: string[][]) {\n  await fetch(`https://graph.facebook.com/v19.0/${audienceId}/users`, { method: 'POST', body: JSON.stringify({ payload: { schema: ['EMAIL_SHA256'], data: hashes } }) });\n}",
      errors: [{ messageId: 'audienceUpload', line: 2, column: 9, message: 'Meta Custom Audiences' }],
    },
    {
      name: 'Meta Business SDK createUser',
      code: "import { CustomAudience } from 'facebook-nodejs-business-sdk';\nexport const add = (id: string, data: string[][]) => new CustomAudience(id).createUser([], { payload: { schema: ['EMAIL_SHA256'], data } });",
      errors: [{ messageId: 'audienceUpload', line: 2, column: 54 }],
    },
    {
      name: 'Google Ads Customer Match offline user data job',
      code: "export const job = (customer: string, token: string) => fetch(`https://googleads.googleapis.com/v16/customers/${customer}/offlineUserDataJobs:create`, { method: 'POST', headers: { 'developer-token': token } });",
      errors: [{ messageId: 'audienceUpload', line: 1, column: 57, message: 'Customer Match' }],
    },
    {
      name: 'LinkedIn DMP segment users and TikTok audience file upload',
      code: "import axios from 'axios';\nexport const li = (seg: string, users: object[]) => axios.post(`https://api.linkedin.com/rest/dmpSegments/${seg}/users`, { elements: users });\nexport const tt = (file: FormData) => axios.post('https://business-api.tiktok.com/open_api/v1.3/dmp/custom_audience/file/upload/', file);",
      errors: [
        { messageId: 'audienceUpload', line: 2, column: 53 },
        { messageId: 'audienceUpload', line: 3, column: 39 },
      ],
    },
    {
      name: 'a purchased lead list read from disk',
      code: "import fs from 'node:fs';\nimport { parse } from 'csv-parse/sync';\nexport const leads = parse(fs.readFileSync('./data/purchased-leads.csv'));",
      errors: [{ messageId: 'boughtList', line: 3, column: 44, confidence: 'medium' }],
    },
    {
      name: 'German: Kaufadressen, a bought JSON list imported, a broker contact list',
      code: "import fs from 'node:fs';\nimport liste from './daten/gekaufte_adressen.json';\nexport const a = fs.readFileSync('./import/kaufadressen-2024.csv', 'utf8');\nexport const b = fs.createReadStream('broker_contacts.csv');\nexport const c = require('./bought_list.json');\nexport { liste };",
      errors: [
        { messageId: 'boughtList', line: 2, column: 19 },
        { messageId: 'boughtList', line: 3, column: 34 },
        { messageId: 'boughtList', line: 4, column: 38 },
        { messageId: 'boughtList', line: 5, column: 26 },
      ],
    },
    {
      name: 'provenance that says the record was bought',
      code: "export const toCrm = (email: string) => ({ email, leadSource: 'purchased-list-2024' });",
      errors: [{ messageId: 'boughtList', line: 1, column: 51 }],
    },
  ],
});
