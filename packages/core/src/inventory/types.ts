/**
 * The privacy inventory: what the code tells about the third parties a project hands
 * visitors' and customers' data to, drawn from the same Facts and project pass as the rules.
 * It is the draft of the Art. 30 GDPR record of processing and of a privacy notice's
 * recipient list. Paths are absolute here; faces make them relative.
 */
import type { ConsentCategory } from '../knowledge/types';

/** Schema version of the inventory (JSON output); bump on incompatible changes. */
export const INVENTORY_VERSION = 1;

/** Where something is in the code (1-based line and column). */
export interface InventoryLocation {
  file: string;
  line: number;
  column: number;
}

/** How a transfer of personal data to the company's country is covered. */
export type TransferBasis =
  /** The company is in the EU/EEA: no third-country transfer by the company itself. */
  | 'eea'
  /** The US company is an active participant of the EU–U.S. Data Privacy Framework. */
  | 'eu-us-dpf'
  /** Another tool the company names (standard contractual clauses, an adequacy decision). */
  | 'other'
  | 'unknown';

/** Company facts of a vendor, from the catalogue `knowledge/vendor-companies.json` (never guessed). */
export interface InventoryCompany {
  /** The company as catalogued (`Google LLC`), or undefined when unknown. */
  name?: string;
  /** ISO 3166-1 alpha-2 country of the company, or `unknown`. */
  country: string;
  transfer: { basis: TransferBasis; detail?: string };
  /** Where the catalogue entry comes from (vendor legal pages, the DPF list); empty when unknown. */
  sources: string[];
  /** When those sources were read (YYYY-MM-DD); set for catalogued companies. */
  checked?: string;
}

/** Whether and how a load or call waits for consent. */
export interface InventoryConsent {
  /**
   * `gated`: a consent check for the purpose encloses it (here or at every call site);
   * `server-side`: sent from the server, where only a stored consent value can gate it;
   * `not-needed`: the consent tool itself (strictly necessary to ask).
   */
  status: 'gated' | 'not-gated' | 'server-side' | 'not-needed';
  /** How, in words (`if (hasConsent('marketing'))`, `every call site of track() is gated`). */
  how?: string;
  /** The consent tool or API the check belongs to (`cookiebot`, `config`, `heuristic`). */
  origin?: string;
}

/** A place a vendor is loaded or called. */
export interface InventorySite extends InventoryLocation {
  /** How it appears (`script-tag`, `sdk-call`, `component`, `pixel`, `server-request`, …). */
  form: string;
  /** The callee or tag as written. */
  label: string;
  consent: InventoryConsent;
  /** The finding `check` reports here, when there is one (same analysis). */
  finding?: { ruleId: string; severity: string };
}

/** Personal data the code sends to a vendor. */
export interface InventoryDataItem {
  /** Personal-data kind (`email`, `phone`, `ipAddress`, …). */
  kind: string;
  category: string;
  hashed: boolean;
  /** As written. */
  text: string;
  at: InventoryLocation;
}

/** A third-party tracker, tag, SDK or endpoint the code loads or calls. */
export interface InventoryVendor {
  id: string;
  /** Display name (the catalogue name without its parenthetical). */
  name: string;
  /** `analytics`, `advertising`, `tag-manager`, … (catalogue kind, or the third-party-web category). */
  kind: string;
  /** The consent purpose the vendor needs. */
  consentCategory: ConsentCategory;
  /** `gated` when every site is gated, `partly`, `not-gated`; `not-needed` for the consent tool. */
  consent: 'gated' | 'partly' | 'not-gated' | 'not-needed';
  company: InventoryCompany;
  /** Found by host in the third-party-web dataset rather than the hand-written catalogue. */
  fromDataset?: { entity: string; host: string };
  sites: InventorySite[];
  personalData: InventoryDataItem[];
}

