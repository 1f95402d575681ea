/**
 * Result shapes of the public analysis API (`Workspace`), shared by the CLI and the
 * language server.
 */
import type { ConfigProblem, Finding, Skipped } from './model';

/** The outcome of analysing one file. */
export interface FileAnalysis {
  file: string;
  findings: Finding[];
  /** Set when the file was not analysed (binary, too large, unreadable, ignored). */
  skipped?: Skipped;
  /** Milliseconds spent, per rule id (for the status bar's "slowest rules"). */
  timings: Record<string, number>;
}

/** The outcome of analysing many files. */
export interface AnalysisResult {
  findings: Finding[];
  skipped: Skipped[];
  configProblems: ConfigProblem[];
  filesAnalysed: number;
}
