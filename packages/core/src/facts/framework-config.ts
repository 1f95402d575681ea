/**
 * Trackers switched on in a framework's configuration file (nuxt.config, gatsby-config,
 * docusaurus.config, astro.config, .vitepress/config, .vuepress/config): a plugin or module
 * entry, a preset option, or a script tag the framework injects into every page. These load on
 * every page before any consent check the pages could make, unless the plugin's own consent
 * option holds them back. Called from the one syntax walk (`findSinks`) at the file's export; it
 * reads only the exported configuration object, never the rest of the file.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use.
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { activeCatalogues, BUILTIN_CATALOGUES } from '../knowledge/catalogues';
import type { Knowledge, ThirdPartyMatch } from '../knowledge';
import type { VendorEntry } from '../knowledge/types';
import { skipOuter } from './consent';
import type { ScopeResolver } from './scope';
import type { FileFacts, GateResult, Span, TrackerSink } from './types';
import { mayBeProjectModule } from '../project/resolve';
import { markupGate } from './index';
import { thirdPartyFact } from './trackers';

export interface FrameworkConfigFile {
  id: string;
  name: string;
  fileNames: readonly string[];
  dir?: string;
  pluginLists?: readonly string[];
  presets?: readonly string[];
  headScripts?: readonly string[];
  headEntries?: readonly string[];
  scriptLists?: readonly string[];
  headTags?: readonly string[];
  source: string;
}

export interface FrameworkPlugin {
  package: string;
  frameworks: readonly string[];
  vendor?: string;
  /** Option key → vendor id (JSON-inferred objects of several shapes leave the other keys undefined). */
  subVendors?: Readonly<Record<string, string | undefined>>;
  configKey?: string;
  presetKey?: string;
  gatedWhen?: readonly { option: string; equals: string | boolean }[];
  gatedByDesign?: string;
  consentOption?: string;
  source: readonly string[];
}

/** The shipped configuration files and plugins (the analysis reads the active catalogues, with `knowledge.frameworkConfig`). */
export const CONFIG_FILES: readonly FrameworkConfigFile[] = BUILTIN_CATALOGUES.frameworkConfig.configFiles;
export const FRAMEWORK_PLUGINS: readonly FrameworkPlugin[] = BUILTIN_CATALOGUES.frameworkConfig.plugins;

function configFiles(): readonly FrameworkConfigFile[] {
  return activeCatalogues().frameworkConfig.configFiles;
}

function frameworkPlugins(): readonly FrameworkPlugin[] {
  return activeCatalogues().frameworkConfig.plugins;
}

/** The framework whose configuration file this is, by its name (and folder), or undefined. */
export function configFileOf(fileName: string): FrameworkConfigFile | undefined {
  const parts = fileName.split(/[\\/]/);
  const base = parts[parts.length - 1];
  const parent = parts[parts.length - 2];
  return configFiles().find((c) => c.fileNames.includes(base) && (c.dir === undefined ? true : parent === c.dir));
}

/** A tracker the configuration switches on. */
export interface ConfigHit {
  /** What the finding underlines: the plugin's name, the preset option's key, the script's `src` value. */
  node: ts.Node;
  vendor: VendorEntry;
  form: TrackerSink['form'];
  label: string;
  config: NonNullable<TrackerSink['config']>;
  gate?: GateResult;
  markupCategory?: string;
  thirdParty?: ThirdPartyMatch;
}

const MAX_DEPTH = 4;

/** A consent option as written in a plugin's options (`initMode: 'manual'`), with its range. */
export interface ConfigSetting {
  option: string;
  value: string | boolean;
  span: Span;
}

/**
 * A list, list entry or options object that the configuration takes from another project file
 * (`modules` imported from './config', `plugins: require('./gatsby/plugins')`, `...analyticsPlugins()`,
 * `['nuxt-gtag', gtagOptions]`): joined with that file's {@link ConfigExport} in the project pass.
 */
export interface ConfigImport {
  specifier: string;
  exportName: string;
  /** Where the configuration names it (the identifier, the `require(…)`, the call). */
  span: Span;
  /** The framework (`nuxt`) and its name (`Nuxt`). */
  framework: string;
  frameworkName: string;
  /** The list as written (`modules`, `plugins`), or the entry whose options are imported. */
  entry: string;
  /** `list`: entries of a plugin list; `options`: the options of `plugin`; `preset`: a preset's options object. */
  kind: 'list' | 'options' | 'preset';
  plugin?: string;
  /** For `list`: consent settings the configuration itself holds for a plugin (Nuxt's `gtag: { initMode: 'manual' }`). */
  settings?: { plugin: string; settings: ConfigSetting[] }[];
}

/** What a module exports that a framework configuration may import. */
export interface ConfigExport {
  name: string;
  /** Entries naming a catalogued plugin (of any framework), with their options' consent settings and option keys. */
  entries?: { package: string; span: Span; settings: ConfigSetting[]; keys: string[] }[];
  /** An options object: its own consent settings and keys, and its keys that switch a preset's plugin on. */
  object?: { settings: ConfigSetting[]; keys: string[]; presetKeys: { name: string; span: Span; settings: ConfigSetting[]; keys: string[] }[] };
  /**
   * Script entries with an absolute URL, as a head list writes them: `['script', { src }]`
   * (VitePress/VuePress `head`), `{ src }` (Nuxt `head.script`, Docusaurus `scripts`), a URL string
   * (Docusaurus `scripts`), `{ tagName: 'script', attributes: { src } }` (Docusaurus `headTags`).
   */
  scripts?: { shape: 'tuple' | 'object' | 'string' | 'tag'; url: string; span: Span; attributes: Record<string, string> }[];
}

/**
 * The trackers the exported configuration (`export default defineNuxtConfig({…})`,
 * `module.exports = {…}`, `const config: Config = {…}; export default config`) switches on.
 */
