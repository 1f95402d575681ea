/**
 * Memory growth of a long-lived Workspace (as in the language server): the samples and the
 * big file are analysed `rounds` times (the big file with a changed text each round), and
 * heap/RSS after round 1 are compared with the end. A bounded cache shows a ratio near 1.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { Workspace } from '@creepyline/core';
import { variant, type BenchFile } from './core';

export interface MemoryProject {
  root: string;
  workspace: Workspace;
  /** Files read from disk by `analyzeFiles`. */
  files: readonly string[];
}

export interface MemorySnapshot {
  heapUsedMB: number;
  rssMB: number;
}

export interface MemoryMeasurement {
  rounds: number;
  /** Whether a full GC ran before each snapshot (otherwise numbers include garbage). */
  gc: boolean;
  start: MemorySnapshot;
  afterFirst: MemorySnapshot;
  end: MemorySnapshot;
  /** end / afterFirst. */
  heapGrowth: number;
  rssGrowth: number;
}

/** A callable full GC, enabled at run time (the process was not started with --expose-gc). */
function gcFunction(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

function snapshot(gc: (() => void) | undefined): MemorySnapshot {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heapUsedMB: m.heapUsed / 2 ** 20, rssMB: m.rss / 2 ** 20 };
}

export function measureMemory(projects: readonly MemoryProject[], big: { workspace: Workspace; file: BenchFile }, rounds: number): MemoryMeasurement {
  const gc = gcFunction();
  const start = snapshot(gc);
  const round = (i: number) => {
    for (const p of projects) p.workspace.analyzeFiles(p.files);
    big.workspace.analyzeFile(big.file.file, variant(big.file.text, i));
  };
  round(0);
  const afterFirst = snapshot(gc);
  for (let i = 1; i < rounds; i++) round(i);
  const end = snapshot(gc);
  return {
    rounds,
    gc: gc !== undefined,
    start,
    afterFirst,
    end,
    heapGrowth: end.heapUsedMB / afterFirst.heapUsedMB,
    rssGrowth: end.rssMB / afterFirst.rssMB,
  };
}
