import { runRuleTests } from '../testing/rule-tester';
import { rule } from './suppression-comment';

runRuleTests(rule, {
  valid: [
    // a known rule that suppresses a finding
    "// creepyline-disable-next-line tracking-without-consent -- loaded by the CMP's auto-blocker\ngtag('event', 'page_view');",
    // reason present while required
    { code: "// creepyline-disable-next-line tracking-without-consent -- GTM fires it after consent\ngtag('event', 'page_view');", config: { requireJustification: true } },
    // an unused directive is fine unless the team asks for reports
    "// creepyline-disable-next-line tracking-without-consent\nconsole.log('x');",
    // JSX form
    { code: "export const A = () => (\n  <div>\n    {/* creepyline-disable-next-line tracking-without-consent -- consent handled by parent */}\n    <span />\n  </div>\n);", filename: 'a.tsx' },
  ],
  invalid: [
    {
      // misspelt rule id
      code: "// creepyline-disable-next-line traking-without-consent\ngtag('event', 'page_view');\n",
      errors: [{ messageId: 'unknownRule', line: 1, message: 'tracking-without-consent' }],
    },
    {
      // reason required but missing
      code: "// creepyline-disable-next-line tracking-without-consent\ngtag('event', 'page_view');\n",
      config: { requireJustification: true },
      errors: [{ messageId: 'missingJustification', line: 1 }],
    },
    {
      // the reason placeholder inserted by the quick fix does not count as a reason
      code: "// creepyline-disable-next-line tracking-without-consent -- <reason>\ngtag('event', 'page_view');\n",
      config: { requireJustification: true },
      errors: [{ messageId: 'missingJustification', line: 1 }],
    },
    {
      // unused directive, when the team asks for it
      code: "// creepyline-disable-next-line tracking-without-consent -- old pixel\nconsole.log('x');\n",
      config: { reportUnusedDisableDirectives: true },
      errors: [{ messageId: 'unusedDirective', line: 1 }],
    },
    {
      // HTML comment form with an unknown id
      code: "<!-- creepyline-disable-next-line tracking -->\n<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-1\"></script>\n",
      filename: 'index.html',
      errors: [{ messageId: 'unknownRule', line: 1 }],
    },
  ],
});
