/**
 * Module resolution for the project pass, without the type checker and without executing
 * anything: relative specifiers, `paths`/`baseUrl` from the nearest tsconfig.json or
 * jsconfig.json (JSONC, `extends` not followed), TypeScript/JavaScript extensions and index
 * files. Bare npm specifiers are not resolved (SDKs are matched by name in the catalogue).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

interface PathsConfig {
  dir: string;
  baseUrl?: string;
  paths: [prefix: string, suffix: string, targets: string[]][];
}

/** Resolves import specifiers to absolute file paths (cached; call `clear` when files change). */
export class ModuleResolver {
  private readonly configs = new Map<string, PathsConfig | null>();
  private readonly exists = new Map<string, boolean>();

  /** @param root workspace folder: tsconfig lookup stops there. @param known files that exist only in memory (editor overlays). */
  constructor(private readonly root: string, private readonly known: (file: string) => boolean = () => false) {}

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
        const resolved = this.withExtensions(path.resolve(config.dir, config.baseUrl ?? '.', target.replace('*', wildcard)));
        if (resolved) return resolved;
      }
    }
    if (config.baseUrl !== undefined) return this.withExtensions(path.resolve(config.dir, config.baseUrl, specifier));
    return undefined;
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
      try {
        result = fs.statSync(file).isFile();
      } catch {
        result = false;
      }
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
      found = readPaths(file);
      break;
    }
    // Walk up to the workspace root, not beyond.
    if (!found && dir.startsWith(this.root + path.sep)) found = this.pathsConfig(path.dirname(dir)) ?? null;
    this.configs.set(dir, found);
    return found ?? undefined;
  }
}

function readPaths(file: string): PathsConfig | null {
  let json: { compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | undefined;
  try {
    json = parseJsonc(fs.readFileSync(file, 'utf8'), [], { allowTrailingComma: true });
  } catch {
    return null;
  }
  const options = json?.compilerOptions;
  const paths: PathsConfig['paths'] = [];
  if (options && typeof options.paths === 'object' && options.paths) {
    for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
      if (!Array.isArray(targets)) continue;
      const star = pattern.indexOf('*');
      const prefix = star < 0 ? pattern : pattern.slice(0, star);
      const suffix = star < 0 ? '' : pattern.slice(star + 1);
      paths.push([prefix, star < 0 ? '\0exact' : suffix, targets.filter((t): t is string => typeof t === 'string')]);
    }
  }
  // Longest prefix first, as TypeScript does.
  paths.sort((a, b) => b[0].length - a[0].length);
  const baseUrl = typeof options?.baseUrl === 'string' ? options.baseUrl : undefined;
  return paths.length || baseUrl !== undefined ? { dir: path.dirname(file), baseUrl, paths } : null;
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
