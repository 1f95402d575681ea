/**
 * Where the inventory's recipients are, for the line a data-protection officer reads first:
 * how many recipients sit outside the EU/EEA and on which transfer basis (Art. 44–46 GDPR).
 * Counted from the company facts the inventory already carries (catalogue entries with
 * sources); a recipient without catalogued facts is counted as unknown, never placed.
 */
import { EEA_COUNTRIES } from '../knowledge/vendor-companies';
import type { Inventory, InventoryCompany } from './types';

/** Recipients by where their company is and how a transfer to it is covered. */
export interface TransferSummary {
  /** Distinct recipients (vendor, embed and processor ids; one id counted once). */
  recipients: number;
  /** Company seated in the EU/EEA. */
  inside: number;
  /** Company seated outside the EU/EEA (the sum of the next three). */
  outside: number;
  /** Outside, on the EU–U.S. Data Privacy Framework. */
  dpf: number;
  /** Outside, on another tool the company names (standard contractual clauses, an adequacy decision). */
  other: number;
  /** Outside, with no source for the transfer tool. */
  unknownBasis: number;
  /** No catalogued company facts: country unknown. */
  unknownCountry: number;
}

/** Counts the recipients of an inventory by company country and transfer basis. */
export function transferSummary(inventory: Pick<Inventory, 'vendors' | 'embeds' | 'processors'>): TransferSummary {
  const byId = new Map<string, InventoryCompany>();
  for (const r of [...inventory.vendors, ...inventory.embeds, ...inventory.processors]) {
    // The same id as tracker and processor (Mailchimp) is one recipient; the first entry with facts wins.
    const seen = byId.get(r.id);
    if (!seen || (seen.country === 'unknown' && r.company.country !== 'unknown')) byId.set(r.id, r.company);
  }
  const out: TransferSummary = { recipients: byId.size, inside: 0, outside: 0, dpf: 0, other: 0, unknownBasis: 0, unknownCountry: 0 };
  for (const company of byId.values()) {
    if (company.country === 'unknown') out.unknownCountry++;
    else if (EEA_COUNTRIES.has(company.country)) out.inside++;
    else {
      out.outside++;
      if (company.transfer.basis === 'eu-us-dpf') out.dpf++;
      else if (company.transfer.basis === 'other') out.other++;
      else out.unknownBasis++;
    }
  }
  return out;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The summary in one or two plain sentences, e.g. "5 recipients outside the EU/EEA: 2 on the
 * EU–U.S. Data Privacy Framework, 1 on another transfer tool, 2 with no known transfer basis.
 * 3 in the EU/EEA; 4 without catalogued company facts (country unknown)." Empty for no recipients.
 * Recipients without facts are named as such rather than counted on either side.
 */
export function transferSummaryText(s: TransferSummary): string {
  if (s.recipients === 0) return '';
  const parts: string[] = [];
  if (s.outside > 0) {
    const how = [
      s.dpf > 0 ? `${s.dpf} on the EU–U.S. Data Privacy Framework` : '',
      s.other > 0 ? `${s.other} on another transfer tool` : '',
      s.unknownBasis > 0 ? `${s.unknownBasis} with no known transfer basis` : '',
    ].filter(Boolean);
    parts.push(`${count(s.outside, 'recipient')} outside the EU/EEA: ${how.join(', ')}.`);
  } else if (s.unknownCountry < s.recipients) parts.push('No recipient is known to be outside the EU/EEA.');
  const rest = [
    s.inside > 0 ? `${s.inside} in the EU/EEA` : '',
    s.unknownCountry > 0 ? `${s.unknownCountry} without catalogued company facts (country unknown)` : '',
  ].filter(Boolean);
  if (rest.length > 0) parts.push(`${rest.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()));
  return parts.join(' ');
}
