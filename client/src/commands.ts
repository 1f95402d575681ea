/**
 * The extension's commands (palette category "Creepyline"). They only talk to the
 * server or to VS Code; the analysis stays in the server.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ConfigTemplateRequest, InventoryRequest, RuleDocumentationRequest, ScanWorkspaceRequest, ShowDocumentationCommand,
  type ConfigTemplateParams, type ConfigTemplateResult, type InventoryParams, type InventoryResult,
  type RuleDocumentationParams, type RuleDocumentationResult, type ScanWorkspaceParams, type ScanWorkspaceResult,
} from '@creepyline/protocol';

/** What the commands need from the extension. */
export interface CommandContext {
  client: () => LanguageClient | undefined;
  restart: () => Promise<void>;
  output: vscode.LogOutputChannel;
}

/**
 * Shows a rule's documentation: the team's hosted page when the server sent its URL
 * (`docsBaseUrl`; http(s) only), otherwise the page shipped with Creepyline, asked from the
 * server and opened as a Markdown preview. Nothing is fetched by us.
 */
async function showDocumentation(ctx: CommandContext, ruleId: unknown, url: unknown): Promise<void> {
  if (typeof url === 'string') {
    const uri = vscode.Uri.parse(url, true);
    if (uri.scheme === 'https' || uri.scheme === 'http') {
      await vscode.env.openExternal(uri);
      return;
    }
    ctx.output.warn(`Not opening documentation link with scheme ${uri.scheme}: ${url}; showing the shipped page instead.`);
  }
  if (typeof ruleId !== 'string') return;
  const client = ctx.client();
  if (!client) {
    void vscode.window.showWarningMessage('Creepyline: the server is not running; run "Creepyline: Restart Server" and try again.');
    return;
  }
  const params: RuleDocumentationParams = { ruleId };
  const page = await client.sendRequest<RuleDocumentationResult>(RuleDocumentationRequest, params);
  if (!page) {
    ctx.output.warn(`No documentation for unknown rule ${ruleId}.`);
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: page.markdown });
  await vscode.commands.executeCommand('markdown.showPreview', document.uri);
}

/** Picks a workspace folder (asks only when there are several). */
async function pickFolder(placeHolder = 'Create creepyline.json in which folder?'): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder });
}

/**
 * Shows the privacy inventory of the open folder: the server computes it from the same
 * analysis as the diagnostics and answers with the page `creepyline inventory --format html`
 * writes; the webview runs no script (the page's own CSP forbids scripts and loads).
 */
async function showInventory(ctx: CommandContext): Promise<void> {
  const folder = await pickFolder('Show the privacy inventory of which folder?');
  if (!folder) {
    void vscode.window.showWarningMessage('Creepyline: open a folder first; the inventory covers a workspace folder.');
    return;
  }
  const client = ctx.client();
  if (!client) {
    void vscode.window.showWarningMessage('Creepyline: the server is not running; run "Creepyline: Restart Server" and try again.');
    return;
  }
  const params: InventoryParams = { folderUri: folder.uri.toString() };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Creepyline: privacy inventory of ${folder.name}…` },
    () => client.sendRequest<InventoryResult>(InventoryRequest, params),
  );
  if (!result) {
    void vscode.window.showWarningMessage('Creepyline: no inventory for this folder; see the output.');
    return;
  }
  const panel = vscode.window.createWebviewPanel('creepyline.inventory', `Privacy inventory: ${folder.name}`, vscode.ViewColumn.Active, {
    enableScripts: false, enableFindWidget: true, localResourceRoots: [],
  });
  panel.webview.html = result.html;
  const s = result.summary;
  ctx.output.info(`Privacy inventory of ${folder.name}: ${s.vendors} vendor(s), ${s.embeds} embed(s), ${s.forms} form(s), ${s.processors} processor(s) in ${s.files} file(s).`);
}

/** Writes `creepyline.json` from the core's default template (via the server) and opens it. */
async function createConfig(ctx: CommandContext): Promise<void> {
  const folder = await pickFolder();
  if (!folder) {
    void vscode.window.showWarningMessage('Creepyline: open a folder first; creepyline.json belongs at the root of a workspace folder.');
    return;
  }
  const target = vscode.Uri.joinPath(folder.uri, 'creepyline.json');
  let exists = true;
  try {
    await vscode.workspace.fs.stat(target);
  } catch {
    exists = false;
  }
  if (!exists) {
    const client = ctx.client();
    if (!client) {
      void vscode.window.showWarningMessage('Creepyline: the server is not running; run "Creepyline: Restart Server" and try again.');
      return;
    }
    const params: ConfigTemplateParams = { folderUri: folder.uri.toString() };
    const template = await client.sendRequest<ConfigTemplateResult>(ConfigTemplateRequest, params);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(template.text));
    ctx.output.info(`Created ${target.fsPath} from the default template.`);
  }
  await vscode.window.showTextDocument(target);
}

/** Asks the server to analyse every file of the workspace; the server reports progress. */
async function scanWorkspace(ctx: CommandContext): Promise<void> {
  const client = ctx.client();
  if (!client) {
    void vscode.window.showWarningMessage('Creepyline: the server is not running; run "Creepyline: Restart Server" and try again.');
    return;
  }
  const params: ScanWorkspaceParams = {};
  const result = await client.sendRequest<ScanWorkspaceResult>(ScanWorkspaceRequest, params);
  const summary = `Creepyline: ${result.cancelled ? 'scan cancelled after' : 'scanned'} ${result.filesAnalysed} file(s), ` +
    `${result.findings} finding(s)${result.skipped ? `, ${result.skipped} skipped` : ''}` +
    `${result.configProblems ? `, ${result.configProblems} configuration problem(s)` : ''}.`;
  ctx.output.info(summary);
  const choice = await vscode.window.showInformationMessage(summary, 'Open Problems');
  if (choice === 'Open Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** Registers every command; returns the disposables. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const run = (name: string, fn: (...args: unknown[]) => Promise<void> | void) =>
    vscode.commands.registerCommand(name, async (...args: unknown[]) => {
      try {
        await fn(...args);
      } catch (error) {
        ctx.output.error(`Command ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        const choice = await vscode.window.showErrorMessage(`Creepyline: ${name} failed. See the output for details.`, 'Open Output');
        if (choice) ctx.output.show(true);
      }
    });
  return [
    run('creepyline.restartServer', () => ctx.restart()),
    run('creepyline.showOutput', () => ctx.output.show(true)),
    run(ShowDocumentationCommand, (ruleId, url) => showDocumentation(ctx, ruleId, url)),
    run('creepyline.createConfig', () => createConfig(ctx)),
    run('creepyline.scanWorkspace', () => scanWorkspace(ctx)),
    run('creepyline.showInventory', () => showInventory(ctx)),
  ];
}
