/**
 * Applies suppression comments to one file's findings and turns problems with the
 * comments into `suppression-comment` findings.
 */
import type { ResolvedConfig } from './config/types';
import { toFinding } from './engine';
import type { FileFacts } from './facts/types';
import type { Finding } from './model';
import { rule as suppressionRule, type MessageIds } from './rules/suppression-comment';
import { findComments, isComponent } from './suppression-comments';
import { applySuppressions, parseDirectives, type DirectiveProblemKind } from './suppressions';

const MESSAGE: Record<DirectiveProblemKind, MessageIds> = {
  'unknown-rule': 'unknownRule',
  'missing-justification': 'missingJustification',
  'unused-directive': 'unusedDirective',
};

/** Findings left after suppression comments, plus findings about the comments. */
export function filterSuppressed(findings: Finding[], facts: FileFacts, config: ResolvedConfig, knownRuleIds: readonly string[]): Finding[] {
  if (!facts.text.includes('creepyline-')) return findings;
  const language = facts.language === 'html' || isComponent(facts.language) ? 'html' : facts.language === 'css' ? 'css' : undefined;
  // `<!-- -->` inside an Angular inline template (a string of the script) counts as a comment there
  const comments = !language && facts.markupComments?.length
    ? [...findComments(facts.text, 'js'), ...facts.markupComments].sort((a, b) => a.start - b.start)
    : undefined;
  const directives = parseDirectives(facts.text, comments ? { comments } : language ? { language } : {});
  if (directives.length === 0) return findings;
  const { kept, problems } = applySuppressions(findings, directives, {
    knownRuleIds,
    requireJustification: config.requireJustification,
    reportUnused: config.reportUnusedDisableDirectives,
  });
  const level = config.rules[suppressionRule.id]?.level ?? suppressionRule.meta.defaultSeverity;
  if (level === 'off') return kept;
  const meta = problems.map((p) =>
    toFinding(suppressionRule, { messageId: MESSAGE[p.kind], data: { detail: p.message }, start: p.startOffset, end: p.endOffset }, facts, level, true, config.docsBaseUrl),
  );
  return [...kept, ...meta].sort((a, b) => a.range.startOffset - b.range.startOffset);
}
