/**
 * The Finding model: what every rule produces and every face (CLI, language server)
 * transports. Positions are 1-based lines and 1-based columns counted in UTF-16 code
 * units (JavaScript string indices), plus the 0-based offsets they came from so that
 * faces never recompute them.
 */

/** How serious a finding is. `off` only appears in configuration, never on a finding. */
export type Severity = 'error' | 'warning' | 'info';

/** Configured severity: a severity, or `off` to disable the rule. */
export type RuleLevel = Severity | 'off';

/** How sure the analysis is. Heuristic matches are `medium` and never `error` unless configured. */
export type Confidence = 'high' | 'medium';

/** A 1-based line/column position. */
export interface Position {
  line: number;
  column: number;
}

/** A range in a file: 1-based positions plus the 0-based offsets into the text. */
export interface Range {
  start: Position;
  end: Position;
  /** 0-based UTF-16 offset of `start`. */
  startOffset: number;
  /** 0-based UTF-16 offset of `end` (exclusive). */
  endOffset: number;
}

/** One text replacement: offsets are 0-based UTF-16 indices into the original text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A fix: a list of non-overlapping text edits against the analysed text of one file. */
export interface Fix {
  /** Short imperative title shown in editors, e.g. "Wrap in consent check". */
  title: string;
  edits: TextEdit[];
  /**
   * `true` when applying the fix without review keeps behaviour the user wants
   * (eligible for fix-all and `source.fixAll`). Suggestions that change behaviour are `false`.
   */
  safe: boolean;
}

/** A reference to the law behind a rule. */
export interface LegalRef {
  /** Short citation, e.g. "Art. 6(1)(a) GDPR". */
  ref: string;
  /** Plain-language gist in one line. */
  gist?: string;
  /** Where to read it. */
  url?: string;
}

/** A related location (for example the consent check that did not count). */
export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

/** One problem found in one file. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  confidence: Confidence;
  /** The one-sentence "what" with placeholders filled in. */
  message: string;
  /** Message id inside the rule's `meta.messages`. */
  messageId: string;
  /** Absolute or workspace path as given to the analysis; faces make it relative. */
  file: string;
  range: Range;
  /** Why a regulator or customer would mind, in plain words. */
  why: string;
  /** What to do instead. */
  howToFix: string;
  legal: LegalRef[];
  fixes: Fix[];
  /** Explanation of how the analysis reached this finding ("why flagged"). */
  trace: string[];
  related: RelatedLocation[];
  /**
   * 1-based first line of the construct the finding belongs to, when the range starts on a later
   * line inside it (the URL attribute of a multi-line tag). A `creepyline-disable-next-line`
   * comment above this line suppresses the finding as well, and the "disable for this line"
   * quick fix inserts its comment there (inside a start tag a comment would break the markup).
   */
  ownerLine?: number;
  /**
   * Link to the rule's page where the team hosts the docs (`docsBaseUrl` in creepyline.json);
   * absent otherwise: no link is invented. The page itself ships in core (`ruleDocMarkdown`).
   */
  docsUrl?: string;
  /**
   * Stable fingerprint for baselines, SARIF `partialFingerprints` and code actions: the rule,
   * the flagged code and its line with whitespace removed, plus a repeat counter for the same
   * code written twice in one file (engine `baseFingerprint`). Line numbers are not part of it.
   */
  fingerprint: string;
}

/** A file the analysis did not look at, and why. */
export interface Skipped {
  file: string;
  reason: string;
}

/** A configuration problem, pointing to file, line and key. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  /** JSON pointer-ish path of the key, e.g. `rules.tracking-without-consent`. */
  key: string;
  message: string;
}
