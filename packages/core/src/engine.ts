/**
 * Runs the rules over one file's Facts under its resolved configuration: levels and
 * options from config, the medium-confidence cap, messages filled from each rule's
 * templates, fingerprints, then suppression comments.
 */
import { createHash } from 'node:crypto';
import type { FileFacts } from './facts/types';
import type { ResolvedConfig } from './config/types';
import type { Knowledge } from './knowledge';
import type { Finding, Severity } from './model';
import { fillTemplate, type ProjectFacts, type ReportDescriptor, type Rule } from './rule';
import { rangeOf } from './text';
import { FileAnalysisError } from './failure';

const ORDER: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Runs `rules` over `facts`; returns findings and per-rule timings (ms). */
export function runRules(
  rules: readonly Rule<any, string>[],
  facts: FileFacts,
  config: ResolvedConfig,
  knowledge: Knowledge,
  project: ProjectFacts,
): { findings: Finding[]; timings: Record<string, number> } {
  const findings: Finding[] = [];
  const timings: Record<string, number> = {};
  for (const rule of rules) {
    const setting = config.rules[rule.id];
    const level = setting?.level ?? rule.meta.defaultSeverity;
    if (level === 'off') continue;
    const options = { ...(rule.defaultOptions as object), ...(setting?.options ?? {}) };
    const configured = setting !== undefined && setting.level !== rule.meta.defaultSeverity;
    const started = performance.now();
    try {
      rule.check({
        facts,
        project,
        options,
        config,
        knowledge,
        report: (descriptor: ReportDescriptor) => findings.push(toFinding(rule, descriptor, facts, level, configured)),
      });
    } catch (error) {
      // The workspace skips the file, naming the rule.
      throw new FileAnalysisError({ rule: rule.id }, error);
    }
    timings[rule.id] = performance.now() - started;
  }
  findings.sort((a, b) => a.range.startOffset - b.range.startOffset || a.ruleId.localeCompare(b.ruleId));
  return { findings, timings };
}

export function toFinding(rule: Rule<any, string>, d: ReportDescriptor, facts: FileFacts, level: Severity, configured: boolean): Finding {
  const message = rule.meta.messages[d.messageId];
  if (!message) throw new Error(`rule ${rule.id} reported unknown messageId ${d.messageId}`);
  const confidence = d.confidence ?? 'high';
  let severity = level;
  // Heuristic matches are never errors unless the team configured the level explicitly.
  if (confidence === 'medium' && !configured && severity === 'error') severity = 'warning';
  if (d.severityCap && ORDER[d.severityCap] < ORDER[severity]) severity = d.severityCap;
  const snippet = facts.text.slice(d.start, d.end).replace(/\s+/g, ' ');
  return {
    ruleId: rule.id,
    severity,
    confidence,
    message: fillTemplate(message.text, d.data),
    messageId: d.messageId,
    file: facts.file,
    range: rangeOf(facts.lineStarts, d.start, d.end),
    why: fillTemplate(message.why, d.data),
    howToFix: fillTemplate(message.fix, d.data),
    legal: rule.meta.gdpr,
    fixes: d.fixes ?? [],
    trace: d.trace ?? [],
    related: d.related ?? [],
    docsUrl: rule.docsUrl,
    fingerprint: createHash('sha256').update(`${rule.id}\0${d.messageId}\0${snippet}`).digest('hex').slice(0, 16),
  };
}