export function configSinks(exported: ts.Expression, file: FrameworkConfigFile, knowledge: Knowledge, scope: ScopeResolver, imports?: ConfigImport[]): ConfigHit[] {
  const root = configObject(exported, scope, 0);
  if (!root) return [];
  const hits: ConfigHit[] = [];
  const plugins = frameworkPlugins().filter((p) => p.frameworks.includes(file.id));
  const sourceFile = exported.getSourceFile();
  // `plugins.push({ … })` / `nuxtConfig.buildModules.unshift('…')` in the file's top-level statements
  const mutations = topLevelMutations(sourceFile);
  const rootName = ts.isIdentifier(skipOuter(exported)) ? (skipOuter(exported) as ts.Identifier).text : undefined;
  const span = (node: ts.Node): Span => ({ start: node.getStart(sourceFile), end: node.getEnd() });
  const imported = (node: ts.Expression, ref: ExternalRef, entry: string, kind: ConfigImport['kind'], plugin?: string, settings?: ConfigImport['settings']): void => {
    imports?.push({ specifier: ref.specifier, exportName: ref.exportName, span: span(node), framework: file.id, frameworkName: file.name, entry, kind, ...(plugin ? { plugin } : {}), ...(settings?.length ? { settings } : {}) });
  };
  // the consent settings the configuration holds itself for its plugins (Nuxt's top-level `gtag: { … }`)
  const ownSettings = (): ConfigImport['settings'] =>
    plugins.flatMap((plugin) => {
      const object = plugin.configKey ? objectOf(valueAt(root, plugin.configKey, scope), scope) : undefined;
      const settings = object ? settingsOf(object) : [];
      return settings.length ? [{ plugin: plugin.package, settings }] : [];
    });
  const listEntries = (path: string): ts.Expression[] => {
    const written = valueAt(root, path, scope);
    const named = written && ts.isIdentifier(skipOuter(written)) ? (skipOuter(written) as ts.Identifier).text : undefined;
    const added = [...(named ? mutations.get(named) ?? [] : []), ...(rootName ? mutations.get(`${rootName}.${path}`) ?? [] : [])];
    // entries written in another project file: the project pass joins them with that file's exports
    const external = imports ? (node: ts.Expression, ref: ExternalRef) => imported(node, ref, path, 'list', undefined, ownSettings()) : undefined;
    return [...elementsOf(written, scope, 0, external), ...added.flatMap((a) => (ts.isSpreadElement(a) ? elementsOf(a.expression, scope, 0, external) : branches(a, scope, 0)))];
  };

  for (const list of file.pluginLists ?? []) {
    for (const element of listEntries(list)) {
      const ref = pluginRef(element, scope);
      const plugin = ref && plugins.find((p) => p.package === ref.name);
      if (!ref) {
        // `plugins: [analyticsPlugin]` with the entry imported from another file
        const external = imports ? externalRef(element, scope) : undefined;
        if (external) imported(skipOuter(element), external, list, 'list', undefined, ownSettings());
        continue;
      }
      if (!plugin) continue;
      const options = [ref.options && objectOf(ref.options, scope), plugin.configKey ? objectOf(valueAt(root, plugin.configKey, scope), scope) : undefined].filter((o): o is ts.ObjectLiteralExpression => !!o);
      const entry = `${list}: '${ref.name}'`;
      const found = pluginHits(plugin, ref.node, entry, options, file, knowledge);
      // `['nuxt-gtag', gtagOptions]` / `gtag: gtagOptions` with the options in another file: their settings decide (project pass)
      if (imports && !found.some((h) => h.gate?.gated)) {
        for (const written of [ref.options, plugin.configKey ? valueAt(root, plugin.configKey, scope) : undefined]) {
          const external = written && externalRef(written, scope);
          if (external) imported(skipOuter(written), external, entry, 'options', plugin.package);
        }
      }
      hits.push(...found);
    }
  }
  // Docusaurus preset-classic: `presets: [['classic', { gtag: { trackingID } }]]`
  if (file.presets) {
    for (const element of elementsOf(valueAt(root, 'presets', scope), scope)) {
      const ref = pluginRef(element, scope);
      if (!ref || !file.presets.includes(ref.name) || !ref.options) continue;
      const presetOptions = objectOf(ref.options, scope);
      // `['classic', presetOptions]` with the options object in another file
      const external = !presetOptions && imports ? externalRef(ref.options, scope) : undefined;
      if (external) imported(skipOuter(ref.options), external, `presets: ${ref.name}`, 'preset');
      if (!presetOptions) continue;
      for (const plugin of plugins) {
        if (!plugin.presetKey) continue;
        const property = propertyNamed(presetOptions, plugin.presetKey);
        // `gtag: undefined` / `gtag: false` switch the plugin off
        if (!property || isOff(property.value, scope)) continue;
        const options = objectOf(property.value, scope);
        hits.push(...pluginHits(plugin, property.name, `presets: ${ref.name} ${plugin.presetKey}`, options ? [options] : [], file, knowledge));
      }
    }
  }

  const script = (src: ts.Expression | undefined, attributes: Map<string, string>, where: string): void => {
    if (!src) return;
    const e = skipOuter(src);
    const url = urlPrefix(e);
    if (!url || !/^(?:https?:)?\/\//i.test(url)) return;
    const vendor = knowledge.matchScriptUrl(url);
    const third = vendor ? undefined : knowledge.matchThirdParty(url, 'script');
    const found = vendor ?? third?.vendor;
    if (!found) return;
    hits.push({
      node: e,
      vendor: found,
      form: 'script-tag',
      label: `${where} "${url.length > 60 ? `${url.slice(0, 57)}...` : url}"`,
      config: { framework: file.name, entry: where },
      markupCategory: markupOf(attributes, knowledge),
      thirdParty: third,
    });
  };
  // Nuxt `app.head.script: [{ src, async: true }]`
  for (const path of file.headScripts ?? []) {
    for (const element of listEntries(path)) {
      const object = objectOf(element, scope);
      if (object) script(propertyNamed(object, 'src')?.value, stringProperties(object), path);
    }
  }
  // Docusaurus `scripts: ['https://…', { src, async: true }]`
  for (const path of file.scriptLists ?? []) {
    for (const element of listEntries(path)) {
      const object = objectOf(element, scope);
      if (object) script(propertyNamed(object, 'src')?.value, stringProperties(object), path);
      else script(element, new Map(), path);
    }
  }
  // Docusaurus `headTags: [{ tagName: 'script', attributes: { src } }]`
  for (const path of file.headTags ?? []) {
    for (const element of listEntries(path)) {
      const object = objectOf(element, scope);
      const tag = object && literalText(propertyNamed(object, 'tagName')?.value);
      const attributes = object && objectOf(propertyNamed(object, 'attributes')?.value, scope);
      if (tag?.toLowerCase() === 'script' && attributes) script(propertyNamed(attributes, 'src')?.value, stringProperties(attributes), path);
    }
  }
  // VitePress / VuePress `head: [['script', { src }], …]`
  for (const path of file.headEntries ?? []) {
    for (const element of listEntries(path)) {
      const e = skipOuter(element);
      if (!ts.isArrayLiteralExpression(e) || literalText(e.elements[0])?.toLowerCase() !== 'script') continue;
      const attributes = e.elements[1] && objectOf(e.elements[1], scope);
      if (attributes) script(propertyNamed(attributes, 'src')?.value, stringProperties(attributes), path);
    }
  }
  return hits;
}

/** The findings for one plugin entry: one per vendor it loads, gated when its consent option is set. */
function pluginHits(plugin: FrameworkPlugin, node: ts.Node, entry: string, options: readonly ts.ObjectLiteralExpression[], file: FrameworkConfigFile, knowledge: Knowledge): ConfigHit[] {
  const vendors: VendorEntry[] = [];
  if (plugin.vendor) {
    const v = knowledge.vendorById(plugin.vendor);
    if (v) vendors.push(v);
  }
  for (const [key, id] of Object.entries(plugin.subVendors ?? {})) {
    if (!id || !options.some((o) => propertyNamed(o, key))) continue;
    const v = knowledge.vendorById(id);
    if (v) vendors.push(v);
  }
  const start = node.getStart();
  const at = { start, end: node.getEnd() };
  let gate: GateResult;
  const setting = plugin.gatedWhen && findSetting(plugin.gatedWhen, options);
  if (plugin.gatedByDesign) {
    gate = { gated: true, by: { span: at, text: plugin.package, grants: ['any'], form: 'config', confidence: 'high', origin: 'framework-config' }, seen: [], trace: [`${plugin.gatedByDesign}.`] };
  } else if (setting) {
    const span = { start: setting.node.getStart(), end: setting.node.getEnd() };
    gate = {
      gated: true,
      by: { span, text: `${setting.option}: ${JSON.stringify(setting.equals)}`, grants: ['any'], form: 'config', confidence: 'high', origin: 'framework-config' },
      seen: [],
      trace: [`${plugin.package} is configured with \`${setting.option}: ${JSON.stringify(setting.equals)}\`, so it loads nothing until the site starts it (after consent).`],
    };
  } else {
    gate = {
      gated: false,
      seen: [],
      trace: [
        `${file.name} loads ${plugin.package} on every page when the site starts; a consent check in the pages cannot hold it back.`,
        plugin.consentOption ? `Its own consent option: ${plugin.consentOption}.` : `${plugin.package} has no option that waits for consent (${plugin.source[0]}).`,
      ],
    };
  }
  const optionEdit = gate.gated ? undefined : consentOptionEdit(plugin, options);
  return vendors.map((vendor) => ({
    node,
    vendor,
    form: 'config' as const,
    label: entry,
    config: { framework: file.name, entry, plugin: plugin.package, consentOption: plugin.consentOption, ...(optionEdit ? { optionEdit } : {}) },
    gate,
  }));
}

/**
 * The plugin's first consent option (`gatedWhen[0]`) written into the options object it reads
 * (the configuration key's object first, as Nuxt reads `gtag: {…}` over inline options): the
 * option's value replaced when it is there, else the option added after the last property.
 */
function consentOptionEdit(plugin: FrameworkPlugin, options: readonly ts.ObjectLiteralExpression[]): { option: string; start: number; end: number; text: string } | undefined {
  const condition = plugin.gatedWhen?.[0];
  const object = options[options.length - 1];
  if (!condition || !plugin.consentOption || !object) return undefined;
  const value = typeof condition.equals === 'string' ? `'${condition.equals}'` : String(condition.equals);
  const existing = propertyNamed(object, condition.option);
  if (existing) {
    const node = existing.node;
    if (!ts.isPropertyAssignment(node)) return undefined;
    return { option: condition.option, start: node.initializer.getStart(), end: node.initializer.getEnd(), text: value };
  }
  const last = object.properties[object.properties.length - 1];
  if (!last) {
    const at = object.getStart() + 1;
    return { option: condition.option, start: at, end: at, text: ` ${condition.option}: ${value} ` };
  }
  return { option: condition.option, start: last.getEnd(), end: last.getEnd(), text: `, ${condition.option}: ${value}` };
}

/** The first `gatedWhen` option set to its value (a literal) in any of the option objects. */
function findSetting(conditions: NonNullable<FrameworkPlugin['gatedWhen']>, options: readonly ts.ObjectLiteralExpression[]): { option: string; equals: string | boolean; node: ts.Node } | undefined {
  for (const condition of conditions) {
    for (const object of options) {
      const property = propertyNamed(object, condition.option);
      if (property && literalValue(property.value) === condition.equals) return { ...condition, node: property.node };
    }
  }
  return undefined;
}

/** The statically known start of a URL: a literal, a template's head, the left end of a `+` chain. */
function urlPrefix(e: ts.Expression): string | undefined {
  const v = skipOuter(e);
  if (ts.isStringLiteralLike(v)) return v.text;
  if (ts.isTemplateExpression(v)) return v.head.text;
  if (ts.isBinaryExpression(v) && v.operatorToken.kind === ts.SyntaxKind.PlusToken) return urlPrefix(v.left);
  return undefined;
}

/** `'x'`, `true`, `false` as written; undefined for anything computed (`process.env.X === 'y'`). */
function literalValue(e: ts.Expression | undefined): string | boolean | undefined {
  if (!e) return undefined;
  const v = skipOuter(e);
  if (v.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (v.kind === ts.SyntaxKind.FalseKeyword) return false;
  return ts.isStringLiteralLike(v) ? v.text : undefined;
}

function literalText(e: ts.Expression | undefined): string | undefined {
  if (!e) return undefined;
  const v = skipOuter(e);
  return ts.isStringLiteralLike(v) ? v.text : undefined;
}

/** `false`, `undefined`, `null`: an option key that switches its plugin off. */
function isOff(e: ts.Expression, scope: ScopeResolver): boolean {
  const v = skipOuter(e);
  return v.kind === ts.SyntaxKind.FalseKeyword || v.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(v) && v.text === 'undefined' && !scope.resolve('undefined', v));
}

/** String-valued properties of an object literal (a script's attributes: `type`, `data-cookieconsent`). */
function stringProperties(object: ts.ObjectLiteralExpression): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of object.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const name = propertyName(p.name);
    const value = literalValue(p.initializer);
    if (name !== undefined && value !== undefined) map.set(name, String(value));
  }
  return map;
}

