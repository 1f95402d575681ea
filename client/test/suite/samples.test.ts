/**
 * The editor shows what the CLI reports: on the realistic sample apps (samples/shop, label
 * "samples", and samples/landing with HTML and CSS, label "samples-landing", in
 * .vscode-test.mjs) every finding of `creepyline check --format json` must appear
 * as a Creepyline diagnostic at the same rule, line and column in VS Code, and each rule's
 * diagnostics must offer their documentation action; the first diagnostic of each rule explains
 * itself on hover, and its quick fix (when the rule has one there) changes the text and
 * resolves or downgrades the finding. The expected list comes from the CLI at
 * test time, so the test follows the sample as it evolves without hard-coded results.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  applyCodeAction, codeActionsAt, creepylineDiagnostics, describeDiagnostics, EXTENSION_ID, hoverTexts, pollUntil, restoreDocument, ruleOf,
} from './helpers';

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
      // component files are registered by file pattern, whatever language id an editor gives them
      if (!languages.has(doc.languageId) && !COMPONENT_FILE.test(file)) {
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

  test('a quick fix in a component file applies at the right place', async function () {
    this.timeout(120_000);
    const component = [...expected.keys()].find((file) => COMPONENT_FILE.test(file));
    if (!component) this.skip();
    const uri = vscode.Uri.file(component!);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const before = doc.getText();
    const findingsBefore = creepylineDiagnostics(uri).map((d) => key(ruleOf(d) ?? '?', d.range.start.line + 1, d.range.start.character + 1)).sort();
    let fix: vscode.CodeAction | undefined;
    let target: vscode.Diagnostic | undefined;
    for (const d of creepylineDiagnostics(uri)) {
      const actions = await codeActionsAt(uri, d.range);
      fix = actions.find((a) => a.kind?.value.startsWith('quickfix.creepyline') === true && a.edit !== undefined && !/^(Disable |Show documentation|Fix all)/.test(a.title));
      if (fix) { target = d; break; }
    }
    assert.ok(fix && target, `no rule fix offered on any finding of ${vscode.workspace.asRelativePath(uri)}: ${describeDiagnostics(uri)}`);
    assert.ok(await vscode.workspace.applyEdit(fix!.edit!), 'the fix applies');
    const after = doc.getText();
    assert.notEqual(after, before);
    // the edit touched the script block only: the template and the tags around it are unchanged
    const head = before.slice(0, doc.offsetAt(target!.range.start));
    assert.ok(after.startsWith(head.slice(0, head.lastIndexOf('\n') + 1)), 'text before the finding\'s line is unchanged');
    assert.ok(after.trimEnd().endsWith(before.trimEnd().slice(before.trimEnd().lastIndexOf('\n') + 1)), 'the closing tag is unchanged');
    const line = target!.range.start.line;
    await pollUntil(
      () => creepylineDiagnostics(uri).filter((d) => ruleOf(d) === ruleOf(target!) && d.message === target!.message).length,
      (n) => n === 0,
      () => `the finding on line ${line + 1} is still reported after its fix: ${describeDiagnostics(uri)}`,
      30_000,
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
    // the reverted text is analysed again before the next test asks for code actions on it
    await pollUntil(
      () => creepylineDiagnostics(uri).map((d) => key(ruleOf(d) ?? '?', d.range.start.line + 1, d.range.start.character + 1)).sort(),
      (got) => JSON.stringify(got) === JSON.stringify(findingsBefore),
      (got) => `after the revert: expected ${JSON.stringify(findingsBefore)}, got ${JSON.stringify(got)}`,
      30_000,
    );
  });

  test('each rule found offers its documentation action', async () => {
    const seen = new Set<string>();
    for (const file of expected.keys()) {
      const uri = vscode.Uri.file(file);
      for (const d of creepylineDiagnostics(uri)) {
        const rule = ruleOf(d)!;
        if (seen.has(rule)) continue;
        seen.add(rule);
        // asked again while the server may still be analysing a just-reverted text
        await pollUntil(
          async () => (await codeActionsAt(uri, d.range)).map((a) => a.title),
          (titles) => titles.includes(`Show documentation for ${rule}`),
          (titles) => `${vscode.workspace.asRelativePath(uri)}:${d.range.start.line + 1}: no "Show documentation for ${rule}" in ${JSON.stringify(titles)}`,
          10_000,
        );
      }
    }
    assert.ok(seen.size > 0, 'no diagnostics were checked');
  });
  test('each rule found explains itself on hover, and its quick fix resolves or downgrades it', async function () {
    this.timeout(300_000);
    const severityRank = (d: vscode.Diagnostic) => [vscode.DiagnosticSeverity.Hint, vscode.DiagnosticSeverity.Information, vscode.DiagnosticSeverity.Warning, vscode.DiagnosticSeverity.Error].indexOf(d.severity);
    const byRule = new Map<string, { uri: vscode.Uri; d: vscode.Diagnostic }[]>();
    for (const file of expected.keys()) {
      const uri = vscode.Uri.file(file);
      for (const d of creepylineDiagnostics(uri)) byRule.set(ruleOf(d)!, [...(byRule.get(ruleOf(d)!) ?? []), { uri, d }]);
    }
    assert.ok(byRule.size > 0, 'no diagnostics were checked');
    const fixed: string[] = [];
    const without: string[] = [];
    for (const [rule, list] of byRule) {
      const at = ({ uri, d }: { uri: vscode.Uri; d: vscode.Diagnostic }) => `${vscode.workspace.asRelativePath(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1} (${rule})`;
      const hover = (await hoverTexts(list[0].uri, list[0].d.range.start)).join('\n---\n');
      assert.ok(hover.includes(rule) && (rule === 'suppression-comment' || /GDPR|Art\.\s*\d|§|TTDSG|TDDDG|ePrivacy|UWG/.test(hover)),
        `${at(list[0])}: the hover should name the rule and the law; got: ${hover || '(no hover)'}`);
      // the first of the rule's findings that offers a quick fix of its own
      let target: { uri: vscode.Uri; d: vscode.Diagnostic; fix: vscode.CodeAction } | undefined;
      for (const item of list) {
        // Creepyline's own fixes (kind quickfix.creepyline, not its suppressions or docs). The
        // command returns the actions of every finding overlapping the range without saying
        // whose each is: a suggestion's title ends with its rule in parentheses; a safe fix is
        // taken only where no finding of another rule overlaps.
        const overlapped = creepylineDiagnostics(item.uri).some((x) => ruleOf(x) !== rule && x.range.intersection(item.d.range) !== undefined);
        const fix = (await codeActionsAt(item.uri, item.d.range)).find((a) => {
          if (a.kind?.value !== FIX_KIND.value || /^(Disable |Show documentation|Fix all)/.test(a.title)) return false;
          const named = /\(([a-z]+(?:-[a-z]+)+)\)$/.exec(a.title)?.[1];
          return named === rule || (named === undefined && !overlapped);
        });
        if (fix) {
          target = { ...item, fix };
          break;
        }
      }
      if (!target) {
        const titles = (await codeActionsAt(list[0].uri, list[0].d.range)).map((a) => `${a.title} [${a.kind?.value}]`);
        without.push(`${rule} (at ${at(list[0])}: ${titles.join(' | ')})`);
        continue;
      }
      const { uri, d, fix } = target;
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { preview: false });
      const before = document.getText();
      const rank = severityRank(d);
      try {
        await applyCodeAction(fix);
        assert.notEqual(document.getText(), before, `${at(target)}: "${fix.title}" changed nothing`);
        // the finding is gone, or reported at a lower severity (a field made optional): fewer
        // findings of the rule with its message at its severity or above (lines may have shifted)
        const same = (x: vscode.Diagnostic) => x.message === d.message && severityRank(x) >= rank;
        const count = list.filter((x) => x.uri.toString() === uri.toString() && same(x.d)).length;
        await pollUntil(
          () => creepylineDiagnostics(uri, rule),
          (now) => now.filter(same).length < count,
          (now) => `${at(target!)}: after "${fix.title}" the finding is still reported: ${now.map((x) => `${x.range.start.line + 1}:${x.range.start.character + 1} ${x.message}`).join('; ')}`,
          30_000,
        );
        fixed.push(`${rule}: ${fix.title}`);
      } finally {
        await restoreDocument(document);
      }
    }
    console.log(`    hovers checked for ${[...byRule.keys()].join(', ')}; quick fixes applied: ${fixed.join(' | ') || 'none'}; no quick fix offered for ${without.join(', ') || '-'}`);
  });
});

/** The kind of Creepyline's quick fixes (suppressions and docs are sub-kinds or titled apart). */
const FIX_KIND = vscode.CodeActionKind.QuickFix.append('creepyline');

/** Vue, Svelte and Astro components: in the extension's document selector by file pattern. */
const COMPONENT_FILE = /\.(vue|svelte|astro)$/;

function key(rule: string, line: number, column: number): string {
  return `${rule}@${line}:${column}`;
}
