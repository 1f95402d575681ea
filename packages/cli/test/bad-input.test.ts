/**
 * The bad-input matrix on the CLI face (issue 13, item 3): one project holding every kind of
 * hostile file beside a file with a real finding, checked once in-process (`main`), then one
 * `it` per row; configuration rows each get their own project. Expected everywhere: the bad
 * file is named with its reason, everything else is analysed, exit 2 only for usage and
 * configuration errors, never a stack trace on stderr. The core and server faces have their
 * own "bad-input matrix" blocks.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
import { GATED_TRACKER, makeProject, removeProject, runCli, UNGATED_TRACKER, REPO_ROOT, runMain } from './helpers';

interface JsonReport {
  findings: { ruleId: string; file: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } }[];
  skipped: { file: string; reason: string }[];
  parseErrors: { file: string; line: number; column: number; message: string; count: number }[];
  configProblems: { file: string; line: number; column: number; key: string; message: string }[];
  summary: { files: number; skipped: number; findings: number };
}

/** A stack frame line as Node prints it (`    at fn (file.js:1:2)`). */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

/** Runs the CLI in-process; resolves to exit code and the streams' text. */
export function runInProcess(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return runMain(args, cwd, {});
}

/** The `fs` module object itself (the `import * as` namespace above is read-only). */
const fsModule = require('node:fs') as Record<string, unknown>;

/** Replaces `fs[name]` while `fn` runs (also for ES-module importers), then restores it. */
async function withPatchedFs<K extends 'openSync' | 'readFileSync'>(name: K, replacement: (original: (typeof fs)[K]) => (typeof fs)[K], fn: () => Promise<void>): Promise<void> {
  const original = fsModule[name] as (typeof fs)[K];
  fsModule[name] = replacement(original);
  syncBuiltinESMExports();
  try {
    await fn();
  } finally {
    fsModule[name] = original;
    syncBuiltinESMExports();
  }
}

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

/** The first lines of a real sample file, cut in the middle of a statement. */
function halfTyped(): string {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'shop', 'components', 'AnalyticsProvider.tsx'), 'utf8');
  return text.slice(0, Math.floor(text.length * 0.6));
}

const LONG_LINE_PAD = 'x'.repeat(200_000);
const LONG_LINE = `const pad = '${LONG_LINE_PAD}'; gtag('event', 'page_view');\n`;
const DEEP = `export const x = ${'['.repeat(10_000)}${']'.repeat(10_000)};\n`;

