/**
 * A Workspace is one analysed folder: the Facts of the files seen so far (editor overlays
 * replace disk text) keyed by content hash and consent configuration, the compiler trees of
 * files open in an editor, and the configuration set. It never touches the network and never
 * executes workspace code.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { AnalysisResult, FileAnalysis } from './api-types';
import { LayeredConfigSet, type ConfigSet } from './config';
import type { ResolvedConfig } from './config/types';
import { disambiguateFingerprints, runRules } from './engine';
import { createConsentMatcher, effectiveCategory, languageOf, scriptFacts, scriptKindOf } from './facts';
import type { ConsentMatcher } from './facts/consent';
import { htmlFacts } from './facts/html';
import { angularComponentOf, angularTemplateFileFacts, componentFacts, componentModel, isScriptLanguage, mayDeclareComponent, withAngularTemplates } from './facts/components';
import { configAcrossFiles, type ConfigUse } from './facts/framework-config';
import { formsConfigProblems } from './facts/forms/resolve';
import { FormFeedIndex } from './facts/forms/feeding';
import type { FileFacts, FileLanguage, Reexport, SchemaFact } from './facts/types';
import { buildKnowledge, type Knowledge } from './knowledge';
import { withCatalogues } from './knowledge/catalogues';
import type { ConfigProblem, Finding } from './model';
import { rules as registeredRules } from './rules';
import type { ProjectFacts, QueueLoader } from './rule';
import type { ConsentCategory } from './knowledge/types';
import type { TrackerSink } from './facts/types';
import { ModuleResolver, ProjectIndex } from './project';
import { DISK_IO, type ResolverIO } from './project/resolve';
import { ErasureIndex } from './project/erasure';
import { positionAt } from './text';
import { filterSuppressed } from './suppress';
import { FileAnalysisError, failureReason } from './failure';
import { buildInventory, noticeDrift, type Inventory, type NoticeDrift } from './inventory';
import { codeRecipients } from './inventory/build';
import { displayPath } from './discover';

/** Sink forms that load a tracker's script (as opposed to calling it). */
const LOADER_FORMS: ReadonlySet<TrackerSink['form']> = new Set(['script-tag', 'script-element', 'component', 'config']);

/** Files larger than this are skipped (minified bundles, generated code). */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** Options of a Workspace. */
export interface WorkspaceOptions {
  /** Absolute folder. */
  root: string;
  config?: ConfigSet;
  /** Skip files larger than this many bytes (default 1 MiB). */
  maxFileSize?: number;
  /** Only run these rule ids (all registered rules when omitted). */
  ruleIds?: readonly string[];
  /**
   * A persistent store of per-file Facts (the CLI's cache on disk). Files open in an editor
   * never go through it. Entries are keyed by `factsStoreKey` (content, language, path, the
   * file's effective configuration); the store adds the tool's own version to the key.
   */
  factsStore?: FactsStore;
}

/**
 * A persistent store of per-file Facts. `load` returns what `save` was given for the key (a
 * plain JSON value), or undefined when there is none or it cannot be read; a value that does
 * not look like the facts of the file it is loaded for is ignored (and recomputed and saved again).
 */
export interface FactsStore {
  load(key: string): unknown;
  save(key: string, value: StoredFacts): void;
  /**
   * Whole runs (optional): the result of `analyzeFiles` over a set of files, keyed by every
   * file's facts key, with the journal of what else the run looked at on disk (module
   * resolution, tsconfig files, package roots, the privacy notice). A run over unchanged files,
   * whose journal still holds, gives the stored result without running the rules again.
   */
  loadRun?(key: string): unknown;
  saveRun?(key: string, value: StoredRun): void;
}

/** What a FactsStore holds per whole run (plain JSON). */
export interface StoredRun {
  /** What the run looked at outside the analysed files: probe → answer (see `Workspace.probe`). */
  journal: Record<string, string>;
  result: Omit<AnalysisResult, 'configProblems'>;
}

/** What a FactsStore holds per file: the FileFacts without the text (the file itself has it). */
export type StoredFacts = Omit<FileFacts, 'text'> & { text?: undefined };

interface Prepared {
  abs: string;
  resolved: ResolvedConfig;
  policy: PolicyContext;
  facts: FileFacts;
}

interface PolicyContext {
  knowledge: Knowledge;
  matcher: ConsentMatcher;
  key: string;
  problems: ConfigProblem[];
}

/** One analysed folder. */
export class Workspace {
  readonly root: string;
  private config: ConfigSet;
  private readonly facts = new Map<string, FileFacts>();
  private readonly resolver: ModuleResolver;
  private index?: ProjectIndex;
  private indexVersion = -1;
  /** Bumped whenever a file's facts change; the project index is rebuilt lazily. */
  private factsVersion = 0;
  /**
   * Since the project index was built: the files whose facts were replaced (with their facts at
   * the build), and whether anything else changed (files added or dropped, module resolution
   * reset), which needs a new build. An edit in an editor replaces one file's facts: the index is
   * then updated for that file alone (`ProjectIndex.replaceFile`), not rebuilt over every file.
   */
  private readonly indexChanges = new Map<string, FileFacts>();
  private indexStale = false;
  /** Compiler trees of files open in an editor, for incremental re-parsing. */
  private readonly trees = new Map<string, { tree: ts.SourceFile; kind: ts.ScriptKind }>();
  /** Files whose current facts come from editor text rather than disk. */
  private readonly overlays = new Set<string>();
  private readonly policies = new WeakMap<ResolvedConfig, PolicyContext>();
  private readonly maxFileSize: number;
  private readonly ruleIds?: ReadonlySet<string>;
  private readonly store?: FactsStore;
  /** Hash of each resolved configuration (for store keys). */
  private readonly configHashes = new WeakMap<ResolvedConfig, string>();
  /**
   * While a stored run is being computed: every answer the file system gave outside the
   * analysed files (probe → answer), for checking the run later (see `analyzeFiles`).
   */
  private journal?: Map<string, string>;
  /** The module resolver's view of the disk, recorded into the journal while there is one. */
  private readonly resolverIO: ResolverIO = {
    isFile: (file) => this.record(`file:${file}`, DISK_IO.isFile(file) ? '1' : '0') === '1',
    readFile: (file) => {
      let text: string;
      try {
        text = DISK_IO.readFile(file);
      } catch (error) {
        this.record(`text:${file}`, '!');
        throw error;
      }
      this.record(`text:${file}`, `=${hashText(text)}`);
      return text;
    },
  };

