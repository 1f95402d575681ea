import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { discoverFiles, displayPath } from '@creepyline/core';
import { makeProject, removeProject } from './helpers';

describe('cli file discovery', () => {
  let dir: string;
  afterEach(() => dir && removeProject(dir));

  const discover = (paths: string[] = ['.'], extra: Partial<Parameters<typeof discoverFiles>[0]> = {}) => {
    const result = discoverFiles({ root: dir, paths, useIgnoreFiles: true, maxFileSize: 1024 * 1024, sizeLimitName: '--max-file-size', ignoredHint: ' (use --no-ignore)', ...extra });
    return {
      files: result.files.map((f) => displayPath(dir, f)),
      skipped: result.skipped.map((s) => `${displayPath(dir, s.file)}: ${s.reason}`),
      missing: result.missing,
    };
  };

  it('collects supported extensions in sorted order and skips node_modules/.git', () => {
    dir = makeProject({
      'b.ts': '', 'a.js': '', 'page.HTML': '', 'style.css': '', 'readme.md': '', 'z/c.tsx': '', 'z/d.cts': '',
      'node_modules/x/index.js': '', '.git/hooks/pre-commit.js': '', 'A.mjs': '',
    });
    assert.deepEqual(discover().files, ['A.mjs', 'a.js', 'b.ts', 'page.HTML', 'style.css', 'z/c.tsx', 'z/d.cts']);
  });

  it('honours root and nested .gitignore files, including negation, also below a given subdirectory', () => {
    dir = makeProject({
      '.gitignore': 'dist/\n*.gen.js\n',
      'dist/bundle.js': '', 'src/app.gen.js': '', 'src/app.js': '',
      'src/.gitignore': 'legacy/\n!keep.gen.js\n',
      'src/keep.gen.js': '', 'src/legacy/old.js': '', 'src/deep/x.js': '',
    });
    assert.deepEqual(discover().files, ['src/app.js', 'src/deep/x.js', 'src/keep.gen.js']);
    assert.deepEqual(discover(['src']).files, ['src/app.js', 'src/deep/x.js', 'src/keep.gen.js']);
    assert.deepEqual(discover(['.'], { useIgnoreFiles: false }).files, [
      'dist/bundle.js', 'src/app.gen.js', 'src/app.js', 'src/deep/x.js', 'src/keep.gen.js', 'src/legacy/old.js',
    ]);
  });

  it('applies the configuration ignore test and reports explicitly named ignored files as skipped', () => {
    dir = makeProject({ 'a.test.js': '', 'a.js': '', '.gitignore': 'secret.js\n', 'secret.js': '' });
    const isIgnored = (file: string) => file.endsWith('.test.js');
    assert.deepEqual(discover(['.'], { isIgnored }).files, ['a.js']);
    const explicit = discover(['secret.js', 'a.test.js'], { isIgnored });
    assert.deepEqual(explicit.files, []);
    assert.equal(explicit.skipped.length, 2);
    assert.match(explicit.skipped[0], /^a\.test\.js: ignored/);
  });

  it('skips binary and oversized files with a reason, and lists missing paths', () => {
    dir = makeProject({
      'bin.js': Buffer.from([0x67, 0x74, 0x00, 0x01]),
      'big.js': 'x'.repeat(3000),
      'ok.js': 'x'.repeat(100),
    });
    const result = discover(['.', 'nope'], { maxFileSize: 2048 });
    assert.deepEqual(result.files, ['ok.js']);
    assert.deepEqual(result.skipped, [
      'big.js: file is 2.9 KB, larger than --max-file-size 2 KB',
      'bin.js: binary file (contains a NUL byte)',
    ]);
    assert.deepEqual(result.missing, ['nope']);
  });

  it('makes paths relative with forward slashes, absolute outside the root', () => {
    dir = makeProject({});
    assert.equal(displayPath(dir, path.join(dir, 'a', 'b.ts')), 'a/b.ts');
    assert.equal(displayPath(path.join(dir, 'sub'), path.join(dir, 'x.ts')), path.join(dir, 'x.ts').split(path.sep).join('/'));
  });
});
