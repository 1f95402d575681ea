/**
 * In-process measurements: the TypeScript parse baseline, the core's `analyzeFile` on
 * changed text (cache miss) and on unchanged text (cache hit), each as a ratio of the
 * parse of the same text measured in the same run.
 */
import { ts } from 'ts-morph';
import { Workspace, languageOf, type ConfigSet } from '@creepyline/core';
import { cpuNow, now, summarize, timeLoop, type Summary } from './stats';

export interface BenchFile {
  /** Absolute path (need not exist on disk: the text is passed as an overlay). */
  file: string;
  text: string;
}

export interface CoreMeasureOptions {
  /** Absolute workspace folder. */
  root: string;
  /** Configuration of the workspace (default: the one Workspace finds itself). */
  config?: ConfigSet;
  /** Files analysed in each iteration (one timed sample = all of them). */
  files: readonly BenchFile[];
  iterations: number;
  warmup: number;
}

export interface CoreMeasurement {
  files: number;
  lines: number;
  bytes: number;
  findings: number;
  parse: Summary;
  core: Summary;
  cached: Summary;
  /**
   * Process CPU time (user + system, all threads: GC helpers count for both) of the same
   * interleaved samples: on a shared, loaded machine a process waiting for a core adds wall
   * time but not CPU time, so this ratio is the steadier one.
   */
  parseCpu: Summary;
  coreCpu: Summary;
  /** core.median / parse.median and core.p90 / parse.p90 (likewise for cached); coreCpuMedian from CPU time. */
  ratios: { coreMedian: number; coreP90: number; cachedMedian: number; cachedP90: number; coreCpuMedian: number };
}

function scriptKind(file: string): ts.ScriptKind {
  switch (languageOf(file)) {
    case 'ts': return ts.ScriptKind.TS;
    case 'tsx': return ts.ScriptKind.TSX;
    case 'jsx': return ts.ScriptKind.JSX;
    default: return ts.ScriptKind.JS;
  }
}

/** The text of iteration `i`: a trailing comment makes every iteration's text distinct. */
export function variant(text: string, i: number): string {
  return `${text}\n// bench edit ${i}\n`;
}

/**
 * Parse and analysis with changed text are interleaved (iteration i times both, in an order
 * that alternates) so that both see the same machine noise and the same texts (the variant
 * of iteration i); the cached phase follows. One timed sample covers every file of `files`.
 */
export function measureCore(options: CoreMeasureOptions): CoreMeasurement {
  const { root, config, files, iterations, warmup } = options;
  const kinds = files.map((f) => scriptKind(f.file));
  const workspace = new Workspace({ root, config });
  let findings = 0;
  const parseOnce = (i: number) => {
    files.forEach((f, k) => ts.createSourceFile(f.file, variant(f.text, i), ts.ScriptTarget.Latest, true, kinds[k]));
  };
  const analyzeOnce = (i: number) => {
    findings = 0;
    for (const f of files) findings += workspace.analyzeFile(f.file, variant(f.text, i)).findings.length;
  };
  for (let i = 0; i < warmup; i++) {
    parseOnce(-1 - i);
    analyzeOnce(-1 - i);
  }
  const parseTimes: number[] = [];
  const coreTimes: number[] = [];
  const parseCpu: number[] = [];
  const coreCpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const steps: [() => void, number[], number[]][] = [[() => parseOnce(i), parseTimes, parseCpu], [() => analyzeOnce(i), coreTimes, coreCpu]];
    if (i % 2 === 1) steps.reverse();
    for (const [run, into, cpuInto] of steps) {
      const c = cpuNow();
      const t = now();
      run();
      into.push(now() - t);
      cpuInto.push(cpuNow() - c);
    }
  }
  const stable = files.map((f) => variant(f.text, iterations));
  files.forEach((f, k) => workspace.analyzeFile(f.file, stable[k]));
  const cachedTimes = timeLoop(warmup, iterations, () => {
    files.forEach((f, k) => workspace.analyzeFile(f.file, stable[k]));
  });
  const parse = summarize(parseTimes);
  const core = summarize(coreTimes);
  const parseCpuSummary = summarize(parseCpu);
  const coreCpuSummary = summarize(coreCpu);
  const cached = summarize(cachedTimes);
  return {
    files: files.length,
    lines: files.reduce((n, f) => n + f.text.split('\n').length, 0),
    bytes: files.reduce((n, f) => n + Buffer.byteLength(f.text), 0),
    findings,
    parse,
    core,
    cached,
    parseCpu: parseCpuSummary,
    coreCpu: coreCpuSummary,
    ratios: {
      coreCpuMedian: coreCpuSummary.median / parseCpuSummary.median,
      coreMedian: core.median / parse.median,
      coreP90: core.p90 / parse.p90,
      cachedMedian: cached.median / parse.median,
      cachedP90: cached.p90 / parse.p90,
    },
  };
}
