/**
 * Which core `Workspace` analyses which document, and the per-document result cache.
 *
 * One `Workspace` (one ts-morph Project) per workspace folder; a file outside every
 * folder gets a workspace rooted at its own directory. The configuration of each root is
 * loaded with core's `loadConfig` (with the editor's policy settings of that folder) and
 * reloaded when `creepyline.json`, `.vscode/settings.json` or those settings change.
 * Results are cached per uri and document version and dropped on close (STYLE 16). Before
 * a document is analysed, the other open documents of its root are indexed with their
 * editor text, so cross-file analysis sees unsaved callers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DEFAULT_MAX_FILE_SIZE, discoverFiles, loadConfig, Workspace,
  type ConfigProblem, type ConfigSet, type FileAnalysis, type RawConfig,
} from '@creepyline/core';

/** File extension used for untitled documents, so the core picks the right parser. */
const UNTITLED_EXTENSION: Record<string, string> = {
  javascript: '.js', javascriptreact: '.jsx', typescript: '.ts', typescriptreact: '.tsx', html: '.html', css: '.css', vue: '.vue', svelte: '.svelte', astro: '.astro',
};

/** A workspace root with its core `Workspace` and the configuration loaded for it. */
export interface Root {
  /** Absolute directory. */
  dir: string;
  workspace: Workspace;
  config: ConfigSet;
  /** Problems `loadConfig` reported (shown on the config files). */
  problems: ConfigProblem[];
  /** Config files `loadConfig` read. */
  configFiles: string[];
}

/** The analysis of one document version. */
export interface DocumentResult {
  uri: string;
  version: number;
  /** The absolute path the core analysed (a synthetic one for untitled documents). */
  file: string;
  root: Root;
  analysis: FileAnalysis;
  /** Milliseconds spent in the core. */
  validationTime: number;
  /** The text that was analysed (fix offsets refer to it). */
  text: string;
}

/** Absolute file-system path of a `file:` uri, or `undefined` for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** `file:` uri of an absolute path. */
export function pathToUri(file: string): string {
  return pathToFileURL(file).toString();
}

/** Owns the roots (workspace folders plus ad-hoc roots) and the per-document cache. */
export class Roots {
  private folders: string[] = [];
  private readonly roots = new Map<string, Root>();
  private readonly results = new Map<string, DocumentResult>();
  /** Editor policy settings per root directory, with a key to detect changes. */
  private readonly policies = new Map<string, { raw: RawConfig | undefined; key: string }>();
  /** Version of each open document whose text the core has indexed (uri → version). */
  private readonly indexedText = new Map<string, number>();
  /** Called when a root's configuration was (re)loaded, so problems can be shown. */
  onConfigLoaded: (root: Root) => void = () => {};
  /** Called when an existing root's configuration was replaced (its index must be rebuilt). */
  onConfigReplaced: (root: Root) => void = () => {};
  /** Called when the editor's policy settings of a root directory changed. */
  onPolicyChanged: (dir: string, policy: RawConfig | undefined) => void = () => {};
  /** The open documents (the `TextDocuments` of the connection). */
  openDocuments: () => readonly TextDocument[] = () => [];
  /** The editor's policy settings for a root directory (`undefined`: none set). */
  policySource: (dir: string) => Promise<RawConfig | undefined> = async () => undefined;

  /** Sets the workspace folders (absolute directories) from `initialize` / folder changes. */
  setFolders(folders: string[]): void {
    this.folders = [...new Set(folders.map((f) => path.resolve(f)))]
      // longest first, so nested folders win over their parents
      .sort((a, b) => b.length - a.length);
    for (const dir of [...this.roots.keys()]) {
      if (!this.folders.includes(dir)) this.roots.delete(dir);
    }
    this.results.clear();
  }

  /** The workspace folders. */
  get folderDirs(): readonly string[] {
    return this.folders;
  }

  /** The directory that roots `file`: the innermost workspace folder containing it, else its own directory. */
  rootDirFor(file: string): string {
    for (const folder of this.folders) {
      const relative = path.relative(folder, file);
      if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return folder;
    }
    return path.dirname(file);
  }

  /** The root for `dir`, created (and its config loaded) on first use. */
  root(dir: string): Root {
    let root = this.roots.get(dir);
    if (!root) {
      const loaded = loadConfig({ root: dir, settings: this.policies.get(dir)?.raw });
      root = {
        dir,
        workspace: new Workspace({ root: dir, config: loaded.config }),
        config: loaded.config,
        problems: loaded.problems,
        configFiles: loaded.files,
      };
      this.roots.set(dir, root);
      this.onConfigLoaded(root);
    }
    return root;
  }

  /** All roots created so far. */
  allRoots(): Root[] {
    return [...this.roots.values()];
  }

  /** The existing root of `dir`, if any (never creates one). */
  existing(dir: string): Root | undefined {
    return this.roots.get(dir);
  }

  /** Whether `root` is still in use (workspace folders may have been removed). */
  isCurrent(root: Root): boolean {
    return this.roots.get(root.dir) === root;
  }

  /** Reloads the configuration of every existing root and drops cached results. */
  reloadConfigs(): void {
    for (const root of this.roots.values()) this.reload(root);
    this.results.clear();
  }

  private reload(root: Root): void {
    const loaded = loadConfig({ root: root.dir, settings: this.policies.get(root.dir)?.raw });
    root.config = loaded.config;
    root.problems = loaded.problems;
    root.configFiles = loaded.files;
    // setConfig drops every file's facts: open documents are indexed again before the next analysis
    root.workspace.setConfig(loaded.config);
    for (const uri of [...this.indexedText.keys()]) {
      const file = this.fileFor({ uri } as TextDocument);
      if (file && this.rootDirFor(file) === root.dir) this.indexedText.delete(uri);
    }
    this.onConfigLoaded(root);
    this.onConfigReplaced(root);
  }

