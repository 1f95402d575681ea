/**
 * The one place where the VS Code extension (`client/`) and the language server
 * (`server/`) agree on what they say to each other beyond plain LSP: custom
 * `creepyline/*` messages and the typed settings object the client hands to the server.
 *
 * This module has no runtime dependencies: message types are plain method names plus
 * TypeScript types, so both sides wrap them in their own `RequestType`/`NotificationType`.
 */

/** The configuration section the server asks for through `workspace/configuration`. */
export const SETTINGS_SECTION = 'creepyline';

/** Diagnostic `source` of every finding, so editors can filter and code actions can match. */
export const DIAGNOSTIC_SOURCE = 'creepyline';

/** Severity override of one editor-only rule customization (shaped like `eslint.rules.customizations`). */
export type CustomizationSeverity = 'downgrade' | 'upgrade' | 'off' | 'error' | 'warning' | 'info' | 'default';

/**
 * An editor-only severity override: `rule` is a rule id or a glob (`*` matches any run of
 * characters, a leading `!` negates), e.g. `{ "rule": "*consent*", "severity": "downgrade" }`.
 * Applied by the server after `creepyline.json` decided the severity; later entries win.
 */
export interface RuleCustomization {
  rule: string;
  severity: CustomizationSeverity;
}

/** Milliseconds after which a validation turns the status item to warning / error. */
export interface TimeBudget {
  warn: number;
  error: number;
}

/**
 * The settings of one document (resource scope), as the client's `readConfiguration()`
 * maps them from VS Code's `creepyline.*` settings. Non-VS Code clients may answer
 * `null`; the server then uses {@link defaultSettings}. Never stored in server globals:
 * the server asks per document and caches the promise per uri.
 */
export interface CreepylineSettings {
  /** `creepyline.enable`: analyse documents of this folder at all. */
  enable: boolean;
  /**
   * `creepyline.severity.customizations`: editor-only severity overrides. (Not under
   * `creepyline.rules`: VS Code merges dotted keys into one tree, and a `creepyline.rules`
   * object written after `creepyline.rules.customizations` in settings.json would hide it.)
   */
  severity: { customizations: RuleCustomization[] };
  /** `creepyline.timeBudget.onValidation`: status escalation thresholds. */
  timeBudget: { onValidation: TimeBudget };
  /**
   * The policy keys (`creepyline.rules`, `creepyline.consent.*`, `creepyline.ignore`,
   * `creepyline.requireJustification`, `creepyline.reportUnusedDisableDirectives`) that the
   * user set, in `creepyline.json` shape. The server hands them to the core's `loadConfig`
   * per workspace folder: defaults < these < `creepyline.json` < its `overrides`. Values are
   * passed on unchecked; the core validates them and reports problems with the key.
   */
  policy: PolicySettings;
}

/**
 * Editor settings in `creepyline.json` shape (the core's `RawConfig`, kept untyped here so
 * the protocol has no dependency on the core). Only keys the user actually set are present.
 */
export interface PolicySettings {
  /** Rule id → `"off" | "info" | "warning" | "error"` or `[level, options]`. */
  rules?: Record<string, unknown>;
  consent?: { functions?: unknown; hooks?: unknown; components?: unknown; consentModeAdvanced?: unknown };
  ignore?: unknown;
  requireJustification?: unknown;
  reportUnusedDisableDirectives?: unknown;
}

/** Keys of the settings section that belong to the policy (see {@link PolicySettings}). */
export const POLICY_SETTINGS = ['rules', 'consent.functions', 'consent.hooks', 'consent.components', 'consent.consentModeAdvanced', 'ignore', 'requireJustification', 'reportUnusedDisableDirectives'] as const;

