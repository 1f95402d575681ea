/**
 * End-to-end ground truth: runs the real CLI (`creepyline check samples/<name> --format json`)
 * on every sample that has an `expected.json` and compares the findings with it, both ways
 * (nothing missing, nothing extra), by rule id, file and start line.
 *
 * The only relaxation: an expected finding whose rule is not registered in core yet is shown
 * as a pending test instead of failing. Once the rule is registered it counts like any other.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..');
const SAMPLES_DIR = path.join(REPO_ROOT, 'samples');
const CLI = path.join('packages', 'cli', 'bin', 'creepyline.js');

/** Rule ids a sample's `expected.json` may use (DESIGN.md, "Rules"). */
const KNOWN_RULE_IDS = new Set([
  'tracking-without-consent',
  'third-party-embed-without-consent',
  'prechecked-consent',
  'consent-coupling',
  'consent-not-recorded',
  'excessive-form-fields',
  'pii-to-third-party',
  'third-party-data-source',
  'special-category-personalization',
  'insecure-email-transport',
  'erasure-not-propagated',
]);

interface ExpectedFinding {
  rule: string;
  /** Relative to the sample folder, forward slashes. */
  file: string;
  line: number;
  note: string;
}

interface ExpectedFile {
  findings: ExpectedFinding[];
  notes?: string[];
}

/** The part of the CLI's JSON report this test reads. */
interface ReportedFinding {
  ruleId: string;
  file: string;
  message: string;
  range: { start: { line: number; column: number } };
}

interface CliRun {
  findings?: ReportedFinding[];
  /** Why there are no findings to compare. */
  failure?: string;
}

/** `rule file:line`, the identity compared in both directions. */
function key(rule: string, file: string, line: number): string {
  return `${rule} ${file}:${line}`;
}

function countKeys(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** Keys in `a` more often than in `b`, repeated by the surplus. */
function surplus(a: Map<string, number>, b: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [k, n] of a) for (let i = b.get(k) ?? 0; i < n; i++) out.push(k);
  return out.sort();
}

/** The ids of the rules core registers, or the reason they could not be read. */
function loadRegisteredRules(): { ids?: Set<string>; error?: string } {
  try {
    const requireFromRoot = createRequire(path.join(REPO_ROOT, 'package.json'));
    const core = requireFromRoot('@creepyline/core') as { rules?: { id: string }[] };
    if (!Array.isArray(core.rules)) return { error: '@creepyline/core does not export `rules`' };
    return { ids: new Set(core.rules.map((r) => r.id)) };
  } catch (error) {
    return { error: `@creepyline/core could not be loaded: ${(error as Error).message.split('\n')[0]}` };
  }
}

function runCli(sample: string): CliRun {
  const args = [CLI, 'check', `samples/${sample}`, '--format', 'json'];
  // The sample's own team configuration (its consent API) applies when the CLI runs from the repo root.
  const config = path.join(SAMPLES_DIR, sample, 'creepyline.json');
  if (fs.existsSync(config)) args.push('--config', `samples/${sample}/creepyline.json`);
  // From source: the same code as the rule registry read above, never a stale dist/ bundle.
  const env = { ...process.env, CREEPYLINE_FROM_SOURCE: '1' };
  const result = spawnSync(process.execPath, args, { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 120_000 });
  const command = `node ${args.join(' ')}`;
  if (result.error) return { failure: `${command} could not run: ${result.error.message}` };
  // 0 = no finding at --fail-on level, 1 = findings; anything else is a usage/config/crash error.
  if (result.status !== 0 && result.status !== 1) {
    return { failure: `${command} exited with ${result.status}:\n${result.stderr.trim()}` };
  }
  try {
    const report = JSON.parse(result.stdout) as { findings?: ReportedFinding[] };
    if (!Array.isArray(report.findings)) return { failure: `${command}: the JSON report has no findings array` };
    return { findings: report.findings };
  } catch (error) {
    return { failure: `${command} did not print JSON (${(error as Error).message}):\n${result.stdout.slice(0, 500)}` };
  }
}

