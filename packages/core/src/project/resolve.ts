/**
 * Module resolution for the project pass, without the type checker and without executing
 * anything: relative specifiers, `paths`/`baseUrl` from the nearest tsconfig.json or
 * jsconfig.json above the importing file (JSONC; `extends` followed as data, relative or from
 * node_modules), TypeScript/JavaScript extensions and index files. The lookup follows the
 * file, not the working directory: it walks up to the file system's root, as TypeScript does.
 * Bare npm specifiers are not resolved (SDKs are matched by name in the catalogue).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

interface PathsConfig {
  /** The tsconfig/jsconfig the lookup found (for "why flagged"). */
  file: string;
  /** Absolute folder that `paths` targets are relative to (baseUrl, else the folder of the config declaring `paths`). */
  pathsBase: string;
  /** Absolute baseUrl, when one is set. */
  baseUrl?: string;
  paths: [prefix: string, suffix: string, targets: string[]][];
}

/**
 * The file system as the resolver sees it: whether a path is a regular file, and a file's text
 * (throws when it cannot be read). The workspace passes one that records every answer, so that
 * a cached run can tell whether anything the project pass looked at changed.
 */
export interface ResolverIO {
  isFile(file: string): boolean;
  readFile(file: string): string;
}

/** The real file system. */
export const DISK_IO: ResolverIO = {
  isFile(file) {
    try {
      // most probes miss: no exception built for them
      return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
    } catch {
      return false;
    }
  },
  readFile: (file) => fs.readFileSync(file, 'utf8'),
};

/** How deep `extends` chains are followed (cycles and runaway chains stop here). */
const MAX_EXTENDS = 8;

/** Resolves import specifiers to absolute file paths (cached; call `clear` when files change). */
export class ModuleResolver {
  private readonly configs = new Map<string, PathsConfig | null>();
  private readonly exists = new Map<string, boolean>();

  /** @param root workspace folder (kept for callers; lookups follow the file). @param known files that exist only in memory (editor overlays). */
  constructor(readonly root: string, private readonly known: (file: string) => boolean = () => false, private readonly io: ResolverIO = DISK_IO) {}

  /** Drops cached file-existence and tsconfig results. */
  clear(): void {
    this.configs.clear();
    this.exists.clear();
    this.resolved.clear();
  }

  private readonly resolved = new Map<string, string>();

  /** The file `specifier` imported from `importer` refers to, if it is a project file (hits are cached). */
  resolve(specifier: string, importer: string): string | undefined {
    const key = `${path.dirname(importer)}\0${specifier}`;
    const hit = this.resolved.get(key);
    if (hit !== undefined) return hit;
    const result = this.resolveUncached(specifier, importer);
    if (result !== undefined) this.resolved.set(key, result);
    return result;
  }

  private resolveUncached(specifier: string, importer: string): string | undefined {
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      return this.withExtensions(path.resolve(path.dirname(importer), specifier));
    }
    const config = this.pathsConfig(path.dirname(importer));
    if (!config) return undefined;
    for (const [prefix, suffix, targets] of config.paths) {
      const wildcard = matchPattern(specifier, prefix, suffix);
      if (wildcard === undefined) continue;
      for (const target of targets) {
        const resolved = this.withExtensions(path.resolve(config.pathsBase, target.replace('*', wildcard)));
        if (resolved) return resolved;
      }
    }
    if (config.baseUrl !== undefined) return this.withExtensions(path.resolve(config.baseUrl, specifier));
    return undefined;
  }

  /**
   * Why `specifier` did not resolve from `importer`, in one sentence for "why flagged", or
   * undefined when it is not a project module (a bare npm package).
   */
  explainUnresolved(specifier: string, importer: string): string | undefined {
    if (specifier.startsWith('.') || specifier.startsWith('/')) return `no file matches the import '${specifier}'`;
    const config = this.pathsConfig(path.dirname(importer));
    if (!config) {
      return mayBeProjectModule(specifier) ? `the import alias '${specifier}' cannot be resolved: no tsconfig.json or jsconfig.json with "paths" was found above the importing file` : undefined;
    }
    const matching = config.paths.some(([prefix, suffix]) => matchPattern(specifier, prefix, suffix) !== undefined);
    if (!matching && !mayBeProjectModule(specifier)) return undefined;
    return matching
      ? `the import alias '${specifier}' matches "paths" in ${config.file} but no file exists there`
      : `the import alias '${specifier}' is not declared in the "paths" of ${config.file}`;
  }

  private withExtensions(base: string): string | undefined {
    if (this.isFile(base)) return base;
    // `./lib/analytics.js` written for ESM output may refer to `analytics.ts`
    const stripped = base.replace(/\.(m|c)?jsx?$/, '');
    for (const ext of EXTENSIONS) if (this.isFile(stripped + ext)) return stripped + ext;
    for (const ext of EXTENSIONS) if (this.isFile(path.join(base, `index${ext}`))) return path.join(base, `index${ext}`);
    return undefined;
  }

  private isFile(file: string): boolean {
    if (this.known(file)) return true;
    let result = this.exists.get(file);
    if (result === undefined) {
      result = this.io.isFile(file);
      this.exists.set(file, result);
    }
    return result;
  }

  private pathsConfig(dir: string): PathsConfig | undefined {
    const cached = this.configs.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    let found: PathsConfig | null = null;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const file = path.join(dir, name);
      if (!this.isFile(file)) continue;
      found = readPaths(file, this.io);
      break;
    }
    // Walk up to the file system's root: the config follows the file, not the working directory.
    const parent = path.dirname(dir);
    if (!found && parent !== dir) found = this.pathsConfig(parent) ?? null;
    this.configs.set(dir, found);
    return found ?? undefined;
  }
}

