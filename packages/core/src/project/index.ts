/**
 * The project pass: links the per-file Facts through import bindings. Answers "who calls
 * this exported function, and is every such call behind a consent check?" across files,
 * following re-exports (`export { track } from './analytics'`, `export * from`) and chains of
 * exported wrappers, without the type checker.
 */
import type { ConsentCategory } from '../knowledge/types';
import type { FileFacts, ImportedUse } from '../facts/types';
import { positionAt } from '../text';
import * as path from 'node:path';
import type { ModuleResolver } from './resolve';

export { ModuleResolver, mayBeProjectModule } from './resolve';

/** A use of an exported binding in another file, with its location. */
export interface ProjectUse extends ImportedUse {
  file: string;
  line: number;
  column: number;
}

/** Verdict of the cross-file gate search for one exported function. */
export interface CrossFileGate {
  /** Uses found in the project (directly or through exported wrappers). */
  uses: number;
  /** True when there is at least one use and every path through them is behind a check for the category. */
  gated: boolean;
  /** Uses that run without a check for the category (at the end of any wrapper chain). */
  ungated: ProjectUse[];
  /** Uses (at the end of any wrapper chain) that run behind a check for the category. */
  gatedUses: number;
  trace: string[];
}

const MAX_CHAIN = 4;

/** Index of imported uses by target file and export name, built from a set of Facts. */
export class ProjectIndex {
  private readonly byTarget = new Map<string, Map<string, ProjectUse[]>>();
  private readonly importersOf = new Map<string, Set<string>>();
  /** Imports of project modules that did not resolve, by export name (for "why flagged"). */
  private readonly unresolved = new Map<string, { file: string; line: number; specifier: string; reason: string }[]>();

  /** Each indexed file's place in the build order (uses are listed in that order). */
  private readonly order = new Map<string, number>();
  /** What each indexed file added: the use lists, importer sets and unresolved lists it is in. */
  private readonly added = new Map<string, { uses: Set<ProjectUse[]>; targets: Set<string>; unresolved: Set<string> }>();

  constructor(facts: Iterable<FileFacts>, private readonly resolver: ModuleResolver) {
    const all = [...facts];
    const byFile = new Map(all.map((f) => [f.file, f]));
    all.forEach((f, k) => this.order.set(f.file, k));
    for (const f of all) this.addFile(f, byFile);
  }

  /**
   * Replaces what `facts.file` added with what its new facts add, in place, giving the index a
   * build over `byFile` would give. Valid only when nothing else changed since the build: the
   * same files (in the same order), the same module resolution, and the file's re-exports
   * unchanged (other files' uses reach through them). The editor's path, one file per edit.
   */
  replaceFile(facts: FileFacts, byFile: ReadonlyMap<string, FileFacts>): void {
    const file = facts.file;
    const before = this.added.get(file);
    if (before) {
      for (const list of before.uses) removeWhere(list, (u) => u.file === file);
      for (const target of before.targets) this.importersOf.get(target)?.delete(file);
      for (const name of before.unresolved) removeWhere(this.unresolved.get(name)!, (u) => u.file === file);
    }
    this.addFile(facts, byFile);
  }

  /** Adds the uses of one file's imports (at its place in the build order). */
  private addFile(f: FileFacts, byFile: ReadonlyMap<string, FileFacts>): void {
    const added = { uses: new Set<ProjectUse[]>(), targets: new Set<string>(), unresolved: new Set<string>() };
    this.added.set(f.file, added);
    for (const use of f.imports) {
      const target = this.resolver.resolve(use.specifier, f.file);
      if (!target) {
        const reason = this.resolver.explainUnresolved(use.specifier, f.file);
        if (reason) {
          let list = this.unresolved.get(use.exportName);
          if (!list) this.unresolved.set(use.exportName, (list = []));
          if (!list.some((u) => u.file === f.file && u.specifier === use.specifier)) {
            this.insertInOrder(list, { file: f.file, line: positionAt(f.lineStarts, use.span.start).line, specifier: use.specifier, reason });
            added.unresolved.add(use.exportName);
          }
        }
        continue;
      }
      const at = positionAt(f.lineStarts, use.span.start);
      const record: ProjectUse = { ...use, file: f.file, line: at.line, column: at.column };
      for (const [file, name] of this.followReexports(target, use.exportName, byFile, 0)) {
        added.uses.add(this.add(file, name, record));
        let importers = this.importersOf.get(file);
        if (!importers) this.importersOf.set(file, (importers = new Set()));
        importers.add(f.file);
        added.targets.add(file);
      }
    }
  }

  /**
   * Appends `item` after the entries of files that come before or with its file in the build
   * order (a build appends file by file, so this is where a build would have put it).
   */
  private insertInOrder<T extends { file: string }>(list: T[], item: T): void {
    const rank = this.order.get(item.file) ?? Number.MAX_SAFE_INTEGER;
    let at = list.length;
    while (at > 0 && (this.order.get(list[at - 1]!.file) ?? Number.MAX_SAFE_INTEGER) > rank) at--;
    list.splice(at, 0, item);
  }

