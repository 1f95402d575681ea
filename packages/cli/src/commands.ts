/**
 * The commands besides `check`: `rules` (the rule table), `explain <rule>` (a rule's page,
 * shipped in core, as terminal text), `init` (a commented creepyline.json for this project)
 * and `merge-sarif` (one log from the logs of `--shard` runs). All generic over core's rule
 * registry: a rule added there appears here without a change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  buildKnowledge, CONFIG_FILE_NAMES, defaultConfigTemplate, discoverFiles, displayPath, getRule, markdownToText,
  readText, ruleDocMarkdown, rules as coreRules, type TemplateDetections,
} from '@creepyline/core';
import { UsageError } from './args';
import { writeFileAtomic } from './baseline';
import type { CliIO } from './io';
import { didYouMean } from './suggest';

/** `creepyline rules`: id, default severity, fixable, title and legal basis of every rule. */
export function runRules(format: 'text' | 'json', io: CliIO): number {
  const rows = coreRules.map((rule) => ({
    id: rule.id,
    title: rule.meta.title,
    defaultSeverity: rule.meta.defaultSeverity,
    fixable: rule.meta.fixable,
    legal: rule.meta.gdpr.map((ref) => ref.ref),
  }));
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const idWidth = Math.max(...rows.map((row) => row.id.length));
  const out: string[] = [];
  for (const row of rows) {
    out.push(`${row.id.padEnd(idWidth)}  ${row.defaultSeverity.padEnd(7)}  ${row.fixable ? 'fix' : '   '}  ${row.title}`);
    out.push(`${' '.repeat(idWidth)}  ${' '.repeat(7)}       Law: ${row.legal.join('; ')}`);
  }
  out.push('', `${rows.length} rules. \`creepyline explain <rule>\` prints a rule's documentation.`, '');
  io.stdout.write(out.join('\n'));
  return 0;
}

/** `creepyline explain <rule>`: the documentation page as text (Markdown when not a terminal? no: always text). */
export function runExplain(ruleId: string, io: CliIO): number {
  const rule = getRule(ruleId);
  if (!rule) {
    const known = coreRules.map((r) => r.id);
    throw new UsageError(`Unknown rule '${ruleId}'.${didYouMean(ruleId, known)} Known rules: ${known.join(', ')}.`);
  }
  io.stdout.write(markdownToText(ruleDocMarkdown(rule)));
  return 0;
}

// ---------------------------------------------------------------------------------------
// init

