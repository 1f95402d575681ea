/**
 * In-process tests of the pieces behind the reviewer options: baseline matching, diff
 * parsing and rendering, shard partition, progress decisions, consent API detection for
 * `init`, and SARIF merging. The end-to-end behaviour is in reviewers.e2e.test.ts.
 */
import * as assert from 'node:assert/strict';
import { matchBaseline, snippetOf, type LoadedBaseline } from '../src/baseline';
import { inShard } from '../src/check';
import { consentDeclarations, mergeSarif } from '../src/commands';
import { unifiedDiff } from '../src/fix';
import { parseUnifiedDiff, touchesChange } from '../src/git';
import { formatEta, progressLine, shouldShowProgress } from '../src/progress';

const entry = (file: string, fingerprint: string, rule = 'tracking-without-consent'): LoadedBaseline['entries'][number] =>
  ({ rule, file, fingerprint, line: 1, snippet: '', status: 'accepted-risk', rootFile: file });

describe('reviewer options (in process)', () => {
  it('baseline: one entry matches one finding; extra copies are new; unmatched entries in scope are stale', () => {
    const baseline: LoadedBaseline = { name: 'b.json', absolute: '/b.json', entries: [entry('a.js', 'f1'), entry('a.js', 'f2'), entry('gone.js', 'f3'), entry('other.js', 'f4')] };
    const findings = [
      { ruleId: 'tracking-without-consent', file: 'a.js', fingerprint: 'f1' },
      { ruleId: 'tracking-without-consent', file: 'a.js', fingerprint: 'f1' },
      { ruleId: 'prechecked-consent', file: 'a.js', fingerprint: 'f2' },
    ];
    const match = matchBaseline(findings, baseline, (e) => e.file !== 'other.js');
    assert.deepEqual(match.unchanged.map((u) => u.finding), [findings[0]]);
    assert.deepEqual(match.fresh, [findings[1], findings[2]], 'same fingerprint twice: one is new; another rule is new');
    assert.deepEqual(match.stale.map((e) => `${e.file}#${e.fingerprint}`), ['a.js#f2', 'gone.js#f3'], 'other.js is outside this run: unused, not stale');
  });

  it('baseline snippets: first line of the code, trimmed and cut', () => {
    assert.equal(snippetOf("  gtag('event');\n", 2, 16), "gtag('event');");
    assert.equal(snippetOf('<iframe\n  src="x">', 0, 17), '<iframe …');
    assert.equal(snippetOf(`x(${'a'.repeat(200)})`, 0, 203).length, 120);
  });

  it('git diff: changed lines of the new side, deletions mark both neighbours, quoted paths, deleted files', () => {
    const diff = [
      'diff --git a/src/a.js b/src/a.js', '--- a/src/a.js', '+++ b/src/a.js',
      '@@ -3 +3,2 @@', '-x', '+y', '+z',
      '@@ -10,2 +11,0 @@', '-gone', '-gone',
      'diff --git "a/we\\tird.js" "b/we\\tird.js"', '--- "a/we\\tird.js"', '+++ "b/we\\tird.js"', '@@ -1 +1 @@', '-a', '+b',
      'diff --git a/old.js b/old.js', '--- a/old.js', '+++ /dev/null', '@@ -1,3 +0,0 @@', '-a', '-b', '-c',
    ].join('\n');
    const changed = parseUnifiedDiff(diff, '/repo');
    assert.deepEqual([...(changed.get('/repo/src/a.js') as Set<number>)].sort((a, b) => a - b), [3, 4, 11, 12]);
    assert.deepEqual([...(changed.get('/repo/we\tird.js') as Set<number>)], [1]);
    assert.equal(changed.has('/repo/old.js'), false);
    assert.equal(touchesChange(changed, '/repo/src/a.js', 1, 3), true);
    assert.equal(touchesChange(changed, '/repo/src/a.js', 5, 10), false);
    assert.equal(touchesChange(new Map([['/repo/new.js', 'all']]), '/repo/new.js', 99, 99), true);
  });

  it('unified diff: hunks with context, deletions before insertions, missing final newline', () => {
    const before = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const after = before.replace('line 2\n', 'LINE 2\n').replace('line 11\n', 'line 11\nadded\n');
    assert.equal(unifiedDiff('f.js', before, after), [
      '--- a/f.js', '+++ b/f.js',
      '@@ -1,5 +1,5 @@', ' line 1', '-line 2', '+LINE 2', ' line 3', ' line 4', ' line 5',
      '@@ -9,4 +9,5 @@', ' line 9', ' line 10', ' line 11', '+added', ' line 12', '',
    ].join('\n'));
    assert.equal(unifiedDiff('g.js', 'a\nb', 'a\nc'), '--- a/g.js\n+++ b/g.js\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
    assert.equal(unifiedDiff('h.js', 'same\n', 'same\n'), '');
  });

  it('shards: deterministic, every file in exactly one shard, adding files moves none', () => {
    const files = Array.from({ length: 200 }, (_, i) => `src/f${i}.js`);
    const owner = (file: string, n: number) => [1, 2, 3, 4].slice(0, n).filter((i) => inShard(file, i, n));
    for (const file of files) assert.equal(owner(file, 4).length, 1, file);
    const sizes = [1, 2, 3, 4].map((i) => files.filter((f) => inShard(f, i, 4)).length);
    assert.ok(sizes.every((n) => n > 25), `roughly balanced: ${sizes}`);
    assert.deepEqual(files.map((f) => owner(f, 4)[0]), files.map((f) => owner(f, 4)[0]), 'deterministic');
    assert.ok(files.every((f) => inShard(f, 1, 1)));
  });

  it('progress: only on a terminal and not under CI; the bar line', () => {
    assert.equal(shouldShowProgress(undefined, { write: () => true, isTTY: true }, {}), true);
    assert.equal(shouldShowProgress(undefined, { write: () => true, isTTY: false }, {}), false);
    assert.equal(shouldShowProgress(undefined, { write: () => true, isTTY: true }, { CI: 'true' }), false);
    assert.equal(shouldShowProgress(undefined, { write: () => true, isTTY: true }, { CI: 'false' }), true);
    assert.equal(shouldShowProgress(true, { write: () => true }, { CI: '1' }), true);
    assert.equal(shouldShowProgress(false, { write: () => true, isTTY: true }, {}), false);
    assert.equal(progressLine(50, 100, 'src/components', 10_000), '[############------------] 50/100 files ETA 10s  src/components');
    assert.equal(formatEta(65), '1m05s');
    assert.ok(progressLine(1, 3, 'a/'.repeat(100), 1000, 60).length <= 60);
  });

  it('init: finds exported consent functions, hooks and gate components, not lookalikes', () => {
    const text = [
      'export function hasConsent(purpose: string) { return true; }',
      'export const useConsent = () => state;',
      'export default function ConsentGate({ children }) { return children; }',
      'export async function canTrackMarketing() {}',
      'export function consentTemplate() {}',
      'function hasConsentLocal() {}',
      'export const CONSENT_KEY = "x";',
    ].join('\n');
    assert.deepEqual(consentDeclarations(text), { functions: ['hasConsent'], hooks: ['useConsent'], components: ['ConsentGate'] });
  });

  it('merge-sarif: one run, rules once, results sorted and deduplicated; refuses mixed versions', () => {
    const log = (version: string, results: object[]) => ({
      $schema: 's', version: '2.1.0',
      runs: [{ tool: { driver: { name: 'creepyline', version, rules: [{ id: 'a' }, { id: 'b' }] } }, originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///r/' } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: [{ message: { text: 'n' } }] }], results }],
    });
    const result = (uri: string, line: number, ruleId = 'a') => ({ ruleId, ruleIndex: 9, partialFingerprints: { k: `${uri}${line}` }, locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: line } } }] });
    const merged = mergeSarif([
      { name: 'p2', log: log('1.0.0', [result('z.js', 1), result('a.js', 5, 'b')]) },
      { name: 'p1', log: log('1.0.0', [result('a.js', 2), result('z.js', 1)]) },
    ]);
    assert.equal(merged.runs.length, 1);
    assert.deepEqual(merged.runs[0].tool.driver.rules.map((r: { id: string }) => r.id), ['a', 'b']);
    assert.deepEqual(merged.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; ruleIndex: number }) =>
      `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}/${r.ruleIndex}`), ['a.js:2/0', 'a.js:5/1', 'z.js:1/0']);
    assert.equal(merged.runs[0].invocations[0].toolExecutionNotifications.length, 1);
    assert.throws(() => mergeSarif([{ name: 'p1', log: log('1.0.0', []) }, { name: 'p2', log: log('2.0.0', []) }]), /p2 comes from creepyline 2\.0\.0/);
  });
});
