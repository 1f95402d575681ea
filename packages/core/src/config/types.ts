/**
 * Configuration shapes: `RawConfig` is what `creepyline.json` (JSONC) holds and what the
 * JSON schema in `schema.json` describes; `ResolvedConfig` is the effective policy for one
 * file after defaults, VS Code settings and `overrides` were merged.
 */
import type { PersonalDataEntry } from '../knowledge/personal-data';
import type { RuleLevel } from '../model';
import type { ConsentApiEntry, ConsentCategory, DataSourceEntry, ProcessorEntry, VendorEntry } from '../knowledge/types';

/** A rule setting: a level, or `[level, options]`. */
export type RawRuleSetting = RuleLevel | [RuleLevel] | [RuleLevel, Record<string, unknown>];

/** A team's own consent function, e.g. `hasConsent('marketing')` or `consent.allows('analytics')`. */
export interface ConsentFunctionDecl {
  /** Callee path as written: `hasConsent`, `consent.allows`, `useConsent` (for hooks). */
  name: string;
  /**
   * Which purpose a truthy result grants: a fixed category, `fromArg` (first string argument,
   * mapped through `categoryMap` when present), or `any`.
   */
  category?: ConsentCategory | 'fromArg' | 'any';
  /** Maps the team's purpose names to Creepyline's (`stats` → `measurement`). */
  categoryMap?: Record<string, ConsentCategory>;
}

/** The `consent` section: the team's consent API and how fixes should call it. */
export interface RawConsentConfig {
  /** Functions whose truthy result means consent: `["hasConsent", {"name": "consent.allows", "category": "fromArg"}]`. */
  functions?: (string | ConsentFunctionDecl)[];
  /** Hooks returning consent state, e.g. `useConsent` (`const { analytics } = useConsent()`). */
  hooks?: (string | ConsentFunctionDecl)[];
  /** Components rendering children only after consent, e.g. `ConsentGate`. */
  components?: (string | ConsentFunctionDecl)[];
  /**
   * Template for the "wrap in consent check" fix; `{{category}}` is replaced. Default: the team's
   * first consent function called with the category, e.g. `hasConsent('marketing')`.
   */
  checkTemplate?: string;
  /** Google Consent Mode "advanced" (denied defaults, loader still runs): `report` (default) or `accept`. */
  consentModeAdvanced?: 'report' | 'accept';
}

/** A declaration of what a form is for (`forms.declare[]`); every criterion given must match. */
export interface FormDeclaration {
  /** Purpose id of the table (built-in or added under `forms.purposes`). */
  purpose: string;
  /** The component (function) drawing the form. */
  component?: string;
  /** The form's id or name attribute (a leading `#` is ignored). */
  form?: string;
  /** The route the form lives on or posts to (`*` one segment, `**` any). */
  route?: string;
  /** Globs relative to the config file's folder. */
  files?: string[];
}

/** A purpose added to the purpose table, or a patch of one by id (`forms.purposes[]`). */
export interface FormPurposeConfig {
  id: string;
  name?: string;
  necessary?: (string | string[])[];
  optional?: string[];
  keywords?: string[];
  requiresInputType?: string;
  priority?: number;
  why?: string;
  source?: string;
}

/** The `forms` section. */
export interface RawFormsConfig {
  declare?: FormDeclaration[];
  purposes?: FormPurposeConfig[];
}

/** An override block: settings applied to files matching `files` (and not `excludedFiles`). */
export interface RawOverride {
  files: string[];
  excludedFiles?: string[];
  rules?: Record<string, RawRuleSetting>;
  consent?: RawConsentConfig;
  requireJustification?: boolean;
}

/** The file format of `creepyline.json`. */
export interface RawConfig {
  $schema?: string;
  rules?: Record<string, RawRuleSetting>;
  consent?: RawConsentConfig;
  /** Extra tracker vendors (same shape as the built-in catalogue; `source` recommended). */
  vendors?: Partial<VendorEntry>[];
  /** Extra consent APIs / CMPs. */
  consentApis?: Partial<ConsentApiEntry>[];
  /** Vendor id → category remap (`{"hotjar": "marketing"}`). */
  vendorCategories?: Record<string, ConsentCategory>;
  /** The team's own processors (roles, packages, hosts, erasure call), or patches of built-in ones by id. */
  processors?: Partial<ProcessorEntry>[];
  /** Extra third-party data sources (enrichment / broker APIs, audience uploads), or patches by id. */
  dataSources?: Partial<DataSourceEntry>[];
  /** Extra personal-data vocabulary (field names and labels that hold personal data), same shape as `personal-data.json` entries. */
  personalData?: Partial<PersonalDataEntry>[];
  /** Extensions of the specialist catalogues (`knowledge/*.json`), one key per file in camelCase; see `knowledge/catalogues.ts`. */
  knowledge?: Record<string, unknown>;
  /** Globs (relative to the config file) of files never analysed. */
  ignore?: string[];
  /** Globs (relative to the config file) of files the framework runs by itself (pages, routes), besides the built-in conventions. */
  entryPoints?: string[];
  overrides?: RawOverride[];
  /** Require `-- reason` in suppression comments. */
  requireJustification?: boolean;
  /** Report suppression comments that suppress nothing. */
  reportUnusedDisableDirectives?: boolean;
  /** Where the team hosts the rule pages; `{rule}` is replaced, else `<base>/<id>.md`. No link without it. */
  docsBaseUrl?: string;
  /** Form purposes: declarations per form and additions to the purpose table. */
  forms?: RawFormsConfig;
  /**
   * The privacy notice in the repository (Markdown, HTML or text), relative to the config file:
   * vendors the code loads but the notice does not name are `vendor-missing-from-notice` findings.
   */
  privacyNotice?: string;
}

/** Effective settings of one rule. */
export interface ResolvedRuleSetting {
  level: RuleLevel;
  options: Record<string, unknown>;
}

/** The team's consent API in normalised form. */
export interface ResolvedConsentConfig {
  functions: ConsentFunctionDecl[];
  hooks: ConsentFunctionDecl[];
  components: ConsentFunctionDecl[];
  checkTemplate?: string;
  consentModeAdvanced: 'report' | 'accept';
}

/** The effective policy for one file. */
export interface ResolvedConfig {
  /** Every registered rule has an entry. */
  rules: Record<string, ResolvedRuleSetting>;
  consent: ResolvedConsentConfig;
  vendors: Partial<VendorEntry>[];
  consentApis: Partial<ConsentApiEntry>[];
  vendorCategories: Record<string, ConsentCategory>;
  processors: Partial<ProcessorEntry>[];
  dataSources: Partial<DataSourceEntry>[];
  personalData: Partial<PersonalDataEntry>[];
  /** `knowledge` extensions, one per configuration layer in the order they apply. */
  knowledge: Record<string, unknown>[];
  ignore: string[];
  /** The team's entry-point globs, made absolute (forward slashes) from the folder of the file declaring them. */
  entryPoints: string[];
  requireJustification: boolean;
  reportUnusedDisableDirectives: boolean;
  /** Base URL of the team's hosted rule pages, when set (see `RawConfig.docsBaseUrl`). */
  docsBaseUrl?: string;
  /** Form purposes: declarations (with the folder their `files` globs are relative to) and purpose-table additions. */
  forms: { declare: (FormDeclaration & { baseDir: string })[]; purposes: FormPurposeConfig[] };
  /** The privacy notice (absolute path, from `privacyNotice` relative to the config file declaring it). */
  privacyNotice?: string;
}
