/**
 * `--fix` planning and writing, in process: one file that cannot be fixed (gone, now a
 * folder, edits out of range) is listed with a one-line reason and never stops the others.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyPlans, planFixes } from '../src/fix';
import type { ReportFinding } from '../src/report';

/** A finding on `file` whose one safe fix replaces [start, end) by `text`. */
function finding(file: string, start: number, end: number, text: string): ReportFinding {
  return { file, ruleId: 'tracking-without-consent', fixes: [{ title: `edit ${file}`, safe: true, edits: [{ start, end, text }] }] } as unknown as ReportFinding;
}

describe('--fix: one file never stops the others', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-fix-'));
    for (const name of ['a.js', 'b.js', 'c.js']) fs.writeFileSync(path.join(root, name), 'track();\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('planning: a vanished file and a file that is now a folder are listed; the rest is planned', () => {
    fs.rmSync(path.join(root, 'a.js'));
    fs.rmSync(path.join(root, 'b.js'));
    fs.mkdirSync(path.join(root, 'b.js'));
    const { plans, failed } = planFixes(root, [finding('a.js', 0, 0, '// ok\n'), finding('b.js', 0, 0, '// ok\n'), finding('c.js', 0, 0, '// ok\n')]);
    assert.deepEqual(plans.map((p) => [p.file, p.after]), [['c.js', '// ok\ntrack();\n']]);
    assert.deepEqual(failed, [{ file: 'a.js', reason: 'the file is gone' }, { file: 'b.js', reason: 'it is a directory now' }]);
    for (const { reason } of failed) assert.ok(!reason.includes('\n') && !/\bat\s+\S+\s+\(/.test(reason), `a stack trace in "${reason}"`);
  });

  it('planning: edits outside the file are deferred, never applied', () => {
    const { plans, failed } = planFixes(root, [finding('a.js', 5, 500, 'x'), finding('c.js', 0, 0, '// ok\n')]);
    assert.deepEqual(plans.map((p) => p.file), ['c.js']);
    assert.deepEqual(failed, []);
  });

  it('writing: a file replaced by a folder after planning is listed; the others are written', () => {
    const { plans } = planFixes(root, [finding('a.js', 0, 0, '// a\n'), finding('b.js', 0, 0, '// b\n'), finding('c.js', 0, 0, '// c\n')]);
    fs.rmSync(path.join(root, 'b.js'));
    fs.mkdirSync(path.join(root, 'b.js'));
    fs.writeFileSync(path.join(root, 'c.js'), 'edited();\n');
    const { written, changedOnDisk, failed } = applyPlans(root, plans);
    assert.deepEqual(written.map((p) => p.file), ['a.js']);
    assert.deepEqual(changedOnDisk, ['c.js']);
    assert.deepEqual(failed, [{ file: 'b.js', reason: 'it is a directory now' }]);
    assert.equal(fs.readFileSync(path.join(root, 'a.js'), 'utf8'), '// a\ntrack();\n');
    assert.equal(fs.readFileSync(path.join(root, 'c.js'), 'utf8'), 'edited();\n', 'a file edited during the run is left alone');
    assert.deepEqual(fs.readdirSync(root).sort(), ['a.js', 'b.js', 'c.js'], 'no temporary file left behind');
  });
});
