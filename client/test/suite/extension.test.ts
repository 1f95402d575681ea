/**
 * Integration tests of the Creepyline extension in a real VS Code extension host, on the
 * a fresh copy of test/e2e/fixture-workspace (see .vscode-test.mjs, label "extension"):
 * the real client starts the real bundled server; diagnostics, code actions, quick fix,
 * hover, the registered commands and a setting change are checked through the vscode API.
 * Files are edited in memory and reverted, never saved.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  applyCodeAction, codeActionsAt, creepylineDiagnostics, EXTENSION_ID, hoverTexts,
  openWorkspaceFile, pollUntil, position, restoreDocument, ruleOf, waitForRule,
} from './helpers';

const RULE = 'tracking-without-consent';
const FILE = 'src/checkout-tracking.ts';
/** The top-level GA4 purchase event, fired without a consent check. */
const CALL = "gtag('event', 'purchase'";
/** A file with a finding that no test opens (Scan Workspace must report it). */
const CLOSED_FILE = 'src/newsletter-signup.ts';

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
    for (const document of vscode.workspace.textDocuments) {
      if (document.isDirty && document.uri.scheme === 'file') await restoreDocument(document);
    }
  });

  suiteTeardown(async () => {
    const config = vscode.workspace.getConfiguration('creepyline');
    for (const key of ['enable', 'rules', 'severity.customizations']) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
  });

  test('reports tracking-without-consent on the ungated gtag purchase call', async () => {
    const [diag] = await waitForRule(uri, RULE, 1);
    const expectedLine = position(editor.document, CALL).line;
    assert.equal(diag.range.start.line, expectedLine,
      `diagnostic on line ${diag.range.start.line + 1}, expected line ${expectedLine + 1} (${CALL})`);
    assert.equal(diag.source, 'creepyline');
    assert.ok(diag.message.length > 20, `message too short to explain the problem: "${diag.message}"`);
    assert.equal(diag.severity, vscode.DiagnosticSeverity.Error, `severity ${vscode.DiagnosticSeverity[diag.severity]}, expected Error (rule default)`);
    // no invented links: without a team's docsBaseUrl the code is the bare rule id (no codeDescription)
    const code = diag.code;
    assert.equal(typeof code === 'object' ? code.value : code, RULE, `diagnostic code ${JSON.stringify(code)} is not the rule id`);
    assert.ok(typeof code !== 'object' || !code.target, `diagnostic links to ${typeof code === 'object' ? code.target : ''} although no docsBaseUrl is set`);
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
    await restoreDocument(editor.document);
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

  test('every command the extension contributes is registered', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed: string[] = (ext.packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    for (const expected of ['creepyline.restartServer', 'creepyline.showOutput', 'creepyline.createConfig', 'creepyline.scanWorkspace', 'creepyline.showInventory']) {
      assert.ok(contributed.includes(expected), `client/package.json does not contribute ${expected} (has ${contributed.join(', ')})`);
    }
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  test('"Show documentation" opens the rule page shipped with Creepyline (no docsBaseUrl: no link)', async () => {
    const [diag] = await waitForRule(uri, RULE, 1);
    const action = (await codeActionsAt(uri, diag.range)).find((a) => a.title === `Show documentation for ${RULE}`);
    assert.ok(action?.command, 'no "Show documentation" action with a command');
    assert.equal(action.command.command, 'creepyline.showDocumentation');
    assert.deepEqual(action.command.arguments, [RULE], 'without docsBaseUrl the command carries the rule id and no URL');
    const isRulePage = (d: vscode.TextDocument) => d.languageId === 'markdown' && d.uri.scheme === 'untitled' && d.getText().includes(RULE);
    assert.ok(!vscode.workspace.textDocuments.some(isRulePage), 'a rule page is already open');
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    const page = await pollUntil(
      () => vscode.workspace.textDocuments.find(isRulePage),
      (d) => d !== undefined,
      () => `no Markdown page of ${RULE} opened; open documents: ${vscode.workspace.textDocuments.map((d) => `${d.uri.toString()} (${d.languageId})`).join(', ')}`,
      20_000,
    );
    assert.ok(page);
    assert.match(page.getText(), /consent/i, 'the rule page does not explain consent');
    assert.ok(page.getText().length > 500, `rule page too short (${page.getText().length} characters)`);
    editor = await vscode.window.showTextDocument(editor.document);
  });

  test('Show Output and Restart Server run; findings come back after the restart', async () => {
    await withDeadline(vscode.commands.executeCommand('creepyline.showOutput'), 20_000, 'creepyline.showOutput');
    await withDeadline(vscode.commands.executeCommand('creepyline.restartServer'), 30_000, 'creepyline.restartServer');
    await vscode.window.showTextDocument(editor.document);
    await waitForRule(uri, RULE, 1);
  });

  test('Scan Workspace reports findings in files that are not open', async () => {
    const closed = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, CLOSED_FILE);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()), `${CLOSED_FILE} must not be open`);
    assert.deepEqual(creepylineDiagnostics(closed, RULE), [], `${CLOSED_FILE} already has findings before the scan`);
    // the command ends with a notification ("Open Problems"); do not wait for a click
    const running = vscode.commands.executeCommand('creepyline.scanWorkspace');
    await waitForRule(closed, RULE, 1, 60_000);
    await vscode.commands.executeCommand('notifications.clearAll');
    await withDeadline(running, 20_000, 'creepyline.scanWorkspace after its notification was dismissed');
  });

  test('Show privacy inventory opens the folder\'s inventory in a webview', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const title = `Privacy inventory: ${folder.name}`;
    const inventoryTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('creepyline.inventory') && t.label === title);
    assert.deepEqual(inventoryTabs(), [], 'an inventory is already open');
    await withDeadline(vscode.commands.executeCommand('creepyline.showInventory'), 60_000, 'creepyline.showInventory');
    await pollUntil(inventoryTabs, (tabs) => tabs.length === 1,
      () => `no webview tab "${title}"; open tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')}`, 20_000);
    for (const tab of inventoryTabs()) await vscode.window.tabGroups.close(tab);
    editor = await vscode.window.showTextDocument(editor.document);
  });

  test('Create Configuration File writes creepyline.json and opens it', async () => {
    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'creepyline.json');
    await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    try {
      await withDeadline(vscode.commands.executeCommand('creepyline.createConfig'), 30_000, 'creepyline.createConfig');
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.ok(text.trim().startsWith('{') || text.trim().startsWith('//'), `creepyline.json is not JSON(C):\n${text.slice(0, 500)}`);
      const shown = vscode.window.activeTextEditor?.document.uri.toString();
      assert.equal(shown, target.toString(), `the new creepyline.json is not the active editor (active: ${shown})`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
      await vscode.window.showTextDocument(editor.document);
    }
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

  test('creepyline.rules sets the level (policy), creepyline.severity.customizations adjusts it in the editor', async () => {
    await waitForRule(uri, RULE, 1);
    const config = vscode.workspace.getConfiguration('creepyline');
    const expectSeverities = (want: string[], why: string) => pollUntil(
      () => severitiesOf(uri, RULE),
      (got) => JSON.stringify(got) === JSON.stringify(want),
      (got) => `${why}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)} ` +
        `(creepyline.rules as VS Code reports it for the folder: ${JSON.stringify(vscode.workspace.getConfiguration('creepyline', vscode.workspace.workspaceFolders![0].uri).inspect('rules'))})`,
    );
    try {
      await config.update('rules', { [RULE]: 'warning' }, vscode.ConfigurationTarget.Global);
      await expectSeverities(['Warning'], 'creepyline.rules = { rule: "warning" }');
      await config.update('severity.customizations', [{ rule: 'tracking-*', severity: 'downgrade' }], vscode.ConfigurationTarget.Global);
      await expectSeverities(['Information'], 'a downgrade customization on top of creepyline.rules');
      await config.update('rules', { [RULE]: 'off' }, vscode.ConfigurationTarget.Global);
      await expectSeverities([], 'creepyline.rules = { rule: "off" }');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
      await config.update('severity.customizations', undefined, vscode.ConfigurationTarget.Global);
    }
    await expectSeverities(['Error'], 'settings removed: the rule default again');
  });
});

/** Severities of the document's diagnostics of `rule`. */
function severitiesOf(uri: vscode.Uri, rule: string): string[] {
  return creepylineDiagnostics(uri).filter((d) => ruleOf(d) === rule).map((d) => vscode.DiagnosticSeverity[d.severity]);
}

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
