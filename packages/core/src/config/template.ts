/**
 * The starter `creepyline.json` written by "create configuration" commands (CLI `init`,
 * the editor): JSONC with the schema reference, the default test/fixture ignores
 * (DESIGN, Decisions) and the consent section commented out for the team to fill in.
 */

/** Schema reference used in generated configuration files. */
export const SCHEMA_REFERENCE = './node_modules/@creepyline/core/schema/creepyline.schema.json';

/** Test files and fixtures hold violations on purpose; the template ignores them. */
export const TEMPLATE_IGNORE: readonly string[] = ['**/*.test.*', '**/__tests__/**', '**/fixtures/**'];

/** What a "create configuration" command found in the project (CLI `init`). */
export interface TemplateDetections {
  /** Consent tools in use, with where they were seen (`package.json: @cookiebot/react`). */
  consentTools?: { name: string; evidence: string }[];
  /** Tracker vendors in use, with where they were seen. */
  vendors?: { name: string; category: string; evidence: string }[];
  /** The team's own consent API when there is an obvious one. */
  consent?: { functions: string[]; hooks: string[]; components: string[]; evidence: string[] };
}

/** `// ` comment lines, each at most ~100 characters. */
function commentLines(lines: readonly string[]): string {
  return lines.map((line) => `  // ${line}`).join('\n');
}

/** The consent section: declared when one was detected, else the commented example. */
function consentSection(detected: TemplateDetections['consent']): string {
  const found = detected && detected.functions.length + detected.hooks.length + detected.components.length > 0;
  if (!found) {
    return `  // Your own consent API: code guarded by these counts as gated, and fixes call it.
  // "consent": {
  //   "functions": ["hasConsent", { "name": "consent.allows", "category": "fromArg" }],
  //   "hooks": ["useConsent"],
  //   "components": ["ConsentGate"],
  //   "checkTemplate": "hasConsent('{{category}}')",
  //   // "accept" only if your authority accepts Google Consent Mode advanced mode.
  //   "consentModeAdvanced": "report",
  // },`;
  }
  const list = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
  const entries = [
    detected.functions.length ? `    "functions": ${list(detected.functions)},` : '',
    detected.hooks.length ? `    "hooks": ${list(detected.hooks)},` : '',
    detected.components.length ? `    "components": ${list(detected.components)},` : '',
  ].filter(Boolean);
  return `  // Your own consent API (found by creepyline init: ${detected.evidence.join('; ')}).
  // Code guarded by these counts as gated, and fixes call them. Check that they really ask
  // the visitor's consent for the category; see "consent" in the schema for categories.
  "consent": {
${entries.join('\n')}
    // "consentModeAdvanced": "report",
  },`;
}

/** JSONC text of a starter `creepyline.json` (valid against the schema, `\n` line ends). */
export function defaultConfigTemplate(detected?: TemplateDetections): string {
  const found: string[] = [];
  if (detected?.consentTools?.length) {
    found.push('Consent tools in use (their checks and callbacks are recognised without configuration):');
    for (const tool of detected.consentTools) found.push(`  - ${tool.name} (${tool.evidence})`);
  }
  if (detected?.vendors?.length) {
    found.push('Trackers in use (their calls must wait for consent in the category named):');
    for (const vendor of detected.vendors) found.push(`  - ${vendor.name}: ${vendor.category} (${vendor.evidence})`);
  }
  if (detected && found.length === 0) found.push('No consent tool or tracker was found by creepyline init.');
  return `{
  // Creepyline: GDPR checks for marketing code. Comments and trailing commas are allowed.
  // Precedence: defaults < VS Code settings (creepyline.*) < this file < "overrides".
  "$schema": "${SCHEMA_REFERENCE}",
${found.length > 0 ? `\n${commentLines(found)}\n` : ''}
  // Severity per rule: "error", "warning", "info" or "off", or [level, { options }].
  // Rules not listed run with their default severity.
  "rules": {
    // "third-party-embed-without-consent": "error",
  },

${consentSection(detected?.consent)}

  // Tests and fixtures contain violations on purpose. (node_modules, dist, build, .next,
  // coverage and *.min.js are always ignored.)
  "ignore": [${TEMPLATE_IGNORE.map((g) => JSON.stringify(g)).join(', ')}],

  // Suppressions must say why: // creepyline-disable-next-line <rule> -- <reason>
  "requireJustification": true,
  "reportUnusedDisableDirectives": true,

  // Links to the rule documentation, only if your team hosts it (docs/rules/*.md):
  // "docsBaseUrl": "https://docs.example.com/creepyline/rules",
}
`;
}
