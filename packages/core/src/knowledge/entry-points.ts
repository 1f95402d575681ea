/**
 * Framework entry points (pages, layouts, routes, client entry files) from
 * `entry-points.json` plus the team's `entryPoints` globs: files the framework runs by itself,
 * so an exported function there with no caller in the project still runs.
 */
import picomatch from 'picomatch';
import catalogue from './entry-points.json';

const BUILTIN_GLOBS: readonly string[] = catalogue.frameworks.flatMap((f) => f.globs);
const matchers = new Map<string, (file: string) => boolean>();

function matcherFor(extra: readonly string[]): (file: string) => boolean {
  const key = extra.join('\0');
  let match = matchers.get(key);
  if (!match) {
    match = picomatch([...BUILTIN_GLOBS, ...extra], { dot: true });
    matchers.set(key, match);
  }
  return match;
}

/**
 * Whether `absFile` is a framework entry point. `extra` are absolute globs (forward slashes),
 * as `ResolvedConfig.entryPoints` holds them.
 */
export function isEntryPoint(absFile: string, extra: readonly string[] = []): boolean {
  const file = absFile.split('\\').join('/');
  return matcherFor(extra)(file);
}

/** The framework conventions, for documentation. */
export const ENTRY_POINT_FRAMEWORKS: readonly { framework: string; globs: readonly string[]; source: string }[] = catalogue.frameworks;