  constructor(options: WorkspaceOptions) {
    this.root = path.resolve(options.root);
    this.config = options.config ?? new LayeredConfigSet(this.root, registeredRules, []);
    this.maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    this.ruleIds = options.ruleIds ? new Set(options.ruleIds) : undefined;
    this.store = options.factsStore;
    this.resolver = new ModuleResolver(this.root, (file) => this.facts.has(file), this.resolverIO);
  }

  /** Replaces the configuration (e.g. after `creepyline.json` changed); caches are dropped. */
  setConfig(config: ConfigSet): void {
    this.config = config;
    this.facts.clear();
    this.factsVersion++;
    this.resolver.clear();
    this.indexStale = true;
  }

  /** Sizes of the caches (for a language server's memory diagnostics and stress tests). */
  cacheStats(): { facts: number; overlays: number; editorTrees: number } {
    return { facts: this.facts.size, overlays: this.overlays.size, editorTrees: this.trees.size };
  }

  /** The configuration in use. */
  getConfig(): ConfigSet {
    return this.config;
  }

  /** Drops the overlay and caches of a file (editor closed it, or it was deleted). */
  forget(file: string): void {
    const abs = path.resolve(this.root, file);
    if (this.facts.delete(abs)) this.factsVersion++;
    this.resolver.clear();
    this.indexStale = true;
    this.overlays.delete(abs);
    this.trees.delete(abs);
  }

  /** Analyses one file; `text` is the editor's unsaved text, otherwise the file is read from disk. */
  analyzeFile(file: string, text?: string): FileAnalysis {
    const prepared = this.prepare(file, text);
    return 'skipped' in prepared ? prepared.skipped : this.check(prepared);
  }

  /**
   * Analyses many files (absolute or root-relative paths): first the syntax pass over all
   * of them, then the rules, so that project facts (e.g. Consent Mode defaults set in another
   * file) are known to every file's rules.
   */
  analyzeFiles(files: readonly string[]): AnalysisResult {
    const configProblems = () => [...this.config.problems, ...this.knowledgeProblems()];
    // A stored run over exactly these files (and facts), if its journal still holds: no rules run.
    const runKey = this.runKey(files);
    if (runKey !== undefined) {
      const stored = this.storedRun(runKey);
      if (stored) return { ...stored, configProblems: configProblems() };
      // Everything the project pass looks at on disk from here on goes into the journal: its
      // caches start empty, so that every answer it uses is asked (and recorded) in this run.
      this.journal = new Map();
      this.resolver.clear();
      this.indexStale = true;
      this.packageRoots.clear();
      this.factsVersion++;
    }
    try {
      const findings: Finding[] = [];
      const skippedFiles: AnalysisResult['skipped'] = [];
      const prepared: Prepared[] = [];
      for (const file of files) {
        const result = this.prepare(file);
        if ('skipped' in result) skippedFiles.push(result.skipped.skipped!);
        else prepared.push(result);
      }
      let analysed = 0;
      const parseErrors: AnalysisResult['parseErrors'] = [];
      for (const item of prepared) {
        const result = this.check(item);
        if (result.skipped) skippedFiles.push(result.skipped);
        else analysed++;
        if (result.parseError) parseErrors.push(result.parseError);
        findings.push(...result.findings);
      }
      const result = { findings, skipped: skippedFiles, filesAnalysed: analysed, parseErrors };
      if (runKey !== undefined && this.journal) {
        try {
          this.store!.saveRun!(runKey, { journal: Object.fromEntries(this.journal), result });
        } catch {
          // a store that cannot keep the run costs the next run time, never this one's result
        }
      }
      return { ...result, configProblems: configProblems() };
    } finally {
      this.journal = undefined;
    }
  }

  /**
   * The key of a whole run (`FactsStore.loadRun`): the rule selection, the size limit and, in
   * order, each listed file's facts key (or why it is skipped), plus the files whose facts are
   * already known (the project pass reads them too). Undefined when the store keeps no runs or
   * editor text is involved.
   */
  private runKey(files: readonly string[]): string | undefined {
    if (!this.store?.loadRun || !this.store.saveRun || this.overlays.size > 0) return undefined;
    const hasher = createHash('sha256').update(`run-v1\0${this.root}\0${this.maxFileSize}\0${this.ruleIds ? [...this.ruleIds].sort().join(',') : '*'}\n`);
    const listed = new Set<string>();
    for (const file of files) {
      const abs = path.resolve(this.root, file);
      listed.add(abs);
      hasher.update(`${abs}\0${this.fileKey(abs)}\n`);
    }
    for (const abs of [...this.facts.keys()].filter((f) => !listed.has(f)).sort()) hasher.update(`+${abs}\0${this.fileKey(abs)}\n`);
    return hasher.digest('hex');
  }

  /** A file's facts key as `prepare` would compute it (without computing the facts), or why it is skipped. */
  private fileKey(abs: string): string {
    const language = languageOf(abs);
    if (!language) return 'unsupported';
    if (this.config.isIgnored(abs)) return 'ignored';
    const read = readText(abs, this.maxFileSize);
    if ('reason' in read) return `skipped:${read.reason}`;
    try {
      const resolved = this.config.forFile(abs);
      const policy = this.policy(resolved);
      return this.storeKey(abs, language, this.contentKey(abs, language, read.text, policy).hash, resolved);
    } catch (error) {
      return `failed:${failureReason(error)}`;
    }
  }

  /** The stored result of a run, when there is one and everything its journal recorded still holds. */
  private storedRun(key: string): Omit<AnalysisResult, 'configProblems'> | undefined {
    try {
      const value = this.store!.loadRun!(key) as Partial<StoredRun> | undefined;
      if (typeof value !== 'object' || value === null || typeof value.journal !== 'object' || value.journal === null) return undefined;
      const result = value.result;
      if (typeof result !== 'object' || result === null || !Array.isArray(result.findings) || !Array.isArray(result.skipped) || !Array.isArray(result.parseErrors) || typeof result.filesAnalysed !== 'number') return undefined;
      for (const [probe, answer] of Object.entries(value.journal)) if (Workspace.answerNow(probe) !== answer) return undefined;
      return { findings: result.findings, skipped: result.skipped, filesAnalysed: result.filesAnalysed, parseErrors: result.parseErrors };
    } catch {
      return undefined;
    }
  }

  /**
   * Runs the syntax pass (no rules) over files that are not open in an editor, so that
   * cross-file analysis knows their callers and Consent Mode defaults. Skipped files are ignored.
   */
  indexFiles(files: readonly string[]): void {
    // Files may have appeared on disk since the last resolution.
    this.resolver.clear();
    this.indexStale = true;
    for (const file of files) {
      const abs = path.resolve(this.root, file);
      if (this.overlays.has(abs)) continue;
      this.prepare(abs);
    }
  }

