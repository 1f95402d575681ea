import * as assert from 'node:assert/strict';
import snapshot from './third-party-web-snapshot.json';
import { classifyHost, entityVendorId, mappingSnapshot, THIRD_PARTY_WEB_VERSION, TPW_ENTITIES, TPW_MAPPING, type UrlForm } from './third-party-web';
import { buildKnowledge } from './index';
import lockfile from '../../../../package-lock.json';

describe('third-party-web dataset', () => {
  it('is the version pinned in package-lock.json', () => {
    const pinned = (lockfile as { packages: Record<string, { version?: string }> }).packages['node_modules/third-party-web']?.version;
    assert.equal(THIRD_PARTY_WEB_VERSION, pinned);
    assert.ok(TPW_ENTITIES.length > 2000, `only ${TPW_ENTITIES.length} entities`);
  });

  it('maps every entity as the snapshot says (npm run tpw:snapshot lists and records changes)', () => {
    const now = mappingSnapshot();
    const was = (snapshot as { entities: Record<string, string> }).entities;
    const changes: string[] = [];
    for (const name of new Set([...Object.keys(was), ...Object.keys(now)])) {
      if (was[name] !== now[name]) changes.push(`${name}: ${was[name] ?? '(new)'} -> ${now[name] ?? '(gone)'}`);
    }
    assert.deepEqual(changes, [], `vendors whose mapping changed (dataset ${THIRD_PARTY_WEB_VERSION}, snapshot ${snapshot.version}); review, then run npm run tpw:snapshot:\n${changes.slice(0, 50).join('\n')}`);
  });

  it('has a mapping with a reason for every category the dataset uses', () => {
    for (const category of new Set(TPW_ENTITIES.map((e) => e.category))) {
      const decision = TPW_MAPPING.categories[category];
      assert.ok(decision, `category "${category}" has no mapping`);
      assert.ok(decision.reason.length > 20, `category "${category}" has no reason`);
    }
  });

  it('names only entities and domains that exist, each with a reason', () => {
    const byName = new Map(TPW_ENTITIES.map((e) => [e.name, e]));
    for (const [name, decision] of Object.entries(TPW_MAPPING.entities)) {
      assert.ok(byName.has(name), `entity override "${name}" is not in the dataset`);
      assert.ok(decision.reason, `entity override "${name}" has no reason`);
    }
    for (const [domain, decision] of Object.entries(TPW_MAPPING.domains)) {
      assert.ok(byName.get(decision.entity)?.domains.includes(domain), `domain override "${domain}" is not a domain of "${decision.entity}"`);
      assert.ok(decision.reason, `domain override "${domain}" has no reason`);
    }
    const vendors = buildKnowledge().vendors;
    for (const [name, decision] of Object.entries(TPW_MAPPING.entities)) {
      if (decision.vendor) assert.ok(vendors.some((v) => v.id === decision.vendor), `entity "${name}" links unknown vendor "${decision.vendor}"`);
    }
  });

  it('gives every entity its own vendor id', () => {
    const ids = new Map<string, string>();
    for (const entity of TPW_ENTITIES) {
      const id = entityVendorId(entity.name);
      assert.ok(!ids.has(id) || ids.get(id) === entity.name, `"${entity.name}" and "${ids.get(id)}" share ${id}`);
      ids.set(id, entity.name);
    }
  });

  it('classifies hosts: exact domains, wildcard parents, overrides', () => {
    const table: [host: string, entity: string | undefined, purpose: string | null | undefined][] = [
      ['embed.tawk.to', 'Tawk.to', 'functionality'],
      ['tawk.to', 'Tawk.to', 'functionality'],
      ['secure.adnxs.com', 'AppNexus', 'marketing'],
      ['stats.wp.com', 'WordPress Site Stats', 'measurement'],
      ['wp.com', undefined, undefined],
      ['fonts.googleapis.com', 'Google Fonts', null],
      ['graph.microsoft.com', 'Bing Ads', null],
      ['bat.bing.com', 'Bing Ads', 'marketing'],
      ['login.okta.com', 'Okta', null],
      ['cdn.cookielaw.org', 'Optanon', null],
      ['example.com', undefined, undefined],
      ['com', undefined, undefined],
    ];
    for (const [host, entity, purpose] of table) {
      const verdict = classifyHost(host);
      assert.equal(verdict?.entity.name, entity, host);
      assert.equal(verdict?.purpose, purpose, host);
    }
    assert.equal(classifyHost('cdn.cookielaw.org')?.consentTool, true);
  });
});

