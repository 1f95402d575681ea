/**
 * The specialist catalogues extended from `creepyline.json` (`knowledge`): the shape inferred
 * from the shipped files, merging (words added, entries patched by identity or added with a
 * source), errors that name the key path, and the analysis using the extended catalogues.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { BUILTIN_CATALOGUES, CATALOGUE_FILES, activeCatalogues, cataloguesSchema, inferredList, mergeCatalogues, withCatalogues, type CatalogueName } from './catalogues';
import { buildKnowledge, KnowledgeError } from './index';
import { companyOfVendor } from './vendor-companies';
import { lint } from '../testing/rule-tester';
import { LayeredConfigSet } from '../config';
import { Workspace } from '../workspace';
import { rules } from '../rules';
import { buildConfigSchema } from '../config/schema';
import { fileURLToPath } from 'node:url';

function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('$')).map(([k, v]) => [k, withoutComments(v)]));
  return value;
}

describe('knowledge catalogues from config (knowledge)', () => {
  it('every shipped catalogue is valid under the schema inferred from it, and each names its file', () => {
    const schema = cataloguesSchema();
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: true });
    ajv.addKeyword('markdownDescription');
    const validate = ajv.compile(schema);
    const all = Object.fromEntries(Object.entries(BUILTIN_CATALOGUES).map(([k, v]) => [k, withoutComments(v)]));
    assert.ok(validate(all), JSON.stringify(validate.errors?.slice(0, 3)));
    for (const name of Object.keys(BUILTIN_CATALOGUES) as CatalogueName[]) {
      assert.match((schema.properties as Record<string, { description: string }>)[name]!.description, new RegExp(CATALOGUE_FILES[name].replace('.', '\\.')));
    }
  });

  it('every knowledge file is extendable from creepyline.json: under `knowledge`, or with a key of its own', () => {
    // The big catalogues keep the top-level keys they have always had.
    const ownKeys: Record<string, string> = {
      'vendors.json': 'vendors',
      'consent-apis.json': 'consentApis',
      'processors.json': 'processors',
      'data-sources.json': 'dataSources',
      'personal-data.json': 'personalData',
      'entry-points.json': 'entryPoints',
      'form-purposes.json': 'forms',
      // a catalogue vendor listing the host wins over the dataset; categories are remapped per vendor
      'third-party-web-mapping.json': 'vendors',
    };
    // Generated from the dataset by `npm run tpw:snapshot` to show mapping changes; not knowledge of its own.
    const generated = new Set(['third-party-web-snapshot.json']);
    const schemaKeys = Object.keys((buildConfigSchema([]) as { properties: Record<string, unknown> }).properties);
    const folder = path.dirname(fileURLToPath(import.meta.url));
    const files = fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
    assert.ok(files.length >= 20, files.join(', '));
    const underKnowledge = new Set(Object.values(CATALOGUE_FILES));
    for (const file of files) {
      if (generated.has(file)) continue;
      if (underKnowledge.has(file)) continue;
      assert.ok(ownKeys[file], `${file}: neither under \`knowledge\` (catalogues.ts) nor with a config key of its own`);
      assert.ok(schemaKeys.includes(ownKeys[file]!), `${file}: config key ${ownKeys[file]} is not in the schema`);
    }
    assert.ok(schemaKeys.includes('knowledge'));
  });

  it('infers the identity of list entries from the shipped data', () => {
    assert.equal(inferredList('tagQueues', 'queues')?.identity, 'id');
    assert.equal(inferredList('optinVocabulary', 'optIn')?.identity, 'stem');
    assert.equal(inferredList('frameworkConfig', 'plugins')?.identity, 'package');
    assert.equal(inferredList('consentStorage', 'keys')?.identity, 'name');
    // no key is unique in every factory: extensions are added, never patched
    assert.equal(inferredList('trackerInstances', 'factories')?.identity, undefined);
  });

  it('without extensions the shipped set is used, and equal extensions share one merged set', () => {
    assert.equal(mergeCatalogues(undefined), BUILTIN_CATALOGUES);
    assert.equal(mergeCatalogues([{}]), BUILTIN_CATALOGUES);
    const ext = [{ httpClients: { clients: ['ky.post'] } }];
    assert.equal(mergeCatalogues(ext), mergeCatalogues(JSON.parse(JSON.stringify(ext))));
  });

  it('adds words and entries (attributed to the configuration) and patches entries by identity, without touching the shipped data', () => {
    const before = JSON.stringify(BUILTIN_CATALOGUES);
    const merged = mergeCatalogues([
      {
        optinVocabulary: { optIn: [{ stem: 'vorteilsclub', lang: 'de' }] },
        tagQueues: { queues: [{ id: 'gtag', callees: ['gtag', 'siteGtag'] }] },
        httpClients: { clients: ['fetch', 'ky.post'] },
      },
      { optinVocabulary: { optIn: [{ stem: 'treuebonus', lang: 'de', source: 'loyalty programme' }] } },
    ]);
    const added = merged.optinVocabulary.optIn.slice(-2);
    assert.deepEqual(added, [
      { stem: 'vorteilsclub', lang: 'de', source: 'workspace configuration (creepyline.json)' },
      { stem: 'treuebonus', lang: 'de', source: 'loyalty programme' },
    ]);
    const gtag = merged.tagQueues.queues.find((q) => q.id === 'gtag')!;
    assert.deepEqual(gtag.callees, ['gtag', 'siteGtag']);
    assert.deepEqual(gtag.vendors, BUILTIN_CATALOGUES.tagQueues.queues.find((q) => q.id === 'gtag')!.vendors);
    assert.equal(merged.tagQueues.queues.length, BUILTIN_CATALOGUES.tagQueues.queues.length);
    assert.equal(merged.httpClients.clients.filter((c) => c === 'fetch').length, 1);
    assert.ok(merged.httpClients.clients.includes('ky.post'));
    assert.equal(JSON.stringify(BUILTIN_CATALOGUES), before);
  });

  const errors: [string, Record<string, unknown>, RegExp][] = [
    ['unknown catalogue', { optInVocabulary: {} }, /^knowledge\.optInVocabulary: unknown catalogue; known: optinVocabulary/],
    ['unknown key, with the known ones', { tagQueues: { queue: [] } }, /^knowledge\.tagQueues\.queue: unknown key; known keys: queues/],
    ['wrong type', { optinVocabulary: { optIn: 'vorteilsclub' } }, /^knowledge\.optinVocabulary\.optIn: expected array/],
    ['wrong type inside an entry', { tagQueues: { queues: [{ id: 'gtag', callees: 'gtag' }] } }, /^knowledge\.tagQueues\.queues\[0\]\.callees: expected array/],
    ['new entry missing fields', { tagQueues: { queues: [{ id: 'my-queue', callees: ['q'] }] } }, /^knowledge\.tagQueues\.queues\[0\]: a new entry needs "vendors", "loaderVendors" \(or the id of a shipped entry, to patch it\)/],
    ['category that is none', { consentVocabulary: { categoryWords: { stats: ['stats'] } } }, /^knowledge\.consentVocabulary: categoryWords\.stats: expected one of necessary/],
    ['special-category term with an unknown category', { specialCategories: { terms: [{ category: 'wellness', lang: 'en', terms: ['spa'] }] } }, /^knowledge\.specialCategories: terms\[\d+\]\.category: must be one of health/],
    ['company with a country that is no ISO code', { vendorCompanies: { companies: [{ id: 'acme', name: 'Acme Inc.', country: 'USA', transfer: { basis: 'other' }, checked: '2026-12-03' }] } }, /^knowledge\.vendorCompanies: companies\[\d+\]\.country: expected an ISO 3166-1 alpha-2 code/],
  ];
  for (const [name, extension, message] of errors) {
    it(`rejects ${name}, naming the key path`, () => {
      assert.throws(() => mergeCatalogues([extension]), (error: Error) => message.test(error.message));
      // through the knowledge builder it is a KnowledgeError with the field
      assert.throws(() => buildKnowledge({ knowledge: [extension] }), (error: Error) => error instanceof KnowledgeError && error.field.startsWith('knowledge.'));
    });
  }

  it('the analysis runs with the catalogues of the file’s configuration, and restores the previous ones', () => {
    const merged = mergeCatalogues([{ vendorCompanies: { companies: [{ id: 'acme', name: 'Acme Analytics Inc.', country: 'US', transfer: { basis: 'eu-us-dpf' }, sources: ['https://example.org/acme-imprint (company, address)'], checked: '2026-12-03' }], vendors: [{ id: 'acme-analytics', company: 'acme', aliases: ['Acme Analytics'] }] } }]);
    assert.equal(companyOfVendor('acme-analytics'), undefined);
    const inside = withCatalogues(merged, () => companyOfVendor('acme-analytics'));
    assert.equal(inside?.name, 'Acme Analytics Inc.');
    assert.equal(activeCatalogues(), BUILTIN_CATALOGUES);
    assert.throws(() => withCatalogues(merged, () => {
      throw new Error('boom');
    }), /boom/);
    assert.equal(activeCatalogues(), BUILTIN_CATALOGUES);
  });

  describe('findings follow the extensions', () => {
    it('optinVocabulary: a box named with the team’s own opt-in word is an opt-in', () => {
      const code = 'export function F() {\n  return <input type="checkbox" name="vorteilsclub" defaultChecked />;\n}\n';
      assert.equal(lint('prechecked-consent', code, 'form.tsx').length, 0);
      const found = lint('prechecked-consent', code, 'form.tsx', { knowledge: { optinVocabulary: { optIn: [{ stem: 'vorteilsclub', lang: 'de', source: 'our loyalty programme' }] } } });
      assert.equal(found.length, 1);
      assert.match(found[0]!.message, /vorteilsclub opt-in checkbox is ticked by default/);
    });

    it('consentStorage: the site’s own consent cookie gates the tracker', () => {
      const code = "import Cookies from 'js-cookie';\nif (Cookies.get('sp_choice') === 'all') {\n  fbq('track', 'PageView');\n}\n";
      assert.equal(lint('tracking-without-consent', code, 'a.js').length, 1);
      const config = { knowledge: { consentStorage: { keys: [{ name: 'sp_choice', tool: 'our banner', category: 'marketing', granted: ['all'] }] } } };
      assert.equal(lint('tracking-without-consent', code, 'a.js', config).length, 0);
      // the same cookie with a value that is not the granted one is no gate
      assert.equal(lint('tracking-without-consent', code.replace("=== 'all'", "=== 'none'"), 'a.js', config).length, 1);
    });

    it('embeds: a team’s video host is an embed that loads with the page', () => {
      const code = 'export const V = () => <iframe src="https://player.acme-video.com/embed/1" />;\n';
      assert.equal(lint('third-party-embed-without-consent', code, 'v.tsx').length, 0);
      const found = lint('third-party-embed-without-consent', code, 'v.tsx', {
        knowledge: { embeds: { embeds: [{ id: 'acme-video', name: 'Acme Video', kind: 'video', category: 'marketing', hosts: ['player.acme-video.com/embed/'], alternative: 'a click-to-load placeholder' }] } },
      });
      assert.equal(found.length, 1);
      assert.match(found[0]!.message, /Acme Video iframe loads with the page/);
    });

    it('vendorCompanies: the inventory names the company a team verified for its own vendor', () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-catalogues-'));
      try {
        fs.writeFileSync(path.join(root, 'page.html'), '<script src="https://cdn.acme-analytics.example/a.js"></script>\n');
        const raw = {
          vendors: [{ id: 'acme-analytics', name: 'Acme Analytics', category: 'measurement' as const, kind: 'analytics' as const, scriptHosts: ['cdn.acme-analytics.example'], source: ['our vendor list'] }],
          knowledge: { vendorCompanies: { companies: [{ id: 'acme', name: 'Acme Analytics GmbH', country: 'DE', transfer: { basis: 'eea' }, sources: ['https://acme-analytics.example/imprint (company and address)'], checked: '2026-12-03' }], vendors: [{ id: 'acme-analytics', company: 'acme', aliases: ['Acme Analytics'] }] } },
        };
        const workspace = new Workspace({ root, config: new LayeredConfigSet(root, rules, [{ raw, baseDir: root }]) });
        const result = workspace.analyzeFiles([path.join(root, 'page.html')]);
        assert.deepEqual(result.configProblems, []);
        const vendor = workspace.inventory([path.join(root, 'page.html')], result.findings).vendors.find((v) => v.id === 'acme-analytics');
        assert.equal(vendor?.company.name, 'Acme Analytics GmbH');
        assert.equal(vendor?.company.country, 'DE');
        assert.equal(vendor?.company.transfer.basis, 'eea');
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });

    it('a malformed extension is a configuration problem; the built-in catalogues are used instead', () => {
      const root = path.resolve('/tmp/creepyline-catalogues-test');
      const config = new LayeredConfigSet(root, rules, [{ raw: { knowledge: { tagQueues: { queues: [{ id: 'mine', callees: ['q'] }] } } }, baseDir: root }]);
      const workspace = new Workspace({ root, config });
      const result = workspace.analyzeFiles([]);
      const problem = result.configProblems.find((p) => p.key === 'knowledge');
      assert.ok(problem, JSON.stringify(result.configProblems));
      assert.match(problem!.message, /knowledge\.tagQueues\.queues\[0\]: a new entry needs "vendors", "loaderVendors".*the built-in catalogues are used instead/);
    });
  });
});
