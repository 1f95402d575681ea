/**
 * The `creepyline/status` notification after each validation, and the time-budget check
 * that escalates it (like vscode-eslint's `timeBudget.onValidation`). When the budget is
 * exceeded the output channel names the slowest rules.
 */
import type { Connection } from 'vscode-languageserver/node';
import { StatusNotification, type CreepylineSettings, type StatusParams, type StatusState } from '@creepyline/protocol';
import type { ErrorReporter } from './errors';

/** What a validation produced, as the status needs it. */
export interface ValidationOutcome {
  uri: string;
  findings: number;
  validationTime: number;
  /** Rule id → milliseconds (from the core). */
  timings?: Record<string, number>;
  skippedReason?: string;
  /** Set when the analysis failed. */
  failure?: string;
  /** Number of configuration problems of the document's root. */
  configProblems?: number;
}

const ORDER: Record<StatusState, number> = { ok: 0, warn: 1, error: 2 };

function worse(a: StatusState, b: StatusState): StatusState {
  return ORDER[a] >= ORDER[b] ? a : b;
}

/** The `count` slowest rules, formatted as "rule (N ms)". */
export function slowestRules(timings: Record<string, number> | undefined, count = 3): string {
  return Object.entries(timings ?? {})
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([rule, ms]) => `${rule} (${Math.round(ms)} ms)`)
    .join(', ');
}

/** Computes the status of one validation (pure, unit-testable). */
export function computeStatus(outcome: ValidationOutcome, settings: CreepylineSettings): StatusParams {
  let state: StatusState = 'ok';
  const details: string[] = [];
  if (outcome.failure) {
    state = 'error';
    details.push(`Analysis failed: ${outcome.failure}`);
  }
  if (outcome.skippedReason) {
    state = worse(state, 'warn');
    details.push(`Not analysed: ${outcome.skippedReason}`);
  }
  if (outcome.configProblems) {
    state = worse(state, 'warn');
    details.push(`${outcome.configProblems} configuration problem(s); defaults used where invalid`);
  }
  const budget = settings.timeBudget.onValidation;
  if (outcome.validationTime > budget.error) state = worse(state, 'error');
  else if (outcome.validationTime > budget.warn) state = worse(state, 'warn');
  if (outcome.validationTime > budget.warn) {
    details.push(`Analysis took ${outcome.validationTime} ms (budget ${budget.warn}/${budget.error} ms)`);
  }
  const status: StatusParams = {
    uri: outcome.uri,
    state,
    findings: outcome.findings,
    validationTime: outcome.validationTime,
  };
  if (outcome.skippedReason) status.skippedReason = outcome.skippedReason;
  if (details.length > 0) status.detail = details.join('; ');
  return status;
}

/** Sends statuses and logs time-budget overruns (once per document and version). */
export class StatusReporter {
  constructor(
    private readonly connection: Connection,
    private readonly errors: ErrorReporter,
  ) {}

  /** Computes, logs if over budget, and sends the status of one validation. */
  send(outcome: ValidationOutcome, settings: CreepylineSettings): void {
    const status = computeStatus(outcome, settings);
    const budget = settings.timeBudget.onValidation;
    if (outcome.validationTime > budget.warn) {
      const slow = slowestRules(outcome.timings);
      this.errors.once(
        `budget:${outcome.uri}:${outcome.validationTime > budget.error ? 'error' : 'warn'}`,
        `Analysing ${outcome.uri} took ${outcome.validationTime} ms, over the creepyline.timeBudget.onValidation ` +
          `budget (${budget.warn}/${budget.error} ms).${slow ? ` Slowest rules: ${slow}.` : ''} ` +
          'Turn off slow rules in creepyline.json or raise the budget.',
      );
    }
    void this.connection.sendNotification(StatusNotification, status);
  }
}
