/**
 * special-category-personalization: health, religion, ethnicity, sexual orientation,
 * political opinion, union membership, genetic or biometric terms (GDPR Art. 9) used in
 * marketing: tracking events and their properties, audience and segment definitions,
 * campaigns, personalisation rules. Only in marketing contexts: a pharmacy's catalogue or a
 * health app's own record is not flagged for containing the words.
 */
import { createRule } from '../rule';
import { findSpecialTerms, validateSpecialTerms, type SpecialCategory, type SpecialTermEntry } from '../knowledge/special-categories';

/** Options of `special-category-personalization`. */
export interface Options {
  /** Extra terms, e.g. the team's own product categories: `[{ "category": "health", "lang": "de", "terms": ["zahnfleischbluten"] }]`. */
  extraTerms: Partial<SpecialTermEntry>[];
  /** Terms never reported (lower case, as in the lexicon). */
  ignoreTerms: string[];
}

export type MessageIds = 'specialCategoryInTracking' | 'specialCategoryInMarketing';

const CATEGORY_LABEL: Record<SpecialCategory, string> = {
  health: 'health',
  religion: 'religion',
  ethnicity: 'ethnic origin',
  sexualOrientation: 'sexual orientation',
  politicalOpinion: 'political opinion',
  tradeUnion: 'trade-union membership',
  genetic: 'genetic data',
  biometric: 'biometric data',
};

const validated = new WeakMap<object, SpecialTermEntry[]>();

