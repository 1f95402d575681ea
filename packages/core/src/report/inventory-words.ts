/**
 * The inventory's facts in words, the same in every face (Markdown, HTML, the editor):
 * consent status, company and transfer basis.
 */
import type { InventoryCompany, InventoryConsent } from '../inventory/types';

/** A consent status in words (`not-gated` → does not wait for consent). */
export const CONSENT_WORDS: Readonly<Record<string, string>> = {
  gated: 'waits for consent',
  partly: 'partly waits for consent',
  'not-gated': 'does not wait for consent',
  'not-needed': 'not needed (the consent tool)',
  'server-side': 'sent from the server without a consent check',
};

const BASIS_WORDS: Record<string, string> = {
  eea: 'in the EU/EEA',
  'eu-us-dpf': 'EU–U.S. Data Privacy Framework',
  other: 'other transfer tool',
  unknown: 'unknown',
};

/** `Google LLC (US)`, `unknown`. */
export function companyText(company: InventoryCompany): string {
  if (!company.name && company.country === 'unknown') return 'unknown';
  return `${company.name ?? 'unknown'}${company.country !== 'unknown' ? ` (${company.country})` : ''}`;
}

/** `EU–U.S. Data Privacy Framework`, `unknown`, with the detail when there is one. */
export function transferText(company: InventoryCompany): string {
  return `${BASIS_WORDS[company.transfer.basis] ?? company.transfer.basis}${company.transfer.detail ? ` (${company.transfer.detail})` : ''}`;
}

/** The basis alone (`EU–U.S. Data Privacy Framework`), for table cells: the detail goes in the vendor's section. */
export function basisText(company: InventoryCompany): string {
  return BASIS_WORDS[company.transfer.basis] ?? company.transfer.basis;
}

/** One site's consent in words. */
export function consentText(consent: InventoryConsent): string {
  return `${CONSENT_WORDS[consent.status] ?? consent.status}${consent.how ? `: ${consent.how}` : ''}`;
}