interface CompilerOptionsSeen {
  baseUrl?: string;
  paths?: { declaredIn: string; value: Record<string, unknown> };
}

/** Reads `baseUrl`/`paths` of a tsconfig, following `extends` (JSON data only; never code). */
function readCompilerOptions(file: string, depth: number, seen: Set<string>, io: ResolverIO): CompilerOptionsSeen {
  if (depth > MAX_EXTENDS || seen.has(file)) return {};
  seen.add(file);
  let json: { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | undefined;
  try {
    json = parseJsonc(io.readFile(file), [], { allowTrailingComma: true });
  } catch {
    return {};
  }
  const result: CompilerOptionsSeen = {};
  const parents = typeof json?.extends === 'string' ? [json.extends] : Array.isArray(json?.extends) ? json.extends.filter((e): e is string => typeof e === 'string') : [];
  // Later entries of an `extends` array win, and the file's own options win over all of them.
  for (const spec of parents) {
    const parentFile = locateExtends(spec, path.dirname(file), io);
    if (!parentFile) continue;
    const inherited = readCompilerOptions(parentFile, depth + 1, seen, io);
    if (inherited.baseUrl !== undefined) result.baseUrl = inherited.baseUrl;
    if (inherited.paths) result.paths = inherited.paths;
  }
  const options = json?.compilerOptions;
  if (typeof options?.baseUrl === 'string') result.baseUrl = path.resolve(path.dirname(file), options.baseUrl);
  if (options && typeof options.paths === 'object' && options.paths && !Array.isArray(options.paths)) {
    result.paths = { declaredIn: path.dirname(file), value: options.paths as Record<string, unknown> };
  }
  return result;
}

/** The file an `extends` entry names: a relative/absolute path, or a package config under node_modules. */
function locateExtends(spec: string, fromDir: string, io: ResolverIO): string | undefined {
  const candidates = (base: string) => [base, `${base}.json`, path.join(base, 'tsconfig.json')];
  const isFile = (f: string) => io.isFile(f);
  if (spec.startsWith('.') || path.isAbsolute(spec)) return candidates(path.resolve(fromDir, spec)).find(isFile);
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const found = candidates(path.join(dir, 'node_modules', spec)).find(isFile);
    if (found) return found;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readPaths(file: string, io: ResolverIO): PathsConfig | null {
  const options = readCompilerOptions(file, 0, new Set(), io);
  const paths: PathsConfig['paths'] = [];
  for (const [pattern, targets] of Object.entries(options.paths?.value ?? {})) {
    if (!Array.isArray(targets)) continue;
    const star = pattern.indexOf('*');
    const prefix = star < 0 ? pattern : pattern.slice(0, star);
    const suffix = star < 0 ? '' : pattern.slice(star + 1);
    paths.push([prefix, star < 0 ? '\0exact' : suffix, targets.filter((t): t is string => typeof t === 'string')]);
  }
  // Longest prefix first, as TypeScript does.
  paths.sort((a, b) => b[0].length - a[0].length);
  if (!paths.length && options.baseUrl === undefined) return null;
  // `paths` targets are relative to baseUrl when one is set, else to the config that declares them.
  return { file, pathsBase: options.baseUrl ?? options.paths?.declaredIn ?? path.dirname(file), baseUrl: options.baseUrl, paths };
}

/** The `*` part of `specifier` for pattern prefix*suffix, or undefined when it does not match. */
function matchPattern(specifier: string, prefix: string, suffix: string): string | undefined {
  if (suffix === '\0exact') return specifier === prefix ? '' : undefined;
  if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix) || specifier.length < prefix.length + suffix.length) return undefined;
  return specifier.slice(prefix.length, specifier.length - suffix.length);
}

/** True when a specifier may name a project file (relative, absolute, or a common alias prefix). */
export function mayBeProjectModule(specifier: string): boolean {
  return /^(\.{1,2}\/|\/|@\/|~\/|#)/.test(specifier) || specifier === '.' || specifier === '..';
}