const samples = fs
  .readdirSync(SAMPLES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(SAMPLES_DIR, entry.name, 'expected.json')))
  .map((entry) => entry.name)
  .sort();

const registered = loadRegisteredRules();

describe('samples: CLI findings match expected.json', () => {
  it('finds the samples and the rule registry', () => {
    assert.ok(samples.length >= 2, `expected at least two samples with expected.json, found: ${samples.join(', ')}`);
    assert.ok(registered.ids, registered.error);
  });

  for (const sample of samples) {
    describe(`samples/${sample}`, () => {
      const expected = JSON.parse(fs.readFileSync(path.join(SAMPLES_DIR, sample, 'expected.json'), 'utf8')) as ExpectedFile;
      const isRegistered = (rule: string) => registered.ids?.has(rule) ?? false;
      const active = expected.findings.filter((f) => isRegistered(f.rule));
      const pending = expected.findings.filter((f) => !isRegistered(f.rule));

      it('expected.json is well-formed and points at real lines', () => {
        assert.ok(expected.findings.length > 0, 'a sample without expected findings proves nothing');
        const seen = new Set<string>();
        for (const f of expected.findings) {
          const where = key(f.rule, f.file, f.line);
          assert.ok(KNOWN_RULE_IDS.has(f.rule), `${where}: unknown rule id`);
          assert.ok(!f.file.includes('\\') && !path.isAbsolute(f.file), `${where}: use a relative path with forward slashes`);
          assert.ok(typeof f.note === 'string' && f.note.length > 10, `${where}: say why this is a finding`);
          const abs = path.join(SAMPLES_DIR, sample, f.file);
          assert.ok(fs.existsSync(abs), `${where}: file does not exist`);
          const lines = fs.readFileSync(abs, 'utf8').split('\n');
          assert.ok(Number.isInteger(f.line) && f.line >= 1 && f.line <= lines.length, `${where}: line out of range`);
          assert.ok(lines[f.line - 1]!.trim() !== '', `${where}: points at a blank line`);
          assert.ok(!seen.has(where), `${where}: listed twice`);
          seen.add(where);
        }
      });

      let run: CliRun | undefined;
      before(function () {
        this.timeout(150_000);
        run = runCli(sample);
      });

      it(`reports exactly the ${active.length} expected findings of registered rules`, () => {
        assert.ok(run?.findings, run?.failure ?? 'the CLI did not run');
        const prefix = `samples/${sample}/`;
        const actualKeys = run.findings.map((f) => {
          const file = f.file.startsWith(prefix) ? f.file.slice(prefix.length) : f.file;
          return key(f.ruleId, file, f.range.start.line);
        });
        const expectedKeys = active.map((f) => key(f.rule, f.file, f.line));
        const actual = countKeys(actualKeys);
        const wanted = countKeys(expectedKeys);
        const missing = surplus(wanted, actual);
        const extra = surplus(actual, wanted);
        const messages = new Map(run.findings.map((f) => [key(f.ruleId, f.file.replace(prefix, ''), f.range.start.line), f.message]));
        const report = [
          missing.length ? `missing (${missing.length}):\n${missing.map((k) => `  - ${k}`).join('\n')}` : '',
          extra.length ? `extra (${extra.length}):\n${extra.map((k) => `  + ${k}  "${messages.get(k) ?? ''}"`).join('\n')}` : '',
        ].filter(Boolean).join('\n');
        assert.ok(missing.length === 0 && extra.length === 0, `samples/${sample}: findings differ from expected.json\n${report}`);
      });

      for (const f of pending) {
        // A pending test (no body): mocha prints it, it does not fail.
        it(`pending: ${key(f.rule, f.file, f.line)} (rule not registered in core yet)`);
      }
    });
  }
});