/** The category a consent tool's blocking attributes on a configured script name, if blocked. */
function markupOf(attributes: Map<string, string>, knowledge: Knowledge): string | undefined {
  const type = attributes.get('type')?.toLowerCase();
  for (const [attribute, value] of attributes) {
    for (const { markup } of knowledge.consentMarkup.get(attribute.toLowerCase()) ?? []) {
      if (markup.requiresTextPlain && type !== 'text/plain' && attributes.get('data-type') === undefined) continue;
      return markup.valueIsCategory ? value.split(/[\s,]+/)[0] : 'any';
    }
  }
  return undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

/** A property of an object literal by name: its value, its key node and the whole property. */
function propertyNamed(object: ts.ObjectLiteralExpression, name: string): { value: ts.Expression; name: ts.Node; node: ts.Node } | undefined {
  // the last one wins, as in JavaScript
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const p = object.properties[i];
    if (ts.isPropertyAssignment(p) && propertyName(p.name) === name) return { value: p.initializer, name: p.name, node: p };
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return { value: p.name, name: p.name, node: p };
  }
  return undefined;
}

/** The value at a dotted path of the configuration (`app.head.script`), through local constants. */
function valueAt(root: ts.ObjectLiteralExpression, path: string, scope: ScopeResolver): ts.Expression | undefined {
  let object: ts.ObjectLiteralExpression | undefined = root;
  let value: ts.Expression | undefined;
  for (const key of path.split('.')) {
    if (!object) return undefined;
    value = propertyNamed(object, key)?.value;
    if (!value) return undefined;
    object = objectOf(value, scope);
  }
  return value;
}

