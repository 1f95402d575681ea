/**
 * `readConfiguration()`: the one mapping from VS Code's `creepyline.*` settings to the
 * typed `CreepylineSettings` the server receives through `workspace/configuration`
 * (STYLE 10). Adding a setting: package.json schema → protocol type → this function →
 * use it in the server.
 */
import * as vscode from 'vscode';
import { normalizeSettings, SETTINGS_SECTION, type CreepylineSettings } from '@creepyline/protocol';

/** The settings for a resource (document or folder); `undefined` scope = window level. */
export function readConfiguration(scope: vscode.Uri | undefined): CreepylineSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  return normalizeSettings({
    enable: config.get<boolean>('enable'),
    rules: { customizations: config.get<unknown[]>('rules.customizations') },
    timeBudget: { onValidation: config.get<unknown>('timeBudget.onValidation') },
  });
}