export const rule = createRule<Options, MessageIds>({
  id: 'special-category-personalization',
  meta: {
    title: 'Disallow health, religion, sexuality and other special-category data in tracking, audiences and personalisation',
    type: 'problem',
    defaultSeverity: 'error',
    gdpr: [
      { ref: 'Art. 9(1) GDPR', gist: 'Data revealing health, sex life or sexual orientation, religion, ethnic origin, political opinions, union membership, genetic or biometric data may not be processed, save narrow exceptions.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'Art. 9(2)(a) GDPR', gist: 'For marketing the only realistic exception is explicit consent for the specified purpose.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
      { ref: 'CJEU C-252/21 Meta v Bundeskartellamt', gist: 'Collecting visits and inputs on sites about such topics through trackers and linking them to a profile is special-category processing, also when inferred.', url: 'https://curia.europa.eu/juris/liste.jsf?num=C-252/21' },
      { ref: 'CJEU C-21/23 Lindenapotheke', gist: 'Order data for pharmacy products are health data; a certain probability that the product is for the customer suffices.', url: 'https://curia.europa.eu/juris/liste.jsf?num=C-21/23' },
      { ref: 'Art. 26(3) DSA', gist: 'Online platforms may not show ads based on profiling with special-category data at all.' },
    ],
    messages: {
      specialCategoryInTracking: {
        text: 'The {{category}} term “{{term}}” goes to {{evidence}}.',
        why: '“The ad knew about my condition”: tying a visitor to {{category}} through a tracker is special-category processing even when only inferred from browsing or purchases (Art. 9 GDPR; CJEU C-252/21), forbidden without explicit consent.',
        fix: 'Send a neutral event or category instead (or none), and use contextual placement rather than a profile.',
      },
      specialCategoryInMarketing: {
        text: 'The {{category}} term “{{term}}” is used in marketing code (`{{evidence}}`).',
        why: 'Segmenting, targeting or personalising by {{category}} processes special-category data (Art. 9 GDPR; CJEU C-252/21) and needs explicit consent for exactly that purpose.',
        fix: 'Target on non-sensitive attributes, or get explicit Art. 9(2)(a) consent for this use and keep it away from ad platforms.',
      },
    },
    schema: {
      type: 'object',
      properties: {
        extraTerms: {
          type: 'array',
          description: 'Extra special-category terms (English or German, lower case, parts separated by spaces), e.g. your own product categories.',
          items: {
            type: 'object',
            required: ['category', 'terms'],
            additionalProperties: false,
            properties: {
              category: { enum: ['health', 'religion', 'ethnicity', 'sexualOrientation', 'politicalOpinion', 'tradeUnion', 'genetic', 'biometric'] },
              lang: { enum: ['en', 'de'] },
              terms: { type: 'array', items: { type: 'string', minLength: 1 } },
              stems: { type: 'array', items: { type: 'string', minLength: 3 } },
              ambiguous: { type: 'array', items: { type: 'string' } },
              source: { type: 'string' },
            },
          },
        },
        ignoreTerms: { type: 'array', items: { type: 'string' }, description: 'Terms never reported, e.g. `therapy` for a physiotherapy booking site.' },
      },
      additionalProperties: false,
    },
    fixable: false,
    hasSuggestions: false,
    description: [
      'Matches an English and German lexicon of special-category terms (`special-categories.json`: health conditions seen in marketing such as bad breath/Mundgeruch, hair loss/Haarausfall, erectile dysfunction/Erektionsstörungen, pregnancy/Schwangerschaft, diabetes, weight-loss medication, mental health; religion; ethnicity; sexual orientation; political opinion; trade-union membership; genetic; biometric) against:',
      '',
      '- the arguments of tracker calls (event names, properties, URLs): an error, since the tracker ties it to the visitor’s cookie or id;',
      '- strings inside marketing code: audience, segment, campaign, targeting, recommendation or personalisation definitions, recognised by their names (`createAudience`, `segments`, `Zielgruppe`) or the file’s name (`campaigns/…`): a warning at medium confidence, because the context is inferred from names only.',
      '',
      'Texts elsewhere (a product catalogue, a health app’s own records) are not reported. Ambiguous terms (`aids`, `therapy`, `prep`) count only in tracker calls, at medium confidence.',
    ].join('\n'),
    whenNotToUse: 'When the marketing use is covered by explicit, separate Art. 9(2)(a) consent and never reaches an ad platform, suppress the finding with a justification naming that consent.',
    examples: {
      incorrect: [
        { title: 'A product interest sent to the Meta Pixel', code: "export function viewed() {\n  fbq('track', 'ViewContent', { content_category: 'Erektionsstörungen' });\n}" },
        { title: 'An audience of people interested in hair loss products', code: "export const audiences = [{ name: 'Hair loss buyers', filter: { minOrders: 1 } }];", filename: 'marketing.ts' },
      ],
      correct: [
        { title: 'The pharmacy’s own product catalogue', code: "export const products = [{ sku: 'MG-1', name: 'Mundgeruch-Spray', category: 'Mundpflege' }];", filename: 'catalogue.ts' },
        { title: 'A neutral event', code: "export function viewed() {\n  fbq('track', 'ViewContent', { content_category: 'oral care' });\n}" },
      ],
    },
  },
  defaultOptions: { extraTerms: [], ignoreTerms: [] },
  check(context) {
    const { facts, options } = context;
    let extra = validated.get(options.extraTerms);
    if (!extra) {
      extra = validateSpecialTerms(options.extraTerms, 'extraTerms');
      validated.set(options.extraTerms, extra);
    }
    const seen = new Set<string>();
    for (const text of facts.marketingTexts) {
      const matches = findSpecialTerms(text.text, extra).filter((m) => !options.ignoreTerms.includes(m.term) && !options.ignoreTerms.includes(m.word));
      if (matches.length === 0) continue;
      const clear = matches.filter((m) => !m.ambiguous);
      // ambiguous terms alone count only in tracker calls, at medium confidence
      if (clear.length === 0 && text.context !== 'tracker') continue;
      const match = clear[0] ?? matches[0]!;
      const key = `${text.group}:${match.category}:${text.context}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const tracker = text.context === 'tracker';
      const confidence = tracker && clear.length > 0 ? 'high' : 'medium';
      context.report({
        messageId: tracker ? 'specialCategoryInTracking' : 'specialCategoryInMarketing',
        data: { category: CATEGORY_LABEL[match.category], term: match.term, evidence: text.evidence },
        start: text.span.start,
        end: text.span.end,
        confidence,
        // context inferred from names only: medium, never error (DESIGN)
        severityCap: confidence === 'medium' ? 'warning' : undefined,
        trace: [
          tracker ? `“${match.term}” is in the arguments of ${text.evidence}.` : text.context === 'name' ? `“${match.term}” sits inside \`${text.evidence}\`, a name that marks marketing code (audience, segment, campaign, personalisation).` : `The file’s name (“${text.evidence}”) marks it as marketing code.`,
          `“${match.term}” is in the ${CATEGORY_LABEL[match.category]} lexicon (special-categories.json).`,
        ],
      });
    }
  },
});