/** A local constant's initializer for an identifier (`plugins: plugins`, `const config = {…}`). */
function throughConstant(e: ts.Expression, scope: ScopeResolver, depth: number): ts.Expression {
  let v = skipOuter(e);
  for (let i = depth; i < MAX_DEPTH && ts.isIdentifier(v); i++) {
    const binding = scope.resolve(v.text, v);
    const init = binding?.kind === 'variable' && !binding.propertyPath ? binding.declaration.initializer : undefined;
    if (!init) break;
    v = skipOuter(init);
  }
  return v;
}

function objectOf(e: ts.Expression | undefined, scope: ScopeResolver): ts.ObjectLiteralExpression | undefined {
  if (!e) return undefined;
  const v = throughConstant(e, scope, 0);
  return ts.isObjectLiteralExpression(v) ? v : undefined;
}

/**
 * The configuration object behind the export: an object literal, the argument of
 * `defineNuxtConfig`/`defineConfig`, a constant, or the object a config function returns.
 */
function configObject(e: ts.Expression, scope: ScopeResolver, depth: number): ts.ObjectLiteralExpression | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let v = throughConstant(e, scope, 0);
  while (ts.isAwaitExpression(v)) v = skipOuter(v.expression);
  if (ts.isObjectLiteralExpression(v)) return v;
  if (ts.isCallExpression(v) && v.arguments.length > 0) return configObject(v.arguments[0], scope, depth + 1);
  if (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) return returnedObject(v, scope, depth);
  if (ts.isIdentifier(v)) {
    const binding = scope.resolve(v.text, v);
    if (binding?.kind === 'function' && (ts.isFunctionDeclaration(binding.node) || ts.isFunctionExpression(binding.node) || ts.isArrowFunction(binding.node))) {
      return returnedObject(binding.node, scope, depth);
    }
  }
  return undefined;
}

/** A function declared in the file under this name (`function f() {}`, `const f = () => …`). */
function localFunction(name: ts.Identifier, scope: ScopeResolver): ts.FunctionLikeDeclaration | undefined {
  const binding = scope.resolve(name.text, name);
  if (binding?.kind === 'function') return binding.node;
  const init = binding?.kind === 'variable' && !binding.propertyPath && binding.declaration.initializer ? skipOuter(binding.declaration.initializer) : undefined;
  return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
}

/** The expression a function returns (its expression body, or its last `return`). */
function returnedExpression(fn: ts.FunctionLikeDeclaration): ts.Expression | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body;
  for (let i = body.statements.length - 1; i >= 0; i--) {
    const s = body.statements[i];
    if (ts.isReturnStatement(s) && s.expression) return s.expression;
  }
  return undefined;
}

function returnedObject(fn: ts.FunctionLikeDeclaration, scope: ScopeResolver, depth: number): ts.ObjectLiteralExpression | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return configObject(body, scope, depth + 1);
  for (let i = body.statements.length - 1; i >= 0; i--) {
    const s = body.statements[i];
    if (ts.isReturnStatement(s) && s.expression) return configObject(s.expression, scope, depth + 1);
  }
  return undefined;
}

/**
 * The entries of a list: array elements, through spreads, `cond && x` / `cond ? a : b`
 * (an environment switch is not a consent check: both branches count), `[…].filter(Boolean)`.
 */