/** A third-party embed loaded with the page (video, map, font, social plugin). */
export interface InventoryEmbed {
  id: string;
  name: string;
  consentCategory: ConsentCategory;
  consent: 'gated' | 'partly' | 'not-gated' | 'not-needed';
  company: InventoryCompany;
  sites: (InventoryLocation & { form: string; url: string; consent: InventoryConsent; finding?: { ruleId: string; severity: string } })[];
}

/** A form field and what kind of personal data it asks for. */
export interface InventoryField {
  name: string;
  label?: string;
  required: boolean;
  /** Personal-data kind and category when the shared classifier recognises it. */
  kind?: string;
  category?: string;
}

/** A form (HTML/JSX form, library form or validated route). */
export interface InventoryForm extends InventoryLocation {
  id: string;
  name?: string;
  component?: string;
  kind: 'html' | 'jsx' | 'route';
  action?: string;
  /** The purpose (inferred or declared); undefined when it could not be decided: declare it in `forms`. */
  purpose?: { id: string; source: 'inferred' | 'config'; evidence: string; confidence: 'high' | 'medium' };
  /** Personal-data categories the form asks for (sorted). */
  categories: string[];
  fields: InventoryField[];
}

/** A processor the code hands data to (SDK import or API request), and whether erasure reaches it. */
export interface InventoryProcessor {
  id: string;
  name: string;
  roles: string[];
  company: InventoryCompany;
  /** SDK imports, API requests, and forms that submit to its host (`form-action`). */
  uses: (InventoryLocation & { form: string; label: string })[];
  /** Personal data the code sends to it through a tracker-style call of the same vendor id. */
  personalData: InventoryDataItem[];
  erasure: {
    /** The processor offers erasure by API (catalogue `erasure.call`), with its source. */
    api?: { call: string; source: string };
    /** Deletion paths that reach the erasure call. */
    reachedBy: (InventoryLocation & { name: string })[];
    /** Deletion paths that do not reach it. */
    missedBy: (InventoryLocation & { name: string })[];
  };
}

/** A third-party data source (enrichment API, broker, bought list, audience upload). */
export interface InventoryDataSource extends InventoryLocation {
  id: string;
  name: string;
  kind: string;
  form: string;
  label: string;
}

/** A vendor named in the privacy notice, or found in the code but not named there. */
export interface NoticeEntry {
  /** Vendor, embed or processor id. */
  id: string;
  name: string;
  /** Where the code loads it first (missing entries). */
  at?: InventoryLocation;
  /** The word(s) of the notice that named it (named entries). */
  matched?: string;
  /**
   * Unused entries only: the code loads a tag manager or customer-data platform (`Google Tag
   * Manager`) that may load this vendor without any code of its own, so "no longer used" is
   * not claimed (and not counted as info).
   */
  possiblyVia?: string;
  /** `tracker`, `embed`, `processor` or `consent tool` (missing entries, for messages). */
  kind?: string;
  /** The names looked for (missing entries, for "why flagged"). */
  names?: string[];
}

/** The comparison of the code's vendors with a privacy notice. */
export interface NoticeDrift {
  /** The notice file (absolute in core; relative in the faces). */
  file: string;
  /** How messages name the notice (path relative to the workspace root, or `noticeNames in creepyline.json`). */
  label?: string;
  /** How many recipients the code has. */
  recipients?: number;
  /** In code, not named in the notice (finding `vendor-missing-from-notice`, warning). */
  missing: NoticeEntry[];
  /** Named in the notice and in code. */
  named: NoticeEntry[];
  /** Named in the notice but not found in the code any more (info). */
  unused: NoticeEntry[];
  /** Set when the notice could not be read. */
  error?: string;
}

/** The whole inventory. */
export interface Inventory {
  version: typeof INVENTORY_VERSION;
  vendors: InventoryVendor[];
  embeds: InventoryEmbed[];
  forms: InventoryForm[];
  processors: InventoryProcessor[];
  dataSources: InventoryDataSource[];
  /** With a privacy notice (`--notice FILE` or `privacyNotice` in creepyline.json). */
  notice?: NoticeDrift;
}
