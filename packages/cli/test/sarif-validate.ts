/**
 * Validates a SARIF file two ways:
 * 1. Microsoft's SARIF Multitool (`@microsoft/sarif-multitool`, native linux binary in
 *    `@microsoft/sarif-multitool-linux`): `validate <file> --output <log>`. It exits 0 even
 *    when it finds errors, so we read its output log and fail on any result of level
 *    `error` or `warning`. When npm installed it with --ignore-scripts, the package's
 *    postinstall (`chmod u+x Sarif.Multitool`) did not run; then we run a copy of the
 *    binary with the execute bit set, made once per test process in the temp dir.
 * 2. ajv against the official OASIS SARIF 2.1.0 JSON schema, which the Multitool package
 *    ships as `sarif-2.1.0.json`. This catches what the Multitool silently accepts (it
 *    reports nothing, not even its own warnings, for a result with `level: "bogus"`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { REPO_ROOT } from './helpers';

const MULTITOOL_DIR = path.join(REPO_ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux');
const SCHEMA_FILE = path.join(MULTITOOL_DIR, 'sarif-2.1.0.json');

let executable: string | undefined;

/** Path of a runnable Multitool binary (see the file comment). */
function multitool(): string {
  if (executable) return executable;
  const shipped = path.join(MULTITOOL_DIR, 'Sarif.Multitool');
  try {
    fs.accessSync(shipped, fs.constants.X_OK);
    executable = shipped;
  } catch {
    const copy = path.join(os.tmpdir(), `creepyline-sarif-multitool-${process.pid}`);
    fs.copyFileSync(shipped, copy);
    fs.chmodSync(copy, 0o755);
    process.on('exit', () => fs.rmSync(copy, { force: true }));
    executable = copy;
  }
  return executable;
}

export interface MultitoolIssue {
  ruleId: string;
  level: string;
  text: string;
}

/**
 * SARIF2005 asks for `tool.driver.informationUri`. Creepyline has no public home page, and
 * DESIGN ("No invented links") forbids making one up: the log carries it only when the team
 * set `docsBaseUrl`. Tests of logs without it allow exactly this warning.
 */
export const NO_INFORMATION_URI = 'SARIF2005';

/** Runs the Multitool's `validate`; returns its error and warning results, except the rule ids in `allow`. */
export function validateWithMultitool(file: string, allow: readonly string[] = []): MultitoolIssue[] {
  const out = path.join(path.dirname(file), `${path.basename(file)}.validation.sarif`);
  const run = spawnSync(multitool(), ['validate', file, '--output', out, '--log', 'ForceOverwrite'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`sarif-multitool exited ${run.status}: ${run.stdout}${run.stderr}`);
  const log = JSON.parse(fs.readFileSync(out, 'utf8'));
  const rules: { id: string; messageStrings?: Record<string, { text: string }> }[] = log.runs[0].tool.driver.rules ?? [];
  return (log.runs[0].results ?? [])
    .map((result: { ruleId: string; level?: string; message: { id?: string; text?: string; arguments?: string[] } }) => {
      const template = rules.find((rule) => rule.id === result.ruleId)?.messageStrings?.[result.message.id ?? '']?.text;
      const text = result.message.text ??
        (template ?? result.message.id ?? '').replace(/\{(\d+)\}/g, (_, i: string) => result.message.arguments?.[Number(i)] ?? '');
      return { ruleId: result.ruleId, level: result.level ?? 'warning', text };
    })
    .filter((issue: MultitoolIssue) => (issue.level === 'error' || issue.level === 'warning') && !allow.includes(issue.ruleId));
}

let validateSchema: ReturnType<Ajv2020['compile']> | undefined;

/** Validates against the SARIF 2.1.0 schema; returns ajv's error strings. */
export function validateWithSchema(sarif: unknown): string[] {
  if (!validateSchema) {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    validateSchema = ajv.compile(schema);
  }
  return validateSchema(sarif) ? [] : (validateSchema.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
