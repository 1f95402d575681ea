/**
 * Validation of configuration values against the generated schema. Every problem names
 * file, line, column and key (positions from the JSONC syntax tree); the broken part is
 * removed so that it runs with its default, and the message says so.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { findNodeAtLocation, type Node as JsonNode, type Segment } from 'jsonc-parser';
import type { ConfigProblem } from '../model';
import type { ConfigRule } from './resolve';
import { buildConfigSchema } from './schema';
import { closestMatch, unknownRuleMessage } from './suggest';
import baseSchema from './schema.json';
import { LineIndex } from './line-index';
import { cataloguesSchema } from '../knowledge/catalogues';

export { LineIndex };

/** Where a value came from, to place problems. */
export interface SourceInfo {
  file: string;
  /** Syntax tree of the file; absent for settings handed over by the editor. */
  tree?: JsonNode;
  lines?: LineIndex;
  /** Maps a path in the config value to a path in the file (settings use flat `creepyline.*` keys). */
  toFilePath?: (configPath: Segment[]) => Segment[];
}

const validators = new Map<string, ValidateFunction>();

/** The compiled validator for this rule list; compiled once per distinct schema. */
export function validatorFor(rules: readonly ConfigRule[]): ValidateFunction {
  const schema = buildConfigSchema(rules);
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    // strict: false — rule option schemas may carry editor keywords (markdownDescription, enumDescriptions).
    validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

function pointerToSegments(pointer: string, value: unknown): Segment[] {
  if (pointer === '') return [];
  const segments: Segment[] = [];
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment: Segment = Array.isArray(current) ? Number(part) : part;
    segments.push(segment);
    current = current && typeof current === 'object' ? (current as Record<string | number, unknown>)[segment] : undefined;
  }
  return segments;
}

/** `rules.tracking-without-consent`, `consent.functions[1]`. */
export function keyOf(segments: readonly Segment[]): string {
  let key = '';
  for (const s of segments) key += typeof s === 'number' ? `[${s}]` : key ? `.${s}` : s;
  return key;
}

/** Position of a key (`atKey`) or value; falls back to the closest existing ancestor. */
function locate(source: SourceInfo, segments: Segment[], atKey: boolean): { line: number; column: number } {
  if (!source.tree || !source.lines) return { line: 1, column: 1 };
  let filePath = source.toFilePath ? source.toFilePath(segments) : segments;
  for (; filePath.length >= 0; filePath = filePath.slice(0, -1)) {
    const node = findNodeAtLocation(source.tree, filePath);
    if (node) {
      const target = atKey && node.parent?.type === 'property' ? node.parent.children![0] : node;
      return source.lines.position(target.offset);
    }
    if (filePath.length === 0) break;
  }
  return { line: 1, column: 1 };
}

/** Names of the settings allowed in an object, for "did you mean" on unknown keys. */
function allowedKeys(segments: Segment[], rules: readonly ConfigRule[]): string[] {
  const depth = ruleSettingDepth(segments);
  if (depth && segments.length === depth + 1 && segments[depth] === 1) {
    const schema = rules.find((r) => r.id === segments[depth - 1])?.meta.schema as { properties?: Record<string, unknown> } | undefined;
    return Object.keys(schema?.properties ?? {});
  }
  const defs = baseSchema.definitions as Record<string, { properties?: Record<string, unknown> }>;
  const shape = segments.map((s) => (typeof s === 'number' ? '#' : s)).join('/');
  if (shape === '') return Object.keys(baseSchema.properties);
  if (/(^|\/)consent$/.test(shape)) return Object.keys(defs.consent.properties ?? {});
  if (shape === 'overrides/#') return Object.keys(defs.override.properties ?? {});
  if (shape === 'forms') return Object.keys((baseSchema.properties as Record<string, { properties?: Record<string, unknown> }>).forms?.properties ?? {});
  if (shape === 'forms/declare/#') return Object.keys(defs.formDeclaration?.properties ?? {});
  if (shape === 'forms/purposes/#') return Object.keys(defs.formPurpose?.properties ?? {});
  if (segments[0] === 'knowledge') return knowledgeKeys(segments.slice(1));
  return [];
}

type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode; anyOf?: SchemaNode[]; type?: string };

/** Keys allowed at a path inside `knowledge` (its schema is inferred from the shipped catalogues). */
function knowledgeKeys(segments: Segment[]): string[] {
  let node: SchemaNode | undefined = cataloguesSchema() as SchemaNode;
  for (const s of segments) {
    const want = typeof s === 'number' ? 'array' : 'object';
    const options: SchemaNode[] = node?.anyOf ?? (node ? [node] : []);
    const match: SchemaNode | undefined = options.find((o) => o.type === want);
    node = typeof s === 'number' ? match?.items : match?.properties?.[s];
  }
  const options: SchemaNode[] = node?.anyOf ?? (node ? [node] : []);
  return Object.keys(options.find((o) => o.properties)?.properties ?? {});
}

/** Is this path a rule setting (`rules.<id>` at top level or in an override)? Returns its length. */
function ruleSettingDepth(segments: Segment[]): number {
  if (segments[0] === 'rules' && segments.length >= 2) return 2;
  if (segments[0] === 'overrides' && segments[2] === 'rules' && segments.length >= 4) return 4;
  return 0;
}

