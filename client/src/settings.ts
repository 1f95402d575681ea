/**
 * `readConfiguration()`: the one mapping from VS Code's `creepyline.*` settings to the
 * typed `CreepylineSettings` the server receives through `workspace/configuration`
 * (STYLE 10). Adding a setting: package.json schema → protocol type → this function →
 * use it in the server.
 */
import * as vscode from 'vscode';
import { normalizeSettings, POLICY_SETTINGS, SETTINGS_SECTION, type CreepylineSettings } from '@creepyline/protocol';

/**
 * The value the user set for `key` (user, workspace or folder settings, language-specific
 * ones included), `undefined` when only the default applies: policy defaults belong to the
 * core, so that `creepyline.json` and the CLI see the same ones.
 */
function explicitValue(config: vscode.WorkspaceConfiguration, key: string): unknown {
  const inspected = config.inspect<unknown>(key);
  if (!inspected) return undefined;
  const set = [
    inspected.workspaceFolderLanguageValue, inspected.workspaceFolderValue,
    inspected.workspaceLanguageValue, inspected.workspaceValue,
    inspected.globalLanguageValue, inspected.globalValue,
  ].some((v) => v !== undefined);
  return set ? config.get<unknown>(key) : undefined;
}

/** The settings for a resource (document or folder); `undefined` scope = window level. */
export function readConfiguration(scope: vscode.Uri | undefined): CreepylineSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const section: Record<string, any> = {
    enable: config.get<boolean>('enable'),
    timeBudget: { onValidation: config.get<unknown>('timeBudget.onValidation') },
  };
  for (const key of POLICY_SETTINGS) {
    const value = explicitValue(config, key);
    if (value === undefined) continue;
    const [head, tail] = key.split('.') as [string, string | undefined];
    if (tail === undefined) section[head] = value;
    else section[head] = { ...(section[head] as object | undefined), [tail]: value };
  }
  section.severity = { customizations: config.get<unknown[]>('severity.customizations') };
  return normalizeSettings(section);
}