  /**
   * Parses a new editor version at once, without the analysis: a language server calls it on
   * every change and analyses after its debounce, so the (incremental) parse is done by then.
   */
  parseText(file: string, text: string): void {
    const abs = path.resolve(this.root, file);
    const language = languageOf(abs);
    if (!language || !isScriptLanguage(language) || text.length > this.maxFileSize) return;
    this.overlays.add(abs);
    try {
      this.editorTree(abs, language, text);
    } catch {
      // The analysis that follows parses again and reports the file as skipped, with the reason.
      this.trees.delete(abs);
    }
  }

  /** Runs the syntax pass over unsaved text of a file (no rules), e.g. another open editor. */
  indexText(file: string, text: string): void {
    this.prepare(path.resolve(this.root, file), text);
  }

  /**
   * Files whose findings may change when `file` changes: the project files it uses (a caller
   * decides whether the wrapper it calls is gated, along wrapper chains), and, when it sets
   * Consent Mode defaults, the files of its package with Google tags.
   */
  dependentsOf(file: string): string[] {
    const abs = path.resolve(this.root, file);
    const out = new Set<string>();
    const queue = [abs];
    while (queue.length > 0 && out.size < 500) {
      const current = queue.shift()!;
      const facts = this.facts.get(current);
      if (!facts) continue;
      for (const use of facts.imports) {
        const target = this.resolver.resolve(use.specifier, current);
        if (target && target !== abs && !out.has(target)) {
          out.add(target);
          queue.push(target);
        }
      }
    }
    const own = this.facts.get(abs);
    // Callers' pii-to-third-party findings depend on what this file's exported helpers send where.
    for (const importer of this.projectIndex().importers(abs)) if ((this.facts.get(importer)?.piiCalls.length ?? 0) > 0) out.add(importer);
    // A page's pre-ticked finding depends on the checkbox component it renders.
    if (own && own.consentForms.checkboxComponents.length > 0) for (const importer of this.projectIndex().importers(abs)) out.add(importer);
    // A form in another file takes its required flags from this file's exported schema.
    if (own && own.schemas.some((schema) => schema.exportNames.length > 0)) for (const importer of this.projectIndex().importers(abs)) out.add(importer);
    if (own && own.consentDefaults.length > 0) {
      const pkg = this.packageRoot(abs);
      for (const facts of this.facts.values()) {
        if (facts.file !== abs && this.packageRoot(facts.file) === pkg && facts.sinks.some((s) => s.consentMode)) out.add(facts.file);
      }
    }
    // An Angular templateUrl file of the same folder is read with this component's members.
    if (own && /\.ts$/.test(abs) && mayDeclareComponent(own.text)) {
      for (const file of this.facts.keys()) if (path.dirname(file) === path.dirname(abs) && /\.html?$/i.test(file)) out.add(file);
    }
    // Framework configuration split across files: the module a configuration takes its plugins or
    // options from is judged with it, and the configuration with the options it imports.
    for (const imported of own?.configImports ?? []) {
      const from = this.exportedFrom(imported.specifier, imported.exportName, abs);
      if (from) out.add(from.facts.file);
    }
    if (own?.configExports?.length) {
      for (const facts of this.facts.values()) {
        if (facts.configImports?.some((i) => this.exportedFrom(i.specifier, i.exportName, facts.file)?.facts.file === abs)) out.add(facts.file);
      }
    }
    // A component's methods are judged by the uses in its templateUrl file of the same folder.
    if (own && /\.html?$/i.test(abs)) {
      for (const [file, facts] of this.facts) if (path.dirname(file) === path.dirname(abs) && /\.ts$/.test(file) && facts.text.includes(path.basename(abs)) && mayDeclareComponent(facts.text)) out.add(file);
    }
    // erasure-not-propagated: a file that uses a processor or erases there changes the verdict of the package's deletion paths
    const dh = own?.dataHandling;
    if (dh && (dh.processorUses.length > 0 || dh.erasureCalls.length > 0)) {
      const pkg = this.packageRoot(abs);
      for (const facts of this.facts.values()) {
        if (facts.file !== abs && (facts.dataHandling?.deletions.length ?? 0) > 0 && this.packageRoot(facts.file) === pkg) out.add(facts.file);
      }
    }
    return [...out].sort();
  }

  /**
   * The privacy inventory of `files` from the facts the analysis computed (call after
   * `analyzeFiles` with the same files; files not analysed yet go through the syntax pass now)
   * and the findings of that run. `notice` (relative to the root) overrides the configured
   * `privacyNotice`.
   */
  inventory(files: readonly string[], findings: readonly Finding[], options: { notice?: string } = {}): Inventory {
    const facts: FileFacts[] = [];
    for (const file of files) {
      const abs = path.resolve(this.root, file);
      const known = this.facts.get(abs);
      if (known) facts.push(known);
      else {
        const prepared = this.prepare(abs);
        if (!('skipped' in prepared)) facts.push(prepared.facts);
      }
    }
    const source = options.notice !== undefined
      ? { key: '', file: path.resolve(this.root, options.notice) }
      : this.noticeSourceOf(this.config.forFile(path.join(this.root, 'index.ts')));
    const notice = source?.names
      ? { file: source.file, label: `noticeNames in ${path.basename(source.file)}`, text: source.names.join('\n') }
      : source ? this.readNotice(source.file) : undefined;
    // Company facts and embed names come from the root configuration's catalogues (`knowledge`).
    const rootCatalogues = this.policy(this.config.forFile(path.join(this.root, 'index.ts'))).knowledge.catalogues;
    return withCatalogues(rootCatalogues, () =>
      buildInventory({
        facts,
        findings,
        knowledge: (file) => this.policy(this.config.forFile(file)).knowledge,
        config: (file) => this.config.forFile(file),
        project: (file) => this.projectFacts(file),
        ...(notice ? { notice } : {}),
      }),
    );
  }

  private noticeCache?: { version: number; drifts: Map<string, NoticeDrift> };

  /**
   * The notice a file's configuration names: `privacyNotice` (a file), else the names listed
   * in the `vendor-missing-from-notice` option `noticeNames` (a notice kept in a CMS).
   */
  private noticeSourceOf(resolved: ResolvedConfig): { key: string; file: string; names?: string[] } | undefined {
    if (resolved.privacyNotice !== undefined) return { key: `file:${resolved.privacyNotice}`, file: resolved.privacyNotice };
    const names = resolved.rules['vendor-missing-from-notice']?.options?.noticeNames;
    if (Array.isArray(names) && names.length > 0) {
      const list = names.filter((n): n is string => typeof n === 'string');
      return { key: `names:${JSON.stringify(list)}`, file: this.config.configFile ?? path.join(this.root, 'creepyline.json'), names: list };
    }
    return undefined;
  }

