/**
 * The starter `creepyline.json` written by "create configuration" commands (CLI `init`,
 * the editor): JSONC with the schema reference, the default test/fixture ignores
 * (DESIGN, Decisions) and the consent section commented out for the team to fill in.
 */

/** Schema reference used in generated configuration files. */
export const SCHEMA_REFERENCE = './node_modules/@creepyline/core/schema/creepyline.schema.json';

/** Test files and fixtures hold violations on purpose; the template ignores them. */
export const TEMPLATE_IGNORE: readonly string[] = ['**/*.test.*', '**/__tests__/**', '**/fixtures/**'];

/** JSONC text of a starter `creepyline.json` (valid against the schema, `\n` line ends). */
export function defaultConfigTemplate(): string {
  return `{
  // Creepyline: GDPR checks for marketing code. Comments and trailing commas are allowed.
  // Precedence: defaults < VS Code settings (creepyline.*) < this file < "overrides".
  "$schema": "${SCHEMA_REFERENCE}",

  // Severity per rule: "error", "warning", "info" or "off", or [level, { options }].
  // Rules not listed run with their default severity.
  "rules": {
    // "third-party-embed-without-consent": "error",
  },

  // Your own consent API: code guarded by these counts as gated, and fixes call it.
  // "consent": {
  //   "functions": ["hasConsent", { "name": "consent.allows", "category": "fromArg" }],
  //   "hooks": ["useConsent"],
  //   "components": ["ConsentGate"],
  //   "checkTemplate": "hasConsent('{{category}}')",
  //   // "accept" only if your authority accepts Google Consent Mode advanced mode.
  //   "consentModeAdvanced": "report",
  // },

  // Tests and fixtures contain violations on purpose. (node_modules, dist, build, .next,
  // coverage and *.min.js are always ignored.)
  "ignore": [${TEMPLATE_IGNORE.map((g) => JSON.stringify(g)).join(', ')}],

  // Suppressions must say why: // creepyline-disable-next-line <rule> -- <reason>
  "requireJustification": true,
  "reportUnusedDisableDirectives": true,
}
`;
}