function elementsOf(e: ts.Expression | undefined, scope: ScopeResolver, depth = 0, external?: (node: ts.Expression, ref: ExternalRef) => void): ts.Expression[] {
  if (!e || depth > MAX_DEPTH) return [];
  const v = throughConstant(e, scope, 0);
  if (ts.isArrayLiteralExpression(v)) {
    const out: ts.Expression[] = [];
    for (const element of v.elements) {
      if (ts.isSpreadElement(element)) out.push(...elementsOf(element.expression, scope, depth + 1, external));
      else out.push(...branches(element, scope, depth));
    }
    return out;
  }
  if (ts.isConditionalExpression(v)) return [...elementsOf(v.whenTrue, scope, depth + 1, external), ...elementsOf(v.whenFalse, scope, depth + 1, external)];
  if (ts.isBinaryExpression(v) && (v.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || v.operatorToken.kind === ts.SyntaxKind.BarBarToken || v.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    return [...(v.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? [] : elementsOf(v.left, scope, depth + 1, external)), ...elementsOf(v.right, scope, depth + 1, external)];
  }
  // head: [...analyticsHead()] with `function analyticsHead() { return isProd ? [[…]] : []; }` in the file
  if (ts.isCallExpression(v) && ts.isIdentifier(v.expression)) {
    const fn = localFunction(v.expression, scope);
    const returned = fn && returnedExpression(fn);
    if (returned) return elementsOf(returned, scope, depth + 1, external);
  }
  // [...].filter(Boolean), [...].concat([...])
  if (ts.isCallExpression(v) && ts.isPropertyAccessExpression(v.expression) && (v.expression.name.text === 'filter' || v.expression.name.text === 'concat')) {
    return [...elementsOf(v.expression.expression, scope, depth + 1, external), ...(v.expression.name.text === 'concat' ? v.arguments.flatMap((a) => elementsOf(a, scope, depth + 1, external)) : [])];
  }
  // a list written in another project file (`modules` imported, `require('./plugins')`, `getPlugins()` imported)
  if (external) {
    const ref = externalRef(e, scope);
    if (ref) external(skipOuter(e), ref);
  }
  return [];
}

/** A value written in another project module: the module as written and the export it reads. */
export interface ExternalRef {
  specifier: string;
  exportName: string;
}

/**
 * Where a value comes from when another project file writes it: an imported binding
 * (`import { modules } from './config'`, a namespace's member), a `require('./plugins')` (its
 * `module.exports`, or a member: `require('./config').plugins`, `const { plugins } = require(…)`),
 * or the result of calling one of those (`getPlugins()`, `require('./plugins')(env)`). Packages
 * are not project files: undefined for them.
 */
function externalRef(e: ts.Expression, scope: ScopeResolver, depth = 0): ExternalRef | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const v = skipOuter(e);
  const project = (ref: ExternalRef | undefined) => (ref && mayBeProjectModule(ref.specifier) ? ref : undefined);
  if (ts.isCallExpression(v)) {
    const required = requireOf(v);
    if (required !== undefined) return project({ specifier: required, exportName: 'default' });
    return externalRef(v.expression, scope, depth + 1);
  }
  if (ts.isPropertyAccessExpression(v)) {
    const object = skipOuter(v.expression);
    const required = ts.isCallExpression(object) ? requireOf(object) : undefined;
    if (required !== undefined) return project({ specifier: required, exportName: v.name.text });
    if (ts.isIdentifier(object)) {
      const binding = scope.resolve(object.text, object);
      if (binding?.kind === 'import' && binding.exportName === '*') return project({ specifier: binding.module, exportName: v.name.text });
    }
    return undefined;
  }
  if (!ts.isIdentifier(v)) return undefined;
  const binding = scope.resolve(v.text, v);
  if (binding?.kind === 'import') {
    // `const plugins = require('./plugins')` reads the module's `module.exports`; `import * as ns` is no list
    if (binding.exportName === '*') return ts.isVariableDeclaration(binding.node) || ts.isImportEqualsDeclaration(binding.node) ? project({ specifier: binding.module, exportName: 'default' }) : undefined;
    return project({ specifier: binding.module, exportName: binding.exportName });
  }
  if (binding?.kind !== 'variable' || !binding.declaration.initializer) return undefined;
  const init = skipOuter(binding.declaration.initializer);
  const path = binding.propertyPath;
  if (!path) return ts.isIdentifier(init) || ts.isPropertyAccessExpression(init) || ts.isCallExpression(init) ? externalRef(init, scope, depth + 1) : undefined;
  // const { plugins } = require('./config')
  const required = ts.isCallExpression(init) ? requireOf(init) : undefined;
  return required !== undefined && path.length === 1 ? project({ specifier: required, exportName: path[0] }) : undefined;
}

