/**
 * Helpers for the extension's integration tests, which run inside a real VS Code extension
 * host (code-server through test/e2e/code-shim.mjs, or a downloaded desktop VS Code).
 * No fixed sleeps: everything polls until a deadline and fails with expected vs. actual.
 */
import * as vscode from 'vscode';

/** The extension under test: `<publisher>.<name>` from client/package.json. */
export const EXTENSION_ID = 'creepyline.creepyline';

/** Poll `probe` until `done(value)` holds; on timeout throw `describe(lastValue)`. */
export async function pollUntil<T>(
  probe: () => T | Promise<T>,
  done: (value: T) => boolean,
  describe: (value: T) => string,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`after ${timeoutMs} ms: ${describe(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The rule id of a diagnostic (VS Code turns `code` + `codeDescription` into {value, target}). */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Creepyline's diagnostics for `uri`, optionally only those of one rule. */
export function creepylineDiagnostics(uri: vscode.Uri, rule?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'creepyline' && (rule === undefined || ruleOf(d) === rule));
}

/** "source/rule@line" list for failure messages. */
export function describeDiagnostics(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (all.length === 0) return 'no diagnostics at all';
  return all.map((d) => `${d.source ?? '?'}/${ruleOf(d) ?? '?'}@${d.range.start.line + 1}: ${d.message}`).join('; ');
}

/** Wait until `uri` has at least `min` diagnostics of `rule` (or exactly none when min = 0). */
export async function waitForRule(uri: vscode.Uri, rule: string, min: number, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return pollUntil(
    () => creepylineDiagnostics(uri, rule),
    (ds) => (min === 0 ? ds.length === 0 : ds.length >= min),
    (ds) => `expected ${min === 0 ? 'no' : `at least ${min}`} ${rule} diagnostic(s) on ${vscode.workspace.asRelativePath(uri)}, ` +
      `got ${ds.length} (all diagnostics: ${describeDiagnostics(uri)})`,
    timeoutMs,
  );
}

/** Position of the first occurrence of `needle` in the document (tests take positions from text). */
export function position(doc: vscode.TextDocument, needle: string, offsetInNeedle = 0): vscode.Position {
  const index = doc.getText().indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" not found in ${vscode.workspace.asRelativePath(doc.uri)}`);
  return doc.positionAt(index + offsetInNeedle);
}

/** Open a workspace file (path relative to the first workspace folder) in an editor. */
export async function openWorkspaceFile(relative: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test run has no workspace folder (check workspaceFolder in .vscode-test.mjs)');
  const uri = vscode.Uri.joinPath(folder.uri, relative);
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Code actions VS Code collects from all providers for `range` (the real request path). */
export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

/** Apply a code action the way the lightbulb does: its edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) {
    const ok = await vscode.workspace.applyEdit(action.edit);
    if (!ok) throw new Error(`workspace.applyEdit refused the edit of "${action.title}"`);
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
  if (!action.edit && !action.command) throw new Error(`code action "${action.title}" has neither edit nor command`);
}

/**
 * Puts a document back to its text on disk, whichever editor has the focus (the revert
 * command acts on the active editor only, and a slow machine may have moved the focus):
 * replaces its whole text with the file's and saves, then checks.
 */
export async function restoreDocument(document: vscode.TextDocument): Promise<void> {
  const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
  if (document.getText() !== onDisk) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), onDisk);
    await vscode.workspace.applyEdit(edit);
  }
  if (document.isDirty) await document.save();
  if (document.getText() !== onDisk) throw new Error(`could not restore ${document.uri.fsPath}`);
}

/** Hover texts at `pos` from all hover providers. */
export async function hoverTexts(uri: vscode.Uri, pos: vscode.Position): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
}
