/**
 * Which core `Workspace` analyses which document, and the per-document result cache.
 *
 * One `Workspace` (one ts-morph Project) per workspace folder; a file outside every
 * folder gets a workspace rooted at its own directory. The configuration of each root is
 * loaded with core's `loadConfig` and reloaded when `creepyline.json` or
 * `.vscode/settings.json` changes. Results are cached per uri and document version and
 * dropped on close (STYLE 16).
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { loadConfig, Workspace, type ConfigProblem, type ConfigSet, type FileAnalysis } from '@creepyline/core';

/** File extension used for untitled documents, so the core picks the right parser. */
const UNTITLED_EXTENSION: Record<string, string> = {
  javascript: '.js', javascriptreact: '.jsx', typescript: '.ts', typescriptreact: '.tsx', html: '.html',
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
  /** Called when a root's configuration was (re)loaded, so problems can be shown. */
  onConfigLoaded: (root: Root) => void = () => {};

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
      const loaded = loadConfig({ root: dir });
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

  /** Reloads the configuration of every existing root and drops cached results. */
  reloadConfigs(): void {
    for (const root of this.roots.values()) {
      const loaded = loadConfig({ root: root.dir });
      root.config = loaded.config;
      root.problems = loaded.problems;
      root.configFiles = loaded.files;
      root.workspace.setConfig(loaded.config);
      this.onConfigLoaded(root);
    }
    this.results.clear();
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

  /**
   * Analyses the document's current text (cached per version). Returns `undefined` for
   * documents the core cannot address (non-file, non-untitled schemes).
   */
  analyze(document: TextDocument): DocumentResult | undefined {
    const cached = this.cached(document);
    if (cached) return cached;
    const file = this.fileFor(document);
    if (!file) return undefined;
    const root = this.root(this.rootDirFor(file));
    const text = document.getText();
    const started = performance.now();
    const analysis = root.workspace.analyzeFile(file, text);
    const validationTime = Math.round(performance.now() - started);
    const result: DocumentResult = { uri: document.uri, version: document.version, file, root, analysis, validationTime, text };
    this.results.set(document.uri, result);
    return result;
  }

  /** Drops everything kept for a closed document, including the core's overlay. */
  close(document: TextDocument): void {
    this.results.delete(document.uri);
    const file = this.fileFor(document);
    if (!file) return;
    const root = this.roots.get(this.rootDirFor(file));
    root?.workspace.forget(file);
  }

  /** Drops cached results (settings changed), keeping the roots. */
  clearResults(): void {
    this.results.clear();
  }
}
