/**
 * End-to-end tests of the reviewer and CI options of `creepyline check` (baseline,
 * changed-since, max-warnings, skip-rule, fix, fix-dry-run, junit, shard) and of the commands
 * `rules`, `explain`, `init`, `merge-sarif`: the real bin on temporary projects, real git
 * repositories where git is involved.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '@creepyline/core';
import { makeProject, removeProject, runCli, UNGATED_TRACKER } from './helpers';
import { NO_INFORMATION_URI, validateWithMultitool, validateWithSchema } from './sarif-validate';

interface Finding { ruleId: string; severity: string; file: string; range: { start: { line: number } }; fingerprint: string }
interface JsonReport {
  findings: Finding[];
  summary: { files: number; findings: number; error: number; warning: number };
  baseline?: { file: string; unchanged: number; stale: { rule: string; file: string; line: number; snippet: string; status: string; reason?: string }[] };
  changedSince?: { ref: string; outside: number };
}

const json = (stdout: string) => JSON.parse(stdout) as JsonReport;

function git(dir: string, ...args: string[]): string {
  const run = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
  assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

function gitProject(files: Record<string, string>): string {
  const dir = makeProject(files);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}

/** Two ungated trackers (errors), a Consent Mode default granted (error, safe fix). */
const TRACKERS = "gtag('event', 'page_view');\nfbq('track', 'PageView');\n";
const CONSENT_DEFAULT = "window.dataLayer = window.dataLayer || [];\ngtag('consent', 'default', { ad_storage: 'granted' });\n";
/** A YouTube iframe without consent: third-party-embed-without-consent, a warning. */
const EMBED = '<!DOCTYPE html>\n<html><body>\n<iframe src="https://www.youtube.com/embed/abc"></iframe>\n</body></html>\n';

