/**
 * Finding fingerprints (used by CLI baselines, SARIF partialFingerprints and code actions)
 * survive line shifts, edits elsewhere in the file and re-indentation, tell repeated code
 * apart, and change when the flagged code itself changes.
 */
import { strict as assert } from 'node:assert';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../src/workspace';

const ROOT = path.join(os.tmpdir(), 'creepyline-fingerprint-test');

function prints(text: string, file = 'src/app.js'): string[] {
  const workspace = new Workspace({ root: ROOT });
  return workspace
    .analyzeFile(path.join(ROOT, file), text)
    .findings.filter((f) => f.ruleId === 'tracking-without-consent')
    .sort((a, b) => a.range.startOffset - b.range.startOffset)
    .map((f) => f.fingerprint);
}

const BASE = "import x from './x';\n\ngtag('event', 'page_view');\nfbq('track', 'PageView');\n";

describe('finding fingerprints', () => {
  it('survive lines added above, edits elsewhere, re-indentation and a rename', () => {
    const before = prints(BASE);
    assert.equal(before.length, 2);
    assert.equal(new Set(before).size, 2);
    assert.deepEqual(prints(`// a comment\n\n\n${BASE}`), before, 'lines added above');
    assert.deepEqual(prints(BASE.replace("'./x'", "'./y'") + 'const unrelated = 1;\n'), before, 'edits elsewhere');
    assert.deepEqual(prints(BASE.replace("gtag('event', 'page_view');", "   gtag( 'event','page_view' ) ;")), before, 're-indented and re-spaced');
    assert.deepEqual(prints(BASE, 'lib/renamed.js'), before, 'renamed file');
  });

  it('change when the flagged code changes', () => {
    const before = prints(BASE);
    const after = prints(BASE.replace("'page_view'", "'purchase'"));
    assert.notEqual(after[0], before[0]);
    assert.equal(after[1], before[1]);
  });

  it('tell the same code written twice apart, and keep the first one stable', () => {
    const once = prints("gtag('event', 'page_view');\n");
    const twice = prints("gtag('event', 'page_view');\nconst a = 1;\ngtag('event', 'page_view');\n");
    assert.equal(twice.length, 2);
    assert.notEqual(twice[0], twice[1]);
    assert.equal(twice[0], once[0]);
  });
});
