/**
 * The published JSON schema of `creepyline.json`: the hand-written base (`schema.json`)
 * plus, per registered rule, its options schema and the list of known rule ids. Rule ids
 * live only in the rules, never in `schema.json`, so a new rule shows up here by
 * registration alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import baseSchema from './schema.json';
import { cataloguesSchema } from '../knowledge/catalogues';

/** What the schema needs to know about a rule. */
export interface SchemaRule {
  id: string;
  meta: { schema: object; title: string; defaultSeverity?: string };
}

/** Where the generated schema is published, relative to the repository root. */
export const CONFIG_SCHEMA_PATH = 'packages/core/schema/creepyline.schema.json';

type JsonObject = Record<string, unknown>;

/** A deep copy of the base schema (`schema.json`), safe to modify. */
export function baseConfigSchema(): JsonObject {
  return structuredClone(baseSchema) as JsonObject;
}

/**
 * Builds the full schema: `definitions.rules` (used by the top level and by every
 * `overrides[]` block) gets one property per rule — level, `[level]` or `[level, options]`
 * with the rule's own options schema — and `propertyNames` restricted to the known ids, so
 * editors and the loader report unknown rule ids.
 */
export function buildConfigSchema(rules: readonly SchemaRule[]): JsonObject {
  const schema = baseConfigSchema();
  // The catalogue extensions' shape is inferred from the shipped catalogues, so it cannot drift.
  (schema.properties as Record<string, unknown>).knowledge = cataloguesSchema();
  const definitions = schema.definitions as Record<string, JsonObject>;
  const rulesDef = definitions.rules;
  const properties: Record<string, JsonObject> = {};
  const ids = [...rules].map((r) => r.id).sort();
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    const options = Object.keys(rule.meta.schema).length > 0 ? rule.meta.schema : { type: 'object' };
    const dflt = rule.meta.defaultSeverity;
    properties[rule.id] = {
      description: `${rule.meta.title}${dflt ? ` Default: ${dflt}.` : ''} Example: "${rule.id}": "warning".`,
      markdownDescription: `${rule.meta.title}${dflt ? ` Default: \`${dflt}\`.` : ''}\n\nExample: \`"${rule.id}": "warning"\` or \`"${rule.id}": ["error", { }]\``,
      anyOf: [
        { $ref: '#/definitions/level' },
        {
          type: 'array',
          items: [{ $ref: '#/definitions/level' }, options],
          minItems: 1,
          maxItems: 2,
          additionalItems: false,
        },
      ],
    };
  }
  rulesDef.properties = properties;
  // Every registered rule is listed, so any other key is an unknown (often misspelt) id.
  rulesDef.propertyNames = { enum: ids, description: 'A registered rule id.' };
  return schema;
}

/** Writes the generated schema (2-space JSON, trailing newline) to `outPath`, creating folders. */
export function writeConfigSchema(outPath: string, rules: readonly SchemaRule[]): void {
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  fs.writeFileSync(outPath, `${JSON.stringify(buildConfigSchema(rules), null, 2)}\n`, 'utf8');
}