/** Names like `hasConsent`, `hasMarketingConsent`, `isConsentGiven`, `canTrack`… */
const CONSENT_FUNCTION = /^(?:has|is|check|get|can|may)[A-Z]\w*$/;
const CONSENT_WORD = /Consent|Tracking|Track/;
const EXPORTED_DECL = /export\s+(?:default\s+)?(?:async\s+)?(?:function\s*\*?\s*([A-Za-z_$][\w$]*)|(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:\(|function|[A-Za-z_$][\w$]*\s*=>))/g;

/** The exported consent functions, hooks and components declared in `text`. */
export function consentDeclarations(text: string): { functions: string[]; hooks: string[]; components: string[] } {
  const functions: string[] = [];
  const hooks: string[] = [];
  const components: string[] = [];
  for (const match of text.matchAll(EXPORTED_DECL)) {
    const name = match[1] ?? match[2];
    if (!name || !/consent/i.test(name)) continue;
    if (/^use[A-Z]/.test(name)) hooks.push(name);
    else if (/^[A-Z]/.test(name) && /(Gate|Guard|Boundary|Wrapper|Required)$/.test(name)) components.push(name);
    else if (CONSENT_FUNCTION.test(name) && CONSENT_WORD.test(name)) functions.push(name);
  }
  return { functions, hooks, components };
}

/** Looks at package.json and the code to fill the template's comments and consent section. */
export function detectProject(root: string, files: readonly string[]): TemplateDetections {
  const knowledge = buildKnowledge();
  const packages = new Map<string, string>();
  const packageJson = path.join(root, 'package.json');
  if (fs.existsSync(packageJson)) {
    try {
      const data = JSON.parse(fs.readFileSync(packageJson, 'utf8')) as Record<string, Record<string, string> | undefined>;
      for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
        for (const name of Object.keys(data[key] ?? {})) packages.set(name, `package.json: ${name}`);
      }
    } catch {
      // an unreadable package.json only means less detection
    }
  }
  const consentTools = new Map<string, string>();
  const vendors = new Map<string, { name: string; category: string; evidence: string }>();
  for (const api of knowledge.consentApis) {
    const hit = api.packages.find((name) => packages.has(name));
    if (hit) consentTools.set(api.name, packages.get(hit)!);
  }
  for (const vendor of knowledge.vendors) {
    const modules = [...new Set(vendor.imports.map((shape) => shape.module))];
    const hit = modules.find((name) => packages.has(name) || [...packages.keys()].some((p) => name.startsWith(`${p}/`)));
    if (hit) vendors.set(vendor.id, { name: vendor.name, category: vendor.category, evidence: packages.get(hit) ?? `package.json: ${hit}` });
  }

  // The code: loader script hosts of trackers, consent tools' own globals, and the team's
  // exported consent functions. Bounded: at most 3000 files of at most 512 KB each.
  const declared = new Map<string, { kind: 'functions' | 'hooks' | 'components'; file: string }[]>();
  const hostChecks = knowledge.vendors.flatMap((vendor) => vendor.scriptHosts.map((host) => ({ vendor, host })));
  const toolGlobals = knowledge.consentApis
    .map((api) => ({ api, global: /window\.([A-Za-z_$][\w$]*)/.exec(api.fixTemplate ?? '')?.[1] }))
    .filter((entry): entry is { api: typeof entry.api; global: string } => entry.global !== undefined && entry.global.length >= 6);
  for (const file of files.slice(0, 3000)) {
    const read = readText(file, 512 * 1024);
    if ('reason' in read) continue;
    const text = read.text;
    const shown = displayPath(root, file);
    for (const { vendor, host } of hostChecks) {
      if (!vendors.has(vendor.id) && text.includes(host)) vendors.set(vendor.id, { name: vendor.name, category: vendor.category, evidence: `${shown}: ${host}` });
    }
    for (const { api, global } of toolGlobals) {
      if (!consentTools.has(api.name) && new RegExp(`\\b${global.replace(/\$/g, '\\$')}\\b`).test(text)) consentTools.set(api.name, `${shown}: ${global}`);
    }
    const found = consentDeclarations(text);
    for (const kind of ['functions', 'hooks', 'components'] as const) {
      for (const name of found[kind]) declared.set(name, [...(declared.get(name) ?? []), { kind, file: shown }]);
    }
  }

  // Obvious = one name per kind, declared once, or among several exactly one plain name
  // (`hasConsent`, `useConsent`, `ConsentGate`); otherwise a human has to choose.
  const consent: NonNullable<TemplateDetections['consent']> = { functions: [], hooks: [], components: [], evidence: [] };
  const PLAIN = /^(?:hasConsent|isConsentGiven|useConsent|Consent(?:Gate|Guard))$/;
  for (const kind of ['functions', 'hooks', 'components'] as const) {
    let names = [...declared].filter(([, places]) => places.every((p) => p.kind === kind));
    if (names.length > 1) names = names.filter(([name]) => PLAIN.test(name));
    if (names.length === 1 && names[0][1].length === 1) {
      consent[kind].push(names[0][0]);
      consent.evidence.push(`${names[0][0]} exported from ${names[0][1][0].file}`);
    }
  }
  const sortByName = <T extends { name: string }>(list: T[]) => list.sort((a, b) => a.name.localeCompare(b.name));
  return {
    consentTools: sortByName([...consentTools].map(([name, evidence]) => ({ name, evidence }))),
    vendors: sortByName([...vendors.values()]),
    ...(consent.evidence.length > 0 ? { consent } : {}),
  };
}