describe('bad-input matrix (CLI)', function () {
  this.timeout(180_000);
  let dir: string;
  let run: { code: number; stdout: string; stderr: string };
  let report: JsonReport;
  const skippedReason = (file: string) => report.skipped.find((s) => s.file === file)?.reason;
  const findingsIn = (file: string) => report.findings.filter((f) => f.file === file);

  before(async () => {
    dir = makeProject({
      'src/page.js': UNGATED_TRACKER,
      'src/gated.js': GATED_TRACKER,
      'src/half-typed.tsx': halfTyped(),
      'src/logo.js': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      'src/huge.js': `${UNGATED_TRACKER}${'// padding to five megabytes\n'.repeat(190_000)}`,
      'src/deep.ts': DEEP,
      'src/long-line.js': LONG_LINE,
      'src/bom-crlf.ts': `\uFEFF// first line\r\n\r\ngtag('event', 'page_view');\r\n`,
      'src/latin1.js': Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(`\n${UNGATED_TRACKER}`)]),
      'src/unreadable.js': UNGATED_TRACKER,
      'src/vanishing.js': UNGATED_TRACKER,
      'src/nested/empty/.keep-folder': '',
    });
    fs.rmSync(path.join(dir, 'src/nested/empty/.keep-folder'));
    // symlink loops: two file links pointing at each other, and a folder link to its parent
    fs.symlinkSync('loop-b.js', path.join(dir, 'src', 'loop-a.js'));
    fs.symlinkSync('loop-a.js', path.join(dir, 'src', 'loop-b.js'));
    fs.symlinkSync('..', path.join(dir, 'src', 'nested', 'up'));
    const unreadable = path.join(dir, 'src', 'unreadable.js');
    const vanishing = path.join(dir, 'src', 'vanishing.js');
    fs.chmodSync(unreadable, 0o000);
    // As root chmod 000 denies nothing: the denial is simulated at the same call instead, so the
    // row can fail either way. vanishing.js is deleted after it was listed, right before it is read.
    await withPatchedFs('openSync', (original) => ((file: fs.PathLike, ...rest: unknown[]) => {
      if (IS_ROOT && String(file) === unreadable) throw Object.assign(new Error(`EACCES: permission denied, open '${unreadable}'`), { code: 'EACCES' });
      return (original as (...a: unknown[]) => number)(file, ...rest);
    }) as typeof fs.openSync, () =>
      withPatchedFs('readFileSync', (original) => ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
        if (String(file) === vanishing && fs.existsSync(vanishing)) fs.rmSync(vanishing);
        return (original as (...a: unknown[]) => unknown)(file, ...rest);
      }) as typeof fs.readFileSync, async () => {
        run = await runInProcess(['check', '--format', 'json'], dir);
      }),
    );
    report = JSON.parse(run.stdout) as JsonReport;
  });

  after(() => {
    if (!dir) return;
    fs.chmodSync(path.join(dir, 'src', 'unreadable.js'), 0o644);
    removeProject(dir);
  });

  it('the run: exit 1 from the good file\'s finding (not 2), no stack trace, every bad file counted as skipped', () => {
    assert.equal(run.code, 1, run.stderr);
    assert.doesNotMatch(run.stderr, STACK_FRAME);
    assert.doesNotMatch(run.stderr, /internal error/);
    assert.deepEqual(findingsIn('src/page.js').map((f) => f.ruleId), ['tracking-without-consent']);
    assert.deepEqual(findingsIn('src/gated.js'), []);
    assert.equal(report.summary.skipped, report.skipped.length);
    assert.deepEqual(report.skipped.map((s) => s.file), [
      'src/deep.ts', 'src/huge.js', 'src/logo.js', 'src/loop-a.js', 'src/loop-b.js', 'src/unreadable.js', 'src/vanishing.js',
    ]);
  });

  it('files that do not parse (half-typed code): analysed on the recovered tree, not skipped, listed with the first syntax error', () => {
    assert.equal(skippedReason('src/half-typed.tsx'), undefined);
    assert.deepEqual(report.parseErrors.map((p) => p.file), ['src/half-typed.tsx'], 'only the half-typed file has syntax errors');
    const [error] = report.parseErrors;
    const lines = halfTyped().split('\n').length;
    assert.ok(error.line >= 1 && error.line <= lines && error.column >= 1, `position ${error.line}:${error.column} outside the file (${lines} lines)`);
    assert.ok(error.count >= 1 && error.message.length > 3 && !error.message.includes('\n'), JSON.stringify(error));
  });

  it('binary file with a source extension: skipped as binary', () => {
    assert.equal(skippedReason('src/logo.js'), 'binary file (contains a NUL byte)');
  });

  it('a 5 MB file: skipped with the size and the limit named (raise it with --max-file-size)', () => {
    assert.match(skippedReason('src/huge.js') ?? '', /^file is 5(\.\d)? MB, larger than --max-file-size 1 MB$/);
  });

  it('10,000-deep nesting: skipped as too deeply nested', () => {
    assert.equal(skippedReason('src/deep.ts'), 'too deeply nested to analyse');
  });

  it('a 200,000-character line: analysed, the finding at its true column', () => {
    const [finding] = findingsIn('src/long-line.js');
    assert.deepEqual(finding?.range.start, { line: 1, column: LONG_LINE.indexOf('gtag(') + 1 });
  });

  it('BOM and CRLF: positions as the editor shows them (BOM not counted, CR not a column)', () => {
    const [finding] = findingsIn('src/bom-crlf.ts');
    assert.deepEqual(finding?.range, { start: { line: 3, column: 1 }, end: { line: 3, column: "gtag('event', 'page_view')".length + 1 } });
  });

  it('non-UTF-8 bytes: analysed (bytes decoded as U+FFFD), positions after them right', () => {
    assert.deepEqual(findingsIn('src/latin1.js').map((f) => f.range.start), [{ line: 2, column: 1 }]);
  });

  it('symlink loops: the looping links are skipped with ELOOP; a folder link back up is not followed', () => {
    assert.equal(skippedReason('src/loop-a.js'), 'unreadable: ELOOP');
    assert.equal(skippedReason('src/loop-b.js'), 'unreadable: ELOOP');
    assert.equal(report.findings.some((f) => f.file.includes('/up/')), false);
  });

  it(`unreadable file (chmod 000${IS_ROOT ? '; running as root, the denial is simulated at open' : ''}): skipped with EACCES`, () => {
    assert.equal(skippedReason('src/unreadable.js'), 'unreadable: EACCES');
  });

  it('a file deleted between listing and reading: skipped with ENOENT', () => {
    assert.equal(skippedReason('src/vanishing.js'), 'cannot read: ENOENT');
  });

  it('empty folder: "no problems in 0 files", exit 0', async () => {
    const empty = await runInProcess(['check', 'src/nested/empty'], dir);
    assert.equal(empty.code, 0, empty.stderr);
    assert.equal(empty.stdout, '✔ No problems found in 0 files.\n');
    assert.equal(empty.stderr, '');
  });

  it('every format counts the skipped files in its summary', async () => {
    // (unpatched runs now: as root unreadable.js is read, vanishing.js is gone)
    const n = (JSON.parse((await runInProcess(['check', '--format', 'json'], dir)).stdout) as JsonReport).skipped.length;
    assert.ok(n >= 5);
    const text = await runInProcess(['check'], dir);
    assert.match(text.stdout, new RegExp(`Skipped ${n} files:`));
    assert.match(text.stdout, new RegExp(`in \\d+ files checked \\(${n} skipped\\)\\n`));
    const sarif = JSON.parse((await runInProcess(['check', '--format', 'sarif'], dir)).stdout);
    assert.equal(sarif.runs[0].properties.summary.skipped, n);
    assert.equal(sarif.runs[0].invocations[0].toolExecutionNotifications.filter((x: { descriptor: { id: string } }) => x.descriptor.id === 'skipped-file').length, n);
    const markdown = (await runInProcess(['check', '--format', 'markdown'], dir)).stdout;
    assert.match(markdown, new RegExp(`\\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\| ${n} \\| \\d+ \\|`));
    const html = (await runInProcess(['check', '--format', 'html'], dir)).stdout;
    assert.match(html, new RegExp(`<td>${n}</td><td>\\d+</td></tr></table>`));
    // the half-typed file: named with its first syntax error in every human format and in SARIF
    assert.match(text.stdout, /Analysed 1 file with syntax errors[^\n]*\n  src\/half-typed\.tsx:\d+:\d+  /);
    assert.match(markdown, /Files with syntax errors[\s\S]*`src\/half-typed\.tsx:\d+:\d+`/);
    assert.match(html, /Files with syntax errors \(1\)[\s\S]*src\/half-typed\.tsx:\d+:\d+/);
    const parseNotes = sarif.runs[0].invocations[0].toolExecutionNotifications.filter((x: { descriptor: { id: string } }) => x.descriptor.id === 'parse-error');
    assert.deepEqual(parseNotes.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri), ['src/half-typed.tsx']);
  });

  it('the real bin on 10,000-deep nesting: no "internal error", no stack, the other file\'s finding decides the exit code', () => {
    const project = makeProject({ 'deep.ts': DEEP, 'page.js': UNGATED_TRACKER });
    try {
      const result = runCli(['check'], project);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stderr, '');
      assert.match(result.stdout, /Skipped 1 file:\n {2}deep\.ts {2}too deeply nested to analyse/);
      assert.match(result.stdout, /page\.js\n {2}1:1 {2}error/);
    } finally {
      removeProject(project);
    }
  });

  describe('configuration rows: a clear message naming file, line and key; defaults used; exit 2; no stack', () => {
    const cases: { row: string; config: string; where: RegExp }[] = [
      { row: 'invalid JSONC', config: '{\n  "rules": {\n    "tracking-without-consent": "warning"\n    "pii-to-third-party": "off"\n  }\n}\n', where: /configuration problem in creepyline\.json:4:\d+/ },
      { row: 'wrong type', config: '{\n  "requireJustification": "yes"\n}\n', where: /configuration problem in creepyline\.json:2:\d+ \(requireJustification\)/ },
      { row: 'unknown rule id', config: '{\n  "rules": {\n    "tracking-without-consnet": "off"\n  }\n}\n', where: /configuration problem in creepyline\.json:3:\d+ \(rules\.tracking-without-consnet\): .*did you mean "tracking-without-consent"/ },
      { row: 'unknown option', config: '{\n  "rules": {\n    "tracking-without-consent": ["error", { "ignoreVendor": ["hotjar"] }]\n  }\n}\n', where: /configuration problem in creepyline\.json:3:\d+ \(rules\.tracking-without-consent\[1\]\.ignoreVendor\): .*did you mean "ignoreVendors"/ },
    ];
    for (const c of cases) {
      it(`${c.row}`, async () => {
        const project = makeProject({ 'creepyline.json': c.config, 'page.js': UNGATED_TRACKER });
        try {
          const result = await runInProcess(['check', '--format', 'json'], project);
          assert.equal(result.code, 2);
          assert.match(result.stderr, c.where);
          assert.doesNotMatch(result.stderr, STACK_FRAME);
          // the report is still written, computed with the defaults for the broken part
          const json = JSON.parse(result.stdout) as JsonReport;
          assert.deepEqual(json.findings.map((f) => `${f.file}:${f.ruleId}`), ['page.js:tracking-without-consent']);
        } finally {
          removeProject(project);
        }
      });
    }

    it('a huge ignore list (20,000 globs): valid, applied, and fast', async () => {
      const ignore = Array.from({ length: 20_000 }, (_, i) => `generated/part-${i}/**`);
      ignore.push('legacy/**');
      const project = makeProject({
        'creepyline.json': JSON.stringify({ ignore }, null, 2),
        'page.js': GATED_TRACKER,
        'legacy/old.js': UNGATED_TRACKER,
        'generated/part-19999/x.js': UNGATED_TRACKER,
      });
      try {
        const started = performance.now();
        const result = await runInProcess(['check', '--format', 'json'], project);
        const elapsed = performance.now() - started;
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stderr, '');
        assert.equal((JSON.parse(result.stdout) as JsonReport).summary.files, 1);
        assert.ok(elapsed < 30_000, `took ${Math.round(elapsed)} ms`);
      } finally {
        removeProject(project);
      }
    });
  });
});