  /**
   * Asks for the editor's policy settings of the root directory `dir` and, when they differ
   * from the ones in use, reloads that root's configuration. Returns whether it reloaded.
   */
  async ensurePolicy(dir: string): Promise<boolean> {
    const raw = await this.policySource(dir);
    const key = JSON.stringify(raw ?? {});
    const previous = this.policies.get(dir);
    if (previous ? previous.key === key : raw === undefined) return false;
    this.policies.set(dir, { raw, key });
    this.onPolicyChanged(dir, raw);
    const root = this.roots.get(dir);
    if (!root) return false;
    this.reload(root);
    for (const [uri, result] of this.results) if (result.root === root) this.results.delete(uri);
    return true;
  }

  /** {@link ensurePolicy} for the root of a document. */
  async ensurePolicyFor(document: TextDocument): Promise<boolean> {
    const file = this.fileFor(document);
    return file ? this.ensurePolicy(this.rootDirFor(file)) : false;
  }

  /** The path the core analyses for a document: its file path, or a synthetic one for untitled documents. */
  fileFor(document: TextDocument): string | undefined {
    const file = uriToPath(document.uri);
    if (file) return file;
    if (!document.uri.startsWith('untitled:')) return undefined;
    const base = this.folders[0] ?? process.cwd();
    const name = document.uri.slice('untitled:'.length).replace(/[^A-Za-z0-9_-]/g, '_') || 'untitled';
    return path.join(base, `${name}${UNTITLED_EXTENSION[document.languageId] ?? '.js'}`);
  }

  /** The cached result for this exact document version, if any. */
  cached(document: TextDocument): DocumentResult | undefined {
    const result = this.results.get(document.uri);
    return result && result.version === document.version ? result : undefined;
  }

  /** Parses a new version right away (cheap, incremental), so the debounced analysis finds it parsed. */
  parse(document: TextDocument): void {
    const file = this.fileFor(document);
    if (!file) return;
    this.root(this.rootDirFor(file)).workspace.parseText(file, document.getText());
  }

  /**
   * Analyses the document's current text (cached per version). Returns `undefined` for
   * documents the core cannot address (non-file, non-untitled schemes).
   */
  analyze(document: TextDocument): DocumentResult | undefined {
    // A validation or request that awaited the settings may resume after the document was
    // closed: analysing it then would bring back the overlay (its unsaved text) and the
    // cached result that closing dropped, shadowing the file on disk for cross-file analysis.
    if (!this.isOpen(document)) return undefined;
    const cached = this.cached(document);
    if (cached) return cached;
    const file = this.fileFor(document);
    if (!file) return undefined;
    const root = this.root(this.rootDirFor(file));
    this.indexOpenDocuments(root, document.uri);
    const text = document.getText();
    const started = performance.now();
    const analysis = root.workspace.analyzeFile(file, text);
    const validationTime = Math.round(performance.now() - started);
    const result: DocumentResult = { uri: document.uri, version: document.version, file, root, analysis, validationTime, text };
    this.results.set(document.uri, result);
    this.indexedText.set(document.uri, document.version);
    return result;
  }

  /** Whether `document` is (still) one of the open documents. */
  isOpen(document: TextDocument): boolean {
    return this.openDocuments().includes(document);
  }

  /** Indexes the editor text of the other open documents of `root` that changed since last time. */
  private indexOpenDocuments(root: Root, except: string): void {
    for (const other of this.openDocuments()) {
      if (other.uri === except || this.indexedText.get(other.uri) === other.version) continue;
      const file = this.fileFor(other);
      if (!file || this.rootDirFor(file) !== root.dir) continue;
      root.workspace.indexText(file, other.getText());
      this.indexedText.set(other.uri, other.version);
    }
  }

  /** The open document of an absolute path, if any. */
  openDocumentOf(file: string): TextDocument | undefined {
    return this.openDocuments().find((d) => this.fileFor(d) === file);
  }

  /**
   * Drops everything kept for a closed document, including the core's overlay, and indexes
   * the file's text on disk again (unsaved edits are gone), unless `.gitignore` or the
   * configuration exclude it. Returns the root and path, so dependents can be re-validated.
   */
  close(document: TextDocument): { root: Root; file: string } | undefined {
    this.results.delete(document.uri);
    this.indexedText.delete(document.uri);
    const file = this.fileFor(document);
    if (!file) return undefined;
    const root = this.roots.get(this.rootDirFor(file));
    if (!root) return undefined;
    root.workspace.forget(file);
    if (this.indexable(root, file)) root.workspace.indexFiles([file]);
    return { root, file };
  }

  /** Whether the background index covers `file` (exists, analysable, not ignored by `.gitignore` or config). */
  indexable(root: Root, file: string): boolean {
    if (!fs.existsSync(file)) return false;
    const found = discoverFiles({
      root: root.dir, paths: [file], useIgnoreFiles: true,
      isIgnored: (f) => root.config.isIgnored(f), maxFileSize: DEFAULT_MAX_FILE_SIZE,
    });
    return found.files.length === 1;
  }

  /** Drops the cached result of one document (a file it depends on changed). */
  invalidate(uri: string): void {
    this.results.delete(uri);
  }

  /** How many per-document results are cached (debug statistics). */
  get cachedResultCount(): number {
    return this.results.size;
  }

  /** Drops cached results (settings changed), keeping the roots. */
  clearResults(): void {
    this.results.clear();
  }
}