  /** Files that import `file` (directly or through re-exports). */
  importers(file: string): string[] {
    return [...(this.importersOf.get(file) ?? [])];
  }

  /** Uses of `file`'s exports `names` in other files. */
  usesOf(file: string, names: readonly string[]): ProjectUse[] {
    const map = this.byTarget.get(file);
    if (!map) return [];
    return names.flatMap((n) => map.get(n) ?? []);
  }

  /** Is every use of `file`'s exports `names` behind a check granting `category` (following wrapper chains)? */
  gate(file: string, names: readonly string[], category: ConsentCategory, depth = 0, seen = new Set<string>()): CrossFileGate {
    const key = `${file}#${names.join(',')}`;
    const uses = this.usesOf(file, names);
    const result: CrossFileGate = { uses: uses.length, gated: uses.length > 0, ungated: [], gatedUses: 0, trace: [] };
    if (uses.length === 0) {
      const what = names.length === 1 && names[0] === 'default' ? `the default export of ${shortName(file)}` : `\`${names.join('`/`')}\` of ${shortName(file)}`;
      const lost = this.unresolvedImportsOf(file, names);
      if (lost.length > 0) {
        result.trace.push(
          `No analysed file reaches ${what} through an import that resolves; ${lost.map((u) => `${shortName(u.file)}:${u.line} uses it through the import '${u.specifier}', but ${u.reason}`).join('; ')}. Its callers' checks could not be followed: check the tsconfig/jsconfig "paths".`,
        );
        return result;
      }
      result.trace.push(`No other analysed file uses ${what}; an entry point (a page, a layout, a route handler, a script) runs without any caller's check.`);
      return result;
    }
    seen.add(key);
    for (const use of uses) {
      if (use.grants.includes('any') || use.grants.includes(category)) {
        result.trace.push(`${shortName(use.file)}:${use.line} uses it behind a consent check.`);
        result.gatedUses++;
        continue;
      }
      if (use.enclosingExports.length > 0 && depth < MAX_CHAIN && !seen.has(`${use.file}#${use.enclosingExports.join(',')}`)) {
        const outer = this.gate(use.file, use.enclosingExports, category, depth + 1, seen);
        result.trace.push(`${shortName(use.file)}:${use.line} uses it inside exported \`${use.enclosingExports.join('`/`')}\`; following its callers.`, ...outer.trace.map((t) => `  ${t}`));
        result.gatedUses += outer.gatedUses;
        if (outer.gated) continue;
        result.gated = false;
        result.ungated.push(...(outer.ungated.length ? outer.ungated : [use]));
        continue;
      }
      result.gated = false;
      result.ungated.push(use);
      result.trace.push(`${shortName(use.file)}:${use.line} uses it without a consent check.`);
    }
    return result;
  }

  /** Unresolved imports that probably meant `file`: same export name, last specifier segment naming the file (or its folder for index files). */
  private unresolvedImportsOf(file: string, names: readonly string[]): { file: string; line: number; specifier: string; reason: string }[] {
    const base = path.basename(file).replace(/\.[^.]+$/, '');
    const stem = base === 'index' ? path.basename(path.dirname(file)) : base;
    return names.flatMap((name) => (this.unresolved.get(name) ?? []).filter((u) => u.specifier.split('/').pop()?.replace(/\.[^.]+$/, '') === stem));
  }

  /** Records a use of `file`'s export `name`; returns the list it went into. */
  private add(file: string, name: string, use: ProjectUse): ProjectUse[] {
    let map = this.byTarget.get(file);
    if (!map) this.byTarget.set(file, (map = new Map()));
    let list = map.get(name);
    if (!list) map.set(name, (list = []));
    this.insertInOrder(list, use);
    return list;
  }

  /** (file, name) pairs a use of `name` from `file` reaches through re-exports, including the barrel itself. */
  private followReexports(file: string, name: string, byFile: ReadonlyMap<string, FileFacts>, depth: number): [string, string][] {
    const out: [string, string][] = [[file, name]];
    const facts = byFile.get(file);
    if (!facts || depth >= MAX_CHAIN) return out;
    for (const r of facts.reexports) {
      if (r.as !== name && r.as !== '*') continue;
      const target = this.resolver.resolve(r.specifier, file);
      if (!target) continue;
      out.push(...this.followReexports(target, r.as === '*' ? name : r.exportName, byFile, depth + 1));
    }
    return out;
  }
}

/** Removes, in place, the items `drop` matches. */
function removeWhere<T>(list: T[], drop: (item: T) => boolean): void {
  let kept = 0;
  for (const item of list) if (!drop(item)) list[kept++] = item;
  list.length = kept;
}

function shortName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.slice(-2).join('/');
}
