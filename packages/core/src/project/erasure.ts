/**
 * The project pass of `erasure-not-propagated`: which processors the project uses (SDK imports
 * and API requests across its files), and which processor erasure calls a deletion path reaches,
 * following the file's own helpers, imported functions (through re-exports) and methods of
 * injected project classes, by the per-function summaries in each file's Facts.
 */
import type { FileFacts, Span } from '../facts/types';
import type { ProcessorEntry } from '../knowledge/types';
import type { Range } from '../model';
import { positionAt, rangeOf } from '../text';
import type { ModuleResolver } from './resolve';

/** A processor use somewhere in the project. */
export interface ProjectProcessorUse {
  processorId: string;
  processorName: string;
  file: string;
  span: Span;
  range: Range;
  line: number;
  label: string;
}

/** An erasure (or look-alike) call a deletion path reaches. */
export interface ReachedCall {
  processorId: string;
  file: string;
  span: Span;
  line: number;
  label: string;
  erases: boolean;
  note?: string;
}

/** What a deletion path reaches. */
export interface ErasureReach {
  calls: ReachedCall[];
  /** Deletes of person records (hard or soft) found along the path. */
  deletes: number;
  /** How the search went, for "why flagged". */
  trace: string[];
}

const MAX_DEPTH = 6;

/** Cross-file erasure analysis over a set of Facts. */
export class ErasureIndex {
  private readonly byFile: Map<string, FileFacts>;

  private processors?: (id: string) => ProcessorEntry | undefined;

  constructor(
    facts: Iterable<FileFacts>,
    private readonly resolver: ModuleResolver,
  ) {
    this.byFile = new Map([...facts].map((f) => [f.file, f]));
  }

  /** Processor uses in the files `inScope` accepts (same package). */
  processorUses(inScope: (file: string) => boolean): ProjectProcessorUse[] {
    const out: ProjectProcessorUse[] = [];
    for (const f of this.byFile.values()) {
      if (!f.dataHandling || !inScope(f.file)) continue;
      for (const use of f.dataHandling.processorUses) {
        const range = rangeOf(f.lineStarts, use.span.start, use.span.end);
        out.push({ processorId: use.processorId, processorName: use.processorName, file: f.file, span: use.span, range, line: range.start.line, label: use.label });
      }
    }
    return out.sort((a, b) => a.file.localeCompare(b.file) || a.span.start - b.span.start);
  }

  /** The erasure calls reachable from the code in `body` of `file`. */
  reach(file: string, body: Span, processorById: (id: string) => ProcessorEntry | undefined): ErasureReach {
    this.processors = processorById;
    const result: ErasureReach = { calls: [], deletes: 0, trace: [] };
    this.walk(file, body, 0, new Set(), result);
    return result;
  }

  /**
   * True when another deletion path calls the function whose body is `body` in `file` (then the
   * caller is the path to report, not this helper): a call in the same file or an imported use.
   */
  calledByDeletion(file: string, body: Span, exportNames: readonly string[], name: string): boolean {
    const facts = this.byFile.get(file);
    const dh = facts?.dataHandling;
    if (!dh) return false;
    const inside = (outer: Span, s: Span) => s.start >= outer.start && s.end <= outer.end;
    for (const other of dh.deletions) {
      if (other.body.start === body.start) continue;
      if ((dh.localCalls ?? []).some((c) => c.name === name && inside(other.body, c.span) && !inside(body, c.span))) return true;
    }
    if (exportNames.length === 0) return false;
    for (const f of this.byFile.values()) {
      if (f.file === file || !f.dataHandling) continue;
      for (const use of f.imports) {
        if (!exportNames.includes(use.exportName)) continue;
        if (this.resolver.resolve(use.specifier, f.file) !== file) continue;
        if (f.dataHandling.deletions.some((d) => inside(d.body, use.span))) return true;
      }
    }
    return false;
  }

