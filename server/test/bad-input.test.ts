/**
 * The bad-input matrix on the language-server face (issue 13, item 3): the bundled server
 * over stdio, one `it` per row. A document that cannot be analysed gets no diagnostics, a
 * status saying why, and one log line; the server stays up and answers for the others.
 * (Rows already covered in server.test.ts: syntax garbage and binary-looking text, broken
 * creepyline.json, a bad editor setting.)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FakeClient, pathToUri, position, REPO, type Diagnostic } from './fakeClient';
import { ensureServerBuilt } from './ensureBuilt';

const RULE = 'tracking-without-consent';
const UNGATED = "gtag('event', 'page_view');\n";
const DEEP = `export const x = ${'['.repeat(10_000)}${']'.repeat(10_000)};\n`;

describe('bad-input matrix (server)', function () {
  this.timeout(90_000);
  let client: FakeClient;
  let dir: string;

  before(async () => {
    ensureServerBuilt();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-server-bad-')));
    client = await FakeClient.start({ rootDir: dir });
  });

  after(async () => {
    await client?.stop();
    assert.deepEqual(client?.unexpected ?? [], [], 'the server must not show messages to the user');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Opens (or replaces) a document and waits for its next pushed diagnostics and status. */
  async function validate(name: string, text: string, languageId = 'javascript', version = 1): Promise<{ uri: string; diagnostics: Diagnostic[]; status: FakeClient['statuses'][number] }> {
    const uri = pathToUri(path.join(dir, name));
    const seen = client.published(uri);
    const statuses = client.statuses.filter((s) => s.uri === uri).length;
    if (version === 1) client.open(uri, languageId, text);
    else client.change(uri, version, text);
    const diagnostics = await client.nextDiagnostics(uri, seen);
    await client.waitFor(() => client.statuses.filter((s) => s.uri === uri).length > statuses, () => `status for ${uri}`);
    return { uri, diagnostics, status: client.statuses.filter((s) => s.uri === uri).at(-1)! };
  }

  it('10,000-deep nesting: no diagnostics, the status says why, one log line; the server stays up and recovers', async () => {
    const deep = await validate('deep.ts', DEEP, 'typescript');
    assert.deepEqual(deep.diagnostics, []);
    assert.equal(deep.status.skippedReason, 'too deeply nested to analyse');
    assert.equal(deep.status.state, 'warn');
    const lines = () => client.logs.filter((l) => l.includes('deep.ts') && l.includes('too deeply nested'));
    assert.deepEqual(lines(), [`Not analysing ${path.join(dir, 'deep.ts')}: too deeply nested to analyse.`]);
    assert.equal(client.logs.some((l) => /\n\s+at /.test(l)), false, 'no stack in the log');
    // another document is analysed as usual
    const other = await validate('page.js', UNGATED);
    assert.deepEqual(other.diagnostics.map((d) => d.code), [RULE]);
    // re-validating the same deep text logs nothing new; removing the nesting brings findings back
    await validate('deep.ts', `${DEEP}// edited\n`, 'typescript', 2);
    assert.equal(lines().length, 1, 'one log line per document and reason');
    const fixed = await validate('deep.ts', UNGATED, 'typescript', 3);
    assert.deepEqual(fixed.diagnostics.map((d) => d.code), [RULE]);
    assert.equal(fixed.status.skippedReason, undefined);
    assert.equal(client.process.exitCode, null, 'server still running');
  });

  it('half-typed code: typing a sample file character run by character run never breaks the server, and the end result equals a fresh analysis', async () => {
    const sample = fs.readFileSync(path.join(REPO, 'samples', 'shop', 'components', 'AnalyticsProvider.tsx'), 'utf8');
    const uri = pathToUri(path.join(dir, 'typing.tsx'));
    client.open(uri, 'typescriptreact', '');
    const stride = Math.max(1, Math.floor(sample.length / 40));
    let version = 1;
    for (let end = stride; end < sample.length; end += stride) client.change(uri, ++version, sample.slice(0, end));
    const last = await validate('typing.tsx', sample, 'typescriptreact', ++version);
    const fresh = await validate('fresh-copy.tsx', sample, 'typescriptreact');
    assert.deepEqual(last.diagnostics.map((d) => [d.code, d.range]), fresh.diagnostics.map((d) => [d.code, d.range]));
    assert.ok(last.diagnostics.length > 0);
    assert.equal(client.logs.some((l) => /failed/.test(l)), false, client.logs.join('\n'));
  });

  it('a 5 MB document: not analysed, the status names the size limit', async () => {
    const huge = `${UNGATED}${'// padding to five megabytes\n'.repeat(190_000)}`;
    const result = await validate('huge.js', huge);
    assert.deepEqual(result.diagnostics, []);
    assert.match(result.status.skippedReason ?? '', /^larger than 1024 KiB/);
  });

  it('BOM and CRLF in the editor text: the diagnostic range is where the client sees the call', async () => {
    const text = `\uFEFF// first\r\n\r\n  gtag('event', 'page_view');\r\n`;
    const result = await validate('bom.ts', text, 'typescript');
    const [diagnostic] = result.diagnostics;
    // fakeClient's position() splits on \n; the line before keeps its \r, which is not on the call's line
    assert.deepEqual(diagnostic?.range.start, position(text, 'gtag('));
    assert.deepEqual(diagnostic?.range.start, { line: 2, character: 2 });
  });

  it('a 200,000-character line: the diagnostic at the right character', async () => {
    const text = `const pad = '${'x'.repeat(200_000)}'; ${UNGATED}`;
    const result = await validate('long.js', text);
    assert.deepEqual(result.diagnostics.map((d) => d.range.start), [position(text, 'gtag(')]);
  });

  it('workspace scan over hostile files (binary, deep, symlink loop, vanished, empty folder): counts them as skipped and keeps answering', async () => {
    fs.mkdirSync(path.join(dir, 'scan', 'empty'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'scan', 'ok.js'), UNGATED);
    fs.writeFileSync(path.join(dir, 'scan', 'deep.ts'), DEEP);
    fs.writeFileSync(path.join(dir, 'scan', 'logo.js'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    fs.symlinkSync('loop-b.js', path.join(dir, 'scan', 'loop-a.js'));
    fs.symlinkSync('loop-a.js', path.join(dir, 'scan', 'loop-b.js'));
    const result = await client.request<{ filesAnalysed: number; findings: number; skipped: number }>('creepyline/scanWorkspace', {});
    // deep.ts (too deep), logo.js (binary), loop-a/loop-b (ELOOP), huge.js is not on disk
    assert.ok(result.skipped >= 4, JSON.stringify(result));
    assert.ok(result.findings >= 1, JSON.stringify(result));
    const okUri = pathToUri(path.join(dir, 'scan', 'ok.js'));
    assert.deepEqual(client.diagnostics.get(okUri)?.at(-1)?.map((d) => d.code), [RULE]);
    // a watched-file event for a file that is already gone again
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(path.join(dir, 'scan', 'vanished.js')), type: 1 }] });
    const after = await validate('after-scan.js', UNGATED);
    assert.deepEqual(after.diagnostics.map((d) => d.code), [RULE]);
    assert.equal(client.process.exitCode, null, 'server still running');
  });
});