function deleteAt(value: Record<string, unknown>, segments: Segment[]): void {
  let parent: unknown = value;
  for (const s of segments.slice(0, -1)) {
    if (!parent || typeof parent !== 'object') return;
    parent = (parent as Record<string | number, unknown>)[s];
  }
  const last = segments[segments.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else if (parent && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[last];
}

/** Deepest first, and for siblings the higher array index first, so earlier deletions keep later paths valid. */
function compareForDeletion(a: Segment[], b: Segment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (b[i] as number) - (a[i] as number);
    return String(b[i]).localeCompare(String(a[i]));
  }
  return b.length - a.length;
}

const BRANCH_KEYWORDS = new Set(['anyOf', 'oneOf', 'type', 'enum', 'const']);

interface Grouped {
  segments: Segment[];
  errors: ErrorObject[];
}

function describe(group: Grouped, value: unknown, rules: readonly ConfigRule[]): { message: string; atKey: boolean } {
  const { errors, segments } = group;
  const additional = errors.find((e) => e.keyword === 'additionalProperties');
  if (additional) {
    const name = String(segments[segments.length - 1]);
    const suggestion = closestMatch(name, allowedKeys(segments.slice(0, -1), rules));
    return { message: `unknown setting "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`, atKey: true };
  }
  const required = errors.find((e) => e.keyword === 'required');
  if (required) return { message: `missing required setting "${String(required.params.missingProperty)}"`, atKey: false };
  let actual: unknown = value;
  for (const s of segments) actual = actual && typeof actual === 'object' ? (actual as Record<string | number, unknown>)[s] : undefined;
  const shown = JSON.stringify(actual);
  const depth = ruleSettingDepth(segments);
  if (depth && (segments.length === depth || (segments.length === depth + 1 && segments[depth] === 0))) {
    return { message: `${shown} is not a valid rule setting; use "error", "warning", "info" or "off", or [level, options]`, atKey: false };
  }
  const enumError = errors.find((e) => e.keyword === 'enum');
  if (enumError) {
    const allowed = (enumError.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
    return { message: `${shown} is not allowed; use one of ${allowed}`, atKey: false };
  }
  const messages = [...new Set(errors.filter((e) => e.keyword !== 'anyOf').map((e) => e.message ?? e.keyword))];
  if (messages.length === 0) messages.push('does not match any allowed form');
  return { message: `${shown} ${messages.join(' or ')}`, atKey: false };
}

/**
 * Validates `value` in place: reports unknown rule ids (with a suggestion) and schema
 * errors, and removes what is broken. Returns false when the whole value is unusable.
 */
export function validateConfigValue(
  value: Record<string, unknown>,
  rules: readonly ConfigRule[],
  source: SourceInfo,
  problems: ConfigProblem[],
): boolean {
  const known = rules.map((r) => r.id);
  const knownSet = new Set(known);
  const problem = (segments: Segment[], message: string, atKey: boolean): void => {
    problems.push({ file: source.file, ...locate(source, segments, atKey), key: keyOf(segments), message });
  };

  // Unknown rule ids first, so the message can suggest the intended id.
  const ruleTables: Segment[][] = [['rules']];
  if (Array.isArray(value.overrides)) value.overrides.forEach((_, i) => ruleTables.push(['overrides', i, 'rules']));
  for (const table of ruleTables) {
    let rulesValue: unknown = value;
    for (const s of table) rulesValue = rulesValue && typeof rulesValue === 'object' ? (rulesValue as Record<string | number, unknown>)[s] : undefined;
    if (!rulesValue || typeof rulesValue !== 'object' || Array.isArray(rulesValue)) continue;
    for (const id of Object.keys(rulesValue)) {
      if (knownSet.has(id)) continue;
      problem([...table, id], `${unknownRuleMessage(id, known)}; the setting is ignored`, true);
      delete (rulesValue as Record<string, unknown>)[id];
    }
  }

  const validate = validatorFor(rules);
  for (let round = 0; round < 8; round++) {
    if (validate(value)) return true;
    const groups = new Map<string, Grouped>();
    for (const error of validate.errors ?? []) {
      let segments = pointerToSegments(error.instancePath, value);
      if (error.keyword === 'additionalProperties') segments = [...segments, String(error.params.additionalProperty)];
      const key = JSON.stringify(segments);
      const group = groups.get(key) ?? { segments, errors: [] };
      group.errors.push(error);
      groups.set(key, group);
    }
    // A failed `anyOf` (and the branch mismatches beside it) is explained better by errors deeper inside it.
    const all = [...groups.values()];
    const reported = all.filter(
      (g) =>
        !(g.errors.every((e) => BRANCH_KEYWORDS.has(e.keyword)) &&
          all.some((o) => o.segments.length > g.segments.length && g.segments.every((s, i) => o.segments[i] === s))),
    );
    const deletions = new Map<string, Segment[]>();
    for (const group of reported) {
      let target = group.segments;
      const depth = ruleSettingDepth(target);
      if (depth) target = target.slice(0, depth);
      if (round === 0) {
        const { message, atKey } = describe(group, value, rules);
        const fallback = depth ? 'the rule runs with its default settings' : target.length <= 1 && target[0] !== undefined ? `"${String(target[0])}" falls back to its default` : 'this part is ignored';
        problem(group.segments, `${message}; ${target.length === 0 ? 'analysis runs with default settings' : fallback}`, atKey);
      }
      deletions.set(JSON.stringify(target), target);
    }
    const targets = [...deletions.values()].sort(compareForDeletion);
    if (targets.some((t) => t.length === 0)) return false;
    for (const target of targets) deleteAt(value, target);
  }
  return validate(value);
}