/** One list element, with `cond && 'x'` and `cond ? 'x' : 'y'` opened into their results. */
function branches(e: ts.Expression, scope: ScopeResolver, depth: number): ts.Expression[] {
  const v = skipOuter(e);
  if (depth > MAX_DEPTH) return [v];
  if (ts.isConditionalExpression(v)) return [...branches(v.whenTrue, scope, depth + 1), ...branches(v.whenFalse, scope, depth + 1)];
  if (ts.isBinaryExpression(v) && v.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return branches(v.right, scope, depth + 1);
  return [v];
}

/**
 * Calls that add entries to a list in the file's top-level statements (also inside top-level
 * `if` blocks, which switch on the environment): `plugins.push(…)`, `config.plugins.unshift(…)`,
 * keyed by the list as written. Reads the statement list only, never function bodies.
 */
function topLevelMutations(sourceFile: ts.SourceFile): Map<string, ts.Expression[]> {
  const out = new Map<string, ts.Expression[]>();
  const visit = (statement: ts.Statement): void => {
    if (ts.isIfStatement(statement)) {
      visit(statement.thenStatement);
      if (statement.elseStatement) visit(statement.elseStatement);
    } else if (ts.isBlock(statement)) statement.statements.forEach(visit);
    else if (ts.isExpressionStatement(statement)) {
      const call = skipOuter(statement.expression);
      if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return;
      const method = call.expression.name.text;
      if (method !== 'push' && method !== 'unshift') return;
      const target = accessPath(call.expression.expression);
      if (!target) return;
      const list = out.get(target) ?? [];
      list.push(...call.arguments);
      out.set(target, list);
    }
  };
  sourceFile.statements.forEach(visit);
  return out;
}

/** `a.b.c` as text, or undefined for anything else. */
function accessPath(e: ts.Expression): string | undefined {
  const v = skipOuter(e);
  if (ts.isIdentifier(v)) return v.text;
  if (ts.isPropertyAccessExpression(v)) {
    const left = accessPath(v.expression);
    return left === undefined ? undefined : `${left}.${v.name.text}`;
  }
  return undefined;
}

/** A plugin entry: `'name'`, `['name', options]`, `{ resolve: 'name', options }`, `name(options)` of an import, `require.resolve('name')`. */
function pluginRef(e: ts.Expression, scope: ScopeResolver): { name: string; node: ts.Node; options?: ts.Expression } | undefined {
  const v = skipOuter(e);
  const name = moduleName(v, scope);
  if (name) return { name, node: v };
  if (ts.isArrayLiteralExpression(v) && v.elements.length > 0) {
    const first = skipOuter(v.elements[0]);
    const n = moduleName(first, scope);
    const second = v.elements[1];
    return n ? { name: n, node: first, options: second && !ts.isSpreadElement(second) ? second : undefined } : undefined;
  }
  if (ts.isObjectLiteralExpression(v)) {
    const resolve = propertyNamed(v, 'resolve');
    const n = resolve && moduleName(skipOuter(resolve.value), scope);
    return n ? { name: n, node: skipOuter(resolve.value), options: propertyNamed(v, 'options')?.value } : undefined;
  }
  // partytown({ … }), googleAnalyticsPlugin({ id }), require('plugin')(options)
  if (ts.isCallExpression(v)) {
    const callee = skipOuter(v.expression);
    let module: string | undefined;
    if (ts.isIdentifier(callee)) {
      const binding = scope.resolve(callee.text, callee);
      if (binding?.kind === 'import') module = binding.module;
      else if (binding?.kind === 'variable' && binding.declaration.initializer) module = requireOf(skipOuter(binding.declaration.initializer));
    } else module = requireOf(callee);
    return module ? { name: module, node: callee, options: v.arguments[0] } : undefined;
  }
  return undefined;
}

/** `'name'` or `require.resolve('name')`. */
function moduleName(v: ts.Expression, scope: ScopeResolver): string | undefined {
  if (ts.isStringLiteralLike(v)) return v.text;
  if (ts.isCallExpression(v) && ts.isPropertyAccessExpression(v.expression) && v.expression.name.text === 'resolve' && ts.isIdentifier(v.expression.expression) && v.expression.expression.text === 'require' && !scope.resolve('require', v)) {
    const arg = v.arguments[0];
    return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
  }
  return undefined;
}

function requireOf(v: ts.Expression): string | undefined {
  if (!ts.isCallExpression(v) || !ts.isIdentifier(v.expression) || v.expression.text !== 'require') return undefined;
  const arg = v.arguments[0];
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

/** The consent options (any plugin's `gatedWhen` option names) an options object sets to a literal. */
function settingsOf(object: ts.ObjectLiteralExpression): ConfigSetting[] {
  const names = new Set(frameworkPlugins().flatMap((p) => (p.gatedWhen ?? []).map((g) => g.option)));
  const out: ConfigSetting[] = [];
  for (const p of object.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const name = propertyName(p.name);
    const value = name !== undefined && names.has(name) ? literalValue(p.initializer) : undefined;
    if (name !== undefined && value !== undefined) out.push({ option: name, value, span: { start: p.getStart(), end: p.getEnd() } });
  }
  return out;
}

/** The option keys of an options object that name a plugin's sub-tracker (`subVendors`). */
function subVendorKeysOf(object: ts.ObjectLiteralExpression): string[] {
  const names = new Set(frameworkPlugins().flatMap((p) => Object.entries(p.subVendors ?? {}).flatMap(([key, id]) => (id ? [key] : []))));
  return object.properties.flatMap((p) => {
    const name = ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? propertyName(p.name) : undefined;
    return name !== undefined && names.has(name) ? [name] : [];
  });
}

/**
 * What this module exports that a framework configuration may import (read from the top-level
 * statements only, no walk): `export const modules = [...]`, `export default [...]`,
 * `export function plugins() { return [...] }`, `export { modules }`, `module.exports = [...]` /
 * `= { plugins: [...] }`, `exports.plugins = [...]`. A list is kept when an entry names a
 * catalogued plugin; an options object when it sets a plugin's consent option, names a
 * sub-tracker or switches a preset's plugin on. Most modules export nothing of the kind.
 */
export function configExportsOf(sourceFile: ts.SourceFile, scope: ScopeResolver): ConfigExport[] {
  const out: ConfigExport[] = [];
  const packages = new Set(frameworkPlugins().map((p) => p.package));
  const presetKeys = new Set(frameworkPlugins().flatMap((p) => (p.presetKey ? [p.presetKey] : [])));
  const describe = (name: string, value: ts.Expression | undefined): void => {
    if (!value) return;
    let v = skipOuter(value);
    if (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) {
      const returned = returnedExpression(v);
      if (!returned) return;
      v = skipOuter(returned);
    }
    const exported: ConfigExport = { name };
    // one entry (`{ resolve, options }`, `['nuxt-gtag', { … }]`, `plugin(options)`), or a list of them
    const single = ts.isArrayLiteralExpression(v) ? (isTupleEntry(v) ? pluginRef(v, scope) : undefined) : pluginRef(v, scope);
    const entries = [...(single ? [v] : elementsOf(v, scope))].flatMap((element) => {
      const ref = pluginRef(element, scope);
      if (!ref || !packages.has(ref.name)) return [];
      const options = ref.options ? objectOf(ref.options, scope) : undefined;
      return [{ package: ref.name, span: { start: ref.node.getStart(sourceFile), end: ref.node.getEnd() }, settings: options ? settingsOf(options) : [], keys: options ? subVendorKeysOf(options) : [] }];
    });
    if (entries.length) exported.entries = entries;
    const scripts = single ? [] : elementsOf(v, scope).flatMap((element) => {
      const found = scriptEntryOf(element, scope);
      const url = found && urlPrefix(skipOuter(found.src));
      if (!found || !url || !/^(?:https?:)?\/\//i.test(url)) return [];
      const src = skipOuter(found.src);
      return [{ shape: found.shape, url, span: { start: src.getStart(sourceFile), end: src.getEnd() }, attributes: Object.fromEntries(found.attributes) }];
    });
    if (scripts.length) exported.scripts = scripts.slice(0, 50);
    const object = single ? undefined : objectOf(v, scope);
    if (object) {
      const settings = settingsOf(object);
      const keys = subVendorKeysOf(object);
      const presets = object.properties.flatMap((p) => {
        if (!ts.isPropertyAssignment(p)) return [];
        const key = propertyName(p.name);
        if (key === undefined || !presetKeys.has(key) || isOff(p.initializer, scope)) return [];
        const options = objectOf(p.initializer, scope);
        return [{ name: key, span: { start: p.name.getStart(sourceFile), end: p.name.getEnd() }, settings: options ? settingsOf(options) : [], keys: options ? subVendorKeysOf(options) : [] }];
      });
      if (settings.length || keys.length || presets.length) exported.object = { settings, keys, presetKeys: presets };
    }
    if (exported.entries || exported.object || exported.scripts) out.push(exported);
  };
  const hasExport = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement) && hasExport(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) describe(d.name.text, d.initializer);
    } else if (ts.isFunctionDeclaration(statement) && hasExport(statement)) {
      const returned = returnedExpression(statement);
      if (returned) describe(isDefault(statement) ? 'default' : statement.name?.text ?? 'default', returned);
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      describe('default', statement.expression);
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      // const modules = [...]; export { modules }
      for (const e of statement.exportClause.elements) describe(e.name.text, (e.propertyName ?? e.name) as ts.Identifier);
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const { left, right } = statement.expression;
      if (isCommonJsExports(left)) {
        describe('default', right);
        const object = objectOf(right, scope);
        for (const p of object?.properties ?? []) {
          if (ts.isPropertyAssignment(p)) {
            const key = propertyName(p.name);
            if (key !== undefined) describe(key, p.initializer);
          } else if (ts.isShorthandPropertyAssignment(p)) describe(p.name.text, p.name);
        }
      } else if (ts.isPropertyAccessExpression(left) && (isCommonJsExports(left.expression) || (ts.isIdentifier(left.expression) && left.expression.text === 'exports'))) {
        describe(left.name.text, right);
      }
    }
  }
  return out;
}

