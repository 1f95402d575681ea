import * as assert from 'node:assert/strict';
import { transferSummary, transferSummaryText } from './transfers';
import type { InventoryCompany } from './types';

const unknown: InventoryCompany = { country: 'unknown', transfer: { basis: 'unknown' }, sources: [] };
const src = ['x: https://example.com/legal'];
const dpf: InventoryCompany = { name: 'A Inc.', country: 'US', transfer: { basis: 'eu-us-dpf' }, sources: src };
const usUnknown: InventoryCompany = { name: 'B Inc.', country: 'US', transfer: { basis: 'unknown' }, sources: src };
const other: InventoryCompany = { name: 'C Ltd', country: 'NZ', transfer: { basis: 'other' }, sources: src };
const eea: InventoryCompany = { name: 'D SAS', country: 'FR', transfer: { basis: 'eea' }, sources: src };

function inv(vendors: [string, InventoryCompany][], embeds: [string, InventoryCompany][] = [], processors: [string, InventoryCompany][] = []) {
  const r = ([id, company]: [string, InventoryCompany]) => ({ id, company });
  return { vendors: vendors.map(r), embeds: embeds.map(r), processors: processors.map(r) } as unknown as Parameters<typeof transferSummary>[0];
}

describe('inventory: where the recipients are', () => {
  it('counts distinct recipients by country and basis', () => {
    const s = transferSummary(inv(
      [['ga', dpf], ['x', usUnknown], ['y', usUnknown], ['nz', other], ['fr', eea], ['tpw-a', unknown], ['mailchimp', usUnknown]],
      [['yt', dpf]],
      [['mailchimp', usUnknown], ['stripe', unknown]],
    ));
    assert.deepEqual(s, { recipients: 9, inside: 1, outside: 6, dpf: 2, other: 1, unknownBasis: 3, unknownCountry: 2 });
    assert.equal(
      transferSummaryText(s),
      '6 recipients outside the EU/EEA: 2 on the EU–U.S. Data Privacy Framework, 1 on another transfer tool, 3 with no known transfer basis. 1 in the EU/EEA; 2 without catalogued company facts (country unknown).',
    );
  });

  it('an id known as tracker and processor counts once, with the facts one of them has', () => {
    const s = transferSummary(inv([['mailchimp', unknown]], [], [['mailchimp', usUnknown]]));
    assert.deepEqual(s, { recipients: 1, inside: 0, outside: 1, dpf: 0, other: 0, unknownBasis: 1, unknownCountry: 0 });
    assert.equal(transferSummaryText(s), '1 recipient outside the EU/EEA: 1 with no known transfer basis.');
  });

  it('reads well with many entries and with none outside', () => {
    const many: [string, InventoryCompany][] = Array.from({ length: 140 }, (_, i) => [`v${i}`, i % 7 === 0 ? dpf : i % 5 === 0 ? eea : unknown]);
    const text = transferSummaryText(transferSummary(inv(many)));
    assert.equal(text, '20 recipients outside the EU/EEA: 20 on the EU–U.S. Data Privacy Framework. 24 in the EU/EEA; 96 without catalogued company facts (country unknown).');
    assert.equal(transferSummaryText(transferSummary(inv([['fr', eea]]))), 'No recipient is known to be outside the EU/EEA. 1 in the EU/EEA.');
    assert.equal(transferSummaryText(transferSummary(inv([['a', unknown], ['b', unknown]]))), '2 without catalogued company facts (country unknown).');
    assert.equal(transferSummaryText(transferSummary(inv([]))), '');
  });
});
