/**
 * The company behind a vendor (country, transfer basis, sources) and the names a privacy
 * notice may use for it, from `vendor-companies.json`. Unknown stays unknown: a vendor
 * without a catalogued company gets `country: 'unknown'`, never a guess.
 */
import { BUILTIN_CATALOGUES, derived, registerCatalogueCheck } from './catalogues';

/** How transfers of EU personal data to the company are covered. */
export type CompanyTransferBasis = 'eea' | 'eu-us-dpf' | 'other' | 'unknown';

/** A catalogued company. */
export interface CompanyEntry {
  id: string;
  /** Legal entity (`Google LLC`). */
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  transfer: { basis: CompanyTransferBasis; detail?: string };
  sources: string[];
  /** When the sources were read (YYYY-MM-DD). */
  checked: string;
}

/** Per vendor / embed / processor id: its company and the names a notice may use. */
export interface VendorNames {
  id: string;
  company?: string;
  aliases: string[];
  /** Names that are also ordinary words: count only capitalised, never as proof of an unused vendor. */
  ambiguous?: string[];
}

const BASES: readonly CompanyTransferBasis[] = ['eea', 'eu-us-dpf', 'other', 'unknown'];

/**
 * The EU member states and the other EEA states (Iceland, Liechtenstein, Norway) as ISO 3166-1
 * alpha-2 codes: a company seated here needs no third-country transfer tool of its own.
 * Source: Regulation (EU) 2016/679 applies in the EEA by the EEA Joint Committee Decision 154/2018.
 */
export const EEA_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO',
]);

/** Checks the catalogue's shape; throws naming the entry and field. Run at load and by the knowledge test. */
export function validateVendorCompanies(data: { companies: CompanyEntry[]; vendors: VendorNames[] }): void {
  const companyIds = new Set<string>();
  data.companies.forEach((c, i) => {
    const at = `companies[${i}]`;
    if (!/^[a-z0-9-]+$/.test(c.id) || companyIds.has(c.id)) throw new Error(`${at}.id: missing, not kebab-case or duplicate`);
    companyIds.add(c.id);
    if (!c.name) throw new Error(`${at}.name: missing`);
    if (!/^[A-Z]{2}$/.test(c.country)) throw new Error(`${at}.country: expected an ISO 3166-1 alpha-2 code`);
    if (!BASES.includes(c.transfer?.basis)) throw new Error(`${at}.transfer.basis: expected one of ${BASES.join(', ')}`);
    // The basis must fit the country: `eea` exactly for EU/EEA seats, the DPF only for US companies.
    if ((c.transfer.basis === 'eea') !== EEA_COUNTRIES.has(c.country)) throw new Error(`${at}.transfer.basis: "eea" is for companies seated in the EU/EEA, and every such company has it (country ${c.country})`);
    if (c.transfer.basis === 'eu-us-dpf' && c.country !== 'US') throw new Error(`${at}.transfer.basis: "eu-us-dpf" is for US companies (country ${c.country})`);
    if (!Array.isArray(c.sources) || c.sources.length === 0 || c.sources.some((s) => typeof s !== 'string' || s.length < 8)) throw new Error(`${at}.sources: at least one source is required`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(c.checked ?? '') || Number.isNaN(Date.parse(c.checked))) throw new Error(`${at}.checked: expected the date the sources were read, YYYY-MM-DD`);
    // Each source names where it is read: a URL (the page that states the fact).
    c.sources.forEach((s, j) => {
      if (!/https?:\/\/[^\s]+/.test(s)) throw new Error(`${at}.sources[${j}]: expected the address (URL) of the page that states the fact`);
    });
  });
  const ids = new Set<string>();
  data.vendors.forEach((v, i) => {
    const at = `vendors[${i}]`;
    if (!v.id || ids.has(v.id)) throw new Error(`${at}.id: missing or duplicate`);
    ids.add(v.id);
    // A company id groups vendors of one company; its facts are listed under `companies` only once verified.
    if (v.company !== undefined && !/^[a-z0-9-]+$/.test(v.company)) throw new Error(`${at}.company: expected a kebab-case company id`);
    if (!Array.isArray(v.aliases) || v.aliases.some((a) => typeof a !== 'string' || a.trim().length < 2)) throw new Error(`${at}.aliases: expected names`);
  });
}

type CompaniesFile = { companies: CompanyEntry[]; vendors: VendorNames[] };
const DATA = BUILTIN_CATALOGUES.vendorCompanies as unknown as CompaniesFile;
validateVendorCompanies(DATA);
// Companies and names added under `knowledge.vendorCompanies` meet the same checks.
registerCatalogueCheck('vendorCompanies', (merged) => validateVendorCompanies(merged as CompaniesFile));

/** Companies and names by id, from the active catalogues. */
const indexes = derived(({ vendorCompanies }) => {
  const data = vendorCompanies as unknown as CompaniesFile;
  return { COMPANIES: new Map(data.companies.map((c) => [c.id, c])), NAMES: new Map(data.vendors.map((v) => [v.id, v])) };
});

/** The catalogued company of a vendor, embed or processor id, when its facts were verified. */
export function companyOfVendor(id: string): CompanyEntry | undefined {
  const company = indexes().NAMES.get(id)?.company;
  return company ? indexes().COMPANIES.get(company) : undefined;
}

/** The company group id of a vendor (`google`), even when its facts are not catalogued. */
export function companyGroupOf(id: string): string | undefined {
  return indexes().NAMES.get(id)?.company;
}

/** Notice names of an id from the catalogue (aliases and ambiguous names). */
export function vendorNames(id: string): VendorNames | undefined {
  return indexes().NAMES.get(id);
}

/** Every id with catalogued notice names. */
export function namedVendorIds(): string[] {
  return [...indexes().NAMES.keys()];
}

/** The shipped catalogue (for tests). */
export const VENDOR_COMPANIES = DATA;
