/**
 * suppression-comment: problems with `creepyline-disable…` comments themselves: unknown
 * rule ids, a missing `-- reason` when the team requires one, and (when enabled)
 * directives that suppress nothing. Reported by the engine after the other rules ran,
 * because "unused" depends on their findings.
 */
import { createRule } from '../rule';

export type Options = Record<string, never>;
export type MessageIds = 'unknownRule' | 'missingJustification' | 'unusedDirective';

export const rule = createRule<Options, MessageIds>({
  id: 'suppression-comment',
  meta: {
    title: 'Require suppression comments to name known rules and give a reason',
    type: 'problem',
    defaultSeverity: 'warning',
    gdpr: [
      { ref: 'Art. 5(2) GDPR', gist: 'Accountability: the controller must be able to show why a processing decision was taken.', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#d1e1807-1-1' },
    ],
    messages: {
      unknownRule: {
        text: '{{detail}}',
        why: 'A suppression that names no existing rule hides nothing and misleads reviewers.',
        fix: 'Use a rule id from the documentation.',
      },
      missingJustification: {
        text: '{{detail}}',
        why: 'Your team requires a reason for every suppression, so that a reviewer or auditor can see why a finding was accepted (accountability, Art. 5(2) GDPR).',
        fix: 'Add `-- <reason>` after the rule id.',
      },
      unusedDirective: {
        text: '{{detail}}',
        why: 'A suppression that no longer suppresses anything would silently hide a future finding on that line.',
        fix: 'Remove the comment.',
      },
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    fixable: false,
    hasSuggestions: false,
    description:
      'Checks `creepyline-disable-next-line`, `creepyline-disable-line` and `creepyline-disable`/`creepyline-enable` comments: every rule id must exist; when `requireJustification` is on, each needs `-- <reason>`; when `reportUnusedDisableDirectives` is on, comments that suppress nothing are reported.',
    whenNotToUse: 'Never turn it off; switch `requireJustification` or `reportUnusedDisableDirectives` off instead.',
    examples: {
      incorrect: [
        { title: 'A misspelt rule id suppresses nothing', code: "// creepyline-disable-next-line traking-without-consent -- consent handled by GTM\nconsole.log('hello');\n" },
        {
          title: 'No reason, while the team requires one',
          code: "if (window.Cookiebot?.consent.statistics) {\n  // creepyline-disable-next-line tracking-without-consent\n  gtag('event', 'page_view');\n}\n",
          config: { requireJustification: true },
        },
      ],
      correct: [
        {
          title: 'A known rule and a reason',
          code: "// creepyline-disable-next-line tracking-without-consent -- loaded by the CMP's auto-blocker\ngtag('event', 'page_view');\n",
          config: { requireJustification: true },
        },
      ],
    },
  },
  defaultOptions: {},
  // Reported by the engine (`suppress.ts`) after the other rules, which it depends on.
  check() {},
});
