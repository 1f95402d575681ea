/**
 * @creepyline/core: the analysis core shared by the CLI and the language server.
 * Pure: no VS Code, no process exit, no console, no network.
 */
import * as config from './config';
import type { RawConfig } from './config/types';
import { rules } from './rules';

export * from './model';
export type * from './api-types';
export type * from './config/types';
export type { ConfigSet } from './config';
export type { TemplateDetections } from './config';
export { defaultConfigTemplate, buildConfigSchema, writeConfigSchema, CONFIG_SCHEMA_PATH, CONFIG_FILE_NAMES, VSCODE_SETTINGS_FILE } from './config';
export { Workspace, DEFAULT_MAX_FILE_SIZE, readText } from './workspace';
export type { WorkspaceOptions, FactsStore, StoredFacts, StoredRun } from './workspace';
export { rules, getRule } from './rules';
export { createRule, fillTemplate } from './rule';
export { ruleDocMarkdown, ruleDocsUrl, markdownToText, languageOfFile } from './rule-docs';
export type { Rule, RuleMeta, RuleMessage, RuleContext, ReportDescriptor } from './rule';
export { buildKnowledge } from './knowledge';
export type { Knowledge } from './knowledge';
export type * from './knowledge/types';
export { languageOf } from './facts';
export type { FileFacts, TrackerSink, GateResult, GuardEvidence } from './facts';
export { computeLineStarts, positionAt, offsetAt, rangeOf, applyEdits } from './text';
export { parseDirectives, applySuppressions, suppressionEdit, sameLineSuppressionEdit, fileSuppressionEdit, REASON_PLACEHOLDER } from './suppressions';
export * from './report';
export type { Directive, DirectiveProblem, SuppressionEditOptions, CommentLanguage } from './suppressions';
export { commentLanguageOf } from './suppressions';
export { jsxChildLines } from './jsx-children';
export { inlineTemplateRanges } from './facts/frameworks/angular';
export { closestMatch } from './config';
export { discoverFiles, displayPath, looksBinary, formatSize, ANALYSED_EXTENSIONS } from './discover';
export type { DiscoverOptions, Discovery, DiscoveredSkip } from './discover';

/** Options of {@link loadConfig}. */
export interface LoadOptions {
  /** Absolute workspace folder. */
  root: string;
  /** Explicit config file instead of `creepyline.json` at `root`. */
  configPath?: string;
  /** Editor settings mapped to the config format. */
  settings?: RawConfig;
}

/** Loads `creepyline.json` (+ `.vscode/settings.json`, editor settings) for a folder, for the registered rules. */
export function loadConfig(options: LoadOptions): config.LoadConfigResult {
  return config.loadConfig({ ...options, rules });
}
export { buildInventory, noticeDrift, noticeText, namesOf, findName, displayName, INVENTORY_VERSION, transferSummary, transferSummaryText } from './inventory';
export type { TransferSummary } from './inventory';
export type * from './inventory/types';
