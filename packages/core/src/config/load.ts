/**
 * Loads a workspace folder's configuration: `creepyline.json` (or `.creepylinerc.json`),
 * the `creepyline.*` keys of `.vscode/settings.json`, and settings handed over by the
 * editor. Files are JSONC, parsed as data: configuration never executes code (no `.js`
 * configs, no `require`). Precedence, lowest first: defaults < `.vscode/settings.json` <
 * editor settings < `creepyline.json` < matching `overrides` (see README.md).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError, type Segment } from 'jsonc-parser';
import type { ConfigProblem } from '../model';
import type { RawConfig, ResolvedConfig } from './types';
import { LayeredConfigSet, type ConfigLayer, type ConfigRule, type ConfigSet } from './resolve';
import { LineIndex, validateConfigValue, type SourceInfo } from './validate';

/** Config file names looked up at the workspace root, in order of preference. */
export const CONFIG_FILE_NAMES: readonly string[] = ['creepyline.json', '.creepylinerc.json'];

/** VS Code settings file read by the CLI too, relative to the workspace root. */
export const VSCODE_SETTINGS_FILE = path.join('.vscode', 'settings.json');

/** Name used in problems about settings handed over by the editor. */
export const EDITOR_SETTINGS_SOURCE = 'VS Code settings (creepyline.*)';

/**
 * VS Code setting key → path in `RawConfig`. Other `creepyline.*` keys (trace, time
 * budget, editor-only customisations) belong to the editor and are not policy.
 */
export const SETTINGS_KEYS: Readonly<Record<string, readonly string[]>> = {
  'creepyline.rules': ['rules'],
  'creepyline.consent': ['consent'],
  'creepyline.consent.functions': ['consent', 'functions'],
  'creepyline.consent.hooks': ['consent', 'hooks'],
  'creepyline.consent.components': ['consent', 'components'],
  'creepyline.consent.checkTemplate': ['consent', 'checkTemplate'],
  'creepyline.consent.consentModeAdvanced': ['consent', 'consentModeAdvanced'],
  'creepyline.vendors': ['vendors'],
  'creepyline.consentApis': ['consentApis'],
  'creepyline.vendorCategories': ['vendorCategories'],
  'creepyline.personalData': ['personalData'],
  'creepyline.ignore': ['ignore'],
  'creepyline.overrides': ['overrides'],
  'creepyline.requireJustification': ['requireJustification'],
  'creepyline.reportUnusedDisableDirectives': ['reportUnusedDisableDirectives'],
};

/** Options of `loadConfig`. */
export interface LoadConfigOptions {
  /** Absolute workspace folder. */
  root: string;
  /** Explicit config file (absolute or relative to `root`) instead of the lookup at `root`. */
  configPath?: string;
  /** Settings from the editor (`creepyline.*` mapped to `RawConfig`); win over `.vscode/settings.json`. */
  settings?: RawConfig;
  /** The registered rules (passed in to keep this module free of import cycles). */
  rules: readonly ConfigRule[];
}

/** What `loadConfig` returns. */
export interface LoadConfigResult {
  config: ConfigSet;
  problems: ConfigProblem[];
  /** Configuration files that were read (watch these to reload). */
  files: string[];
}

const WHOLE_FILE_FALLBACK = 'analysis runs with default settings';

/** Human wording of jsonc-parser error codes. */
function syntaxMessage(error: ParseError): string {
  const words = printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return `syntax error: ${words}`;
}

interface ParsedFile {
  value?: Record<string, unknown>;
  tree?: JsonNode;
  lines: LineIndex;
}

/** Parses JSONC (comments and trailing commas allowed); any syntax error makes the whole file fall back. */
function parseJsoncFile(file: string, text: string, problems: ConfigProblem[]): ParsedFile {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    // Comment-only or empty files are an empty configuration, not an error.
    if (!tree && errors.length === 1 && printParseErrorCode(errors[0].error) === 'ValueExpected' && isBlank(text)) return { value: {}, lines };
    for (const error of errors.slice(0, 5)) {
      problems.push({ file, ...lines.position(error.offset), key: '', message: `${syntaxMessage(error)}; ${WHOLE_FILE_FALLBACK}` });
    }
    return { lines };
  }
  if (!tree) return { value: {}, lines };
  if (tree.type !== 'object') {
    problems.push({ file, ...lines.position(tree.offset), key: '', message: `the configuration must be a JSON object; ${WHOLE_FILE_FALLBACK}` });
    return { lines };
  }
  return { value: nodeValue(tree) as Record<string, unknown>, tree, lines };
}

