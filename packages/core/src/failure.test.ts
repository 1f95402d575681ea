/**
 * The bad-input matrix on the core face: whatever one file holds, `Workspace` never throws;
 * the file comes back as skipped with a one-line reason and every other file is analysed.
 * (The CLI and server faces have their own "bad-input matrix" blocks.)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from './workspace';
import { rules } from './rules';
import { failureReason, FileAnalysisError, isTooDeep, MAX_SYNTAX_DEPTH, TooDeepError } from './failure';

const UNGATED = "gtag('event', 'page_view');\n";

/** Deep shapes user code can write; each is nested `n` levels. */
export const DEEP_SHAPES: Record<string, { ext: string; make: (n: number) => string }> = {
  'array literal': { ext: 'ts', make: (n) => `export const x = ${'['.repeat(n)}${']'.repeat(n)};\n` },
  'nested calls': { ext: 'ts', make: (n) => `export const x = ${'f('.repeat(n)}1${')'.repeat(n)};\n` },
  'parenthesised expression': { ext: 'ts', make: (n) => `export const x = ${'('.repeat(n)}1${')'.repeat(n)};\n` },
  'binary expression chain': { ext: 'ts', make: (n) => `export const x = ${Array(n).fill("'a'").join(' + ')};\n` },
  'property access chain': { ext: 'js', make: (n) => `export const x = a${'.b'.repeat(n)};\n` },
  'JSX elements': { ext: 'tsx', make: (n) => `export const X = () => ${'<div>'.repeat(n)}x${'</div>'.repeat(n)};\n` },
  'arrow functions': { ext: 'ts', make: (n) => `export const x = ${'() => '.repeat(n)}1;\n` },
  'object literal': { ext: 'js', make: (n) => `export const x = ${'{a:'.repeat(n)}1${'}'.repeat(n)};\n` },
  'else-if chain': { ext: 'js', make: (n) => `if (a === 0) {}${Array.from({ length: n }, (_, i) => ` else if (a === ${i}) {}`).join('')}\n` },
  'conditional chain': { ext: 'ts', make: (n) => `export const x = ${'a ? b : '.repeat(n)}c;\n` },
};

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-core-bad-'));
}

