/**
 * The language status item ("Creepyline" in the status bar's language area), fed by the
 * server's `creepyline/status` notifications and showing the active editor's document:
 * "N findings" after an analysis, "not analysed: <why>" otherwise (STYLE 12).
 */
import * as vscode from 'vscode';
import type { StatusParams } from '@creepyline/protocol';

/** Document selector of the languages Creepyline analyses. */
export const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'html', 'css', 'vue', 'svelte', 'astro'];

/** Keeps the last status per document and shows the one of the active editor. */
export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly statuses = new Map<string, StatusParams>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('creepyline.status', selector);
    this.item.name = 'Creepyline';
    this.item.text = 'Creepyline';
    this.item.command = { title: 'Show Output', command: 'creepyline.showOutput' };
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((d) => this.statuses.delete(d.uri.toString())),
    );
  }

  /** Records a status from the server. */
  update(status: StatusParams): void {
    this.statuses.set(status.uri, status);
    this.render();
  }

  /** Marks the server as (re)starting or stopped. */
  setBusy(busy: boolean): void {
    this.item.busy = busy;
  }

  /** Forgets every status (server restarted). */
  reset(): void {
    this.statuses.clear();
    this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const status = uri ? this.statuses.get(uri) : undefined;
    if (!status) {
      this.item.text = 'Creepyline';
      this.item.detail = undefined;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    this.item.severity = status.state === 'error'
      ? vscode.LanguageStatusSeverity.Error
      : status.state === 'warn' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    if (status.skippedReason) {
      this.item.text = 'Creepyline: not analysed';
    } else {
      this.item.text = status.findings === 0 ? 'Creepyline: no findings' : `Creepyline: ${status.findings} finding${status.findings === 1 ? '' : 's'}`;
    }
    this.item.detail = status.detail ?? (status.skippedReason ? `Not analysed: ${status.skippedReason}` : `Analysed in ${status.validationTime} ms`);
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