describe('Knowledge.matchThirdParty', () => {
  const knowledge = buildKnowledge();
  const table: [url: string, form: UrlForm, vendor: string | undefined, confidence?: 'high' | 'medium'][] = [
    ['https://lptag.liveperson.net/tag/tag.js?site=1', 'script', 'tpw-liveperson', 'medium'],
    // an entity the catalogue links (tawk-to → "Tawk.to"): its hosts are reported under the catalogue vendor
    ['https://va.tawk.to/v1/session/start', 'script', 'tawk-to', 'high'],
    // an entity several catalogue vendors share (Google/Doubleclick Ads) or that opts out of the fallback (Facebook) speaks for itself
    ['https://www.facebook.com/plugins/like.php', 'iframe', 'tpw-facebook', 'medium'],
    ['//secure.adnxs.com/seg?add=1', 'pixel', 'tpw-appnexus', 'high'],
    ['https://secure.adnxs.com/seg?add=1', 'request', 'tpw-appnexus', 'medium'],
    // a social network's image or a chat vendor's request is not tracking by the category alone
    ['https://pbs.twimg.com/profile_images/1.jpg', 'pixel', undefined],
    ['https://api.hubapi.com/contacts/v1/contact', 'request', undefined],
    // a request to a catalogued vendor's host outside its collection endpoints is an API call (Plausible's Stats API)
    ['https://plausible.io/api/v2/query', 'request', undefined],
    // linked to the catalogue: reported under the catalogue's vendor
    ['https://www.googletagmanager.com/ns.html?id=GTM-1', 'iframe', 'google-tag-manager', 'high'],
    // video iframes are embeds (third-party-embed-without-consent), player scripts trackers
    ['https://fast.wistia.net/embed/iframe/abc', 'iframe', undefined],
    ['https://fast.wistia.com/assets/external/E-v1.js', 'script', 'tpw-wistia', 'medium'],
    // first-party (relative), other schemes and unknown hosts
    ['/api/track', 'request', undefined],
    ['data:image/gif;base64,R0lGOD', 'pixel', undefined],
    ['https://shop.example.com/a.js', 'script', undefined],
    ['https://cdn.jsdelivr.net/npm/x.js', 'script', undefined],
  ];
  for (const [url, form, vendor, confidence] of table) {
    it(`${form} ${url} → ${vendor ?? 'nothing'}`, () => {
      const match = knowledge.matchThirdParty(url, form);
      assert.equal(match?.vendor.id, vendor);
      if (confidence) assert.equal(match?.confidence, confidence);
    });
  }

  it('makes one vendor per entity, with its origin and source', () => {
    const a = knowledge.matchThirdParty('https://lptag.liveperson.net/tag/tag.js', 'script')!.vendor;
    const b = knowledge.matchThirdParty('https://lo.v.liveperson.net/x', 'script')!.vendor;
    assert.equal(a, b);
    assert.equal(a.origin?.dataset, 'third-party-web');
    assert.equal(a.origin?.version, THIRD_PARTY_WEB_VERSION);
    assert.match(a.source[0]!, /third-party-web 0\.\d+\.\d+ \(npm, MIT\): entity "LivePerson"/);
    assert.equal(a.category, 'functionality');
  });
});

describe('catalogue ↔ third-party-web', () => {
  it('links every catalogue vendor to a dataset entity, or says why not', () => {
    const names = new Set(TPW_ENTITIES.map((e) => e.name));
    const problems: string[] = [];
    for (const vendor of buildKnowledge().vendors) {
      if (vendor.thirdPartyWeb !== undefined && !names.has(vendor.thirdPartyWeb)) problems.push(`${vendor.id}: entity "${vendor.thirdPartyWeb}" is not in third-party-web ${THIRD_PARTY_WEB_VERSION}`);
      if (vendor.thirdPartyWeb === undefined && !vendor.thirdPartyWebNone) problems.push(`${vendor.id}: neither thirdPartyWeb nor thirdPartyWebNone`);
      if (vendor.thirdPartyWeb !== undefined && vendor.thirdPartyWebNone) problems.push(`${vendor.id}: both thirdPartyWeb and thirdPartyWebNone`);
    }
    assert.deepEqual(problems, []);
  });

  it('names a dataset entity for a vendor whenever the dataset lists one of its hosts', () => {
    // a vendor that says "not listed" while its own loader host is in the dataset would hide a link
    const problems: string[] = [];
    for (const vendor of buildKnowledge().vendors) {
      if (vendor.thirdPartyWeb !== undefined || !/^not listed/.test(vendor.thirdPartyWebNone ?? '')) continue;
      for (const pattern of [...vendor.scriptHosts, ...(vendor.pixelHosts ?? [])]) {
        const entity = classifyHost(pattern.split('/')[0]!)?.entity.name;
        if (entity) problems.push(`${vendor.id}: ${pattern} is "${entity}" in the dataset`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('keeps the catalogue at web scale: ≥150 tracker vendors, ≥100 SDK packages, each with a source', () => {
    const vendors = buildKnowledge().vendors;
    const packages = new Set(vendors.flatMap((v) => v.imports.map((i) => i.module)));
    assert.ok(vendors.length >= 150, `${vendors.length} vendors`);
    assert.ok(packages.size >= 100, `${packages.size} packages`);
    for (const v of vendors) assert.ok(v.source.length > 0, v.id);
  });
});

describe('consent tools catalogue', () => {
  it('lists ≥20 consent tools, each with a source, and links dataset entities that exist', () => {
    const apis = buildKnowledge().consentApis;
    assert.ok(apis.length >= 20, `${apis.length} consent tools`);
    const names = new Set(TPW_ENTITIES.map((e) => e.name));
    for (const api of apis) {
      assert.ok(api.source.length > 0, api.id);
      if (api.thirdPartyWeb) assert.ok(names.has(api.thirdPartyWeb), `${api.id}: "${api.thirdPartyWeb}" not in the dataset`);
    }
  });

  it('recognises a consent tool on the page by its loader, from the catalogue or the dataset', () => {
    const k = buildKnowledge();
    assert.equal(k.consentToolByUrl('https://consent.cookiebot.com/uc.js?cbid=1')?.api?.id, 'cookiebot');
    assert.equal(k.consentToolByUrl('https://cdn.cookielaw.org/scripttemplates/otSDKStub.js')?.api?.id, 'onetrust');
    // a consent-provider entity of the dataset the catalogue has no API for: named, no API
    const tool = k.consentToolByUrl('https://admiral.mgr.consensu.org/cmp.js');
    assert.equal(tool?.name, 'Admiral CMP');
    assert.equal(tool?.api, undefined);
    assert.equal(k.consentToolByUrl('https://www.googletagmanager.com/gtm.js'), undefined);
  });
});
