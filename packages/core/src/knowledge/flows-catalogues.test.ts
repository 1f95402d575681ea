import assert from 'node:assert/strict';
import vendorsJson from './vendors.json';
import paramsJson from './tracker-data-params.json';
import sdkSinksJson from './sdk-data-sinks.json';
import specialJson from './special-categories.json';
import { findSpecialTerms, SPECIAL_CATEGORIES } from './special-categories';
import { splitWords } from './personal-data';

const vendorIds = new Set((vendorsJson as { id: string }[]).map((v) => v.id));

describe('knowledge: tracker-data-params.json (contract 4)', () => {
  const vendors = (paramsJson as unknown as { vendors: Record<string, { source: string; calls: { method?: string; firstArg?: string; args: { index: number; role: string }[] }[]; keys?: Record<string, string> }> }).vendors;
  it('is keyed by vendor ids of vendors.json, each entry with a source and call shapes', () => {
    for (const [id, entry] of Object.entries(vendors)) {
      assert.ok(vendorIds.has(id), `${id} is not a vendor id of vendors.json`);
      assert.ok(entry.source.trim(), `${id}: source`);
      assert.ok(entry.calls.length > 0, `${id}: calls`);
      for (const call of entry.calls) {
        for (const a of call.args) assert.ok(['traits', 'user-id', 'properties', 'advanced-matching', 'none'].includes(a.role), `${id}: role ${a.role}`);
      }
    }
  });
  it('covers the calls issue 8 names', () => {
    for (const id of ['segment', 'meta-pixel', 'posthog', 'mixpanel', 'intercom', 'klaviyo', 'braze', 'hubspot', 'google-ads', 'tiktok-pixel']) assert.ok(vendors[id], id);
    assert.equal(vendors['meta-pixel']!.keys!.em, 'email');
  });
});

describe('knowledge: special-categories.json', () => {
  const file = specialJson as unknown as { terms: { category: string; lang: string; terms: string[]; stems?: string[]; ambiguous?: string[]; source: string }[] };
  it('every entry names its source, a known category, English or German, normalised terms', () => {
    for (const e of file.terms) {
      assert.ok(SPECIAL_CATEGORIES.includes(e.category as never), e.category);
      assert.ok(e.lang === 'en' || e.lang === 'de');
      assert.ok(e.source.trim());
      for (const t of e.terms) assert.equal(splitWords(t).join(' '), t, `term "${t}" must be lower case, parts separated by spaces, umlauts folded`);
      for (const a of e.ambiguous ?? []) assert.ok(e.terms.includes(a), `ambiguous "${a}" not among the terms`);
    }
    for (const category of SPECIAL_CATEGORIES) {
      assert.ok(file.terms.some((e) => e.category === category && e.lang === 'en'), `${category} en`);
      assert.ok(file.terms.some((e) => e.category === category && e.lang === 'de'), `${category} de`);
    }
  });
  it('matches whole word parts in English and German, stems at the start of a part', () => {
    const terms = (text: string) => findSpecialTerms(text).map((m) => m.term);
    assert.deepEqual(terms('Interesse: Mundgeruch'), ['mundgeruch']);
    assert.deepEqual(terms('Erektionsstörungen behandeln'), ['erektionsstoerungen']);
    assert.deepEqual(terms('Diabetiker-Newsletter'), ['diabetiker']);
    assert.deepEqual(terms('Diabetikerbedarf'), ['diabet']);
    assert.deepEqual(terms('bad_breath_quiz'), ['bad breath']);
    assert.deepEqual(terms('hairLossShampoo'), ['hair loss']);
    assert.deepEqual(terms('potenzielle Kunden'), []);
    assert.deepEqual(terms('generalSettings'), []);
    assert.deepEqual(terms('transaction'), []);
  });
});

describe('knowledge: sdk-data-sinks.json', () => {
  const file = sdkSinksJson as unknown as { sinks: { id: string; name: string; vendor?: string; recipient?: string; modules: string[]; calls?: { method: string; args: { index: number; role?: string; kind?: string }[] }[]; classes?: { class: string; setters: Record<string, string>; hashedBySdk?: string[] }[]; source: string }[] };
  it('every entry names its source, its modules, a known tracker vendor when it reuses one, and call shapes or classes', () => {
    const ids = new Set<string>();
    for (const e of file.sinks) {
      assert.ok(!ids.has(e.id), `duplicate ${e.id}`);
      ids.add(e.id);
      assert.ok(e.source.trim(), `${e.id}: source`);
      assert.ok(e.modules.length > 0, `${e.id}: modules`);
      if (e.vendor) assert.ok(vendorIds.has(e.vendor), `${e.id}: vendor ${e.vendor} is not in vendors.json`);
      assert.ok(!(e.vendor && e.recipient), `${e.id}: a tracker vendor is a third party, not a processor`);
      assert.ok((e.calls?.length ?? 0) + (e.classes?.length ?? 0) > 0, `${e.id}: calls or classes`);
      for (const c of e.classes ?? []) for (const h of c.hashedBySdk ?? []) assert.ok(Object.hasOwn(c.setters, h), `${e.id}: hashed setter ${h} is not a setter`);
      for (const c of e.calls ?? []) for (const a of c.args) assert.ok(a.role === undefined || ['traits', 'user-id', 'properties', 'advanced-matching', 'none'].includes(a.role), `${e.id}: role ${a.role}`);
    }
  });
  it('no module is also a tracker SDK of vendors.json (one opinion per call)', () => {
    const trackerModules = new Set((vendorsJson as { imports: { module: string }[] }[]).flatMap((v) => v.imports.map((i) => i.module)));
    for (const e of file.sinks) if (!e.vendor) for (const m of e.modules) assert.ok(!trackerModules.has(m), `${e.id}: ${m} is a tracker module`);
  });
});
