/**
 * vendor-missing-from-notice: a third party the code hands visitors' or customers' data to (a
 * tracker, an embed, a processor) that the privacy notice does not name. The notice is the
 * team's own document in the repository (`privacyNotice` in creepyline.json: Markdown, HTML or
 * text) or, when it lives in a CMS, the names listed in the option `noticeNames`. Reported once
 * per vendor, at the first place the code loads or calls it (files in path order).
 */
import { createRule } from '../rule';

export interface Options {
  /** The recipients the notice names, when the notice is not a file in the repository. */
  noticeNames: string[];
  /** Vendor, embed or processor ids the notice need not name (e.g. covered by a category statement your authority accepts). */
  ignoreVendors: string[];
}
export type MessageIds = 'missing';

export const rule = createRule<Options, MessageIds>({
  id: 'vendor-missing-from-notice',
  meta: {
    title: 'Require the privacy notice to name every third party the code sends data to',
    type: 'problem',
    defaultSeverity: 'warning',
    gdpr: [
      { ref: 'Art. 13(1)(e) GDPR', gist: 'The controller must tell people the recipients or categories of recipients of their personal data when it collects it.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#d1e2254-1-1' },
      { ref: 'Art. 12(1), 5(1)(a) GDPR', gist: 'Information must be transparent and complete; processing must be fair and transparent.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#d1e2184-1-1' },
      { ref: 'Article 29 Working Party, Guidelines on transparency (WP260 rev.01), endorsed by the EDPB', gist: 'Controllers should by default name the recipients; naming only categories requires being as specific as possible (type, sector, location).', url: 'https://ec.europa.eu/newsroom/article29/items/622227' },
    ],
    messages: {
      missing: {
        text: '{{vendor}} receives data from this code, but the privacy notice ({{notice}}) does not name it.',
        why: 'People must be told who receives their data (Art. 13(1)(e) GDPR). A notice that leaves out a {{kind}} the site uses is incomplete, and a recipient list that does not match the code is exactly what authorities and complainants check first.',
        fix: 'Add {{vendor}} to {{notice}} (what it does, for which purpose, on which legal basis, where the data goes), or stop using it. If the notice names it differently, add that name to your notice or report the alias.',
      },
    },
    schema: {
      type: 'object',
      properties: {
        noticeNames: {
          type: 'array',
          items: { type: 'string', minLength: 2 },
          description: 'The recipients your privacy notice names, when the notice is not a file in the repository (a CMS page). Matched like the text of a notice: whole words, case-insensitive, against the vendor catalogue\'s names and aliases. Example: ["Google Analytics", "Facebook Pixel", "Mailchimp"].',
          markdownDescription: 'The recipients your privacy notice names, when the notice is not a file in the repository (a CMS page). Matched like the text of a notice file: whole words, case-insensitive, against the catalogue\'s names and aliases (`GA4`, `Facebook Pixel`). With `privacyNotice` set, the file wins.\n\nExample: `["Google Analytics", "Facebook Pixel", "Mailchimp"]`',
        },
        ignoreVendors: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description: 'Vendor, embed or processor ids (as the inventory lists them) the notice need not name. Example: ["cookiebot"].',
          markdownDescription: 'Vendor, embed or processor ids (as `creepyline inventory --format json` lists them) the notice need not name.\n\nExample: `["cookiebot"]`',
        },
      },
      additionalProperties: false,
    },
    fixable: false,
    hasSuggestions: false,
    description:
      'Compares the third parties the code hands data to (tracker vendors, embeds, processors: the recipients `creepyline inventory` lists) with the privacy notice. The notice is `privacyNotice` in creepyline.json (a Markdown, HTML or text file in the repository, relative to the config file) or, for notices kept in a CMS, the option `noticeNames`. Names are matched whole-word and case-insensitively against the catalogue\'s names and aliases (`knowledge/vendor-companies.json`: “GA4”, “Facebook Pixel”, “Twilio Segment”); names that are also ordinary words (“Segment”, “Meta”, “Drift”) count only when capitalised. Each missing vendor is reported once, at the first place the code loads or calls it (files in path order). Without a notice the rule is silent. `creepyline inventory --notice FILE` reports the same and, as info, vendors the notice names but the code no longer uses.',
    whenNotToUse: 'When your notice names categories of recipients on purpose and your authority accepts that; prefer `ignoreVendors` for single vendors.',
    examples: {
      incorrect: [
        {
          title: 'The notice (kept in a CMS) names Google Analytics, the code also loads the Meta Pixel',
          code: "gtag('event', 'page_view');\nfbq('track', 'PageView');\n",
          config: { rules: { 'vendor-missing-from-notice': ['warning', { noticeNames: ['Google Analytics'] }] } },
        },
      ],
      correct: [
        {
          title: 'Both named, one by the name the notice uses (“Facebook Pixel”)',
          code: "gtag('event', 'page_view');\nfbq('track', 'PageView');\n",
          config: { rules: { 'vendor-missing-from-notice': ['warning', { noticeNames: ['GA4', 'Facebook Pixel'] }] } },
        },
      ],
    },
  },
  defaultOptions: { noticeNames: [], ignoreVendors: [] },
  check(context) {
    const { facts, options, project } = context;
    const drift = project.notice?.();
    if (!drift || drift.error) return;
    for (const entry of drift.missing) {
      if (!entry.at || entry.at.file !== facts.file || options.ignoreVendors.includes(entry.id)) continue;
      const start = (facts.lineStarts[entry.at.line - 1] ?? 0) + entry.at.column - 1;
      const end = [...facts.sinks.map((s) => s.span), ...facts.embeds.map((e) => e.span), ...(facts.dataHandling?.processorUses ?? []).map((u) => u.span), ...(facts.consentTools ?? []).map((t) => t.span), ...(facts.forms ?? []).map((f) => f.span)]
        .find((span) => span.start === start)?.end ?? start + 1;
      context.report({
        messageId: 'missing',
        data: { vendor: entry.name, notice: drift.label ?? drift.file, kind: entry.kind ?? 'third party' },
        start,
        end,
        // A vendor known only from the third-party-web dataset may go by another name in the notice.
        confidence: entry.id.startsWith('tpw-') ? 'medium' : 'high',
        trace: [
          `${entry.name} (${entry.id}) is loaded or called here first; the code hands data to ${drift.recipients ?? 'several'} third part${drift.recipients === 1 ? 'y' : 'ies'}.`,
          `The notice ${drift.label ?? drift.file} names ${drift.named.length} of them${drift.named.length > 0 ? `: ${drift.named.map((n) => `${n.name} as “${n.matched}”`).join(', ')}` : ''}; none of the names of ${entry.name} (${entry.names?.join(', ') ?? entry.name}) appears in it.`,
        ],
      });
    }
  },
});
