/**
 * Turns validated configuration layers into the effective policy per file (`ConfigSet`).
 * Layers apply in order — defaults, `.vscode/settings.json`, editor settings,
 * `creepyline.json` — then every matching `overrides` block in the same order. Globs are
 * relative to the folder of the file that declared them (the workspace root for settings).
 */
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { ConfigProblem, RuleLevel, Severity } from '../model';
import type {
  ConsentFunctionDecl,
  RawConfig,
  RawConsentConfig,
  RawOverride,
  RawRuleSetting,
  ResolvedConfig,
  ResolvedConsentConfig,
} from './types';

/** What the configuration needs to know about a registered rule. */
export interface ConfigRule {
  id: string;
  meta: { defaultSeverity: Severity; schema: object; title: string };
  defaultOptions: unknown;
}

/** Files never analysed, whatever the configuration says. */
export const DEFAULT_IGNORE: readonly string[] = [
  '**/node_modules/**',
  '**/dist/**',
  '**/build/**',
  '**/.next/**',
  '**/coverage/**',
  '**/*.min.js',
];

/** One source of configuration, already validated (broken parts removed). */
export interface ConfigLayer {
  raw: RawConfig;
  /** Folder that globs in this layer are relative to. */
  baseDir: string;
}

/** The effective configuration of a workspace folder. */
export interface ConfigSet {
  /** Absolute workspace folder. */
  readonly root: string;
  /** The `creepyline.json` in use, when there is one. */
  readonly configFile?: string;
  /** Problems met while loading; the broken parts run with defaults. */
  readonly problems: readonly ConfigProblem[];
  /** The effective policy for one absolute file path (cached per path). */
  forFile(absFile: string): ResolvedConfig;
  /** Whether the file matches the default or configured `ignore` globs. */
  isIgnored(absFile: string): boolean;
}

/** A rule's default options as an object (`defaultOptions` may be `[{…}]` or `{…}`). */
export function defaultOptionsOf(rule: ConfigRule): Record<string, unknown> {
  const value = Array.isArray(rule.defaultOptions) ? rule.defaultOptions[0] : rule.defaultOptions;
  return value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
}

/** String shorthand → `{ name, category: 'fromArg' }`; objects get `fromArg` when no category is given. */
export function normaliseConsentDecl(decl: string | ConsentFunctionDecl): ConsentFunctionDecl {
  if (typeof decl === 'string') return { name: decl, category: 'fromArg' };
  return { ...decl, category: decl.category ?? 'fromArg' };
}

/** The policy when nothing is configured: every rule at its default level and options. */
export function defaultResolvedConfig(rules: readonly ConfigRule[]): ResolvedConfig {
  const resolvedRules: ResolvedConfig['rules'] = {};
  for (const rule of rules) resolvedRules[rule.id] = { level: rule.meta.defaultSeverity, options: defaultOptionsOf(rule) };
  return {
    rules: resolvedRules,
    consent: { functions: [], hooks: [], components: [], consentModeAdvanced: 'report' },
    vendors: [],
    consentApis: [],
    vendorCategories: {},
    processors: [],
    dataSources: [],
    personalData: [],
    knowledge: [],
    ignore: [...DEFAULT_IGNORE],
    entryPoints: [],
    requireJustification: false,
    reportUnusedDisableDirectives: false,
    forms: { declare: [], purposes: [] },
  };
}

function splitSetting(setting: RawRuleSetting): { level: RuleLevel; options?: Record<string, unknown> } {
  if (typeof setting === 'string') return { level: setting };
  return setting.length > 1 ? { level: setting[0], options: setting[1] } : { level: setting[0] };
}

/**
 * Applies `rules`: a level alone keeps the options set so far (so an override can change
 * the severity without repeating options); `[level, options]` sets options over the defaults.
 */
function applyRules(target: ResolvedConfig, raw: Record<string, RawRuleSetting> | undefined, byId: Map<string, ConfigRule>): void {
  if (!raw) return;
  for (const [id, setting] of Object.entries(raw)) {
    const rule = byId.get(id);
    if (!rule) continue; // unknown ids were reported and removed by the loader
    const { level, options } = splitSetting(setting);
    const previous = target.rules[id];
    target.rules[id] = { level, options: options ? { ...defaultOptionsOf(rule), ...options } : previous.options };
  }
}