  /** The notice file's text, or why it cannot be read. */
  private readNotice(file: string): { file: string; text?: string; error?: string } {
    const read = readText(file, 4 * this.maxFileSize);
    this.record(`notice:${4 * this.maxFileSize}:${file}`, 'text' in read ? `=${hashText(read.text)}` : `!${read.reason}`);
    return 'text' in read ? { file, text: read.text } : { file, error: read.reason };
  }

  /**
   * Notice drift for a notice: the recipients in every analysed file whose configuration names
   * the same notice, compared with the names in it (cached per facts version).
   */
  private noticeDriftFor(source: { key: string; file: string; names?: string[] }, knowledge: Knowledge): NoticeDrift {
    if (this.noticeCache?.version !== this.factsVersion) this.noticeCache = { version: this.factsVersion, drifts: new Map() };
    const cached = this.noticeCache.drifts.get(source.key);
    if (cached) return cached;
    const facts = [...this.facts.values()].filter((f) => this.noticeSourceOf(this.config.forFile(f.file))?.key === source.key);
    const notice = source.names
      ? { file: source.file, label: `noticeNames in ${path.basename(source.file)}`, text: source.names.join('\n') }
      : { ...this.readNotice(source.file), label: displayPath(this.root, source.file) };
    const drift = noticeDrift(codeRecipients(facts, (file) => this.policy(this.config.forFile(file)).knowledge), notice, knowledge);
    this.noticeCache.drifts.set(source.key, drift);
    return drift;
  }

  /** The cross-file index over every file's facts (rebuilt when facts changed). */
  private configUses?: { version: number; byTarget: Map<string, ConfigUse[]> };

  /** Framework configuration split across files: each configuration's imports, by the file and export they read. */
  private configUsesOf(file: string, exportName: string): ConfigUse[] {
    if (this.configUses?.version !== this.factsVersion) {
      const byTarget = new Map<string, ConfigUse[]>();
      for (const facts of this.facts.values()) {
        for (const imported of facts.configImports ?? []) {
          const from = this.exportedFrom(imported.specifier, imported.exportName, facts.file);
          if (!from) continue;
          const key = `${from.facts.file}\0${from.name}`;
          const list = byTarget.get(key) ?? [];
          list.push({ ...imported, file: facts.file, line: positionAt(facts.lineStarts, imported.span.start).line });
          byTarget.set(key, list);
        }
      }
      this.configUses = { version: this.factsVersion, byTarget };
    }
    return this.configUses.byTarget.get(`${file}\0${exportName}`) ?? [];
  }

  private projectIndex(): ProjectIndex {
    if (this.index && this.indexVersion === this.factsVersion) return this.index;
    // Only files' facts replaced, none of their re-exports changed (other files' uses reach through those): update.
    const update = this.index !== undefined && !this.indexStale && [...this.indexChanges].every(([file, before]) => {
      const now = this.facts.get(file);
      return now !== undefined && sameReexports(before.reexports, now.reexports);
    });
    if (update) for (const file of this.indexChanges.keys()) this.index!.replaceFile(this.facts.get(file)!, this.facts);
    else this.index = new ProjectIndex(this.facts.values(), this.resolver);
    this.indexChanges.clear();
    this.indexStale = false;
    this.indexVersion = this.factsVersion;
    return this.index!;
  }

  /** Stores a file's new facts (`previous`: the ones they replace), noting the change for the project index. */
  private setFacts(abs: string, facts: FileFacts, previous: FileFacts | undefined): void {
    if (previous === undefined || this.facts.get(abs) !== previous) this.indexStale = true;
    else if (!this.indexChanges.has(abs)) this.indexChanges.set(abs, previous);
    this.facts.set(abs, facts);
    this.factsVersion++;
  }

  private erasure?: { version: number; index: ErasureIndex };

  /** The erasure analysis over every file's facts (rebuilt when facts changed). */
  private erasureIndex(): ErasureIndex {
    if (this.erasure?.version !== this.factsVersion) this.erasure = { version: this.factsVersion, index: new ErasureIndex(this.facts.values(), this.resolver) };
    return this.erasure.index;
  }

  private feeds?: { version: number; index: FormFeedIndex };

  /** Rendered forms by the endpoints they feed (rebuilt when facts changed). */
  private formFeedIndex(): FormFeedIndex {
    if (this.feeds?.version !== this.factsVersion) {
      this.feeds = { version: this.factsVersion, index: new FormFeedIndex(this.facts.values(), (from, specifier, exportName) => this.schemaOf(from, specifier, exportName), (f) => this.packageRoot(f)) };
    }
    return this.feeds.index;
  }

  /** Undirected import graph of the analysed files (rebuilt when facts changed). */
  private graph?: { version: number; edges: Map<string, Set<string>> };

  private importGraph(): Map<string, Set<string>> {
    if (this.graph?.version === this.factsVersion) return this.graph.edges;
    const edges = new Map<string, Set<string>>();
    const link = (a: string, b: string) => {
      let set = edges.get(a);
      if (!set) edges.set(a, (set = new Set()));
      set.add(b);
    };
    for (const facts of this.facts.values()) {
      for (const specifier of facts.dependencies) {
        const target = this.resolver.resolve(specifier, facts.file);
        if (!target) continue;
        link(facts.file, target);
        link(target, facts.file);
      }
    }
    this.graph = { version: this.factsVersion, edges };
    return edges;
  }

  /** Files connected to `file` through imports in either direction, at most `depth` steps away. */
  private connected(file: string, depth: number): Set<string> {
    const edges = this.importGraph();
    const seen = new Set([file]);
    let frontier = [file];
    for (let d = 0; d < depth && frontier.length > 0; d++) {
      const next: string[] = [];
      for (const f of frontier) for (const g of edges.get(f) ?? []) if (!seen.has(g)) { seen.add(g); next.push(g); }
      frontier = next;
    }
    return seen;
  }

