/**
 * Integration tests of the Creepyline extension in a real VS Code extension host, on the
 * fixture workspace test/e2e/fixture-workspace (see .vscode-test.mjs, label "extension"):
 * the real client starts the real bundled server; diagnostics, code actions, quick fix,
 * hover, the registered commands and a setting change are checked through the vscode API.
 * Files are edited in memory and reverted, never saved.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  applyCodeAction, codeActionsAt, creepylineDiagnostics, EXTENSION_ID, hoverTexts,
  openWorkspaceFile, pollUntil, position, revertActiveEditor, waitForRule,
} from './helpers';

const RULE = 'tracking-without-consent';
const FILE = 'src/checkout-tracking.ts';
/** The top-level GA4 purchase event, fired without a consent check. */
const CALL = "gtag('event', 'purchase'";

suite('Creepyline extension in VS Code', () => {
  let editor: vscode.TextEditor;
  let uri: vscode.Uri;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (installed: ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.')).join(', ')})`);
    editor = await openWorkspaceFile(FILE);
    uri = editor.document.uri;
    await ext.activate();
    assert.equal(ext.isActive, true, 'extension did not activate');
  });

  teardown(async () => {
    // leave the editor as it was on disk for the next test
    if (vscode.window.activeTextEditor?.document.isDirty) await revertActiveEditor();
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('creepyline').update('enable', undefined, vscode.ConfigurationTarget.Global);
  });

  test('reports tracking-without-consent on the ungated gtag purchase call', async () => {
    const [diag] = await waitForRule(uri, RULE, 1);
    const expectedLine = position(editor.document, CALL).line;
    assert.equal(diag.range.start.line, expectedLine,
      `diagnostic on line ${diag.range.start.line + 1}, expected line ${expectedLine + 1} (${CALL})`);
    assert.equal(diag.source, 'creepyline');
    assert.ok(diag.message.length > 20, `message too short to explain the problem: "${diag.message}"`);
    assert.equal(diag.severity, vscode.DiagnosticSeverity.Error, `severity ${vscode.DiagnosticSeverity[diag.severity]}, expected Error (rule default)`);
    const code = diag.code;
    assert.ok(typeof code === 'object' && code.target, 'diagnostic code should link to the rule documentation (codeDescription.href)');
    assert.match(code.target.toString(), new RegExp(RULE), `docs link ${code.target.toString()} does not name the rule`);
  });

  test('offers the fix, suppressions and documentation in the fixed order', async () => {
    const [diag] = await waitForRule(uri, RULE, 1);
    const actions = await codeActionsAt(uri, diag.range);
    const titles = actions.map((a) => a.title);
    const expected = [`Disable ${RULE} for this line`, `Disable ${RULE} for the entire file`, `Show documentation for ${RULE}`];
    const indices = expected.map((t) => titles.indexOf(t));
    assert.ok(indices.every((i) => i >= 0), `expected actions ${JSON.stringify(expected)}, got ${JSON.stringify(titles)}`);
    assert.deepEqual([...indices].sort((a, b) => a - b), indices, `actions out of order: ${JSON.stringify(titles)}`);
    const fix = actions.find((a) => isRuleFix(a));
    assert.ok(fix, `no fix (wrap in consent check) among ${JSON.stringify(titles)}`);
    assert.ok(titles.indexOf(fix.title) < indices[0], `the fix should come before the suppressions: ${JSON.stringify(titles)}`);
  });

  test('applying the quick fix gates the call and the finding disappears', async () => {
    const [diag] = await waitForRule(uri, RULE, 1);
    const before = editor.document.getText();
    const fix = (await codeActionsAt(uri, diag.range)).find((a) => isRuleFix(a));
    assert.ok(fix, 'no fix offered');
    await applyCodeAction(fix);
    const after = editor.document.getText();
    assert.notEqual(after, before, `"${fix.title}" changed nothing`);
    assert.ok(after.includes(CALL), `"${fix.title}" removed the tracker call:\n${after}`);
    const callLine = position(editor.document, CALL).line;
    const above = editor.document.getText(new vscode.Range(0, 0, callLine, 0));
    assert.match(above, /\bif\s*\(|&&|=>/, `no consent check before the call after "${fix.title}":\n${after}`);
    await waitForRule(uri, RULE, 0);
    await revertActiveEditor();
    await waitForRule(uri, RULE, 1);
  });

  test('"Disable for this line" inserts a directive and silences the finding', async () => {
    const [diag] = await waitForRule(uri, RULE, 1);
    const action = (await codeActionsAt(uri, diag.range)).find((a) => a.title === `Disable ${RULE} for this line`);
    assert.ok(action, 'no "Disable for this line" action');
    await applyCodeAction(action);
    const text = editor.document.getText();
    const callLine = position(editor.document, CALL).line;
    assert.match(editor.document.lineAt(callLine - 1).text, new RegExp(`creepyline-disable-next-line ${RULE}`),
      `line above the call is not a disable directive:\n${text}`);
    await waitForRule(uri, RULE, 0);
  });

  test('hover on the flagged call explains the finding', async () => {
    await waitForRule(uri, RULE, 1);
    const texts = await hoverTexts(uri, position(editor.document, CALL, 1));
    const joined = texts.join('\n---\n');
    assert.ok(joined.includes(RULE) || /GDPR|Art\.\s*\d/.test(joined),
      `hover should name the rule or the law; got: ${joined || '(no hover)'}`);
  });

  test('every command the extension contributes is registered and runs', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed: string[] = (ext.packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    assert.ok(contributed.length > 0, 'client/package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    for (const command of contributed) {
      // commands that need arguments or user input are exercised through their code actions
      if (/showDocumentation|fixAll|applyFix/i.test(command)) continue;
      await withDeadline(vscode.commands.executeCommand(command), 20_000, `command ${command}`);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      if (/restart/i.test(command)) await waitForRule(uri, RULE, 1);
    }
    await vscode.window.showTextDocument(editor.document);
    await waitForRule(uri, RULE, 1);
  });

  test('creepyline.enable = false clears the findings, true brings them back', async () => {
    await waitForRule(uri, RULE, 1);
    const config = vscode.workspace.getConfiguration('creepyline');
    await config.update('enable', false, vscode.ConfigurationTarget.Global);
    await pollUntil(
      () => creepylineDiagnostics(uri),
      (ds) => ds.length === 0,
      (ds) => `expected no creepyline diagnostics with creepyline.enable=false, got ${ds.length}`,
    );
    await config.update('enable', true, vscode.ConfigurationTarget.Global);
    await waitForRule(uri, RULE, 1);
  });
});

/** Creepyline's own code-action kind for fixes (suppressions are sub-kinds of it). */
const FIX_KIND = vscode.CodeActionKind.QuickFix.append('creepyline');

/** The rule's own fix: kind quickfix.creepyline, neither suppression, documentation nor fix-all. */
function isRuleFix(a: vscode.CodeAction): boolean {
  return a.kind !== undefined && FIX_KIND.contains(a.kind) &&
    !/^(Disable |Show documentation|Fix all)/.test(a.title);
}

async function withDeadline<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve(p),
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms); }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
