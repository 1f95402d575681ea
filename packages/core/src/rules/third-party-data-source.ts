/**
 * third-party-data-source: personal data the people concerned did not give you: person
 * enrichment and data-broker APIs, bought lead lists, and your customer list pushed into an
 * ad platform's audience matching. Each triggers the Art. 14 duty to inform.
 */
import { createRule } from '../rule';
import type { DataSourceKind } from '../knowledge/types';

/** Options of `third-party-data-source`. */
export interface Options {
  /** Catalogue ids (`clearbit`, `hunter`, `meta-custom-audiences`, `purchased-list`) never reported. */
  ignoreSources: string[];
  /** Report company-only enrichment (Clearbit company, PDL company) at info. Default true. */
  reportCompanyEnrichment: boolean;
}

export type MessageIds = 'enrichment' | 'companyEnrichment' | 'audienceUpload' | 'boughtList' | 'sdkImported';

const KIND_LABEL: Record<DataSourceKind, string> = {
  'person-enrichment': 'person enrichment',
  'company-enrichment': 'company enrichment',
  'email-finder': 'email finder',
  'data-broker': 'data broker',
  'audience-upload': 'customer-list upload',
};

export const rule = createRule<Options, MessageIds>({
  id: 'third-party-data-source',
  meta: {
    title: 'Disallow obtaining personal data from third parties (enrichment, brokers, bought lists) or uploading customer lists to ad platforms unnoticed',
    type: 'problem',
    defaultSeverity: 'warning',
    gdpr: [
      { ref: 'Art. 14 GDPR', gist: 'When personal data were not obtained from the person, tell them within a month (at the latest at first contact) who you are, what you hold, why, and where it came from.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'Art. 6(1) GDPR', gist: 'Buying, enriching or matching personal data needs its own legal basis; consent given to the seller is not consent given to you.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'UODO, Bisnode (2019)', gist: 'A data broker was fined for not informing millions of people under Art. 14; a notice on its website was not enough.' },
      { ref: 'VG Bayreuth B 1 S 18.105 (2018)', gist: 'Uploading (even hashed) customer e-mail addresses to Facebook Custom Audiences is a transfer to a third party that needs consent.' },
    ],
    messages: {
      enrichment: {
        text: '{{name}} ({{kind}}) is called here: {{label}}.',
        why: 'The people whose profiles you pull never gave you this data; Art. 14 GDPR requires telling each of them within a month who you are, what you hold and where you got it, and customers dislike being looked up behind their backs.',
        fix: 'Record the source and date for every enriched record and send an Art. 14 notice, or drop the enrichment and ask people for what you need.',
      },
      companyEnrichment: {
        text: '{{name}} ({{kind}}) is called here: {{label}}.',
        why: 'Company data is personal data where it names people (sole traders, contacts, decision makers); then Art. 14 GDPR applies to them as to any bought data.',
        fix: 'Keep company lookups to company facts; if contacts come back, record the source and inform those people (Art. 14).',
      },
      audienceUpload: {
        text: 'Your customer list goes to {{name}} for audience matching: {{label}}.',
        why: 'Uploading customers to an ad platform discloses them to a third party (hashed addresses included), which German courts have held needs consent; the customers gave you their data for their order, not for ads elsewhere.',
        fix: 'Upload only customers who consented to this use, and say so in your privacy notice; otherwise remove the upload.',
      },
      boughtList: {
        text: 'This reads a bought list: {{label}}.',
        why: 'People on a bought list never gave you their data; Art. 14 GDPR requires informing each of them (at the latest at first contact), and e-mail or phone consents given to the seller are not valid for you.',
        fix: 'Keep the seller’s consent proofs (who, when, wording naming your company), record the source per record, and send Art. 14 notices before the first mailing; better, build your own opt-in list.',
      },
      sdkImported: {
        text: 'The {{name}} SDK ({{kind}}) is used in this file.',
        why: 'The SDK exists to fetch data about people from a third party; whoever receives it must inform them under Art. 14 GDPR.',
        fix: 'Check what the calls fetch; record the source for every enriched record and send Art. 14 notices, or drop the SDK.',
      },
    },
    schema: {
      type: 'object',
      properties: {
        ignoreSources: {
          type: 'array',
          items: { type: 'string' },
          description: 'Data-source ids never reported (`clearbit`, `people-data-labs`, `apollo-io`, `hunter`, `meta-custom-audiences`, `google-customer-match`, `purchased-list`, or your own from `dataSources`).',
        },
        reportCompanyEnrichment: {
          type: 'boolean',
          description: 'Report company-only enrichment (Clearbit company/reveal, People Data Labs company, Hunter companies) at info. Default true.',
        },
      },
      additionalProperties: false,
    },
    fixable: false,
    hasSuggestions: false,
    description:
      'Reports (a) calls to person-enrichment, email-finder and data-broker APIs (Clearbit person/prospector and its SDK, People Data Labs, Apollo.io, Lusha, ZoomInfo, FullContact, Hunter, RocketReach, Pipl, Snov.io, Dropcontact, Proxycurl: `knowledge/data-sources.json`, extendable with `dataSources`) by SDK method or request URL, with company-only lookups at info; the Clearbit logo CDN and autocomplete are not data sources; (b) customer-list uploads to ad platforms: Meta custom audience `/{audience}/users` with a `payload`, `createUser` of the Business SDK, Google Ads Customer Match (`OfflineUserDataJobs`, `uploadUserData`), LinkedIn DMP segment users, TikTok custom audience uploads; (c) bought lists: a CSV/JSON/Excel file whose name says it was bought (`purchased-leads.csv`, `kaufadressen.xlsx`, `broker_contacts.json`) read or imported, and provenance values such as `source: \'purchased-list\'` (medium confidence). An enrichment SDK imported without a recognised call is reported once at medium confidence.',
    whenNotToUse:
      'When you already send Art. 14 notices for every record from the source (document it and add the id to `ignoreSources`), or for a B2B company lookup you have assessed.',
    examples: {
      incorrect: [
        {
          title: 'Enriching sign-ups with People Data Labs',
          code: "import PDLJS from 'peopledatalabs';\n\nconst pdl = new PDLJS({ apiKey: process.env.PDL_KEY! });\n\nexport async function enrich(email: string) {\n  return pdl.person.enrichment({ email });\n}\n",
          filename: 'enrich.ts',
        },
        {
          title: 'Uploading customers to a Meta custom audience',
          code: "export async function syncAudience(audienceId: string, hashes: string[]) {\n  await fetch(`https://graph.facebook.com/v19.0/${audienceId}/users`, {\n    method: 'POST',\n    body: JSON.stringify({ payload: { schema: ['EMAIL_SHA256'], data: hashes } }),\n  });\n}\n",
          filename: 'audience.ts',
        },
        {
          title: 'Importing bought addresses (German file name)',
          code: "import fs from 'node:fs';\n\nexport const kaufadressen = fs.readFileSync('./import/kaufadressen-2024.csv', 'utf8');\n",
          filename: 'import.ts',
        },
      ],
      correct: [
        {
          title: 'Company logos from the Clearbit logo CDN',
          code: "export const logoUrl = (domain: string) => `https://logo.clearbit.com/${domain}`;\nexport const load = (domain: string) => fetch(logoUrl(domain));\n",
          filename: 'logo.ts',
        },
        {
          title: 'Reading your own sign-up export',
          code: "import fs from 'node:fs';\n\nexport const signups = fs.readFileSync('./exports/newsletter-signups.csv', 'utf8');\n",
          filename: 'export.ts',
        },
      ],
    },
  },
  defaultOptions: { ignoreSources: [], reportCompanyEnrichment: true },
  check(context) {
    const { facts, options } = context;
    const data = facts.dataHandling;
    if (!data) return;
    for (const use of data.dataSources) {
      if (options.ignoreSources.includes(use.sourceId)) continue;
      if (use.kind === 'company-enrichment' && !options.reportCompanyEnrichment) continue;
      const messageId: MessageIds =
        use.form === 'bought-list' || use.form === 'provenance'
          ? 'boughtList'
          : use.form === 'sdk-import'
            ? 'sdkImported'
            : use.kind === 'audience-upload'
              ? 'audienceUpload'
              : use.kind === 'company-enrichment'
                ? 'companyEnrichment'
                : 'enrichment';
      context.report({
        messageId,
        data: { name: use.sourceName, kind: KIND_LABEL[use.kind], label: use.label },
        start: use.span.start,
        end: use.span.end,
        confidence: use.confidence,
        severityCap: use.kind === 'company-enrichment' ? 'info' : undefined,
        trace: [
          use.form === 'bought-list'
            ? `The file name ${use.label} contains a word that marks a bought list (knowledge/data-sources.json, purchasedLists).`
            : use.form === 'provenance'
              ? `The record's provenance ${use.label} marks it as bought.`
              : `${use.label} is ${use.sourceName}, a ${KIND_LABEL[use.kind]} source in the data-sources catalogue.`,
        ],
      });
    }
  },
});