describe('creepyline for reviewers and CI (end to end)', function () {
  this.timeout(240_000);
  const dirs: string[] = [];
  const track = (dir: string) => (dirs.push(dir), dir);
  after(() => dirs.forEach(removeProject));

  it('--write-baseline records findings; --baseline hides them across line shifts and edits, reports new ones and stale entries', () => {
    const dir = track(gitProject({ 'src/a.js': TRACKERS, 'src/b.js': CONSENT_DEFAULT }));
    const written = runCli(['check', '--write-baseline', 'ci/baseline.json'], dir);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stderr, /wrote 3 baseline entries to ci\/baseline\.json/);
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'ci/baseline.json'), 'utf8'));
    assert.equal(file.version, 1);
    assert.deepEqual(file.entries.map((e: { file: string; line: number; rule: string; status: string }) => `${e.file}:${e.line} ${e.rule} ${e.status}`), [
      '../src/a.js:1 tracking-without-consent accepted-risk',
      '../src/a.js:2 tracking-without-consent accepted-risk',
      '../src/b.js:2 prechecked-consent accepted-risk',
    ]);
    assert.equal(file.entries[0].snippet, "gtag('event', 'page_view')");

    // A reviewer marks one entry as a false positive with a reason.
    file.entries[1].status = 'false-positive';
    file.entries[1].reason = 'fbq is our own stub in this app';
    fs.writeFileSync(path.join(dir, 'ci/baseline.json'), JSON.stringify(file, null, 2));

    // Lines added above, an edit elsewhere in the file, a new tracker, one recorded call removed.
    fs.writeFileSync(path.join(dir, 'src/a.js'), `// analytics\nimport './polyfills';\n\n${TRACKERS}mixpanel.track('signup');\n`);
    fs.writeFileSync(path.join(dir, 'src/b.js'), 'window.dataLayer = window.dataLayer || [];\n');
    const run = runCli(['check', '--baseline', 'ci/baseline.json', '--format', 'json'], dir);
    assert.equal(run.code, 1, run.stderr);
    const report = json(run.stdout);
    assert.deepEqual(report.findings.map((f) => `${f.file}:${f.range.start.line}`), ['src/a.js:6']);
    assert.equal(report.baseline?.unchanged, 2);
    assert.deepEqual(report.baseline?.stale.map((e) => `${e.file} ${e.rule}`), ['src/b.js prechecked-consent']);
    assert.match(run.stderr, /1 baseline entry matches no finding any more \(stale\)/);

    // Rewriting keeps the reviewer's status and reason, drops the stale entry, adds the new finding.
    const again = runCli(['check', '--baseline', 'ci/baseline.json', '--write-baseline', 'ci/baseline.json'], dir);
    assert.equal(again.code, 0, again.stderr);
    const rewritten = JSON.parse(fs.readFileSync(path.join(dir, 'ci/baseline.json'), 'utf8'));
    assert.equal(rewritten.entries.length, 3);
    const fbq = rewritten.entries.find((e: { snippet: string }) => e.snippet.startsWith('fbq'));
    assert.equal(fbq.status, 'false-positive');
    assert.equal(fbq.reason, 'fbq is our own stub in this app');
    assert.equal(runCli(['check', '--baseline', 'ci/baseline.json'], dir).code, 0);
    // Rewriting from a run with fewer rules keeps the entries that run could not see.
    assert.equal(runCli(['check', '--rule', 'prechecked-consent', '--baseline', 'ci/baseline.json', '--write-baseline', 'ci/baseline.json'], dir).code, 0);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'ci/baseline.json'), 'utf8')).entries.length, 3);

    // Run from another folder: paths in the baseline are relative to the baseline file.
    const fromSrc = runCli(['check', '.', '--baseline', '../ci/baseline.json', '--format', 'json'], path.join(dir, 'src'));
    assert.equal(fromSrc.code, 0, fromSrc.stderr);
    assert.equal(json(fromSrc.stdout).baseline?.unchanged, 3);
  });

  it('--baseline: a broken or missing file is a usage error naming the entry', () => {
    const dir = track(makeProject({ 'a.js': TRACKERS, 'bad.json': JSON.stringify({ version: 1, entries: [{ rule: 'x', file: 'a.js', fingerprint: 'f', status: 'maybe' }] }) }));
    const missing = runCli(['check', '--baseline', 'none.json'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Cannot read --baseline none\.json: ENOENT\. Create it with --write-baseline none\.json/);
    const bad = runCli(['check', '--baseline', 'bad.json'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Baseline bad\.json: entries\[0\]\.status must be one of accepted-risk, false-positive \(got "maybe"\)/);
  });

  it('SARIF with a baseline: baselineState new/unchanged/absent, suppressions, and it validates', () => {
    const dir = track(makeProject({ 'a.js': TRACKERS, 'b.js': CONSENT_DEFAULT }));
    assert.equal(runCli(['check', '--write-baseline', 'baseline.json'], dir).code, 0);
    fs.writeFileSync(path.join(dir, 'a.js'), `${TRACKERS.split('\n')[0]}\nmixpanel.track('x');\n`);
    const run = runCli(['check', '--baseline', 'baseline.json', '--format', 'sarif', '--output', 'out.sarif'], dir);
    assert.equal(run.code, 1, run.stderr);
    const log = JSON.parse(fs.readFileSync(path.join(dir, 'out.sarif'), 'utf8'));
    const states = log.runs[0].results.map((r: { ruleId: string; baselineState: string; locations: { physicalLocation: { region?: { startLine: number } } }[] }) =>
      `${r.baselineState} ${r.ruleId} ${r.locations[0].physicalLocation.region?.startLine}`).sort();
    assert.deepEqual(states, [
      'absent tracking-without-consent 2',
      'new tracking-without-consent 2',
      'unchanged prechecked-consent 2',
      'unchanged tracking-without-consent 1',
    ]);
    const unchanged = log.runs[0].results.find((r: { baselineState: string }) => r.baselineState === 'unchanged');
    assert.equal(unchanged.suppressions[0].kind, 'external');
    // Fixes travel with the results (prechecked-consent has a safe one).
    assert.ok(log.runs[0].results.some((r: { fixes?: unknown[] }) => (r.fixes ?? []).length > 0));
    assert.deepEqual(validateWithSchema(log), []);
    assert.deepEqual(validateWithMultitool(path.join(dir, 'out.sarif'), [NO_INFORMATION_URI]), []);
  });

  it('SARIF rules carry the whole documentation; links only with docsBaseUrl, and then the log validates without any warning', () => {
    const dir = track(makeProject({ 'a.js': TRACKERS }));
    assert.equal(runCli(['check', '--format', 'sarif', '-o', 'plain.sarif'], dir).code, 1);
    const plain = JSON.parse(fs.readFileSync(path.join(dir, 'plain.sarif'), 'utf8'));
    const driver = plain.runs[0].tool.driver;
    assert.equal(driver.informationUri, undefined);
    for (const rule of driver.rules) {
      assert.equal(rule.helpUri, undefined, 'no invented link');
      assert.match(rule.help.markdown, new RegExp(`^# ${rule.id}\n[\\s\\S]*## Examples[\\s\\S]*## Legal basis`));
      assert.match(rule.help.text, /What to do:/);
      // no bold markers around words and no fences left (a glob in code, `**/*.test.*`, stays as written)
      assert.doesNotMatch(rule.help.text, /\*\*[A-Za-z][^*\n]*\*\*|```/);
    }
    assert.doesNotMatch(JSON.stringify(plain), /github\.com\/creepyline/);
    fs.writeFileSync(path.join(dir, 'creepyline.json'), '{ "docsBaseUrl": "https://docs.example.com/creepyline/rules" }');
    assert.equal(runCli(['check', '--format', 'sarif', '-o', 'linked.sarif'], dir).code, 1);
    const linked = JSON.parse(fs.readFileSync(path.join(dir, 'linked.sarif'), 'utf8'));
    assert.equal(linked.runs[0].tool.driver.informationUri, 'https://docs.example.com/creepyline/rules');
    assert.equal(linked.runs[0].tool.driver.rules[0].helpUri, `https://docs.example.com/creepyline/rules/${linked.runs[0].tool.driver.rules[0].id}.md`);
    assert.deepEqual(validateWithMultitool(path.join(dir, 'linked.sarif')), []);
    const md = runCli(['check', '--format', 'markdown'], dir).stdout;
    assert.match(md, /\[tracking-without-consent\]\(https:\/\/docs\.example\.com\/creepyline\/rules\/tracking-without-consent\.md\)/);
  });

  it('--changed-since reports only findings on changed lines (committed, unstaged, untracked)', () => {
    const dir = track(gitProject({ 'a.js': TRACKERS, 'b.js': CONSENT_DEFAULT, 'c.js': '// nothing\n' }));
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    // committed change in a.js: a new tracker call at the end
    fs.writeFileSync(path.join(dir, 'a.js'), `${TRACKERS}mixpanel.track('x');\n`);
    git(dir, 'commit', '-q', '-am', 'more tracking');
    // unstaged change in c.js, untracked d.js
    fs.writeFileSync(path.join(dir, 'c.js'), "// nothing\nfbq('track', 'Lead');\n");
    fs.writeFileSync(path.join(dir, 'd.js'), UNGATED_TRACKER);
    const run = runCli(['check', '--changed-since', base, '--format', 'json'], dir);
    assert.equal(run.code, 1, run.stderr);
    const report = json(run.stdout);
    assert.deepEqual(report.findings.map((f) => `${f.file}:${f.range.start.line}`), ['a.js:3', 'c.js:2', 'd.js:1']);
    assert.deepEqual(report.changedSince, { ref: base, outside: 3 });
    // by branch name too; nothing changed since HEAD in committed files → only work-tree changes
    assert.deepEqual(json(runCli(['check', '--changed-since', 'HEAD', '--format', 'json'], dir).stdout).findings.map((f) => f.file), ['c.js', 'd.js']);
  });

  it('--changed-since: clear exit-2 errors outside a git work tree and for an unknown ref', () => {
    const plain = track(makeProject({ 'a.js': TRACKERS }));
    const outside = runCli(['check', '--changed-since', 'main'], plain, { GIT_CEILING_DIRECTORIES: path.dirname(plain) });
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /--changed-since needs a git work tree, and .* is not inside one/);
    const repo = track(gitProject({ 'a.js': TRACKERS }));
    const unknown = runCli(['check', '--changed-since', 'origin/nope'], repo);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown git ref 'origin\/nope' for --changed-since.*does not fetch/);
  });

  it('--max-warnings N exits 1 only above N warnings', () => {
    const dir = track(makeProject({ 'page.html': EMBED }));
    const report = json(runCli(['check', '--format', 'json'], dir).stdout);
    assert.equal(report.summary.error, 0);
    assert.equal(report.summary.warning, 1);
    assert.equal(runCli(['check'], dir).code, 0);
    assert.equal(runCli(['check', '--max-warnings', '1'], dir).code, 0);
    const over = runCli(['check', '--max-warnings', '0'], dir);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /1 warnings, more than --max-warnings 0/);
    const bad = runCli(['check', '--max-warnings', '-1'], dir);
    assert.equal(bad.code, 2);
    assert.equal(runCli(['check', '--max-warnings', 'many'], dir).code, 2);
  });

  it('--skip-rule leaves a rule out; an unknown id is a usage error with did-you-mean', () => {
    const dir = track(makeProject({ 'a.js': TRACKERS, 'b.js': CONSENT_DEFAULT }));
    const all = json(runCli(['check', '--format', 'json'], dir).stdout);
    assert.ok(all.findings.some((f) => f.ruleId === 'prechecked-consent'));
    const skipped = runCli(['check', '--skip-rule', 'tracking-without-consent', '--format', 'json'], dir);
    assert.deepEqual([...new Set(json(skipped.stdout).findings.map((f) => f.ruleId))], ['prechecked-consent']);
    const unknown = runCli(['check', '--skip-rule', 'tracking-without-consnt'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown rule 'tracking-without-consnt' in --skip-rule\. Did you mean 'tracking-without-consent'\?/);
  });

  it('--fix-dry-run prints a diff git can apply and changes nothing; --fix applies safe fixes atomically', () => {
    const dir = track(gitProject({ 'b.js': CONSENT_DEFAULT, 'a.js': TRACKERS }));
    const dry = runCli(['check', '--fix-dry-run'], dir);
    assert.equal(dry.code, 1);
    assert.equal(fs.readFileSync(path.join(dir, 'b.js'), 'utf8'), CONSENT_DEFAULT, 'dry run changes nothing');
    assert.match(dry.stdout, /^--- a\/b\.js\n\+\+\+ b\/b\.js\n@@ -1,2 \+1,2 @@\n window\.dataLayer = window\.dataLayer \|\| \[\];\n-gtag\('consent', 'default', \{ ad_storage: 'granted' \}\);\n\+gtag\('consent', 'default', \{ ad_storage: 'denied' \}\);\n$/);
    assert.match(dry.stderr, /would fix b\.js: 1 fix: /);
    fs.writeFileSync(path.join(dir, 'fix.diff'), dry.stdout);
    git(dir, 'apply', '--check', 'fix.diff');
    fs.rmSync(path.join(dir, 'fix.diff'));

    const fixed = runCli(['check', '--fix', '--format', 'json'], dir);
    assert.equal(fixed.code, 1, 'the trackers (no safe fix without a declared consent API) remain');
    assert.match(fixed.stderr, /fixed b\.js: 1 fix: /);
    assert.equal(fs.readFileSync(path.join(dir, 'b.js'), 'utf8'), CONSENT_DEFAULT.replace("'granted'", "'denied'"));
    assert.equal(fs.readFileSync(path.join(dir, 'a.js'), 'utf8'), TRACKERS, 'no unsafe fix applied');
    assert.deepEqual(json(fixed.stdout).findings.map((f) => f.ruleId), ['tracking-without-consent', 'tracking-without-consent'], 'the report shows what is left');
    assert.deepEqual(fs.readdirSync(dir).filter((name) => name.includes('.tmp')), [], 'no temporary files left');
    const second = runCli(['check', '--fix'], dir);
    assert.match(second.stderr, /no safe fixes to apply/);
    assert.equal(runCli(['check', '--fix', '--fix-dry-run'], dir).code, 2);
  });

  it('--format junit: one test case per rule and file, failures at --fail-on', () => {
    const dir = track(makeProject({ 'a.js': TRACKERS, 'page.html': EMBED, 'ok.js': '// fine\n' }));
    const run = runCli(['check', '--format', 'junit'], dir);
    assert.equal(run.code, 1);
    const xml = run.stdout;
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="creepyline" /);
    const cases = [...xml.matchAll(/<testcase classname="([^"]+)" name="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
    assert.equal(cases.length, 3 * rules.length, 'every rule on every file');
    assert.match(xml, /<testcase classname="a\.js" name="tracking-without-consent"[^>]*>\n\s*<failure type="error" message="2 findings: /);
    // The embed is a warning: below --fail-on error it is listed, not failed.
    assert.match(xml, /<testcase classname="page\.html" name="third-party-embed-without-consent"[^>]*>\n\s*<system-out>/);
    assert.match(xml, /<testsuites [^>]*failures="1"/);
    const strict = runCli(['check', '--format', 'junit', '--fail-on', 'warning'], dir).stdout;
    assert.match(strict, /<testsuites [^>]*failures="2"/);
  });

  it('--shard i/n: the shards partition the files and their union equals the full run, cross-file findings included', () => {
    const files: Record<string, string> = {
      // An exported tracker wrapper called ungated from one file and gated from another.
      'lib/track.js': "export function track(name) {\n  gtag('event', name);\n}\n",
      'pages/checkout.js': "import { track } from '../lib/track';\ntrack('purchase');\n",
      'pages/home.js': "import { track } from '../lib/track';\nif (Cookiebot.consent.statistics) {\n  track('home');\n}\n",
      'b.js': CONSENT_DEFAULT,
      'page.html': EMBED,
    };
    for (let i = 0; i < 8; i++) files[`more/m${i}.js`] = i % 2 ? UNGATED_TRACKER : '// nothing\n';
    const dir = track(makeProject(files));
    const key = (f: Finding) => `${f.file}:${f.range.start.line} ${f.ruleId} ${f.fingerprint}`;
    const full = json(runCli(['check', '--format', 'json'], dir).stdout);
    const union: string[] = [];
    let filesSeen = 0;
    for (let i = 1; i <= 3; i++) {
      const part = runCli(['check', '--shard', `${i}/3`, '--format', 'json'], dir);
      const report = json(part.stdout);
      union.push(...report.findings.map(key));
      filesSeen += report.summary.files;
      const sarif = runCli(['check', '--shard', `${i}/3`, '--format', 'sarif', '-o', `part${i}.sarif`], dir);
      assert.notEqual(sarif.code, 2, sarif.stderr);
    }
    assert.equal(filesSeen, full.summary.files, 'every file in exactly one shard');
    assert.deepEqual(union.sort(), full.findings.map(key).sort());
    assert.ok(full.findings.some((f) => f.file === 'lib/track.js'), 'the cross-file finding is in the full run');

    // merge-sarif: one log equal to the unsharded SARIF's results, and valid.
    const merged = runCli(['merge-sarif', 'part1.sarif', 'part2.sarif', 'part3.sarif', '-o', 'merged.sarif'], dir);
    assert.equal(merged.code, 0, merged.stderr);
    assert.equal(runCli(['check', '--format', 'sarif', '-o', 'full.sarif'], dir).code, 1);
    const read = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    const resultKeys = (log: { runs: { results: { ruleId: string; partialFingerprints: object; locations: unknown }[] }[] }) =>
      log.runs[0].results.map((r) => JSON.stringify([r.ruleId, r.partialFingerprints, r.locations])).sort();
    assert.deepEqual(resultKeys(read('merged.sarif')), resultKeys(read('full.sarif')));
    assert.equal(read('merged.sarif').runs[0].tool.driver.rules.length, rules.length);
    assert.deepEqual(validateWithSchema(read('merged.sarif')), []);
    assert.deepEqual(validateWithMultitool(path.join(dir, 'merged.sarif'), [NO_INFORMATION_URI]), []);

    assert.equal(runCli(['check', '--shard', '4/3'], dir).code, 2);
    assert.equal(runCli(['check', '--shard', '0/2'], dir).code, 2);
    fs.writeFileSync(path.join(dir, 'other.sarif'), JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'eslint' } }, results: [] }] }));
    const foreign = runCli(['merge-sarif', 'part1.sarif', 'other.sarif'], dir);
    assert.equal(foreign.code, 2);
    assert.match(foreign.stderr, /other\.sarif was not written by creepyline/);
  });

  it('no progress bar when piped or under CI', () => {
    const dir = track(makeProject({ 'a.js': TRACKERS }));
    const piped = runCli(['check'], dir);
    assert.doesNotMatch(piped.stderr, /files|\r/);
    const forced = runCli(['check', '--progress'], dir);
    assert.match(forced.stderr, /\[#+-*\] 1\/1 files/);
    assert.match(forced.stderr, /\r\u001b\[2K$/, 'the bar erases itself');
  });

  it('rules and explain come from the registry; unknown rules get did-you-mean', () => {
    const dir = track(makeProject({}));
    const list = runCli(['rules'], dir);
    assert.equal(list.code, 0);
    for (const rule of rules) {
      assert.match(list.stdout, new RegExp(`^${rule.id} +${rule.meta.defaultSeverity} `, 'm'));
      assert.ok(list.stdout.includes(rule.meta.gdpr[0].ref), `legal basis of ${rule.id}`);
    }
    const asJson = JSON.parse(runCli(['rules', '--json'], dir).stdout);
    assert.deepEqual(asJson.map((r: { id: string }) => r.id), rules.map((r) => r.id));
    const explain = runCli(['explain', 'prechecked-consent'], dir);
    assert.equal(explain.code, 0);
    assert.match(explain.stdout, /^prechecked-consent\n/);
    assert.match(explain.stdout, /Legal basis/);
    assert.match(explain.stdout, /Incorrect/);
    assert.doesNotMatch(explain.stdout, /```|\*\*/, 'plain text, no Markdown markup');
    const typo = runCli(['explain', 'prechecked-consnt'], dir);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /Unknown rule 'prechecked-consnt'\. Did you mean 'prechecked-consent'\?/);
    assert.equal(runCli(['explain'], dir).code, 2);
  });

  it('init writes a commented creepyline.json naming the consent tool, trackers and the obvious consent function; never overwrites without --force', () => {
    const dir = track(makeProject({
      'package.json': JSON.stringify({ dependencies: { 'mixpanel-browser': '^2.0.0', react: '^18.0.0' } }),
      'src/consent.ts': "export function hasMarketingConsent(): boolean {\n  return window.Cookiebot?.consent?.marketing === true;\n}\n",
      // two hooks: the plain name is the obvious one
      'src/hooks.ts': 'export function useConsent() { return state; }\nexport function useConsentRefresh() { return 0; }\n',
      'index.html': '<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>\n',
    }));
    const run = runCli(['init'], dir);
    assert.equal(run.code, 0, run.stderr);
    const text = fs.readFileSync(path.join(dir, 'creepyline.json'), 'utf8');
    assert.match(text, /"\$schema": /);
    assert.match(text, /Cookiebot/);
    assert.match(text, /Mixpanel.*package\.json: mixpanel-browser/);
    assert.match(text, /Google.*index\.html: www\.googletagmanager\.com\/gtag\/js/);
    assert.match(text, /"functions": \["hasMarketingConsent"\]/);
    assert.match(text, /"hooks": \["useConsent"\]/);
    // The written file is a valid configuration: check runs without configuration problems.
    const check = runCli(['check', '--format', 'json'], dir);
    assert.notEqual(check.code, 2, check.stderr);
    const again = runCli(['init'], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /creepyline\.json already exists; not overwriting it \(use --force/);
    fs.writeFileSync(path.join(dir, 'creepyline.json'), '{}\n');
    assert.equal(runCli(['init', '--force'], dir).code, 0);
    assert.match(fs.readFileSync(path.join(dir, 'creepyline.json'), 'utf8'), /hasMarketingConsent/);
  });

  it('help lists every new option and command', () => {
    const dir = track(makeProject({}));
    const help = runCli(['check', '--help'], dir).stdout;
    for (const option of ['--baseline', '--write-baseline', '--changed-since', '--max-warnings', '--skip-rule', '--fix', '--fix-dry-run', '--shard', '--progress', 'junit']) {
      assert.ok(help.includes(option), option);
    }
    const general = runCli(['--help'], dir).stdout;
    for (const command of ['rules', 'explain', 'init', 'merge-sarif']) assert.match(general, new RegExp(`creepyline ${command}`));
    assert.match(runCli(['help', 'init'], dir).stdout, /--force/);
  });
});
