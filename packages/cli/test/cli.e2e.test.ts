/**
 * End-to-end tests: spawn the real `creepyline` bin on small temporary projects and check
 * exit codes, the JSON report, ignore handling, skipped files and the SARIF log.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GATED_TRACKER, makeProject, removeProject, runCli, UNGATED_TRACKER } from './helpers';
import { NO_INFORMATION_URI, validateWithMultitool, validateWithSchema } from './sarif-validate';

interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  findings: { ruleId: string; severity: string; file: string; range: { start: { line: number; column: number } }; fingerprint: string }[];
  skipped: { file: string; reason: string }[];
  configProblems: { file: string; line: number; key: string; message: string }[];
  summary: { files: number; skipped: number; findings: number; error: number; warning: number; info: number };
}

function json(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

describe('creepyline bin (end to end)', function () {
  this.timeout(180_000);
  const dirs: string[] = [];
  const project = (files: Record<string, string | Buffer>) => {
    const dir = makeProject(files);
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach(removeProject));

  it('prints version and help, exit 0', () => {
    const dir = project({});
    const version = runCli(['--version'], dir);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\nthird-party-web \d+\.\d+\.\d+\n$/);
    const help = runCli(['check', '--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: creepyline check/);
    assert.match(help.stdout, /--fail-on/);
    assert.equal(runCli(['--help'], dir).code, 0);
  });

  it('usage errors exit 2 with a clear message', () => {
    const dir = project({ 'a.js': GATED_TRACKER });
    const unknown = runCli(['check', '--formt', 'json'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option '--formt'\. Did you mean '--format'\?/);
    const badValue = runCli(['check', '--fail-on', 'fatal'], dir);
    assert.equal(badValue.code, 2);
    assert.match(badValue.stderr, /Invalid value 'fatal' for --fail-on/);
    const missing = runCli(['check', 'no-such-dir'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No such file or directory: no-such-dir/);
    const noConfig = runCli(['check', '--config', 'nope.json'], dir);
    assert.equal(noConfig.code, 2);
    assert.match(noConfig.stderr, /Configuration file not found: nope\.json/);
  });

  it('unknown --rule exits 2 with did-you-mean', () => {
    const dir = project({ 'a.js': GATED_TRACKER });
    const result = runCli(['check', '--rule', 'tracking-without-consnet'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Unknown rule 'tracking-without-consnet' in --rule\. Did you mean 'tracking-without-consent'\?/);
    assert.equal(result.stdout, '');
  });

  it('exit 1 on an ungated tracker, 0 on a gated one; JSON has the documented shape', () => {
    const dir = project({ 'src/tracker.js': UNGATED_TRACKER, 'src/gated.js': GATED_TRACKER });
    const result = runCli(['check', '--format', 'json'], dir);
    assert.equal(result.code, 1, result.stderr);
    const report = json(result.stdout);
    assert.equal(report.version, 1);
    assert.equal(report.tool.name, 'creepyline');
    const tracking = report.findings.filter((f) => f.ruleId === 'tracking-without-consent');
    assert.deepEqual(tracking.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column}:${f.severity}`), ['src/tracker.js:1:1:error']);
    assert.equal(report.summary.files, 2);
    assert.equal(report.summary.error, report.findings.filter((f) => f.severity === 'error').length);
    assert.equal(report.summary.skipped, 0);
    assert.equal('durationMs' in report.summary, false, 'no timing: the same input gives the same bytes');
    assert.ok(tracking[0].fingerprint.length > 0);

    const gatedOnly = runCli(['check', 'src/gated.js', '--format', 'json'], dir);
    assert.equal(gatedOnly.code, 0, gatedOnly.stderr);
    assert.deepEqual(json(gatedOnly.stdout).findings, []);
  });

  it('--explain prints why a finding was flagged, including callers in other files', () => {
    const dir = project({
      'lib/analytics.js': "export function trackLead() {\n  if (Cookiebot.consent.statistics) fbq('track', 'Lead');\n}\n",
      'app/page.js': "import { trackLead } from '../lib/analytics';\ntrackLead();\n",
    });
    const { code, stdout } = runCli(['check', '--explain', '--no-color'], dir);
    assert.equal(code, 1);
    assert.match(stdout, /why flagged:/);
    assert.match(stdout, /Found `Cookiebot\.consent\.statistics` on line 2, but it checks measurement consent/);
    assert.match(stdout, /app\/page\.js:2:1 {2}Called here without a consent check for marketing tracking/);
    assert.match(stdout, /fix: Check marketing consent before it runs/);
    assert.doesNotMatch(runCli(['check', '--no-color'], dir).stdout, /why flagged:/);
  });

  it('--fail-on thresholds and --quiet', () => {
    // The team downgrades the rule to warning in creepyline.json.
    const dir = project({
      'creepyline.json': '{ "rules": { "tracking-without-consent": "warning" } }\n',
      'tracker.js': UNGATED_TRACKER,
    });
    assert.equal(runCli(['check'], dir).code, 0);
    assert.equal(runCli(['check', '--fail-on', 'error'], dir).code, 0);
    assert.equal(runCli(['check', '--fail-on', 'warning'], dir).code, 1);
    assert.equal(runCli(['check', '--fail-on', 'info'], dir).code, 1);
    assert.equal(runCli(['check', '--fail-on', 'warning', '--quiet'], dir).code, 0);
    const never = project({ 'tracker.js': UNGATED_TRACKER });
    assert.equal(runCli(['check', '--fail-on', 'never'], never).code, 0);
    assert.equal(runCli(['check'], never).code, 1);
  });

  it('a broken config: problem on stderr with file:line and key, report with defaults, exit 2', () => {
    const dir = project({
      'creepyline.json': '{\n  "rules": {\n    "tracking-without-consent": "eror"\n  }\n}\n',
      'tracker.js': UNGATED_TRACKER,
    });
    const result = runCli(['check', '--format', 'json'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /configuration problem in creepyline\.json:3(:\d+)? \([^)]*tracking-without-consent[^)]*\)/);
    const report = json(result.stdout);
    assert.equal(report.configProblems.length, 1);
    assert.equal(report.configProblems[0].file, 'creepyline.json');
    assert.equal(report.configProblems[0].line, 3);
    // The rule ran with its default severity.
    assert.deepEqual(report.findings.filter((f) => f.ruleId === 'tracking-without-consent').map((f) => f.severity), ['error']);
  });

  it('respects .gitignore (root and nested) and --no-ignore', () => {
    const dir = project({
      '.gitignore': 'generated/\n',
      'generated/tracker.js': UNGATED_TRACKER,
      'app/.gitignore': 'vendor.js\n',
      'app/vendor.js': UNGATED_TRACKER,
      'app/main.js': GATED_TRACKER,
    });
    const ignored = runCli(['check', '--format', 'json'], dir);
    assert.equal(ignored.code, 0, ignored.stderr);
    assert.equal(json(ignored.stdout).summary.files, 1);
    const all = runCli(['check', '--format', 'json', '--no-ignore'], dir);
    assert.equal(all.code, 1);
    assert.deepEqual([...new Set(json(all.stdout).findings.map((f) => f.file))], ['app/vendor.js', 'generated/tracker.js']);
  });

  it('skips binary and too large files with a reason instead of crashing', () => {
    const big = `${UNGATED_TRACKER}${'// padding\n'.repeat(110_000)}`; // > 1 MB
    const dir = project({
      'binary.js': Buffer.concat([Buffer.from(UNGATED_TRACKER), Buffer.from([0, 1, 2, 0])]),
      'big.js': big,
      'small.js': GATED_TRACKER,
    });
    const result = runCli(['check', '--format', 'json'], dir);
    assert.equal(result.code, 0, result.stderr);
    const report = json(result.stdout);
    assert.deepEqual(report.findings, []);
    assert.deepEqual(report.skipped.map((s) => s.file), ['big.js', 'binary.js']);
    assert.match(report.skipped[0].reason, /larger than --max-file-size 1 MB/);
    assert.match(report.skipped[1].reason, /binary/);
    const raised = runCli(['check', '--format', 'json', '--max-file-size', '2mb'], dir);
    assert.equal(raised.code, 1);
    assert.deepEqual(json(raised.stdout).skipped.map((s) => s.file), ['binary.js']);
  });

  it('text output: stylish lines, no color when piped, color with --color', () => {
    const dir = project({ 'tracker.js': UNGATED_TRACKER });
    const plain = runCli(['check'], dir);
    assert.equal(plain.code, 1);
    assert.doesNotMatch(plain.stdout, /\u001b\[/);
    assert.match(plain.stdout, /^tracker\.js\n {2}1:1 {2}error {2}.+ {2}tracking-without-consent/m);
    assert.match(plain.stdout, /✖ \d+ problems? \(\d+ errors?/);
    assert.match(runCli(['check', '--color'], dir).stdout, /\u001b\[31merror/);
    assert.doesNotMatch(runCli(['check'], dir, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout, /\u001b\[/);
  });

  it('markdown and html reports name the finding', () => {
    const dir = project({ 'tracker.js': UNGATED_TRACKER });
    const md = runCli(['check', '--format', 'markdown'], dir);
    assert.equal(md.code, 1);
    assert.match(md.stdout, /^## Creepyline GDPR check/);
    assert.match(md.stdout, /`tracker\.js:1:1`.*`tracking-without-consent`/);
    const html = runCli(['check', '--format', 'html'], dir);
    assert.equal(html.code, 1);
    assert.match(html.stdout, /^<!DOCTYPE html>/);
    assert.match(html.stdout, /tracking-without-consent/);
  });

  it('--output writes the report and prints a one-line summary to stderr; SARIF validates', () => {
    const dir = project({ 'src/tracker.js': UNGATED_TRACKER, 'src/gated.js': GATED_TRACKER, 'img.js': Buffer.from([0, 0]) });
    const result = runCli(['check', '--format', 'sarif', '--output', 'out/creepyline.sarif'], dir);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^creepyline: \d+ problems? .* in 2 files, 1 skipped; sarif report written to out\/creepyline\.sarif\n$/);
    const file = path.join(dir, 'out', 'creepyline.sarif');
    const log = JSON.parse(fs.readFileSync(file, 'utf8'));
    const results = log.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'tracking-without-consent');
    assert.equal(results.length, 1);
    assert.equal(results[0].level, 'error');
    assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, 'src/tracker.js');
    assert.equal(log.runs[0].tool.driver.rules[results[0].ruleIndex].id, 'tracking-without-consent');
    assert.deepEqual(validateWithSchema(log), []);
    assert.deepEqual(validateWithMultitool(file, [NO_INFORMATION_URI]), []);
  });
});