/** A script entry of a head list, by its shape. */
function scriptEntryOf(element: ts.Expression, scope: ScopeResolver): { shape: 'tuple' | 'object' | 'string' | 'tag'; src: ts.Expression; attributes: Map<string, string> } | undefined {
  const e = skipOuter(element);
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e)) return { shape: 'string', src: e, attributes: new Map() };
  if (ts.isArrayLiteralExpression(e)) {
    const attributes = e.elements[1] && !ts.isSpreadElement(e.elements[1]) ? objectOf(e.elements[1], scope) : undefined;
    const src = attributes && propertyNamed(attributes, 'src')?.value;
    return literalText(e.elements[0] as ts.Expression)?.toLowerCase() === 'script' && attributes && src ? { shape: 'tuple', src, attributes: stringProperties(attributes) } : undefined;
  }
  const object = objectOf(e, scope);
  if (!object) return undefined;
  const tag = literalText(propertyNamed(object, 'tagName')?.value);
  if (tag !== undefined) {
    const attributes = objectOf(propertyNamed(object, 'attributes')?.value, scope);
    const src = attributes && propertyNamed(attributes, 'src')?.value;
    return tag.toLowerCase() === 'script' && attributes && src ? { shape: 'tag', src, attributes: stringProperties(attributes) } : undefined;
  }
  const src = propertyNamed(object, 'src')?.value;
  return src ? { shape: 'object', src, attributes: stringProperties(object) } : undefined;
}

/** `['nuxt-gtag', { id }]`: a name with its options object (a list holds names, tuples and `{ resolve }` objects). */
function isTupleEntry(v: ts.ArrayLiteralExpression): boolean {
  const [first, second] = v.elements;
  if (v.elements.length !== 2 || !ts.isStringLiteralLike(skipOuter(first as ts.Expression))) return false;
  const options = skipOuter(second as ts.Expression);
  return ts.isObjectLiteralExpression(options) && !options.properties.some((p) => p.name !== undefined && propertyName(p.name) === 'resolve');
}

function isCommonJsExports(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
}

/** A configuration's import joined with the file it names (see `ProjectFacts.configUsesOf`). */
export interface ConfigUse extends ConfigImport {
  /** The configuration file and the line of the import's use there. */
  file: string;
  line: number;
}

/**
 * The project pass of framework configuration split across files, for one module:
 * - `extra`: the plugin entries this module exports that a configuration file takes into its
 *   plugin list (or a preset's options), as configuration sinks at the entry (where the tracker is
 *   configured), gated by the entry's own consent option or the configuration's;
 * - `gated`: configuration sinks of this file (a configuration) whose options object is imported
 *   and sets the plugin's consent option.
 */
