/**
 * The editor shows what the CLI reports: on the realistic sample apps (samples/shop, label
 * "samples", and samples/landing with HTML and CSS, label "samples-landing", in
 * .vscode-test.mjs) every finding of `creepyline check --format json` must appear
 * as a Creepyline diagnostic at the same rule, line and column in VS Code, and each rule's
 * diagnostics must offer their documentation action. The expected list comes from the CLI at
 * test time, so the test follows the sample as it evolves without hard-coded results.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeActionsAt, creepylineDiagnostics, describeDiagnostics, EXTENSION_ID, pollUntil, ruleOf } from './helpers';

interface CliFinding {
  ruleId: string;
  file: string;
  range: { start: { line: number; column: number } };
}

suite('Creepyline on a sample app: editor agrees with the CLI', () => {
  let folder: vscode.Uri;
  let expected: Map<string, string[]>;

  suiteSetup(async function () {
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws, 'no workspace folder');
    folder = ws.uri;
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} not loaded`);
    const repo = process.env.CREEPYLINE_REPO ?? path.resolve(ext.extensionPath, '..');
    const cli = path.join(repo, 'packages/cli/bin/creepyline.js');
    // process.execPath is Node in code-server and Electron in desktop VS Code: run it as Node.
    const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '.'], {
      cwd: folder.fsPath, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
    });
    let report: { findings: CliFinding[] };
    try {
      report = JSON.parse(run.stdout);
    } catch {
      throw new Error(`creepyline check did not print a JSON report (exit ${run.status}):\n${run.stdout.slice(0, 2000)}\n${run.stderr.slice(0, 2000)}`);
    }
    assert.ok(report.findings.length > 0, 'the CLI reports no findings on the sample; the sample exists to have some');
    expected = new Map();
    for (const f of report.findings) {
      const file = path.resolve(folder.fsPath, f.file);
      const list = expected.get(file) ?? [];
      list.push(key(f.ruleId, f.range.start.line, f.range.start.column));
      expected.set(file, list);
    }
    await ext.activate();
  });

  test('every CLI finding appears as a diagnostic at the same place', async function () {
    this.timeout(300_000);
    // languages the extension activates on (JS/TS, HTML, CSS); any other file is only the CLI's
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const languages = new Set<string>((ext.packageJSON.activationEvents ?? [])
      .filter((e: string) => e.startsWith('onLanguage:')).map((e: string) => e.slice('onLanguage:'.length)));
    const notEditor: string[] = [];
    let compared = 0;
    for (const [file, keys] of expected) {
      const uri = vscode.Uri.file(file);
      const doc = await vscode.workspace.openTextDocument(uri);
      if (!languages.has(doc.languageId)) {
        notEditor.push(`${vscode.workspace.asRelativePath(uri)} (${doc.languageId}: ${keys.join(', ')})`);
        continue;
      }
      compared++;
      // pull diagnostics are requested for documents shown in editor tabs
      await vscode.window.showTextDocument(doc, { preview: false });
      const want = [...keys].sort();
      await pollUntil(
        () => creepylineDiagnostics(uri).map((d) => key(ruleOf(d) ?? '?', d.range.start.line + 1, d.range.start.character + 1)).sort(),
        (got) => JSON.stringify(got) === JSON.stringify(want),
        (got) => `${vscode.workspace.asRelativePath(uri)}: expected ${JSON.stringify(want)} (from the CLI), ` +
          `got ${JSON.stringify(got)} (all diagnostics: ${describeDiagnostics(uri)})`,
        30_000,
      );
    }
    if (notEditor.length > 0) console.log(`    not compared, the extension does not handle these languages: ${notEditor.join('; ')}`);
    assert.ok(compared > 0, `no CLI finding is in a language the extension handles (${[...languages].join(', ')})`);
  });

  test('each rule found offers its documentation action', async () => {
    const seen = new Set<string>();
    for (const file of expected.keys()) {
      const uri = vscode.Uri.file(file);
      for (const d of creepylineDiagnostics(uri)) {
        const rule = ruleOf(d)!;
        if (seen.has(rule)) continue;
        seen.add(rule);
        const titles = (await codeActionsAt(uri, d.range)).map((a) => a.title);
        assert.ok(titles.includes(`Show documentation for ${rule}`),
          `${vscode.workspace.asRelativePath(uri)}:${d.range.start.line + 1}: no "Show documentation for ${rule}" in ${JSON.stringify(titles)}`);
      }
    }
    assert.ok(seen.size > 0, 'no diagnostics were checked');
  });
});

function key(rule: string, line: number, column: number): string {
  return `${rule}@${line}:${column}`;
}
