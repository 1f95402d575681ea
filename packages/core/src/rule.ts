/**
 * The rule framework: `createRule` gives every rule the same anatomy (meta, messages,
 * options, check) and derives its documentation URL from its id. Rules see Facts,
 * never raw files, and report through `context.report`.
 */
import type { Confidence, Fix, LegalRef, RelatedLocation, Severity } from './model';
import type { FileFacts, SchemaFact } from './facts/types';
import type { ResolvedConfig } from './config/types';
import type { Knowledge } from './knowledge';
import type { ConsentCategory } from './knowledge/types';
import type { CrossFileGate } from './project';
import type { ErasureReach, ProjectProcessorUse } from './project/erasure';
import type { Span } from './facts/types';

/** A message with its three pillars: what (template), why (plain-language law), what to do. */
export interface RuleMessage {
  /** What is wrong, one sentence, with `{{placeholders}}`. */
  text: string;
  /** Why a customer or regulator would mind, one sentence, with placeholders. */
  why: string;
  /** What to do instead, one sentence, with placeholders. */
  fix: string;
}

/** Static description of a rule. Ids and options are public interface. */
export interface RuleMeta<MessageIds extends string = string> {
  /** Imperative one-liner: "Disallow …" / "Require …". */
  title: string;
  type: 'problem' | 'suggestion';
  defaultSeverity: Severity;
  gdpr: LegalRef[];
  messages: Record<MessageIds, RuleMessage>;
  /** JSON schema of the options object (published in the config schema). */
  schema: Record<string, unknown>;
  fixable: boolean;
  hasSuggestions: boolean;
  /** Longer explanation for the docs page (Markdown). */
  description: string;
  /** When a team may reasonably turn the rule off. */
  whenNotToUse: string;
  /**
   * Documentation examples, executed by the docs test: each `incorrect` example must yield
   * exactly one finding of this rule, each `correct` example none.
   */
  examples: { incorrect: RuleExample[]; correct: RuleExample[] };
}

/** One documentation example. */
export interface RuleExample {
  /** What the example shows, one line. */
  title: string;
  code: string;
  /** File name deciding the language (default `example.ts`). */
  filename?: string;
  /** creepyline.json content the example runs with. */
  config?: Record<string, unknown>;
}

/** What a rule reports; the framework fills in severity, range, messages and docs. */
export interface ReportDescriptor<MessageIds extends string = string> {
  messageId: MessageIds;
  data?: Record<string, string | number>;
  /** 0-based offsets into the file text. */
  start: number;
  end: number;
  confidence?: Confidence;
  /** Overrides the configured severity downwards (e.g. exempt vendors become `info`). */
  severityCap?: Severity;
  fixes?: Fix[];
  trace?: string[];
  related?: RelatedLocation[];
  /**
   * Offset of the construct the finding belongs to when `start` lies inside it on a later line
   * (the URL attribute of a multi-line tag): a `creepyline-disable-next-line` comment above the
   * construct's first line suppresses the finding too, and the suppression quick fix goes there.
   */
  ownerStart?: number;
}

/** What the project pass knows across files (filled as files are analysed). */
/** A loader script of a tracker queue (gtag.js, fbevents.js, …). */
export interface QueueLoader {
  file: string;
  line: number;
  gated: boolean;
}