describe('bad-input matrix (core)', function () {
  this.timeout(60_000);

  for (const [shape, { ext, make }] of Object.entries(DEEP_SHAPES)) {
    it(`10,000-deep ${shape}: the file is skipped as too deeply nested, the others are analysed`, () => {
      const dir = tempDir();
      try {
        fs.writeFileSync(path.join(dir, `deep.${ext}`), make(10_000));
        fs.writeFileSync(path.join(dir, 'page.js'), UNGATED);
        const workspace = new Workspace({ root: dir, maxFileSize: 10 * 1024 * 1024 });
        const result = workspace.analyzeFiles([`deep.${ext}`, 'page.js']);
        assert.deepEqual(result.skipped, [{ file: path.join(dir, `deep.${ext}`), reason: 'too deeply nested to analyse' }]);
        assert.equal(result.filesAnalysed, 1);
        assert.deepEqual(result.findings.map((f) => `${path.basename(f.file)}:${f.ruleId}`), ['page.js:tracking-without-consent']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('nesting that real code reaches (200 levels of every shape) is analysed, not skipped', () => {
    for (const [shape, { ext, make }] of Object.entries(DEEP_SHAPES)) {
      const workspace = new Workspace({ root: '/virtual' });
      const result = workspace.analyzeFile(`/virtual/a.${ext}`, `${UNGATED}${make(200)}`);
      assert.equal(result.skipped, undefined, shape);
      assert.deepEqual(result.findings.map((f) => f.ruleId), ['tracking-without-consent'], shape);
    }
  });

  it('deep nesting inside an editor document (incremental parse) is skipped the same way, and recovers', () => {
    const workspace = new Workspace({ root: '/virtual' });
    workspace.parseText('/virtual/a.ts', UNGATED); // the server parses each version before analysing
    assert.equal(workspace.analyzeFile('/virtual/a.ts', UNGATED).findings.length, 1);
    const deep = `${UNGATED}${DEEP_SHAPES['array literal'].make(10_000)}`;
    assert.doesNotThrow(() => workspace.parseText('/virtual/a.ts', deep));
    assert.equal(workspace.analyzeFile('/virtual/a.ts', deep).skipped?.reason, 'too deeply nested to analyse');
    // the user deletes the nesting again: analysed as before
    workspace.parseText('/virtual/a.ts', UNGATED);
    const back = workspace.analyzeFile('/virtual/a.ts', UNGATED);
    assert.equal(back.skipped, undefined);
    assert.equal(back.findings.length, 1);
  });

  it('a 10,000-deep inline <script> in HTML and 10,000-deep HTML markup: skipped / analysed, never thrown', () => {
    const workspace = new Workspace({ root: '/virtual', maxFileSize: 10 * 1024 * 1024 });
    const deepScript = `<script>${DEEP_SHAPES['array literal'].make(10_000)}</script>\n`;
    assert.equal(workspace.analyzeFile('/virtual/a.html', deepScript).skipped?.reason, 'too deeply nested to analyse');
    // markup nesting is not recursion (a streaming parser): the tracker inside is found
    const deepMarkup = `<html><body>${'<div>'.repeat(10_000)}<script>${UNGATED}</script>${'</div>'.repeat(10_000)}</body></html>\n`;
    const markup = workspace.analyzeFile('/virtual/b.html', deepMarkup);
    assert.equal(markup.skipped, undefined);
    assert.deepEqual(markup.findings.map((f) => f.ruleId), ['tracking-without-consent']);
  });

  it('the project pass tolerates a skipped file: a wrapper whose caller file is too deep is judged without it', () => {
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'track.js'), "export function track(e) {\n  gtag('event', e);\n}\n");
      fs.writeFileSync(path.join(dir, 'page.js'), `import { track } from './track';\nif (Cookiebot.consent.statistics) track('x');\n`);
      const workspace = new Workspace({ root: dir });
      const before = workspace.analyzeFiles(['page.js', 'track.js']);
      assert.deepEqual(before.findings, [], 'the only caller is gated');
      // the caller becomes impossible to analyse: its old facts must leave the project pass
      fs.writeFileSync(path.join(dir, 'page.js'), `import { track } from './track';\nif (Cookiebot.consent.statistics) track('x');\n${DEEP_SHAPES['nested calls'].make(10_000)}`);
      const after = workspace.analyzeFiles(['page.js', 'track.js']);
      assert.deepEqual(after.skipped.map((s) => `${path.basename(s.file)}: ${s.reason}`), ['page.js: too deeply nested to analyse']);
      assert.equal(after.filesAnalysed, 1);
      assert.deepEqual(after.findings.map((f) => `${path.basename(f.file)}:${f.ruleId}`), ['track.js:tracking-without-consent']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a rule that throws on one file skips that file naming the rule; other files keep all their findings', () => {
    const rule = rules.find((r) => r.id === 'tracking-without-consent')!;
    const original = rule.check;
    rule.check = (context) => {
      if (context.facts.file.endsWith('bad.js')) throw new TypeError("Cannot read properties of undefined (reading 'x')\n    at somewhere");
      original.call(rule, context);
    };
    try {
      const workspace = new Workspace({ root: '/virtual' });
      workspace.indexText('/virtual/bad.js', UNGATED);
      const bad = workspace.analyzeFile('/virtual/bad.js', UNGATED);
      assert.equal(bad.skipped?.reason, "rule tracking-without-consent failed: Cannot read properties of undefined (reading 'x') (please report this with the file)");
      assert.deepEqual(bad.findings, []);
      assert.equal(workspace.analyzeFile('/virtual/good.js', UNGATED).findings.length, 1);
    } finally {
      rule.check = original;
    }
  });

  it('unreadable or vanished files are skipped with the reason, never thrown', () => {
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'page.js'), UNGATED);
      const workspace = new Workspace({ root: dir });
      // listed, then deleted before reading
      const result = workspace.analyzeFiles(['gone.js', 'page.js']);
      assert.deepEqual(result.skipped.map((s) => `${path.basename(s.file)}: ${s.reason}`), ['gone.js: cannot read: ENOENT']);
      assert.equal(result.findings.length, 1);
      // a directory with a source extension
      fs.mkdirSync(path.join(dir, 'folder.js'));
      assert.equal(workspace.analyzeFile('folder.js').skipped?.reason, 'not a regular file');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bad-input matrix (core): text the parser must survive', function () {
  this.timeout(120_000);
  const REPO = path.resolve(__dirname, '..', '..', '..');
  const SAMPLES = [
    'samples/shop/components/AnalyticsProvider.tsx',
    'samples/shop/components/CookieBanner.tsx',
    'samples/newsletter-api/src/server.js',
    'samples/landing/index.html',
  ];

  it('half-typed code: prefixes of sample files (stride ~1/40 of the file, plus every cut in the first 120 characters) never throw and are never skipped', () => {
    let cuts = 0;
    for (const sample of SAMPLES) {
      const text = fs.readFileSync(path.join(REPO, sample), 'utf8');
      const stride = Math.max(1, Math.floor(text.length / 40));
      const ends = new Set<number>();
      for (let end = 0; end <= Math.min(120, text.length); end++) ends.add(end);
      for (let end = 0; end <= text.length; end += stride) ends.add(end);
      ends.add(text.length);
      // one workspace per sample, as an editor session: each prefix is the next version
      const workspace = new Workspace({ root: '/virtual' });
      const file = `/virtual/${path.basename(sample)}`;
      for (const end of [...ends].sort((a, b) => a - b)) {
        const prefix = text.slice(0, end);
        workspace.parseText(file, prefix);
        const result = workspace.analyzeFile(file, prefix);
        assert.equal(result.skipped, undefined, `${sample} cut at ${end}: ${result.skipped?.reason}`);
        cuts++;
      }
      // the whole file still gives its findings after all the half-typed versions
      const fresh = new Workspace({ root: '/virtual' }).analyzeFile(file, text);
      assert.deepEqual(workspace.analyzeFile(file, text).findings.map((f) => f.fingerprint), fresh.findings.map((f) => f.fingerprint), sample);
    }
    assert.ok(cuts > 600, `${cuts} cuts`);
  });

  it('a 5 MB file under a raised size limit: analysed, the finding on its last line', () => {
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const line = `export const label${i} = { id: ${i}, text: 'Produkt ${i} – Beschreibung' };`;
      lines.push(line);
      size += line.length + 1;
    }
    const text = `${lines.join('\n')}\n${UNGATED}`;
    const result = new Workspace({ root: '/virtual', maxFileSize: 8 * 1024 * 1024 }).analyzeFile('/virtual/big.ts', text);
    assert.equal(result.skipped, undefined);
    assert.deepEqual(result.findings.map((f) => f.range.start), [{ line: lines.length + 1, column: 1 }]);
    // and under the default limit: skipped, naming the size
    assert.match(new Workspace({ root: '/virtual' }).analyzeFile('/virtual/big.ts', text).skipped?.reason ?? '', /^larger than 1024 KiB/);
  });

  it('BOM, CRLF and non-UTF-8 bytes on disk: read, positions as editors count them', () => {
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'bom.ts'), `\uFEFFgtag('event', 'a');\r\n\r\n  gtag('event', 'b');\r\n`);
      fs.writeFileSync(path.join(dir, 'latin1.js'), Buffer.concat([Buffer.from("const city = 'M"), Buffer.from([0xfc]), Buffer.from("nchen';\n"), Buffer.from(UNGATED)]));
      const workspace = new Workspace({ root: dir });
      const bom = workspace.analyzeFile('bom.ts');
      assert.deepEqual(bom.findings.map((f) => [f.range.start, f.range.end]), [
        [{ line: 1, column: 1 }, { line: 1, column: 19 }],
        [{ line: 3, column: 3 }, { line: 3, column: 21 }],
      ]);
      assert.deepEqual(workspace.analyzeFile('latin1.js').findings.map((f) => f.range.start), [{ line: 2, column: 1 }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('very long lines: a 1,000,000-character line is analysed with the right column', () => {
    const pad = 'x'.repeat(1_000_000);
    const text = `const pad = '${pad}'; ${UNGATED}`;
    const result = new Workspace({ root: '/virtual', maxFileSize: 4 * 1024 * 1024 }).analyzeFile('/virtual/long.js', text);
    assert.deepEqual(result.findings.map((f) => f.range.start), [{ line: 1, column: text.indexOf('gtag(') + 1 }]);
  });

  it('binary content given as editor text (NUL bytes, control characters) is analysed without throwing', () => {
    const garbage = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    for (const ext of ['ts', 'tsx', 'js', 'html', 'css']) {
      assert.doesNotThrow(() => new Workspace({ root: '/virtual' }).analyzeFile(`/virtual/bin.${ext}`, garbage), ext);
    }
  });
});

describe('failure reasons', () => {
  it('name the step, keep one line, and recognise stack overflows', () => {
    assert.equal(failureReason(new RangeError('Maximum call stack size exceeded')), 'too deeply nested to analyse');
    assert.equal(failureReason(new TooDeepError()), 'too deeply nested to analyse');
    assert.equal(failureReason(new FileAnalysisError('parse', new RangeError('Maximum call stack size exceeded'))), 'too deeply nested to analyse');
    assert.equal(failureReason(new FileAnalysisError('parse', new Error('bad\nstack line'))), 'parser failed: bad (please report this with the file)');
    assert.equal(failureReason(new Error('x'.repeat(500))).length < 240, true);
    assert.equal(isTooDeep(new RangeError('Invalid array length')), false);
    assert.ok(MAX_SYNTAX_DEPTH >= 1000, 'deep enough for real code');
  });
});
