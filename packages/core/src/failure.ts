/**
 * One file never ends a run: whatever goes wrong while parsing or analysing one file (a
 * parser or pass that throws, a stack overflow on absurdly deep nesting, a rule that
 * throws) is caught at the file boundary in `Workspace` and turned into a one-line skip
 * reason. This module names those reasons.
 */

/**
 * Deepest syntax nesting the per-file walk descends into. Real code stays far below it
 * (deeply nested JSX or a long chain of `+` in generated code reaches a few hundred);
 * beyond it the file is skipped as "too deeply nested to analyse" instead of risking a stack
 * overflow in one of the recursive passes that follow the walk.
 */
export const MAX_SYNTAX_DEPTH = 1500;

/** Thrown by a walk that reached {@link MAX_SYNTAX_DEPTH}. */
export class TooDeepError extends Error {
  constructor() {
    super(`syntax nested more than ${MAX_SYNTAX_DEPTH} levels deep`);
    this.name = 'TooDeepError';
  }
}

/** The step of a file's analysis that failed (it shapes the reason). */
export type FailedStep = 'parse' | 'facts' | { rule: string };

/** A failure in one file's analysis, carrying the step it happened in. */
export class FileAnalysisError extends Error {
  constructor(
    readonly step: FailedStep,
    override readonly cause: unknown,
  ) {
    super(errorMessage(cause));
    this.name = 'FileAnalysisError';
  }
}

/** True for V8's "Maximum call stack size exceeded" and for {@link TooDeepError}. */
export function isTooDeep(error: unknown): boolean {
  if (error instanceof FileAnalysisError) return isTooDeep(error.cause);
  return error instanceof TooDeepError || (error instanceof RangeError && /call stack/i.test(error.message));
}

/**
 * The one-line reason a file is reported as skipped with, e.g. "too deeply nested to analyse",
 * "parser failed: Unexpected token", "rule pii-to-third-party failed: Cannot read …".
 */
export function failureReason(error: unknown): string {
  if (isTooDeep(error)) return 'too deeply nested to analyse';
  const step = error instanceof FileAnalysisError ? error.step : 'facts';
  const message = errorMessage(error instanceof FileAnalysisError ? error.cause : error);
  const where = step === 'parse' ? 'parser failed' : step === 'facts' ? 'analysis failed' : `rule ${step.rule} failed`;
  return `${where}: ${message} (please report this with the file)`;
}

/** First line of an error's message, at most 160 characters, never a stack. */
function errorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const line = raw.split(/\r?\n/, 1)[0]!.trim() || (error instanceof Error ? error.name : 'unknown error');
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}