/** `creepyline init`: writes the commented configuration; never overwrites without --force. */
export function runInit(options: { force: boolean; config?: string }, io: CliIO): number {
  const root = path.resolve(io.cwd);
  const target = path.resolve(root, options.config ?? 'creepyline.json');
  const existing = options.config !== undefined
    ? (fs.existsSync(target) ? [target] : [])
    : CONFIG_FILE_NAMES.map((name) => path.join(root, name)).filter((file) => fs.existsSync(file));
  if (existing.length > 0 && !options.force) {
    throw new UsageError(`${displayPath(root, existing[0])} already exists; not overwriting it (use --force to replace it).`);
  }
  const discovery = discoverFiles({ root, paths: ['.'], useIgnoreFiles: true, maxFileSize: 512 * 1024 });
  const detected = detectProject(root, discovery.files);
  const text = defaultConfigTemplate(detected);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    writeFileAtomic(target, text);
  } catch (error) {
    throw new UsageError(`Cannot write ${displayPath(root, target)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const summary = [
    `creepyline: wrote ${displayPath(root, target)}`,
    detected.consentTools?.length ? `  consent tools: ${detected.consentTools.map((t) => t.name).join(', ')}` : '  consent tools: none found',
    detected.vendors?.length ? `  trackers: ${detected.vendors.map((v) => v.name).join(', ')}` : '  trackers: none found',
    detected.consent ? `  your consent API: ${[...detected.consent.functions, ...detected.consent.hooks, ...detected.consent.components].join(', ')}` : '  your consent API: none obvious (see the "consent" comment in the file)',
  ];
  io.stderr.write(`${summary.join('\n')}\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------
// merge-sarif

type Json = Record<string, any>;

/**
 * Merges SARIF logs written by `creepyline check --shard i/n --format sarif` into one log
 * with one run: the driver (rules) from the first log, all results, and all tool execution
 * notifications, with `ruleIndex` re-pointed at the merged rule table. Logs from another
 * tool, another Creepyline version or another root are refused, since their results could
 * not be compared. Results are sorted by file, line and column, and exact duplicates
 * (same fingerprint and location) dropped, so shard order does not matter.
 */
export function mergeSarif(logs: readonly { name: string; log: Json }[]): Json {
  if (logs.length === 0) throw new UsageError('merge-sarif needs at least one SARIF file.');
  const runs = logs.map(({ name, log }) => {
    if (log?.version !== '2.1.0' || !Array.isArray(log.runs) || log.runs.length !== 1) {
      throw new UsageError(`${name} is not a SARIF 2.1.0 log with one run (as creepyline check --format sarif writes).`);
    }
    const run = log.runs[0];
    if (run?.tool?.driver?.name !== 'creepyline') throw new UsageError(`${name} was not written by creepyline (tool: ${run?.tool?.driver?.name ?? 'unknown'}).`);
    return { name, run };
  });
  const first = runs[0];
  for (const { name, run } of runs.slice(1)) {
    if (run.tool.driver.version !== first.run.tool.driver.version) {
      throw new UsageError(`${name} comes from creepyline ${run.tool.driver.version}, ${first.name} from ${first.run.tool.driver.version}: merge logs of one version.`);
    }
    const root = (r: Json) => JSON.stringify(r.originalUriBaseIds ?? {});
    if (root(run) !== root(first.run)) throw new UsageError(`${name} and ${first.name} were written for different roots (originalUriBaseIds).`);
  }
  const rules: Json[] = [...(first.run.tool.driver.rules ?? [])];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id as string, index]));
  const results: Json[] = [];
  const seen = new Set<string>();
  const notifications: Json[] = [];
  const seenNotes = new Set<string>();
  for (const { run } of runs) {
    for (const rule of run.tool.driver.rules ?? []) {
      if (!ruleIndex.has(rule.id)) {
        ruleIndex.set(rule.id, rules.length);
        rules.push(rule);
      }
    }
    for (const result of run.results ?? []) {
      const merged = { ...result, ...(ruleIndex.has(result.ruleId) ? { ruleIndex: ruleIndex.get(result.ruleId) } : {}) };
      const key = JSON.stringify([merged.ruleId, merged.partialFingerprints, merged.locations, merged.baselineState]);
      if (seen.has(key)) continue;
      seen.add(key);
      results.push(merged);
    }
    for (const invocation of run.invocations ?? []) {
      for (const note of invocation.toolExecutionNotifications ?? []) {
        const key = JSON.stringify(note);
        if (!seenNotes.has(key)) {
          seenNotes.add(key);
          notifications.push(note);
        }
      }
    }
  }
  const where = (result: Json) => {
    const location = result.locations?.[0]?.physicalLocation;
    return { uri: String(location?.artifactLocation?.uri ?? ''), line: Number(location?.region?.startLine ?? 0), column: Number(location?.region?.startColumn ?? 0) };
  };
  results.sort((a, b) => {
    const x = where(a);
    const y = where(b);
    return x.uri < y.uri ? -1 : x.uri > y.uri ? 1 : x.line - y.line || x.column - y.column || String(a.ruleId).localeCompare(String(b.ruleId));
  });
  const executionSuccessful = runs.every(({ run }) => (run.invocations ?? []).every((i: Json) => i.executionSuccessful !== false));
  const { results: _results, invocations: _invocations, ...rest } = first.run;
  return {
    $schema: logs[0].log.$schema,
    version: '2.1.0',
    runs: [{ ...rest, tool: { ...first.run.tool, driver: { ...first.run.tool.driver, rules } }, invocations: [{ executionSuccessful, toolExecutionNotifications: notifications }], results }],
  };
}

/** `creepyline merge-sarif a.sarif b.sarif [-o merged.sarif]`. */
export function runMergeSarif(inputs: readonly string[], output: string | undefined, io: CliIO): number {
  const root = path.resolve(io.cwd);
  const logs = inputs.map((name) => {
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(root, name), 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    try {
      return { name, log: JSON.parse(text) as Json };
    } catch (error) {
      throw new UsageError(`${name} is not valid JSON: ${(error as Error).message}`);
    }
  });
  const merged = `${JSON.stringify(mergeSarif(logs), null, 2)}\n`;
  if (output === undefined) {
    io.stdout.write(merged);
  } else {
    try {
      writeFileAtomic(path.resolve(root, output), merged);
    } catch (error) {
      throw new UsageError(`Cannot write --output ${output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    io.stderr.write(`creepyline: merged ${inputs.length} SARIF log${inputs.length === 1 ? '' : 's'} into ${output}\n`);
  }
  return 0;
}
