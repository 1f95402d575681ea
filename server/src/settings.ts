/**
 * Per-document settings: asked from the client through `workspace/configuration`
 * (section `creepyline`, scoped to the document), cached as a promise per uri, dropped
 * on `didChangeConfiguration`, watched config-file changes and document close. Clients
 * that answer `null` (Neovim) or cannot answer at all get the defaults.
 *
 * Also home of the editor-only severity customizations (`creepyline.severity.customizations`).
 */
import type { Connection } from 'vscode-languageserver/node';
import type { Severity } from '@creepyline/core';
import {
  defaultSettings, normalizeSettings, SETTINGS_SECTION,
  type CreepylineSettings, type RuleCustomization,
} from '@creepyline/protocol';

/** Caches one settings promise per document uri. Never a module global: one instance per connection. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<CreepylineSettings>>();

  constructor(
    private readonly connection: Connection,
    private readonly canAskClient: () => boolean,
    private readonly log: (message: string) => void,
  ) {}

  /** The settings for `uri`; falls back to defaults when the client answers `null` or fails. */
  get(uri: string): Promise<CreepylineSettings> {
    let result = this.cache.get(uri);
    if (!result) {
      result = this.fetch(uri);
      this.cache.set(uri, result);
    }
    return result;
  }

  /** Forgets every cached answer (configuration changed). */
  clear(): void {
    this.cache.clear();
  }

  /** Forgets the answer for one document (closed). */
  delete(uri: string): void {
    this.cache.delete(uri);
  }

  private async fetch(uri: string): Promise<CreepylineSettings> {
    if (!this.canAskClient()) return defaultSettings();
    try {
      const value: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION });
      return normalizeSettings(value);
    } catch (error) {
      this.log(`Could not read the creepyline.* settings for ${uri} (${String(error)}); using the defaults.`);
      return defaultSettings();
    }
  }
}

/** Turns a customization pattern (`*` wildcard) into an anchored regular expression. */
function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

const regExpCache = new Map<string, RegExp>();

/** Whether `ruleId` matches the customization's `rule` pattern (`!` prefix negates). */
export function customizationMatches(pattern: string, ruleId: string): boolean {
  const negated = pattern.startsWith('!');
  const body = negated ? pattern.slice(1) : pattern;
  let regExp = regExpCache.get(body);
  if (!regExp) {
    regExp = patternToRegExp(body);
    regExpCache.set(body, regExp);
  }
  return regExp.test(ruleId) !== negated;
}

const DOWNGRADE: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'info' };
const UPGRADE: Record<Severity, Severity> = { error: 'error', warning: 'error', info: 'warning' };

/**
 * Applies editor-only customizations to a finding's severity. The last matching entry
 * wins (like `eslint.rules.customizations`); `off` removes the finding (`undefined`).
 */
export function customizeSeverity(
  ruleId: string,
  severity: Severity,
  customizations: readonly RuleCustomization[],
): Severity | undefined {
  let chosen: RuleCustomization | undefined;
  for (const customization of customizations) {
    if (customizationMatches(customization.rule, ruleId)) chosen = customization;
  }
  if (!chosen) return severity;
  switch (chosen.severity) {
    case 'default':
      return severity;
    case 'off':
      return undefined;
    case 'downgrade':
      return DOWNGRADE[severity];
    case 'upgrade':
      return UPGRADE[severity];
    default:
      return chosen.severity;
  }
}