export function configAcrossFiles(
  facts: Pick<FileFacts, 'file' | 'sinks' | 'configExports' | 'configImports'>,
  project: { configUsesOf?(file: string, exportName: string): ConfigUse[]; exportedFrom(specifier: string, exportName: string, fromFile: string): { facts: FileFacts; name: string } | undefined },
  knowledge: Knowledge,
  category: (vendor: VendorEntry) => TrackerSink['category'],
): { extra: TrackerSink[]; gated: Map<TrackerSink, GateResult> } {
  const extra: TrackerSink[] = [];
  const gated = new Map<TrackerSink, GateResult>();
  const where = (use: ConfigUse) => `${use.file.split(/[\\/]/).slice(-2).join('/')}:${use.line}`;
  // what a sink takes from its vendor, the same for script entries and plugin entries
  const vendorFields = (vendor: VendorEntry, span: Span) => ({
    vendorId: vendor.id,
    vendorName: vendor.name,
    category: category(vendor),
    span,
    exemption: vendor.exemption?.note,
    exemptIn: vendor.exemption?.jurisdictions,
    consentMode: vendor.consentMode,
  });
  for (const exported of facts.configExports ?? []) {
    const uses = project.configUsesOf?.(facts.file, exported.name) ?? [];
    const seen = new Set<string>();
    for (const use of uses) {
      const plugins = frameworkPlugins().filter((p) => p.frameworks.includes(use.framework));
      const found: { plugin: FrameworkPlugin; span: Span; label: string; settings: ConfigSetting[]; keys: string[] }[] = [];
      if (use.kind === 'list') {
        for (const entry of exported.entries ?? []) {
          const plugin = plugins.find((p) => p.package === entry.package);
          const own = use.settings?.find((s) => s.plugin === entry.package)?.settings ?? [];
          if (plugin) found.push({ plugin, span: entry.span, label: `${use.entry}: '${entry.package}'`, settings: [...entry.settings, ...own], keys: entry.keys });
        }
      } else if (use.kind === 'preset') {
        for (const key of exported.object?.presetKeys ?? []) {
          const plugin = plugins.find((p) => p.presetKey === key.name);
          if (plugin) found.push({ plugin, span: key.span, label: `${use.entry} ${key.name}`, settings: key.settings, keys: key.keys });
        }
      }
      // head script entries the configuration takes from this file (`head: require('./config/head')`)
      const file = use.kind === 'list' ? configFiles().find((c) => c.id === use.framework) : undefined;
      const shapes = !file ? [] : [
        ...(file.headEntries?.includes(use.entry) ? ['tuple'] : []),
        ...(file.headScripts?.includes(use.entry) ? ['object'] : []),
        ...(file.scriptLists?.includes(use.entry) ? ['object', 'string'] : []),
        ...(file.headTags?.includes(use.entry) ? ['tag'] : []),
      ];
      for (const entry of shapes.length ? exported.scripts ?? [] : []) {
        if (!shapes.includes(entry.shape)) continue;
        const vendor = knowledge.matchScriptUrl(entry.url);
        const third = vendor ? undefined : knowledge.matchThirdParty(entry.url, 'script');
        const found = vendor ?? third?.vendor;
        const key = `${entry.span.start}:${found?.id}`;
        if (!found || seen.has(key)) continue;
        seen.add(key);
        const label = `${use.entry} "${entry.url.length > 60 ? `${entry.url.slice(0, 57)}...` : entry.url}"`;
        const markup = markupOf(new Map(Object.entries(entry.attributes)), knowledge);
        const base = vendorFields(found, entry.span);
        const gate: GateResult = markup !== undefined
          ? markupGate({ category: base.category, span: entry.span, markupCategory: markup }, knowledge)
          : { gated: false, seen: [], trace: [`${where(use)} takes \`${use.entry}\` from this file (\`${exported.name}\`): ${use.frameworkName} injects this script into every page; a consent check in the pages cannot hold it back.`] };
        extra.push({ ...base, form: 'script-tag', label, inJsx: false, ...(third ? { thirdParty: thirdPartyFact(third) } : {}), config: { framework: use.frameworkName, entry: use.entry }, gate });
      }
      for (const { plugin, span, label, settings, keys } of found) {
        const gate = gateFor(plugin, settings, use.frameworkName);
        const why = `${where(use)} takes \`${use.entry}\` from this file (\`${exported.name}\`): ${use.frameworkName} loads what it lists on every page.`;
        for (const vendor of vendorsOf(plugin, keys, knowledge)) {
          const key = `${span.start}:${vendor.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          extra.push({
            ...vendorFields(vendor, span),
            form: 'config',
            label,
            inJsx: false,
            config: { framework: use.frameworkName, entry: label, plugin: plugin.package, consentOption: plugin.consentOption },
            gate: { ...gate, trace: [why, ...gate.trace] },
          });
        }
      }
    }
  }
  // `['nuxt-gtag', gtagOptions]` / `gtag: gtagOptions` imported: the imported object's consent settings
  for (const imported of facts.configImports ?? []) {
    if (imported.kind !== 'options' || !imported.plugin) continue;
    const plugin = frameworkPlugins().find((p) => p.package === imported.plugin && p.frameworks.includes(imported.framework));
    const from = project.exportedFrom(imported.specifier, imported.exportName, facts.file);
    const object = from?.facts.configExports?.find((e) => e.name === from.name)?.object;
    if (!plugin || !object) continue;
    const gate = gateFor(plugin, object.settings, imported.frameworkName);
    if (!gate.gated) continue;
    for (const sink of facts.sinks) {
      if (sink.config?.plugin === plugin.package && sink.config.entry === imported.entry) {
        gated.set(sink, { ...gate, trace: [`Its options come from ${from!.facts.file.split(/[\\/]/).slice(-2).join('/')} (\`${from!.name}\`).`, ...gate.trace] });
      }
    }
  }
  return { extra, gated };
}

/** The vendors a plugin entry loads: its own, and its sub-trackers named by option keys. */
function vendorsOf(plugin: FrameworkPlugin, keys: readonly string[], knowledge: Knowledge): VendorEntry[] {
  const out: VendorEntry[] = [];
  const own = plugin.vendor ? knowledge.vendorById(plugin.vendor) : undefined;
  if (own) out.push(own);
  for (const [key, id] of Object.entries(plugin.subVendors ?? {})) {
    const v = id && keys.includes(key) ? knowledge.vendorById(id) : undefined;
    if (v) out.push(v);
  }
  return out;
}

/** A plugin's gate from the consent settings written for it (literal values), as `pluginHits` judges one in the configuration file. */
function gateFor(plugin: FrameworkPlugin, settings: readonly ConfigSetting[], frameworkName: string): GateResult {
  if (plugin.gatedByDesign) {
    return { gated: true, by: { span: { start: 0, end: 0 }, text: plugin.package, grants: ['any'], form: 'config', confidence: 'high', origin: 'framework-config' }, seen: [], trace: [`${plugin.gatedByDesign}.`] };
  }
  for (const condition of plugin.gatedWhen ?? []) {
    const setting = settings.find((s) => s.option === condition.option && s.value === condition.equals);
    if (setting) {
      return {
        gated: true,
        by: { span: setting.span, text: `${setting.option}: ${JSON.stringify(setting.value)}`, grants: ['any'], form: 'config', confidence: 'high', origin: 'framework-config' },
        seen: [],
        trace: [`${plugin.package} is configured with \`${setting.option}: ${JSON.stringify(setting.value)}\`, so it loads nothing until the site starts it (after consent).`],
      };
    }
  }
  return {
    gated: false,
    seen: [],
    trace: [
      `${frameworkName} loads ${plugin.package} on every page when the site starts; a consent check in the pages cannot hold it back.`,
      plugin.consentOption ? `Its own consent option: ${plugin.consentOption}.` : `${plugin.package} has no option that waits for consent (${plugin.source[0]}).`,
    ],
  };
}