/** Defaults used when a setting is missing or the client does not answer `workspace/configuration`. */
export function defaultSettings(): CreepylineSettings {
  return {
    enable: true,
    severity: { customizations: [] },
    timeBudget: { onValidation: { warn: 2000, error: 6000 } },
    policy: {},
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Extracts the policy keys from a settings section object, as VS Code's configuration tree
 * and other clients' settings tables shape it. Absent keys stay absent.
 */
export function policyFromSection(value: Record<string, unknown>): PolicySettings {
  const policy: PolicySettings = {};
  if (isPlainObject(value.rules)) {
    const rules: Record<string, unknown> = {};
    for (const [id, setting] of Object.entries(value.rules)) if (setting !== undefined) rules[id] = setting;
    if (Object.keys(rules).length > 0) policy.rules = rules;
  }
  if (isPlainObject(value.consent)) {
    const consent: NonNullable<PolicySettings['consent']> = {};
    for (const key of ['functions', 'hooks', 'components', 'consentModeAdvanced'] as const) {
      if (value.consent[key] !== undefined && value.consent[key] !== null) consent[key] = value.consent[key];
    }
    if (Object.keys(consent).length > 0) policy.consent = consent;
  }
  for (const key of ['ignore', 'requireJustification', 'reportUnusedDisableDirectives'] as const) {
    if (value[key] !== undefined && value[key] !== null) policy[key] = value[key];
  }
  return policy;
}

const CUSTOMIZATION_SEVERITIES: readonly CustomizationSeverity[] = ['downgrade', 'upgrade', 'off', 'error', 'warning', 'info', 'default'];

/**
 * Merges whatever a client sent (possibly `null`, partial or mistyped values) over the
 * defaults. Wrong types fall back to the default instead of throwing.
 */
export function normalizeSettings(raw: unknown): CreepylineSettings {
  const result = defaultSettings();
  if (raw === null || typeof raw !== 'object') return result;
  const value = raw as Record<string, any>;
  if (typeof value.enable === 'boolean') result.enable = value.enable;
  const customizations = value.severity?.customizations;
  if (Array.isArray(customizations)) {
    result.severity.customizations = customizations.filter(
      (c): c is RuleCustomization =>
        c !== null && typeof c === 'object' && typeof c.rule === 'string' &&
        CUSTOMIZATION_SEVERITIES.includes(c.severity),
    ).map((c) => ({ rule: c.rule, severity: c.severity }));
  }
  const budget = value.timeBudget?.onValidation;
  if (budget && typeof budget === 'object') {
    if (typeof budget.warn === 'number' && budget.warn >= 0) result.timeBudget.onValidation.warn = budget.warn;
    if (typeof budget.error === 'number' && budget.error >= 0) result.timeBudget.onValidation.error = budget.error;
  }
  // our extension sends the typed object (`policy`); other clients send the raw section
  result.policy = policyFromSection(isPlainObject(value.policy) ? value.policy : value);
  return result;
}

/** State of the last validation of a document. */
export type StatusState = 'ok' | 'warn' | 'error';

/**
 * `creepyline/status` — notification, server → client, after every validation of a
 * document (push or pull). The client's language status item shows it for the active
 * editor: "analysed, N findings" versus "not analysed: <why>".
 */
export const StatusNotification = 'creepyline/status';

/** Parameters of {@link StatusNotification}. */
export interface StatusParams {
  /** The document's uri. */
  uri: string;
  /** `error`: analysis failed; `warn`: config problems, file skipped or time budget exceeded. */
  state: StatusState;
  /** Number of findings reported as diagnostics (after customizations). */
  findings: number;
  /** Set when the document was not analysed (disabled, ignored by config, binary, too large…). */
  skippedReason?: string;
  /** Milliseconds the analysis took. */
  validationTime: number;
  /** One-line explanation when `state` is not `ok` (shown as the status item's detail). */
  detail?: string;
}

/**
 * `creepyline/scanWorkspace` — request, client → server, sent by the command
 * "Creepyline: Scan Workspace". The server analyses every JavaScript/TypeScript/HTML/CSS
 * file of every workspace folder (honouring `.gitignore` and `ignore` globs), publishes diagnostics for
 * files that are not open, and reports `$/progress` (on `workDoneToken` when given,
 * else on a server-created progress).
 */
export const ScanWorkspaceRequest = 'creepyline/scanWorkspace';

/** Parameters of {@link ScanWorkspaceRequest}. */
export interface ScanWorkspaceParams {
  workDoneToken?: string | number;
}

/** Result of {@link ScanWorkspaceRequest}. */
export interface ScanWorkspaceResult {
  filesAnalysed: number;
  /** Findings in all analysed files (open ones included), after editor customizations. */
  findings: number;
  skipped: number;
  configProblems: number;
  /** Set when the user cancelled the scan. */
  cancelled?: boolean;
}

/**
 * `creepyline/configTemplate` — request, client → server, sent by the command
 * "Creepyline: Create Configuration File". The server answers with the default
 * `creepyline.json` text from the analysis core, so the extension bundle need not
 * contain the core; the client writes the file and opens it.
 */
export const ConfigTemplateRequest = 'creepyline/configTemplate';

/** Parameters of {@link ConfigTemplateRequest}. */
export interface ConfigTemplateParams {
  /** The workspace folder the file is meant for. */
  folderUri: string;
}

/** Result of {@link ConfigTemplateRequest}. */
export interface ConfigTemplateResult {
  /** The file's text (JSONC). */
  text: string;
}

/**
 * `creepyline/debugStats` — INTERNAL request, client → server, for tests only (the
 * extension never sends it; it is not part of the public protocol and may change). The
 * server answers with its memory use (after a full garbage collection when `gc` is set and
 * the server runs with `node --expose-gc`) and the sizes of its caches, so a stress test can
 * check that memory and caches return to a plateau. Reads nothing from the workspace.
 */
export const DebugStatsRequest = 'creepyline/debugStats';

/** Parameters of {@link DebugStatsRequest}. */
export interface DebugStatsParams {
  /** Run a full garbage collection first (only possible under `--expose-gc`). */
  gc?: boolean;
}

/** Result of {@link DebugStatsRequest}. */
export interface DebugStatsResult {
  /** `process.memoryUsage()` in bytes. */
  memory: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  /** Whether a garbage collection ran before measuring. */
  gcRan: boolean;
  openDocuments: number;
  /** Per-document analysis results kept (at most one per open document). */
  cachedResults: number;
  /** Debounced validations waiting to run. */
  pendingValidations: number;
  /** Per workspace root: the core's cache sizes. */
  roots: { dir: string; facts: number; overlays: number; editorTrees: number }[];
}

/**
 * Client command (not a server request) that code actions "Show documentation for <rule>"
 * carry; arguments: the rule id, then the page's URL when the team set `docsBaseUrl` in
 * creepyline.json. With a URL the client opens it with `vscode.env.openExternal`; without
 * one it asks the server for the shipped page ({@link RuleDocumentationRequest}) and shows
 * it as a Markdown preview. Nothing is ever fetched by the extension or the server.
 */
export const ShowDocumentationCommand = 'creepyline.showDocumentation';

/**
 * Request from the client to the server: the documentation page of a rule as shipped with
 * Creepyline (the same Markdown as `docs/rules/<id>.md` and `creepyline explain <id>`),
 * so "Show documentation" works offline and without an invented link.
 */
export const RuleDocumentationRequest = 'creepyline/ruleDocumentation';

/** Parameters of {@link RuleDocumentationRequest}. */
export interface RuleDocumentationParams {
  ruleId: string;
}

/** Result of {@link RuleDocumentationRequest}; `null` for an unknown rule id. */
export type RuleDocumentationResult = { ruleId: string; markdown: string } | null;

/**
 * `creepyline/inventory` — request, client → server, sent by the command "Creepyline: Show
 * privacy inventory". The server analyses the folder's files (as `creepyline inventory` does:
 * `.gitignore` and `ignore` globs honoured, open editors' unsaved text included) and answers
 * with the same self-contained HTML page `creepyline inventory --format html` writes (inline
 * CSS and SVG, no script), which the client shows in a webview.
 */
export const InventoryRequest = 'creepyline/inventory';

/** Parameters of {@link InventoryRequest}. */
export interface InventoryParams {
  /** The workspace folder (`file:` uri); the first folder when absent. */
  folderUri?: string;
}

/** Result of {@link InventoryRequest}; `null` when there is no folder. */
export type InventoryResult = {
  folder: string;
  html: string;
  summary: { files: number; skipped: number; vendors: number; embeds: number; forms: number; processors: number; dataSources: number };
} | null;

/** Code action kinds Creepyline produces (Biome's scheme). */
export const CodeActionKinds = {
  quickFix: 'quickfix.creepyline',
  suppressLine: 'quickfix.creepyline.suppress.line',
  suppressFile: 'quickfix.creepyline.suppress.file',
  fixAll: 'source.fixAll.creepyline',
} as const;

/** What the server keeps in each diagnostic's `data`, so code actions can find the finding again. */
export interface DiagnosticData {
  /** The finding's stable fingerprint. */
  fingerprint: string;
  /** The document version the diagnostic was computed for; code actions refuse other versions. */
  version: number;
}