export interface ProjectFacts {
  /**
   * With `privacyNotice` configured for the file: the vendors, embeds and processors of every
   * analysed file using the same notice, compared with the names the notice uses.
   */
  notice?(): import('./inventory/types').NoticeDrift;
  /**
   * Files that set Google Consent Mode defaults with a `denied` storage type, and where,
   * within the same package (nearest folder with a package.json or creepyline.json).
   */
  consentModeDenied: { file: string; line: number }[];
  /**
   * Cross-file gate search for a sink inside an exported function: are all uses of the file's
   * exports `exportNames` in other analysed files behind a check granting `category`?
   */
  gateAcrossFiles(file: string, exportNames: readonly string[], category: ConsentCategory): CrossFileGate;
  /**
   * The loaders (script tags, script elements, components) of `vendorIds` in the same package,
   * and whether each runs only after consent for `category` (in its file or through its callers).
   */
  queueLoaders(vendorIds: readonly string[], category: ConsentCategory): QueueLoader[];
  /**
   * The dispatches of the site's own consent event `name` in the same package (all analysed
   * files), each with whether it sits in an accept path and what makes it run.
   */
  consentEventDispatches?(name: string): { file: string; line: number; accept: boolean; path: string }[];
  /**
   * Calls of the global function `name` of the classic script `file` from inline handlers of the
   * analysed HTML pages (same package) that include it with `<script src>`; `accept` is set when the
   * handler sits on a control that says it accepts.
   */
  markupCallsOf?(file: string, name: string): { file: string; line: number; span: Span; accept?: string; event: string }[];
  /** The analysed script files a page includes (`<script src>` as written, resolved from the page). */
  includedScripts?(page: string, scripts: readonly string[]): FileFacts[];
  /**
   * The facts of the project file that `exportName` imported through `specifier` from `fromFile`
   * comes from (re-exports followed), with the name it has there; undefined when it is not an
   * analysed project file.
   */
  exportedFrom(specifier: string, exportName: string, fromFile: string): { facts: FileFacts; name: string } | undefined;
  /**
   * Framework configuration files that take `exportName` of `file` into a plugin list, a plugin's
   * options or a preset's options (`modules` imported from './config', `plugins: require('./plugins')`).
   */
  configUsesOf?(file: string, exportName: string): import('./facts/framework-config').ConfigUse[];
  /**
   * The validation schema `file` imports as `exportName` from `specifier` (following
   * re-exports), from the analysed files' facts; undefined when not analysed or not a schema.
   */
  schemaOf?(file: string, specifier: string, exportName: string): { file: string; schema: SchemaFact } | undefined;
  /**
   * For an endpoint's form (`kind: 'route'`): the rendered forms of the same package that feed
   * it (post to its route, call its server action, share its schema); see `facts/forms/feeding.ts`.
   */
  formsFeeding?(form: import('./facts/types').FormFact): import('./facts/forms/feeding').FeedingForm[];
  /**
   * For `erasure-not-propagated`: the processors used in the file's package, what a deletion path
   * (`body` of `file`) reaches through helpers and imports, and whether another deletion path calls it.
   */
  erasure?: {
    processorUses(): ProjectProcessorUse[];
    reach(file: string, body: Span, processorById: (id: string) => import('./knowledge/types').ProcessorEntry | undefined): ErasureReach;
    calledByDeletion(file: string, body: Span, exportNames: readonly string[], name: string): boolean;
  };
}

/** What a rule's check receives. */
export interface RuleContext<Options, MessageIds extends string> {
  readonly facts: FileFacts;
  readonly project: ProjectFacts;
  readonly options: Options;
  readonly config: ResolvedConfig;
  readonly knowledge: Knowledge;
  report(descriptor: ReportDescriptor<MessageIds>): void;
}

/** A rule as registered. */
export interface Rule<Options = unknown, MessageIds extends string = string> {
  id: string;
  meta: RuleMeta<MessageIds>;
  defaultOptions: Options;
  /** Repository path of the generated page (`docs/rules/<id>.md`); the text ships as `ruleDocMarkdown(rule)`. */
  docsPage: string;
  check(context: RuleContext<Options, MessageIds>): void;
}

/** Defines a rule; its documentation page is derived from the id. */
export function createRule<Options, MessageIds extends string>(spec: {
  id: string;
  meta: RuleMeta<MessageIds>;
  defaultOptions: Options;
  check(context: RuleContext<Options, MessageIds>): void;
}): Rule<Options, MessageIds> {
  return { ...spec, docsPage: `docs/rules/${spec.id}.md` };
}

/** Replaces `{{name}}` placeholders; unknown names stay visible so tests catch them. */
export function fillTemplate(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    data && name in data ? String(data[name]) : whole,
  );
}
