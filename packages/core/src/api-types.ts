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
  /**
   * Set when the file has syntax errors: it was analysed on the tree the parser recovered
   * (what is written correctly is still checked), and the first error says where it broke.
   */
  parseError?: ParseProblem;
}

/** The first syntax error of a file that was analysed on a recovered tree (1-based position). */
export interface ParseProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  /** How many syntax errors the file has in all. */
  count: number;
}

/** The outcome of analysing many files. */
export interface AnalysisResult {
  findings: Finding[];
  skipped: Skipped[];
  configProblems: ConfigProblem[];
  filesAnalysed: number;
  /** Analysed files that have syntax errors (analysed on the recovered tree), one entry each. */
  parseErrors: ParseProblem[];
}