  private walk(file: string, body: Span, depth: number, seen: Set<string>, out: ErasureReach): void {
    const key = `${file}#${body.start}`;
    if (seen.has(key) || depth > MAX_DEPTH) return;
    seen.add(key);
    const facts = this.byFile.get(file);
    const dh = facts?.dataHandling;
    if (!facts || !dh) return;
    const inside = (s: Span) => s.start >= body.start && s.end <= body.end;
    for (const d of dh.deletions) for (const x of d.deletes ?? []) if (inside(x.span)) out.deletes++;
    for (const call of dh.erasureCalls) {
      if (!inside(call.span)) continue;
      out.calls.push({ ...call, file, line: positionAt(facts.lineStarts, call.span.start).line });
    }
    // SDK instances created in another module: import { stripe } from './billing'; stripe.customers.del(id)
    for (const call of dh.importedCalls ?? []) {
      if (!inside(call.span)) continue;
      const target = this.resolver.resolve(call.specifier, file);
      if (!target) continue;
      for (const [targetFile, name] of this.followReexports(target, call.exportName, 0)) {
        const processorId = this.byFile.get(targetFile)?.dataHandling?.exportedInstances?.[name];
        const entry = processorId ? this.processors?.(processorId) : undefined;
        if (!entry) continue;
        const line = positionAt(facts.lineStarts, call.span.start).line;
        if (entry.erasure?.methods?.some((m) => call.method === m || call.method.endsWith(`.${m}`))) {
          out.calls.push({ processorId: entry.id, file, span: call.span, line, label: call.label, erases: true });
        } else {
          const look = entry.notErasure?.find((n) => n.methods?.some((m) => call.method === m || call.method.endsWith(`.${m}`)));
          if (look) out.calls.push({ processorId: entry.id, file, span: call.span, line, label: call.label, erases: false, note: look.note });
        }
      }
    }
    // the file's own helpers: deleteUser() → eraseFromCrm()
    for (const call of dh.localCalls ?? []) {
      if (!inside(call.span)) continue;
      for (const fn of dh.functions) {
        if (fn.name !== call.name || (fn.body.start <= body.start && fn.body.end >= body.end)) continue;
        out.trace.push(`${short(file)}:${positionAt(facts.lineStarts, call.span.start).line} calls ${fn.qualifiedName}.`);
        this.walk(file, fn.body, depth + 1, seen, out);
      }
    }
    // imported functions: import { forgetInCrm } from './crm'
    for (const use of facts.imports) {
      if (!inside(use.span)) continue;
      const target = this.resolver.resolve(use.specifier, file);
      if (!target) continue;
      for (const [targetFile, name] of this.followReexports(target, use.exportName, 0)) {
        const fns = this.byFile.get(targetFile)?.dataHandling?.functions.filter((fn) => fn.exportNames.includes(name) && fn.qualifiedName === fn.name) ?? [];
        for (const fn of fns) {
          out.trace.push(`${short(file)}:${positionAt(facts.lineStarts, use.span.start).line} calls ${fn.name} of ${short(targetFile)}.`);
          this.walk(targetFile, fn.body, depth + 1, seen, out);
        }
      }
    }
    // methods of injected project classes: this.crm.forgetContact(email)
    for (const call of dh.memberCalls) {
      if (!inside(call.span)) continue;
      const target = this.resolver.resolve(call.specifier, file);
      if (!target) continue;
      for (const [targetFile, name] of this.followReexports(target, call.exportName, 0)) {
        const fns = this.byFile.get(targetFile)?.dataHandling?.functions.filter((fn) => fn.exportNames.includes(name) && fn.qualifiedName.endsWith(`.${call.member}`)) ?? [];
        for (const fn of fns) {
          out.trace.push(`${short(file)}:${positionAt(facts.lineStarts, call.span.start).line} calls ${fn.qualifiedName} of ${short(targetFile)}.`);
          this.walk(targetFile, fn.body, depth + 1, seen, out);
        }
      }
    }
  }

  /** (file, export name) pairs a name reaches through `export … from` re-exports. */
  private followReexports(file: string, name: string, depth: number): [string, string][] {
    const out: [string, string][] = [[file, name]];
    const facts = this.byFile.get(file);
    if (!facts || depth >= 4) return out;
    for (const r of facts.reexports) {
      if (r.as !== name && r.as !== '*') continue;
      const target = this.resolver.resolve(r.specifier, file);
      if (target) out.push(...this.followReexports(target, r.as === '*' ? name : r.exportName, depth + 1));
    }
    return out;
  }
}

function short(file: string): string {
  return file.split(/[\\/]/).slice(-2).join('/');
}
