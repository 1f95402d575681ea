import * as assert from 'node:assert/strict';
import { buildKnowledge, KnowledgeError } from './index';
import type { VendorEntry } from './types';
import vendors from './vendors.json';

/** Hosts of sources that are not the vendor's own documentation (package registries, code hosts, other projects). */
const NOT_VENDOR_DOCS = /(^|\.)(npmjs\.com|github\.com|githubusercontent\.com|unpkg\.com|jsdelivr\.net)$/;

function citesVendorDocs(v: VendorEntry): boolean {
  return v.source.some((s) => [...s.matchAll(/https?:\/\/([^/\s)]+)/g)].some((m) => !NOT_VENDOR_DOCS.test(m[1]!.replace(/^www\./, ''))));
}

describe('knowledge: how vendor call shapes were checked', () => {
  const all = vendors as unknown as VendorEntry[];

  it('every vendor with call shapes either cites its docs page or says how its shapes were checked', () => {
    const missing = all.filter((v) => v.globals.length + v.imports.length > 0 && !citesVendorDocs(v) && !v.verified).map((v) => v.id);
    assert.deepEqual(missing, []);
  });

  it('records the check with its date and what was found, and how many are unverified', () => {
    const checked = all.filter((v) => v.verified);
    for (const v of checked) {
      assert.match(v.verified!.checked, /^\d{4}-\d{2}-\d{2}$/, v.id);
      assert.ok(v.verified!.note.length > 40, `${v.id}: the note must say what was looked for`);
    }
    // 2026-12-03: the 68 long-tail vendors with call shapes and no docs URL, all found as listed in public code.
    assert.ok(checked.length >= 68, `${checked.length} checked`);
    assert.deepEqual(checked.filter((v) => v.verified!.how === 'unverified').map((v) => v.id), []);
  });

  it('rejects a malformed verified field from creepyline.json, naming the field', () => {
    const acme = { id: 'acme-pixel', name: 'Acme', category: 'marketing', globals: [{ callee: 'acme.track' }], source: ['Acme docs'] };
    buildKnowledge({ vendors: [{ ...acme, verified: { how: 'public-code', checked: '2026-12-03', note: 'acme.track found in public code' } }] } as never);
    assert.throws(() => buildKnowledge({ vendors: [{ ...acme, verified: { how: 'guessed', checked: '2026-12-03', note: 'x' } }] } as never), (e: unknown) => e instanceof KnowledgeError && /verified\.how/.test(e.message));
    assert.throws(() => buildKnowledge({ vendors: [{ ...acme, verified: { how: 'public-code', checked: 'today', note: 'x' } }] } as never), (e: unknown) => e instanceof KnowledgeError && /verified\.checked/.test(e.message));
  });
});