/** Adds declarations; a later declaration with the same name replaces the earlier one in place. */
function mergeDecls(into: ConsentFunctionDecl[], extra: (string | ConsentFunctionDecl)[] | undefined): ConsentFunctionDecl[] {
  if (!extra) return into;
  const result = [...into];
  for (const decl of extra.map(normaliseConsentDecl)) {
    const at = result.findIndex((d) => d.name === decl.name);
    if (at >= 0) result[at] = decl;
    else result.push(decl);
  }
  return result;
}

function applyConsent(target: ResolvedConsentConfig, raw: RawConsentConfig | undefined): ResolvedConsentConfig {
  if (!raw) return target;
  return {
    functions: mergeDecls(target.functions, raw.functions),
    hooks: mergeDecls(target.hooks, raw.hooks),
    components: mergeDecls(target.components, raw.components),
    checkTemplate: raw.checkTemplate ?? target.checkTemplate,
    consentModeAdvanced: raw.consentModeAdvanced ?? target.consentModeAdvanced,
  };
}

/** A glob relative to `baseDir` as an absolute glob with forward slashes (a pattern without `/` matches at any depth). */
function absoluteGlob(baseDir: string, pattern: string): string {
  const relative = pattern.includes('/') ? pattern.replace(/^\.\//, '') : `**/${pattern}`;
  return `${toPosix(baseDir).replace(/\/+$/, '')}/${relative}`;
}

function applyLayer(target: ResolvedConfig, raw: RawConfig, byId: Map<string, ConfigRule>, baseDir: string): void {
  applyRules(target, raw.rules, byId);
  target.consent = applyConsent(target.consent, raw.consent);
  if (raw.vendors) target.vendors = [...target.vendors, ...raw.vendors];
  if (raw.consentApis) target.consentApis = [...target.consentApis, ...raw.consentApis];
  if (raw.vendorCategories) target.vendorCategories = { ...target.vendorCategories, ...raw.vendorCategories };
  if (raw.processors) target.processors = [...target.processors, ...raw.processors];
  if (raw.dataSources) target.dataSources = [...target.dataSources, ...raw.dataSources];
  if (raw.personalData) target.personalData = [...target.personalData, ...raw.personalData];
  if (raw.knowledge) target.knowledge = [...target.knowledge, raw.knowledge];
  if (raw.ignore) target.ignore = [...target.ignore, ...raw.ignore];
  if (raw.entryPoints) target.entryPoints = [...target.entryPoints, ...raw.entryPoints.map((p) => absoluteGlob(baseDir, p))];
  if (raw.requireJustification !== undefined) target.requireJustification = raw.requireJustification;
  if (raw.reportUnusedDisableDirectives !== undefined) target.reportUnusedDisableDirectives = raw.reportUnusedDisableDirectives;
  if (raw.docsBaseUrl !== undefined) target.docsBaseUrl = raw.docsBaseUrl;
  if (raw.privacyNotice !== undefined) target.privacyNotice = path.resolve(baseDir, raw.privacyNotice);
  if (raw.forms) {
    target.forms = {
      declare: [...target.forms.declare, ...(raw.forms.declare ?? []).map((d) => ({ ...d, baseDir }))],
      purposes: [...target.forms.purposes, ...(raw.forms.purposes ?? [])],
    };
  }
}

function applyOverride(target: ResolvedConfig, raw: RawOverride, byId: Map<string, ConfigRule>): void {
  applyRules(target, raw.rules, byId);
  target.consent = applyConsent(target.consent, raw.consent);
  if (raw.requireJustification !== undefined) target.requireJustification = raw.requireJustification;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** The path globs see: relative to `base`, or the absolute path (without its root) when outside. */
function globPath(base: string, absFile: string): string {
  const rel = path.relative(base, absFile);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return toPosix(rel);
  return toPosix(absFile).replace(/^([A-Za-z]:)?\/+/, '');
}

/** Dotfiles match. (picomatch's `basename` option also changes patterns with `/`, so see `globSet`.) */
const GLOB_OPTIONS: picomatch.PicomatchOptions = { dot: true };

interface GlobSet {
  baseDir: string;
  match: (p: string) => boolean;
}

function globSet(baseDir: string, patterns: readonly string[]): GlobSet | undefined {
  // Like .gitignore: a pattern without `/` (`*.html`, `generated`) matches the name at any depth.
  const expanded = patterns.map((p) => (p.includes('/') ? p.replace(/^\.\//, '') : `**/${p}`));
  return patterns.length > 0 ? { baseDir, match: picomatch(expanded, GLOB_OPTIONS) } : undefined;
}

interface CompiledOverride {
  files: GlobSet;
  excluded?: GlobSet;
  raw: RawOverride;
}

/** The `ConfigSet` built by `loadConfig`. */
export class LayeredConfigSet implements ConfigSet {
  private readonly base: ResolvedConfig;
  private readonly overrides: CompiledOverride[] = [];
  private readonly ignores: GlobSet[] = [];
  private readonly byId: Map<string, ConfigRule>;
  private readonly perFile = new Map<string, ResolvedConfig>();
  private readonly perOverrideSet = new Map<string, ResolvedConfig>();
  private readonly ignoredCache = new Map<string, boolean>();
  /** Per ignore set: the folders (as matched) it ignores, itself or through a folder above. */
  private readonly ignoredFolders: Map<string, boolean>[] = [];

  constructor(
    readonly root: string,
    rules: readonly ConfigRule[],
    layers: readonly ConfigLayer[],
    readonly problems: readonly ConfigProblem[] = [],
    readonly configFile?: string,
  ) {
    this.byId = new Map(rules.map((r) => [r.id, r]));
    this.base = defaultResolvedConfig(rules);
    const defaults = globSet(root, DEFAULT_IGNORE);
    if (defaults) this.ignores.push(defaults);
    for (const layer of layers) {
      applyLayer(this.base, layer.raw, this.byId, layer.baseDir);
      const ignore = globSet(layer.baseDir, layer.raw.ignore ?? []);
      if (ignore) this.ignores.push(ignore);
    }
    for (const layer of layers) {
      for (const raw of layer.raw.overrides ?? []) {
        const files = globSet(layer.baseDir, raw.files);
        if (!files) continue;
        this.overrides.push({ files, excluded: globSet(layer.baseDir, raw.excludedFiles ?? []), raw });
      }
    }
  }

  forFile(absFile: string): ResolvedConfig {
    const cached = this.perFile.get(absFile);
    if (cached) return cached;
    const matching: number[] = [];
    this.overrides.forEach((o, i) => {
      if (o.files.match(globPath(o.files.baseDir, absFile)) && !o.excluded?.match(globPath(o.excluded.baseDir, absFile))) {
        matching.push(i);
      }
    });
    // Files matching the same override blocks share one resolved object.
    const key = matching.join(',');
    let resolved = this.perOverrideSet.get(key);
    if (!resolved) {
      resolved = structuredClone(this.base);
      for (const i of matching) applyOverride(resolved, this.overrides[i].raw, this.byId);
      this.perOverrideSet.set(key, resolved);
    }
    this.perFile.set(absFile, resolved);
    return resolved;
  }

  isIgnored(absFile: string): boolean {
    const cached = this.ignoredCache.get(absFile);
    if (cached !== undefined) return cached;
    const ignored = this.ignores.some((set, index) => {
      // `dist` in `ignore` also ignores everything below a folder named dist: the file or any
      // of its folders matches (the folders' answers are shared by the files inside them).
      const relative = globPath(set.baseDir, absFile);
      if (set.match(relative)) return true;
      const slash = relative.lastIndexOf('/');
      return slash >= 0 && this.folderIgnored(index, relative.slice(0, slash));
    });
    this.ignoredCache.set(absFile, ignored);
    return ignored;
  }

  /** Whether ignore set `index` matches `folder` (its path as matched) or a folder above it; cached. */
  private folderIgnored(index: number, folder: string): boolean {
    let cache = this.ignoredFolders[index];
    if (!cache) cache = this.ignoredFolders[index] = new Map();
    const cached = cache.get(folder);
    if (cached !== undefined) return cached;
    const slash = folder.lastIndexOf('/');
    const ignored = this.ignores[index]!.match(folder) || (slash >= 0 && this.folderIgnored(index, folder.slice(0, slash)));
    cache.set(folder, ignored);
    return ignored;
  }
}
