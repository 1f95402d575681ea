/**
 * Code actions for Creepyline diagnostics, in the fixed order and with the fixed titles
 * of STYLE 7. Per diagnostic: the rule's safe fix(es) (preferred), its suggestions
 * ("<title> (<rule>)"), "Disable <rule> for this line", "Disable <rule> for the entire
 * file", "Show documentation for <rule>"; then per rule "Fix all <rule> problems in this
 * file" when more than one finding is fixable; `source.fixAll.creepyline` (safe fixes
 * only) when the client asks for it through `context.only`.
 *
 * Diagnostics are matched to findings by `code` (rule id) and `data.fingerprint`, never by
 * message; a diagnostic computed for another document version gets no actions.
 */
import {
  CodeActionKind as LspKind, TextDocumentEdit,
  type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileSuppressionEdit, jsxChildLines, suppressionEdit, type Finding, type Fix, type SuppressionEditOptions, type TextEdit } from '@creepyline/core';
import { CodeActionKinds, DIAGNOSTIC_SOURCE, ShowDocumentationCommand, type DiagnosticData } from '@creepyline/protocol';
import type { DocumentResult } from './documents';

/** What the client supports, from `initialize`. */
export interface CodeActionCapabilities {
  /** `workspace.workspaceEdit.documentChanges`: edits carry the document version. */
  documentChanges: boolean;
}

/** Whether an action of `kind` is wanted under `context.only` (absent = everything). */
export function kindRequested(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

/** Whether a diagnostic came from us and was computed for `version`. */
export function isUsable(diagnostic: Diagnostic, version: number): boolean {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') return false;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  return data?.version === version && typeof data.fingerprint === 'string';
}

/** The finding a diagnostic was made from: same rule, fingerprint and start. */
export function findingFor(diagnostic: Diagnostic, findings: readonly Finding[]): Finding | undefined {
  const data = diagnostic.data as DiagnosticData;
  const candidates = findings.filter((f) => f.ruleId === diagnostic.code && f.fingerprint === data.fingerprint);
  return (
    candidates.find(
      (f) => f.range.start.line - 1 === diagnostic.range.start.line && f.range.start.column - 1 === diagnostic.range.start.character,
    ) ?? candidates[0]
  );
}

/**
 * Merges the edits of several fixes into one non-overlapping, sorted list. A fix whose
 * edits overlap edits already taken is skipped as a whole (it can be applied on the next
 * round); identical edits (the same import added twice) are kept once.
 */
export function mergeFixes(fixes: readonly Fix[]): TextEdit[] {
  const taken: TextEdit[] = [];
  const same = (a: TextEdit, b: TextEdit) => a.start === b.start && a.end === b.end && a.text === b.text;
  const overlaps = (a: TextEdit, b: TextEdit) =>
    a.start < b.end && b.start < a.end || (a.start === a.end && a.start === b.start && b.start === b.end);
  for (const fix of fixes) {
    const fresh = fix.edits.filter((e) => !taken.some((t) => same(t, e)));
    if (fresh.some((e) => taken.some((t) => overlaps(t, e)))) continue;
    taken.push(...fresh);
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The edits a code action needs to perform (shared by quick fixes and fix-all). */
function workspaceEdit(document: TextDocument, edits: readonly TextEdit[], capabilities: CodeActionCapabilities): WorkspaceEdit {
  const lspEdits: LspTextEdit[] = edits.map((e) => ({
    range: { start: document.positionAt(e.start), end: document.positionAt(e.end) },
    newText: e.text,
  }));
  if (capabilities.documentChanges) {
    // versioned: the client refuses the edit if the document moved on
    return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, lspEdits)] };
  }
  return { changes: { [document.uri]: lspEdits } };
}

/** The fix applied by "fix all" for a finding: its first safe fix. */
function safeFix(finding: Finding): Fix | undefined {
  return finding.fixes.find((f) => f.safe);
}

/** Options the suppression edits need. */
export interface SuppressionOptions {
  requireJustification: boolean;
  /** Comment syntax of the document (`html` writes `<!-- … -->`). */
  language: NonNullable<SuppressionEditOptions['language']>;
  /** The document may contain JSX (.jsx/.tsx/.js). */
  jsxFile: boolean;
  /** Angular inline templates of a script: a directive there is `<!-- … -->`. */
  markupRanges?: { start: number; end: number }[];
}

/**
 * Builds the code actions for one request.
 * @param result the analysis of exactly `document.version`
 * @param findings the findings still visible after customizations
 */
