/**
 * Generates the rule documentation and the published schemas from the registered rules:
 *
 * - `docs/rules/<id>.md`: one page per rule from its `meta` (title, pillars, examples,
 *   options, legal basis);
 * - `docs/README.md`: the index of all rules;
 * - `packages/core/schema/creepyline.schema.json`: the config schema (`writeConfigSchema`);
 * - `packages/core/schema/rule-options/<id>.json`: a snapshot of each rule's options schema,
 *   so that option changes show up in review.
 *
 * `npm run docs` writes the files; `npm run docs -- --check` writes nothing and exits 1
 * listing the stale ones. The docs test imports `generate` and `staleFiles` for the same check.
 * Output is deterministic: rules in registration order, snapshot keys sorted, LF line ends,
 * one trailing newline.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildConfigSchema, CONFIG_SCHEMA_PATH, languageOfFile, ruleDocMarkdown, rules as registeredRules, writeConfigSchema, type Rule } from '@creepyline/core';

export { languageOfFile };

/** Repository root (this file lives in `scripts/`). */
export const REPO_ROOT = path.resolve(__dirname, '..');

/** Folders whose every file is generated; files there that `generate` does not produce are stale. */
export const GENERATED_DIRS = ['docs/rules', 'packages/core/schema/rule-options'] as const;

type AnyRule = Rule<any, string>;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every generated file: repo-relative path (forward slashes) → content. Sorted by path. */
export function generate(rules: readonly AnyRule[] = registeredRules): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of rules) {
    files.set(`docs/rules/${rule.id}.md`, ruleDocMarkdown(rule));
    files.set(`packages/core/schema/rule-options/${rule.id}.json`, jsonFile(sortKeys(rule.meta.schema as Json)));
  }
  files.set('docs/README.md', indexPage(rules));
  files.set(CONFIG_SCHEMA_PATH, jsonFile(buildConfigSchema(rules) as Json));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What differs between `generate()` and the disk: missing or outdated files, and orphans in generated folders. */
export function staleFiles(files: Map<string, string> = generate(), root = REPO_ROOT): { outdated: string[]; orphaned: string[] } {
  const outdated: string[] = [];
  for (const [rel, content] of files) {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs) || fs.readFileSync(abs, 'utf8') !== content) outdated.push(rel);
  }
  const orphaned: string[] = [];
  for (const dir of GENERATED_DIRS) {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) continue;
    for (const name of fs.readdirSync(abs).sort()) {
      const rel = `${dir}/${name}`;
      if (!files.has(rel)) orphaned.push(rel);
    }
  }
  return { outdated, orphaned };
}

// ---------------------------------------------------------------------------------------
// Index page

function indexPage(rules: readonly AnyRule[]): string {
  const out = [
    '# Creepyline rules',
    '',
    'Every rule Creepyline ships, in documentation order. Each page explains why the rule matters, shows executed examples, lists its options and names the law behind it.',
    '',
    '| Rule | What it does | Default severity | Fixable |',
    '| --- | --- | --- | --- |',
  ];
  for (const rule of rules) {
    out.push(`| [\`${rule.id}\`](rules/${rule.id}.md) | ${cell(rule.meta.title)} | \`${rule.meta.defaultSeverity}\` | ${rule.meta.fixable ? 'yes' : 'no'} |`);
  }
  out.push(
    '',
    'Change a rule’s severity or options in `creepyline.json` (schema: [`packages/core/schema/creepyline.schema.json`](../packages/core/schema/creepyline.schema.json)).',
    '',
    '---',
    '',
    'Generated from the rules’ metadata by `npm run docs`; do not edit by hand.',
  );
  return finish(out);
}

// ---------------------------------------------------------------------------------------
// Output helpers

/** Escapes a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** Joins lines, collapses runs of blank lines, ends with exactly one newline. */
function finish(lines: string[]): string {
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').replace(/\s+$/, '')}\n`;
}

function jsonFile(value: Json): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Deep copy with object keys in code-point order, so snapshots do not churn on reordering. */
function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------------------
// Command line

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const files = generate();
  if (check) {
    const { outdated, orphaned } = staleFiles(files);
    if (outdated.length + orphaned.length === 0) {
      process.stdout.write(`docs: ${files.size} generated files are up to date.\n`);
      return 0;
    }
    for (const rel of outdated) process.stderr.write(`stale: ${rel}\n`);
    for (const rel of orphaned) process.stderr.write(`orphaned (no registered rule): ${rel}\n`);
    process.stderr.write('Generated documentation is out of date: run `npm run docs` and commit the result.\n');
    return 1;
  }
  const { orphaned } = staleFiles(files);
  for (const rel of orphaned) fs.rmSync(path.join(REPO_ROOT, rel));
  let written = 0;
  for (const [rel, content] of files) {
    const abs = path.join(REPO_ROOT, rel);
    if (fs.existsSync(abs) && fs.readFileSync(abs, 'utf8') === content) continue;
    if (rel === CONFIG_SCHEMA_PATH) writeConfigSchema(abs, registeredRules);
    else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content, 'utf8');
    }
    written++;
  }
  // writeConfigSchema owns the schema's format; make sure it agrees with what --check expects.
  const after = staleFiles(files);
  if (after.outdated.length > 0) {
    process.stderr.write(`docs: files differ right after writing (formatting drift?): ${after.outdated.join(', ')}\n`);
    return 1;
  }
  process.stdout.write(`docs: ${written} written, ${orphaned.length} removed, ${files.size - written} unchanged.\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  process.exitCode = main(process.argv.slice(2));
}
