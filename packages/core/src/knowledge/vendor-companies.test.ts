import * as assert from 'node:assert/strict';
import consentApis from './consent-apis.json';
import embeds from './embeds.json';
import processors from './processors.json';
import vendors from './vendors.json';
import { EEA_COUNTRIES, VENDOR_COMPANIES, companyOfVendor, validateVendorCompanies } from './vendor-companies';
import type { CompanyEntry } from './vendor-companies';

const ok: CompanyEntry = {
  id: 'acme', name: 'Acme SAS', country: 'FR', transfer: { basis: 'eea' },
  sources: ['Acme, legal notice (registered office in Paris): https://acme.example/legal'], checked: '2026-12-03',
};

function rejects(change: Partial<CompanyEntry>, field: RegExp): void {
  assert.throws(() => validateVendorCompanies({ companies: [{ ...ok, ...change }], vendors: [] }), field);
}

describe('knowledge: vendor-companies', () => {
  it('the shipped catalogue is valid', () => {
    validateVendorCompanies(VENDOR_COMPANIES);
    validateVendorCompanies({ companies: [ok], vendors: [] });
  });

  it('every company names the pages that state its facts and the date they were read', () => {
    for (const c of VENDOR_COMPANIES.companies) {
      assert.ok(c.sources.length > 0, `${c.id}: no source`);
      for (const s of c.sources) assert.match(s, /https?:\/\/\S+/, `${c.id}: a source without its address: ${s}`);
      assert.match(c.checked, /^20\d\d-\d\d-\d\d$/, `${c.id}: no read date`);
    }
  });

  it('rejects a company that loses its sources, its read date, or a source its address', () => {
    rejects({ sources: [] }, /companies\[0\]\.sources/);
    rejects({ sources: ['Acme says so somewhere'] }, /companies\[0\]\.sources\[0\]: expected the address/);
    rejects({ checked: '' }, /companies\[0\]\.checked/);
    rejects({ checked: '2026-13-45' }, /companies\[0\]\.checked/);
    rejects({ checked: undefined as unknown as string }, /companies\[0\]\.checked/);
  });

  it('rejects a transfer basis that does not fit the country', () => {
    rejects({ country: 'US', transfer: { basis: 'eea' } }, /companies\[0\]\.transfer\.basis: "eea"/);
    rejects({ country: 'DE', transfer: { basis: 'unknown' } }, /companies\[0\]\.transfer\.basis: "eea"/);
    rejects({ country: 'GB', transfer: { basis: 'eu-us-dpf' } }, /companies\[0\]\.transfer\.basis/);
    rejects({ country: 'usa' }, /companies\[0\]\.country/);
  });

  it('EU/EEA companies are "eea", DPF companies are in the US', () => {
    for (const c of VENDOR_COMPANIES.companies) {
      assert.equal(c.transfer.basis === 'eea', EEA_COUNTRIES.has(c.country), c.id);
      if (c.transfer.basis === 'eu-us-dpf') assert.equal(c.country, 'US', c.id);
    }
  });

  it('maps only ids the catalogues know (trackers, embeds, processors, consent tools)', () => {
    const known = new Set<string>([
      ...(vendors as { id: string }[]).map((v) => v.id),
      ...(processors as { id: string }[]).map((p) => p.id),
      ...(embeds as { embeds: { id: string }[] }).embeds.map((e) => e.id),
      ...(consentApis as { id: string }[]).map((c) => c.id),
    ]);
    for (const v of VENDOR_COMPANIES.vendors) assert.ok(known.has(v.id), `vendor-companies maps unknown id ${v.id}`);
  });

  it('every listed company is the company of at least one id', () => {
    const used = new Set(VENDOR_COMPANIES.vendors.map((v) => v.company));
    for (const c of VENDOR_COMPANIES.companies) assert.ok(used.has(c.id), `company ${c.id} is listed but no vendor maps to it`);
  });

  it('counts what is verified (the figure the docs give)', () => {
    const ids = VENDOR_COMPANIES.vendors.filter((v) => companyOfVendor(v.id)).map((v) => v.id);
    // Raise these when entries are added; lowering them means a verified fact was dropped.
    assert.ok(VENDOR_COMPANIES.companies.length >= 35, `companies: ${VENDOR_COMPANIES.companies.length}`);
    assert.ok(ids.length >= 52, `ids with a verified company: ${ids.length}`);
    for (const id of ['google-analytics', 'meta-pixel', 'segment', 'amplitude', 'hotjar', 'criteo', 'cookiebot', 'usercentrics', 'didomi', 'brevo', 'mailchimp']) {
      assert.ok(companyOfVendor(id), `${id} lost its verified company`);
    }
    assert.equal(companyOfVendor('hotjar')?.country, 'MT');
    assert.equal(companyOfVendor('amplitude')?.transfer.basis, 'eu-us-dpf');
    // unknown stays unknown: a group id without verified facts gives no company
    assert.equal(companyOfVendor('posthog'), undefined);
  });
});