export function buildCodeActions(
  params: CodeActionParams,
  document: TextDocument,
  result: DocumentResult,
  findings: readonly Finding[],
  suppression: SuppressionOptions,
  capabilities: CodeActionCapabilities,
): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const text = result.text;
  const wantQuickFix = kindRequested(CodeActionKinds.quickFix, only);
  const wantLine = kindRequested(CodeActionKinds.suppressLine, only);
  const wantFile = kindRequested(CodeActionKinds.suppressFile, only);
  const rulesSeen = new Set<string>();
  const fileSuppressed = new Set<string>();
  const docsShown = new Set<string>();
  // a comment line among JSX children must be {/* … */}; parsed once, when first asked
  const isJsxChildLine = suppression.jsxFile ? jsxChildLines(text, result.file) : () => false;

  for (const diagnostic of params.context.diagnostics) {
    if (!isUsable(diagnostic, document.version)) continue;
    const finding = findingFor(diagnostic, findings);
    if (!finding) continue;
    const ruleId = finding.ruleId;
    rulesSeen.add(ruleId);

    if (wantQuickFix) {
      // safe fixes first (preferred), then suggestions titled "<desc> (<rule>)"
      const ordered = [...finding.fixes.filter((f) => f.safe), ...finding.fixes.filter((f) => !f.safe)];
      for (const fix of ordered) {
        const action: CodeAction = {
          title: fix.safe ? fix.title : `${fix.title} (${ruleId})`,
          kind: CodeActionKinds.quickFix,
          diagnostics: [diagnostic],
          edit: workspaceEdit(document, fix.edits, capabilities),
        };
        if (fix.safe) action.isPreferred = true;
        actions.push(action);
      }
    }
    if (wantLine) {
      // above the tag, not inside it, when the finding sits on an attribute of a multi-line tag
      const line = finding.ownerLine ?? finding.range.start.line;
      const edit = suppressionEdit(text, line, ruleId, {
        requireJustification: suppression.requireJustification,
        language: suppression.language,
        jsx: isJsxChildLine(line),
        markupRanges: suppression.markupRanges,
      });
      actions.push({
        title: `Disable ${ruleId} for this line`,
        kind: CodeActionKinds.suppressLine,
        diagnostics: [diagnostic],
        edit: workspaceEdit(document, [edit], capabilities),
      });
    }
    if (wantFile && !fileSuppressed.has(ruleId)) {
      fileSuppressed.add(ruleId);
      const edit = fileSuppressionEdit(text, ruleId, { requireJustification: suppression.requireJustification, language: suppression.language });
      actions.push({
        title: `Disable ${ruleId} for the entire file`,
        kind: CodeActionKinds.suppressFile,
        diagnostics: [diagnostic],
        edit: workspaceEdit(document, [edit], capabilities),
      });
    }
    if (wantQuickFix && !docsShown.has(ruleId)) {
      docsShown.add(ruleId);
      actions.push({
        title: `Show documentation for ${ruleId}`,
        kind: CodeActionKinds.quickFix,
        diagnostics: [diagnostic],
        command: { title: `Show documentation for ${ruleId}`, command: ShowDocumentationCommand, arguments: finding.docsUrl ? [ruleId, finding.docsUrl] : [ruleId] },
      });
    }
  }

  if (wantQuickFix) {
    for (const ruleId of rulesSeen) {
      const fixes = findings.filter((f) => f.ruleId === ruleId).map(safeFix).filter((f): f is Fix => f !== undefined);
      if (fixes.length <= 1) continue;
      actions.push({
        title: `Fix all ${ruleId} problems in this file`,
        kind: CodeActionKinds.quickFix,
        edit: workspaceEdit(document, mergeFixes(fixes), capabilities),
      });
    }
  }

  // only on explicit request (code actions on save / "Fix all" command), never in the light bulb
  if (only && only.length > 0 && kindRequested(CodeActionKinds.fixAll, only) &&
      only.some((k) => k === LspKind.Source || k.startsWith(LspKind.SourceFixAll))) {
    const fixes = findings.map(safeFix).filter((f): f is Fix => f !== undefined);
    if (fixes.length > 0) {
      actions.push({
        title: 'Fix all safely fixable Creepyline problems',
        kind: CodeActionKinds.fixAll,
        edit: workspaceEdit(document, mergeFixes(fixes), capabilities),
      });
    }
  }
  return actions;
}