function isBlank(text: string): boolean {
  return text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').trim() === '';
}

/** Value of a syntax-tree node (jsonc-parser's getNodeValue, kept local to control `__proto__`). */
function nodeValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) result[String(key.value)] = nodeValue(value);
      }
      return { ...result };
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Builds a `RawConfig` from the `creepyline.*` keys of a settings object; remembers which key supplied which path. */
function settingsToConfig(settings: Record<string, unknown>): { value: Record<string, unknown>; keys: [string, readonly string[]][] } {
  const value: Record<string, unknown> = {};
  const keys: [string, readonly string[]][] = [];
  // Nested objects (`creepyline.consent`) first, so flat keys (`creepyline.consent.hooks`) refine them.
  const present = Object.keys(SETTINGS_KEYS)
    .filter((k) => settings[k] !== undefined)
    .sort((a, b) => SETTINGS_KEYS[a].length - SETTINGS_KEYS[b].length);
  for (const key of present) {
    const target = SETTINGS_KEYS[key];
    let parent = value;
    for (const s of target.slice(0, -1)) {
      if (!parent[s] || typeof parent[s] !== 'object' || Array.isArray(parent[s])) parent[s] = {};
      parent = parent[s] as Record<string, unknown>;
    }
    parent[target[target.length - 1]] = structuredClone(settings[key]);
    keys.push([key, target]);
  }
  return { value, keys };
}

/** Maps a config path back to the settings key (longest match) and the rest of the path. */
function settingsPathMapper(keys: [string, readonly string[]][]): (segments: Segment[]) => Segment[] {
  return (segments) => {
    let best: [string, readonly string[]] | undefined;
    for (const entry of keys) {
      if (entry[1].every((s, i) => segments[i] === s) && (!best || entry[1].length > best[1].length)) best = entry;
    }
    return best ? [best[0], ...segments.slice(best[1].length)] : [];
  };
}

/**
 * Loads the configuration of one workspace folder. Never throws for bad input: every
 * problem is returned (file, line, column, key) and the broken part runs with defaults.
 */
export function loadConfig(options: LoadConfigOptions): LoadConfigResult {
  const root = path.resolve(options.root);
  const problems: ConfigProblem[] = [];
  const files: string[] = [];
  const layers: ConfigLayer[] = [];

  // 1. .vscode/settings.json (what the editor would hand over, for the CLI).
  const settingsFile = path.join(root, VSCODE_SETTINGS_FILE);
  const settingsText = readText(settingsFile);
  if (settingsText !== undefined) {
    files.push(settingsFile);
    const local: ConfigProblem[] = [];
    const parsed = parseJsoncFile(settingsFile, settingsText, local);
    problems.push(...local.map((p) => ({ ...p, message: p.message.replace(WHOLE_FILE_FALLBACK, 'creepyline.* settings from this file are ignored') })));
    if (parsed.value) {
      const { value, keys } = settingsToConfig(parsed.value);
      if (keys.length > 0) {
        const source: SourceInfo = { file: settingsFile, tree: parsed.tree, lines: parsed.lines, toFilePath: settingsPathMapper(keys) };
        if (validateConfigValue(value, options.rules, source, problems)) layers.push({ raw: value as RawConfig, baseDir: root });
      }
    }
  }

  // 2. Settings handed over by the editor.
  if (options.settings) {
    const value = structuredClone(options.settings) as Record<string, unknown>;
    if (validateConfigValue(value, options.rules, { file: EDITOR_SETTINGS_SOURCE }, problems)) layers.push({ raw: value as RawConfig, baseDir: root });
  }

  // 3. creepyline.json: the team policy. An explicit file applies to every file; otherwise each
  // file gets the nearest creepyline.json above it (FileConfigSet).
  if (options.configPath) {
    const configFile = path.resolve(root, options.configPath);
    const layer = readConfigFile(configFile, options.rules, problems, files);
    const config = new LayeredConfigSet(root, options.rules, layer ? [...layers, layer] : layers, problems, layer ? configFile : undefined);
    return { config, problems, files };
  }
  const config = new FileConfigSet(root, options.rules, layers, problems, files);
  return { config, problems, files };
}

