/**
 * Hover on a finding's range: what is wrong, why a customer or regulator would mind,
 * the legal references, how to fix it, and how the analysis reached the finding
 * ("why flagged"). Markdown when the client renders it, plain text otherwise.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '@creepyline/core';

/** Escapes Markdown-significant characters in text that came from code or config. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

/** The findings whose range contains `offset` (end inclusive, so the cursor after the last character counts). */
export function findingsAt(findings: readonly Finding[], offset: number): Finding[] {
  return findings.filter((f) => f.range.startOffset <= offset && offset <= f.range.endOffset);
}

/** One finding as Markdown. */
export function findingMarkdown(finding: Finding): string {
  const lines: string[] = [];
  const rule = finding.docsUrl ? `[\`${finding.ruleId}\`](${finding.docsUrl})` : `\`${finding.ruleId}\``;
  lines.push(`**${escapeMarkdown(finding.message)}** — Creepyline ${rule}`);
  if (finding.why) lines.push('', `**Why it matters:** ${escapeMarkdown(finding.why)}`);
  if (finding.legal.length > 0) {
    lines.push('', '**Law:**');
    for (const ref of finding.legal) {
      const name = ref.url ? `[${escapeMarkdown(ref.ref)}](${ref.url})` : escapeMarkdown(ref.ref);
      lines.push(`- ${name}${ref.gist ? ` — ${escapeMarkdown(ref.gist)}` : ''}`);
    }
  }
  if (finding.howToFix) lines.push('', `**How to fix:** ${escapeMarkdown(finding.howToFix)}`);
  if (finding.trace.length > 0) {
    lines.push('', '**Why flagged:**');
    for (const step of finding.trace) lines.push(`1. ${escapeMarkdown(step)}`);
  }
  if (finding.confidence === 'medium') lines.push('', '_Confidence: medium (heuristic match)._');
  if (!finding.docsUrl) lines.push('', `_Full documentation: the quick action "Show documentation for ${finding.ruleId}", or \`creepyline explain ${finding.ruleId}\`._`);
  return lines.join('\n');
}

/** One finding as plain text (clients without Markdown). */
export function findingPlainText(finding: Finding): string {
  const lines = [`${finding.message} [creepyline ${finding.ruleId}]`];
  if (finding.why) lines.push(`Why it matters: ${finding.why}`);
  if (finding.legal.length > 0) lines.push(`Law: ${finding.legal.map((l) => l.ref + (l.gist ? ` (${l.gist})` : '')).join('; ')}`);
  if (finding.howToFix) lines.push(`How to fix: ${finding.howToFix}`);
  if (finding.trace.length > 0) lines.push('Why flagged:', ...finding.trace.map((s, i) => `  ${i + 1}. ${s}`));
  lines.push(finding.docsUrl ? `Documentation: ${finding.docsUrl}` : `Documentation: creepyline explain ${finding.ruleId}`);
  return lines.join('\n');
}

/** The hover at `position`, or `null` when no finding covers it. */
export function buildHover(
  document: TextDocument,
  findings: readonly Finding[],
  position: Position,
  markdown: boolean,
): Hover | null {
  const offset = document.offsetAt(position);
  const hits = findingsAt(findings, offset);
  if (hits.length === 0) return null;
  const first = hits[0]!;
  const range = { start: document.positionAt(first.range.startOffset), end: document.positionAt(first.range.endOffset) };
  if (markdown) {
    return { contents: { kind: MarkupKind.Markdown, value: hits.map(findingMarkdown).join('\n\n---\n\n') }, range };
  }
  return { contents: { kind: MarkupKind.PlainText, value: hits.map(findingPlainText).join('\n\n') }, range };
}