  /**
   * Cross-file facts for one file. Consent Mode defaults count only from files that share a
   * load path with it: the file itself or files linked to it by imports (a layout that imports
   * the tag component, a module the component imports), within the same package.
   */
  projectFacts(file: string): ProjectFacts {
    const pkg = this.packageRoot(file);
    const consentModeDenied = this.consentModeDenied(file, pkg);
    const noticeSource = this.noticeSourceOf(this.config.forFile(file));
    return {
      consentModeDenied,
      ...(noticeSource ? { notice: () => this.noticeDriftFor(noticeSource, this.policy(this.config.forFile(file)).knowledge) } : {}),
      gateAcrossFiles: (target, names, category) => this.projectIndex().gate(target, names, category),
      exportedFrom: (specifier, exportName, fromFile) => this.exportedFrom(specifier, exportName, fromFile),
      configUsesOf: (target, exportName) => this.configUsesOf(target, exportName),
      queueLoaders: (vendorIds, category) => this.queueLoaders(pkg, vendorIds, category),
      consentEventDispatches: (name) => this.consentEventDispatches(pkg, name),
      markupCallsOf: (target, name) => this.markupCallsOf(pkg, target, name),
      includedScripts: (page, scripts) => scripts.flatMap((src) => this.scriptCandidates(page, src, pkg)).map((f) => this.facts.get(f)).filter((f): f is FileFacts => f !== undefined),
      schemaOf: (from, specifier, exportName) => this.schemaOf(from, specifier, exportName),
      formsFeeding: (form) => {
        const facts = this.facts.get(file);
        return facts ? this.formFeedIndex().feeding(facts, form) : [];
      },
      erasure: {
        processorUses: () => this.erasureIndex().processorUses((f) => this.packageRoot(f) === pkg),
        reach: (target, body, lookup) => this.erasureIndex().reach(target, body, lookup),
        calledByDeletion: (target, body, names, name) => this.erasureIndex().calledByDeletion(target, body, names, name),
      },
    };
  }

  /** Inline-handler calls of the global `name` of script `target` from the pages in package `pkg` that include it. */
  private markupCallsOf(pkg: string, target: string, name: string): { file: string; line: number; span: { start: number; end: number }; accept?: string; event: string }[] {
    const out: { file: string; line: number; span: { start: number; end: number }; accept?: string; event: string }[] = [];
    for (const facts of this.facts.values()) {
      if (!facts.markupCalls?.length || this.packageRoot(facts.file) !== pkg) continue;
      const includes = new Map<string, boolean>();
      for (const call of facts.markupCalls) {
        if (call.name !== name) continue;
        const key = call.scripts.join('\n');
        if (!includes.has(key)) includes.set(key, call.scripts.some((src) => this.scriptCandidates(facts.file, src, pkg).includes(target)));
        if (!includes.get(key)) continue;
        out.push({ file: facts.file, line: positionAt(facts.lineStarts, call.span.start).line, span: call.span, event: call.event, ...(call.accept ? { accept: call.accept } : {}) });
      }
    }
    return out;
  }