/** Reads, parses and validates one creepyline.json; problems are added, the valid part returned as a layer. */
function readConfigFile(configFile: string, rules: readonly ConfigRule[], problems: ConfigProblem[], files: string[]): ConfigLayer | undefined {
  const text = readText(configFile);
  if (text === undefined) {
    problems.push({ file: configFile, line: 1, column: 1, key: '', message: `configuration file not found or unreadable; ${WHOLE_FILE_FALLBACK}` });
    return undefined;
  }
  files.push(configFile);
  const parsed = parseJsoncFile(configFile, text, problems);
  if (!parsed.value) return undefined;
  const source: SourceInfo = { file: configFile, tree: parsed.tree, lines: parsed.lines };
  return validateConfigValue(parsed.value, rules, source, problems) ? { raw: parsed.value as RawConfig, baseDir: path.dirname(configFile) } : undefined;
}

/** The config file in `dir` itself, if any. */
function configFileIn(dir: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(dir, name);
    try {
      // most folders have none: no exception built for them
      if (fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return file;
    } catch {
      // not there
    }
  }
  return undefined;
}

/**
 * Configuration that follows the file, not the working directory: each file gets the nearest
 * `creepyline.json` (or `.creepylinerc.json`) in its folder or above it, up to the file
 * system's root, as ESLint's flat config does when it looks configs up from the file. Only the
 * nearest file applies (no cascading): a package's own creepyline.json replaces the one at the
 * repository root for the files below it. Editor settings and `.vscode/settings.json` of the
 * workspace folder apply below every creepyline.json, to the files inside that folder only (a
 * CLI run from elsewhere gives the same result as one inside the project). Config files are
 * read once, when the first file below them is analysed; their problems join `problems` then.
 */
export class FileConfigSet implements ConfigSet {
  /** The configuration of each config file read so far ('' = none found: settings and defaults). */
  private readonly sets = new Map<string, LayeredConfigSet>();
  /** Each config file's validated layer (null: unreadable or wholly invalid), read once. */
  private readonly layers = new Map<string, ConfigLayer | null>();
  private readonly nearest = new Map<string, string>();
  readonly configFile?: string;

  constructor(
    readonly root: string,
    private readonly rules: readonly ConfigRule[],
    private readonly settingsLayers: readonly ConfigLayer[],
    readonly problems: ConfigProblem[],
    private readonly files: string[],
  ) {
    // The workspace folder's own file (or the nearest above it) is read at once: its problems
    // are reported even when no file is analysed, and it is "the" config of the folder.
    this.configFile = this.nearestFile(root) || undefined;
    if (this.configFile) this.setFor(this.configFile, true);
  }

  forFile(absFile: string): ResolvedConfig {
    return this.setOf(absFile).forFile(absFile);
  }

  isIgnored(absFile: string): boolean {
    return this.setOf(absFile).isIgnored(absFile);
  }

  private setOf(absFile: string): LayeredConfigSet {
    const relative = path.relative(this.root, absFile);
    const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    return this.setFor(this.nearestFile(path.dirname(absFile)), inside);
  }

  /** The nearest config file at or above `dir` ('' when there is none). */
  private nearestFile(dir: string): string {
    const cached = this.nearest.get(dir);
    if (cached !== undefined) return cached;
    const parent = path.dirname(dir);
    const found = configFileIn(dir) ?? (parent === dir ? '' : this.nearestFile(parent));
    this.nearest.set(dir, found);
    return found;
  }

  private setFor(configFile: string, inside: boolean): LayeredConfigSet {
    const key = `${configFile}\0${inside}`;
    let set = this.sets.get(key);
    if (!set) {
      let layer = this.layers.get(configFile);
      if (layer === undefined) {
        layer = (configFile ? readConfigFile(configFile, this.rules, this.problems, this.files) : undefined) ?? null;
        this.layers.set(configFile, layer);
      }
      const settings = inside ? this.settingsLayers : [];
      const layers = layer ? [...settings, layer] : settings;
      set = new LayeredConfigSet(configFile ? path.dirname(configFile) : this.root, this.rules, layers, this.problems, configFile || undefined);
      this.sets.set(key, set);
    }
    return set;
  }
}