  /** Where a page's `<script src>` may be on disk: relative to the page, or root-relative from a folder between the page and its package. */
  private scriptCandidates(page: string, src: string, pkg: string): string[] {
    const clean = src.split(/[?#]/)[0];
    if (!clean || /^([a-z]+:)?\/\//i.test(clean)) return [];
    if (!clean.startsWith('/')) return [path.resolve(path.dirname(page), clean)];
    const out: string[] = [];
    for (let dir = path.dirname(page); ; dir = path.dirname(dir)) {
      out.push(path.join(dir, clean));
      if (dir === pkg || dir === path.dirname(dir) || out.length > 8) break;
    }
    return out;
  }

  /** Dispatches of the site's own consent event `name` in package `pkg`, with their paths. */
  private consentEventDispatches(pkg: string, name: string): { file: string; line: number; accept: boolean; path: string }[] {
    const out: { file: string; line: number; accept: boolean; path: string }[] = [];
    for (const facts of this.facts.values()) {
      if (!facts.consentEvents?.length || this.packageRoot(facts.file) !== pkg) continue;
      for (const d of facts.consentEvents) if (d.event === name) out.push({ file: facts.file, line: positionAt(facts.lineStarts, d.span.start).line, accept: d.accept, path: d.path });
    }
    return out;
  }

  /** Files that set a Consent Mode default to `denied`, in facts order (per facts version). */
  private deniedSources?: { version: number; sources: { file: string; pkg: string; entries: ProjectFacts['consentModeDenied']; related?: Set<string> }[] };

  /**
   * The `denied` Consent Mode defaults that count for `file`: those of files in its package
   * within six import steps of it, either direction, the file itself included. Computed from
   * the (few) files that set such defaults, each searched once per facts version: "D is within
   * six undirected steps of F" is symmetric, so one search from D answers it for every F (a
   * search from every file was quadratic in the size of the project).
   */
  private consentModeDenied(file: string, pkg: string): ProjectFacts['consentModeDenied'] {
    if (this.deniedSources?.version !== this.factsVersion) {
      const sources: NonNullable<Workspace['deniedSources']>['sources'] = [];
      for (const facts of this.facts.values()) {
        const entries: ProjectFacts['consentModeDenied'] = [];
        for (const d of facts.consentDefaults) {
          if (Object.values(d.values).includes('denied')) entries.push({ file: facts.file, line: positionAt(facts.lineStarts, d.span.start).line });
        }
        if (entries.length > 0) sources.push({ file: facts.file, pkg: this.packageRoot(facts.file), entries });
      }
      this.deniedSources = { version: this.factsVersion, sources };
    }
    const out: ProjectFacts['consentModeDenied'] = [];
    for (const source of this.deniedSources.sources) {
      if (source.pkg !== pkg) continue;
      source.related ??= this.connected(source.file, 6);
      if (source.related.has(file)) out.push(...source.entries);
    }
    return out;
  }

  private loaderCache?: { version: number; entries: Map<string, QueueLoader[]> };

  /** Loader sinks of `vendorIds` in package `pkg`, with whether each is gated for `category` (cached per facts version). */
  private queueLoaders(pkg: string, vendorIds: readonly string[], category: ConsentCategory): QueueLoader[] {
    if (this.loaderCache?.version !== this.factsVersion) this.loaderCache = { version: this.factsVersion, entries: new Map() };
    const key = `${pkg}\0${vendorIds.join(',')}\0${category}`;
    const cached = this.loaderCache.entries.get(key);
    if (cached) return cached;
    const loaders: QueueLoader[] = [];
    for (const facts of this.facts.values()) {
      if (this.packageRoot(facts.file) !== pkg) continue;
      // plugin entries and head scripts a framework configuration takes from this file load the tracker too
      let split: TrackerSink[] = [];
      if (facts.configExports?.length) {
        const resolved = this.config.forFile(facts.file);
        split = configAcrossFiles(facts, { configUsesOf: (f, n) => this.configUsesOf(f, n), exportedFrom: (sp, n, f) => this.exportedFrom(sp, n, f) }, this.policy(resolved).knowledge, (v) => effectiveCategory(v, resolved)).extra;
      }
      for (const sink of [...facts.sinks, ...split]) {
        if (!LOADER_FORMS.has(sink.form) || !vendorIds.includes(sink.vendorId)) continue;
        const grants = sink.gate.by?.grants ?? [];
        let gated = sink.gate.gated && (grants.includes('any') || grants.includes(category) || sink.category === category);
        if (!sink.gate.gated && sink.gate.exportNames) {
          const across = this.projectIndex().gate(facts.file, sink.gate.exportNames, category);
          gated = across.uses > 0 && across.gated;
        }
        // a loader in a global function of a classic script: gated when every page handler calling it is on an accept control
        if (!sink.gate.gated && sink.gate.globalFunction) {
          const calls = this.markupCallsOf(pkg, facts.file, sink.gate.globalFunction);
          gated = calls.length > 0 && calls.every((c) => c.accept !== undefined);
        }
        // a loader in a listener of the site's own consent event: gated when every dispatch accepts
        if (!sink.gate.gated && sink.gate.consentEvent) {
          const dispatches = this.consentEventDispatches(pkg, sink.gate.consentEvent.name);
          gated = dispatches.length > 0 && dispatches.every((d) => d.accept);
        }
        loaders.push({ file: facts.file, line: positionAt(facts.lineStarts, sink.span.start).line, gated });
      }
    }
    this.loaderCache.entries.set(key, loaders);
    return loaders;
  }

  /** The analysed file (and its local name) behind an imported binding, following re-exports up to four hops. */
  private exportedFrom(specifier: string, exportName: string, fromFile: string, depth = 0): { facts: FileFacts; name: string } | undefined {
    const target = this.resolver.resolve(specifier, fromFile);
    const facts = target ? this.facts.get(target) : undefined;
    if (!facts || depth > 4) return undefined;
    for (const r of facts.reexports) {
      if (r.as !== exportName && r.as !== '*') continue;
      const found = this.exportedFrom(r.specifier, r.as === '*' ? exportName : r.exportName, facts.file, depth + 1);
      if (found) return found;
    }
    return { facts, name: exportName };
  }

  /** A schema exported by another analysed file (through up to four re-exports). */
  private schemaOf(from: string, specifier: string, exportName: string, depth = 0): { file: string; schema: SchemaFact } | undefined {
    const target = this.resolver.resolve(specifier, from);
    const facts = target ? this.facts.get(target) : undefined;
    if (!target || !facts || depth > 4) return undefined;
    const schema = facts.schemas.find((s) => s.exportNames.includes(exportName));
    if (schema) return { file: target, schema };
    for (const r of facts.reexports) {
      if (r.as !== exportName && r.as !== '*') continue;
      const found = this.schemaOf(target, r.specifier, r.as === '*' ? exportName : r.exportName, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  private readonly packageRoots = new Map<string, string>();

  /** The nearest folder (up to the workspace root) with a package.json or creepyline.json. */
  private packageRoot(file: string): string {
    const dir = path.dirname(file);
    let known = this.packageRoots.get(dir);
    if (known === undefined) {
      known = this.root;
      for (let d = dir; d.startsWith(this.root + path.sep); d = path.dirname(d)) {
        if (this.exists(path.join(d, 'package.json')) || this.exists(path.join(d, 'creepyline.json'))) {
          known = d;
          break;
        }
      }
      this.packageRoots.set(dir, known);
    }
    return known;
  }

  private prepare(file: string, text?: string): Prepared | { skipped: FileAnalysis } {
    const abs = path.resolve(this.root, file);
    const language = languageOf(abs);
    if (!language) return { skipped: skipped(abs, 'not a file type Creepyline analyses') };
    if (this.config.isIgnored(abs)) return { skipped: skipped(abs, 'ignored by configuration') };
    let content = text;
    if (text !== undefined) this.overlays.add(abs);
    // A file open in an editor (a workspace scan reads every file): its unsaved text counts.
    else if (this.overlays.has(abs)) content = this.facts.get(abs)?.text ?? this.trees.get(abs)?.tree.text;
    if (content === undefined) {
      const read = readText(abs, this.maxFileSize);
      if ('reason' in read) return { skipped: skipped(abs, read.reason) };
      content = read.text;
    } else if (content.length > this.maxFileSize) {
      return { skipped: skipped(abs, `larger than ${Math.round(this.maxFileSize / 1024)} KiB`) };
    }
    try {
      const resolved = this.config.forFile(abs);
      const policy = this.policy(resolved);
      const text = content;
      return { abs, resolved, policy, facts: withCatalogues(policy.knowledge.catalogues, () => this.factsFor(abs, language, text, resolved, policy)) };
    } catch (error) {
      // One file never ends a run: it is skipped with the reason, and its stale facts leave
      // the project pass (which then treats it as absent, like any file it never saw).
      this.dropFile(abs);
      return { skipped: skipped(abs, failureReason(error)) };
    }
  }

  /** Runs the rules over one prepared file; a failure skips the file with its reason. */
  private check({ abs, resolved, policy, facts }: Prepared): FileAnalysis {
    try {
      const active = this.ruleIds ? registeredRules.filter((r) => this.ruleIds!.has(r.id)) : registeredRules;
      const { findings, timings } = withCatalogues(policy.knowledge.catalogues, () => runRules(active, facts, resolved, policy.knowledge, this.projectFacts(abs)));
      const kept = disambiguateFingerprints(filterSuppressed(findings, facts, resolved, registeredRules.map((r) => r.id)));
      const [first] = facts.parseErrors;
      if (!first) return { file: abs, findings: kept, timings };
      const at = positionAt(facts.lineStarts, first.span.start);
      return { file: abs, findings: kept, timings, parseError: { file: abs, line: at.line, column: at.column, message: first.message, count: facts.parseErrors.length } };
    } catch (error) {
      return skipped(abs, failureReason(error));
    }
  }

  /** Forgets a file's facts and trees after its analysis failed. */
  private dropFile(abs: string): void {
    if (this.facts.delete(abs)) this.factsVersion++;
    this.indexStale = true;
    this.trees.delete(abs);
  }

  /** Whether a path exists (recorded in the journal). */
  private exists(file: string): boolean {
    return this.record(`exists:${file}`, fs.existsSync(file) ? '1' : '0') === '1';
  }

  /** Notes an answer of the file system in the journal (the first answer of a run counts); returns it. */
  private record(probe: string, answer: string): string {
    if (this.journal && !this.journal.has(probe)) this.journal.set(probe, answer);
    return answer;
  }

  /** The answer a journal probe gets now (`file:` regular file or not, `text:` content hash or unreadable). */
  private static answerNow(probe: string): string {
    const colon = probe.indexOf(':');
    const kind = probe.slice(0, colon);
    const file = probe.slice(colon + 1);
    if (kind === 'file') return DISK_IO.isFile(file) ? '1' : '0';
    if (kind === 'exists') return fs.existsSync(file) ? '1' : '0';
    if (kind === 'text') {
      try {
        return `=${hashText(DISK_IO.readFile(file))}`;
      } catch {
        return '!';
      }
    }
    if (kind === 'notice') {
      const read = readText(file.slice(file.indexOf(':') + 1), Number(file.slice(0, file.indexOf(':'))));
      return 'text' in read ? `=${hashText(read.text)}` : `!${read.reason}`;
    }
    return '?';
  }

  private knowledgeProblems(): ConfigProblem[] {
    const out: ConfigProblem[] = [];
    const seen = new Set<string>();
    const resolved = this.config.forFile(path.join(this.root, 'index.ts'));
    for (const problem of this.policy(resolved).problems) {
      if (!seen.has(problem.message)) {
        seen.add(problem.message);
        out.push(problem);
      }
    }
    return out;
  }

  /** Knowledge and consent matcher for one resolved configuration (cached per config object). */
  private policy(resolved: ResolvedConfig): PolicyContext {
    let policy = this.policies.get(resolved);
    if (!policy) {
      const problems: ConfigProblem[] = [];
      let knowledge: Knowledge;
      try {
        knowledge = buildKnowledge({
          vendors: resolved.vendors,
          consentApis: resolved.consentApis,
          vendorCategories: resolved.vendorCategories,
          processors: resolved.processors,
          dataSources: resolved.dataSources,
          personalData: resolved.personalData,
          knowledge: resolved.knowledge,
        });
      } catch (error) {
        problems.push({
          file: this.config.configFile ?? path.join(this.root, 'creepyline.json'),
          line: 1,
          column: 1,
          key: /^(processors|dataSources|personalData|knowledge)\b/.test((error as Error).message) ? (error as Error).message.split(/[[.(:]/)[0]! : 'vendors',
          message: `${(error as Error).message}; the built-in catalogues are used instead`,
        });
        knowledge = buildKnowledge();
      }
      for (const problem of formsConfigProblems(resolved)) {
        problems.push({ file: this.config.configFile ?? path.join(this.root, 'creepyline.json'), line: 1, column: 1, key: problem.key, message: problem.message });
      }
      const key = createHash('sha256')
        .update(JSON.stringify([resolved.consent, resolved.vendors, resolved.consentApis, resolved.vendorCategories, resolved.processors, resolved.dataSources, resolved.personalData, resolved.knowledge]))
        .digest('hex');
      policy = { knowledge, matcher: createConsentMatcher(knowledge, resolved), key, problems };
      this.policies.set(resolved, policy);
    }
    return policy;
  }

  /**
   * The syntax tree of a file open in an editor. ts-morph replaces a source file by a full
   * re-parse; an editor sends a new version per keystroke, so the previous compiler tree is kept
   * and TypeScript's incremental parser reuses every unchanged node (about 5× faster than a full
   * parse on a 2,000-line file, see `npm run bench`). Facts never hold nodes, so reusing is safe.
   */
  private editorTree(abs: string, language: FileLanguage, text: string): ts.SourceFile {
    const kind = scriptKindOf(language);
    const previous = this.trees.get(abs);
    if (previous && previous.kind === kind && previous.tree.text === text) return previous.tree;
    const sourceFile = previous && previous.kind === kind
      ? ts.updateSourceFile(previous.tree, text, changeRange(previous.tree.text, text))
      : ts.createSourceFile(abs, text, ts.ScriptTarget.ES2022, true, kind);
    this.trees.set(abs, { tree: sourceFile, kind });
    return sourceFile;
  }

  /** The content hash of a file's facts: its text and consent policy, and the Angular files read with it. */
  private contentKey(abs: string, language: FileLanguage, text: string, policy: PolicyContext) {
    // an Angular templateUrl file is read with its component (whose text is then part of the key)
    const component = language === 'html' ? this.angularComponentOf(abs, text) : undefined;
    // an Angular component is judged with its templateUrl files (whose texts are then part of the key)
    const templates = isScriptLanguage(language) && mayDeclareComponent(text) ? this.angularTemplatesOf(abs, text) : undefined;
    const hasher = createHash('sha256').update(policy.key).update('\0').update(text);
    if (component) hasher.update('\0angular\0').update(component.text);
    for (const [url, template] of templates ?? []) hasher.update('\0templateUrl\0').update(url).update('\0').update(template.text);
    return { component, templates, hash: hasher.digest('hex') };
  }

  private factsFor(abs: string, language: NonNullable<ReturnType<typeof languageOf>>, text: string, resolved: ResolvedConfig, policy: PolicyContext): FileFacts {
    const { component, templates, hash } = this.contentKey(abs, language, text, policy);
    const cached = this.facts.get(abs);
    if (cached && cached.hash === hash) return cached;
    const storeKey = this.store && !this.overlays.has(abs) ? this.storeKey(abs, language, hash, resolved) : undefined;
    if (storeKey !== undefined) {
      const stored = reviveFacts(this.store!.load(storeKey), abs, language, hash, text);
      if (stored) {
        this.setFacts(abs, stored, cached);
        return stored;
      }
    }
    const context = { knowledge: policy.knowledge, config: resolved, matcher: policy.matcher };
    let facts: FileFacts;
    if (component) {
      facts = parsingFile(() => angularTemplateFileFacts(abs, text, hash, context, component.info));
    } else if (language === 'html' || language === 'css') {
      facts = htmlFacts(abs, language, text, hash, context);
    } else if (language === 'vue' || language === 'svelte' || language === 'astro') {
      const model = parsing(() => componentModel(language, text));
      facts = componentFacts(abs, language, text, hash, context, model);
    } else if (this.overlays.has(abs)) {
      const tree = parsing(() => this.editorTree(abs, language, text));
      facts = scriptFacts(abs, language, tree, hash, context);
      if (mayDeclareComponent(text)) facts = parsingFile(() => withAngularTemplates(facts, tree, context, templates));
    } else {
      // TypeScript's own parser, without a ts-morph Project: the passes read compiler nodes only,
      // and wrapping each file in a Project cost about as much again as the parse. The tree is
      // dropped after the pass (facts are plain data).
      const sourceFile = parsing(() => ts.createSourceFile(abs, text, ts.ScriptTarget.ES2022, true, scriptKindOf(language)));
      facts = scriptFacts(abs, language, sourceFile, hash, context);
      if (mayDeclareComponent(text)) {
        const scriptOnly = facts;
        facts = parsingFile(() => withAngularTemplates(scriptOnly, sourceFile, context, templates));
      }
    }
    this.setFacts(abs, facts, cached);
    if (storeKey !== undefined) this.store!.save(storeKey, { ...facts, text: undefined });
    return facts;
  }

  /**
   * The `templateUrl` files of a script's Angular components (`templateUrl: './x.component.html'`,
   * resolved from the script's folder), by the URL as written: the analysed text when known (the
   * editor's), else the disk's. Files that cannot be read are left out (the methods are then judged by the class).
   */
  private angularTemplatesOf(abs: string, text: string): Map<string, { file: string; text: string }> {
    const out = new Map<string, { file: string; text: string }>();
    for (const m of text.matchAll(/\btemplateUrl\s*:\s*(['"`])([^'"`\n]+)\1/g)) {
      const url = m[2];
      if (out.has(url) || !/\.html?$/i.test(url)) continue;
      const file = path.resolve(path.dirname(abs), url);
      const known = this.facts.get(file)?.text;
      if (known !== undefined) {
        out.set(url, { file, text: known });
        continue;
      }
      const read = readText(file, this.maxFileSize);
      if ('text' in read) out.set(url, { file, text: read.text });
    }
    return out;
  }

  /**
   * The Angular component whose `templateUrl` names this `.html` file: a `.ts` file of the same
   * folder (the Angular CLI's layout: `x.component.ts` beside `x.component.html`, or `x.ts` beside
   * `x.html`) with an `@Component({ templateUrl })` that resolves to it. Read from the editor's
   * text when the component is open, else from disk; a full page (`<html>`, a doctype) is never a
   * component template. Only the file's own folder is searched, so the answer never depends on
   * which other files were analysed before.
   */
  private angularComponentOf(abs: string, text: string): ReturnType<typeof angularComponentOf> {
    if (/<!doctype\b|<html[\s>]/i.test(text.slice(0, 2048))) return undefined;
    const dir = path.dirname(abs);
    const names = new Set<string>();
    try {
      for (const name of fs.readdirSync(dir)) names.add(name);
    } catch {
      // a virtual folder (tests, unsaved editor buffers): the files the workspace knows
      for (const file of this.facts.keys()) if (path.dirname(file) === dir) names.add(path.basename(file));
    }
    const stem = path.basename(abs).replace(/\.html?$/i, '');
    const candidates = [...names]
      .filter((name) => /\.ts$/.test(name) && !/\.(spec|test|d|stories)\.ts$/.test(name))
      .map((name) => path.join(dir, name))
      // the conventional sibling first
      .sort((a, b) => Number(path.basename(b).startsWith(stem)) - Number(path.basename(a).startsWith(stem)));
    return angularComponentOf(abs, candidates, (file) => {
      const known = this.facts.get(file);
      if (known) return known.text;
      const read = readText(file, this.maxFileSize);
      return 'text' in read ? read.text : undefined;
    });
  }

  /**
   * The store key of a file's facts: its content and consent policy (`hash`), language, path and
   * the whole effective configuration it resolved to (facts read options beyond the policy, e.g.
   * form declarations and entry points).
   */
  private storeKey(abs: string, language: FileLanguage, hash: string, resolved: ResolvedConfig): string {
    let configHash = this.configHashes.get(resolved);
    if (configHash === undefined) {
      configHash = createHash('sha256').update(JSON.stringify(resolved)).digest('hex');
      this.configHashes.set(resolved, configHash);
    }
    return createHash('sha256').update(`${hash}\0${configHash}\0${language}\0${abs}`).digest('hex');
  }
}

/**
 * Facts loaded from a store, checked to be those of this file and text (a stale, foreign or
 * damaged entry is ignored); undefined when they are not.
 */
function reviveFacts(value: unknown, abs: string, language: FileLanguage, hash: string, text: string): FileFacts | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stored = value as Partial<FileFacts>;
  if (stored.file !== abs || stored.hash !== hash || stored.language !== language) return undefined;
  for (const key of ['lineStarts', 'sinks', 'consentDefaults', 'embeds', 'checkedBoxes', 'cmpDefaults', 'imports', 'reexports', 'dependencies', 'parseErrors', 'forms', 'schemas', 'piiFlows', 'piiSummaries', 'piiCalls', 'marketingTexts'] as const) {
    if (!Array.isArray(stored[key])) return undefined;
  }
  if (typeof stored.consentForms !== 'object' || stored.consentForms === null || typeof stored.consentRecords !== 'object' || stored.consentRecords === null) return undefined;
  const lineStarts = stored.lineStarts!;
  if (lineStarts.length < 1 || lineStarts[lineStarts.length - 1]! > text.length) return undefined;
  // The text goes back where the syntax pass puts it (after file and language).
  const { file: _file, language: _language, text: _text, ...rest } = stored as FileFacts;
  return { file: abs, language, text, ...rest };
}

/** Whether two files' re-export lists are the same (what the project index follows through them). */
function sameReexports(a: readonly Reexport[], b: readonly Reexport[]): boolean {
  return a.length === b.length && a.every((r, k) => r.specifier === b[k]!.specifier && r.exportName === b[k]!.exportName && r.as === b[k]!.as);
}

/** A short content hash (journal answers). */
function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * The span that changed between two texts (common prefix and suffix removed), as TypeScript's
 * incremental parser wants it.
 */
export function changeRange(before: string, after: string): ts.TextChangeRange {
  const min = Math.min(before.length, after.length);
  let start = 0;
  while (start < min && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return ts.createTextChangeRange(ts.createTextSpan(start, endBefore - start), endAfter - start);
}

/** Runs a template reader, marking what it throws as a parser failure (its own errors only, not the analysis's). */
function parsingFile<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof Error && /^Angular template: /.test(error.message)) throw new FileAnalysisError('parse', error);
    throw error;
  }
}

/** Runs a parser, marking what it throws as a parser failure. */
function parsing<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new FileAnalysisError('parse', error);
  }
}

function skipped(file: string, reason: string): FileAnalysis {
  return { file, findings: [], skipped: { file, reason }, timings: {} };
}

/** Reads a text file, refusing binary and oversized files with a reason. */
export function readText(file: string, maxSize: number): { text: string } | { reason: string } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    return { reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  if (!stat.isFile()) return { reason: 'not a regular file' };
  if (stat.size > maxSize) return { reason: `larger than ${Math.round(maxSize / 1024)} KiB (${Math.round(stat.size / 1024)} KiB)` };
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (error) {
    // deleted or made unreadable since it was listed
    return { reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  const head = buffer.subarray(0, 8192);
  if (head.includes(0)) return { reason: 'binary file' };
  return { text: buffer.toString('utf8').replace(/^\uFEFF/, '') };
}
