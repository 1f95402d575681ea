import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildKnowledge, CONTRACT_ROLES, endpointMatches, KnowledgeError, packageOf, PROCESSOR_ROLES } from './index';
import { loadConfig } from '../config/load';
import { rules } from '../rules';

const k = buildKnowledge();

describe('knowledge: processors.json', () => {
  it('has at least 25 processors, each with roles, something to recognise it by, and a source', () => {
    assert.ok(k.processors.length >= 25, `only ${k.processors.length}`);
    for (const p of k.processors) {
      assert.ok(p.roles.length > 0 && p.roles.every((r) => PROCESSOR_ROLES.includes(r)), `${p.id}: roles`);
      assert.ok(p.packages.length + p.hosts.length > 0, `${p.id}: nothing to recognise it by`);
      assert.ok(p.source.length > 0, `${p.id}: source`);
      if (p.erasure) {
        assert.ok(p.erasure.source.trim(), `${p.id}: erasure source`);
        assert.ok((p.erasure.methods?.length ?? 0) + (p.erasure.endpoints?.length ?? 0) > 0, `${p.id}: erasure cannot be recognised`);
      }
    }
  });

  it('names the erasure calls the rule messages promise', () => {
    assert.equal(k.processorById('stripe')?.erasure?.call, 'stripe.customers.del(customerId)');
    assert.match(k.processorById('mailchimp')!.erasure!.call, /deleteListMemberPermanent/);
    assert.ok(k.processorById('mailchimp')!.notErasure!.some((n) => n.methods?.includes('lists.deleteListMember')));
    assert.match(k.processorById('hubspot')!.erasure!.call, /gdprApi\.purge/);
    assert.ok(k.processorById('posthog')?.erasure?.endpoints?.length);
    assert.ok(k.processorById('klaviyo')?.erasure?.methods?.includes('requestProfileDeletion'));
  });

  it('finds processors by module, with subpaths, and never by prefix', () => {
    assert.equal(k.processorByModule('stripe')?.id, 'stripe');
    assert.equal(k.processorByModule('@hubspot/api-client')?.id, 'hubspot');
    assert.equal(k.processorByModule('@hubspot/api-client/lib/codegen/crm')?.id, 'hubspot');
    assert.equal(k.processorByModule('@sendgrid/mail')?.id, 'sendgrid');
    assert.equal(k.processorByModule('stripe-mock'), undefined);
    assert.equal(k.processorByModule('nodemailer'), undefined);
    assert.equal(k.processorByModule('./stripe'), undefined);
    assert.equal(packageOf('@scope/pkg/a/b'), '@scope/pkg');
    assert.equal(packageOf('pkg/a'), 'pkg');
  });

  it('finds processors by host (subdomains too) and by URL (path patterns)', () => {
    assert.equal(k.processorByHost('api.stripe.com')?.id, 'stripe');
    assert.equal(k.processorByHost('us6.api.mailchimp.com')?.id, 'mailchimp');
    assert.equal(k.processorByHost('www.api.stripe.com')?.id, 'stripe');
    assert.equal(k.processorByHost('evilapi.stripe.com.example'), undefined);
    assert.equal(k.processorByHost('notstripe.com'), undefined);
    assert.equal(k.processorByUrl('https://acme.zendesk.com/api/v2/users/1')?.id, 'zendesk');
    assert.equal(k.processorByUrl('https://acme.zendesk.com/hc/en-us'), undefined);
    assert.equal(k.processorByUrl('https://us.i.posthog.com/capture/')?.id, 'posthog');
  });

  it('marks payment, transactional email and shipping as contract roles', () => {
    assert.deepEqual([...CONTRACT_ROLES].sort(), ['payment', 'shipping', 'transactional-email']);
    assert.ok(k.processorById('stripe')!.roles.every((r) => CONTRACT_ROLES.includes(r)));
    assert.ok(!k.processorById('mailchimp')!.roles.some((r) => CONTRACT_ROLES.includes(r)));
  });

  it('matches erasure endpoints by exact depth, so archive and permanent delete differ', () => {
    const archive = { method: 'DELETE', url: 'api.mailchimp.com/*/lists/*/members/*' };
    assert.ok(endpointMatches(archive, 'https://us6.api.mailchimp.com/3.0/lists/abc/members/123'));
    assert.ok(!endpointMatches(archive, 'https://us6.api.mailchimp.com/3.0/lists/abc/members/123/actions/delete-permanent'));
    const permanent = k.processorById('mailchimp')!.erasure!.endpoints![0]!;
    assert.ok(endpointMatches(permanent, 'https://us6.api.mailchimp.com/3.0/lists/abc/members/123/actions/delete-permanent'));
    const posthog = k.processorById('posthog')!.erasure!.endpoints![0]!;
    assert.ok(endpointMatches(posthog, 'https://eu.posthog.com/api/projects/1/persons/abc/?delete_events=true'));
  });
});

describe('knowledge: data-sources.json', () => {
  it('every source names its origin and has a host or package', () => {
    assert.ok(k.dataSources.length >= 15);
    for (const d of k.dataSources) {
      assert.ok(d.source.length > 0, d.id);
      assert.ok(d.hosts.length + d.packages.length > 0, d.id);
    }
  });

  it('matches enrichment endpoints, and never the logo CDN or email verification', () => {
    assert.equal(k.matchDataSource('https://person.clearbit.com/v2/combined/find?email=a@b.c')?.kind, 'person-enrichment');
    assert.equal(k.matchDataSource('https://company.clearbit.com/v2/companies/find?domain=x')?.kind, 'company-enrichment');
    assert.equal(k.matchDataSource('https://logo.clearbit.com/stripe.com'), undefined);
    assert.equal(k.matchDataSource('https://autocomplete.clearbit.com/v1/companies/suggest?query=x'), undefined);
    assert.equal(k.matchDataSource('https://api.peopledatalabs.com/v5/person/enrich')?.source.id, 'people-data-labs');
    assert.equal(k.matchDataSource('https://api.hunter.io/v2/email-finder?domain=x')?.source.id, 'hunter');
    assert.equal(k.matchDataSource('https://api.hunter.io/v2/email-verifier?email=x'), undefined);
    assert.equal(k.matchDataSource('https://api.apollo.io/api/v1/people/match')?.source.id, 'apollo-io');
    assert.equal(k.matchDataSource('https://api.fullcontact.com/v3/person.enrich')?.source.id, 'fullcontact');
  });

  it('matches customer-list uploads of the ad platforms', () => {
    assert.equal(k.matchDataSource('https://graph.facebook.com/v19.0/2384/users')?.host.requiresBodyKey?.[0], 'payload');
    assert.equal(k.matchDataSource('https://googleads.googleapis.com/v16/customers/123/offlineUserDataJobs:create')?.source.id, 'google-customer-match');
    assert.equal(k.matchDataSource('https://googleads.googleapis.com/v16/customers/123/offlineUserDataJobs/9:addOperations')?.source.id, 'google-customer-match');
    assert.equal(k.matchDataSource('https://api.linkedin.com/rest/dmpSegments/55/users')?.kind, 'audience-upload');
    assert.equal(k.matchDataSource('https://business-api.tiktok.com/open_api/v1.3/dmp/custom_audience/file/upload/')?.kind, 'audience-upload');
    assert.equal(k.matchDataSource('https://googleads.googleapis.com/v16/customers/123/campaigns'), undefined);
    assert.equal(k.matchDataSource('https://graph.facebook.com/v19.0/me'), undefined);
  });

  it('finds data-source SDKs by module', () => {
    assert.equal(k.dataSourceByModule('clearbit')?.id, 'clearbit');
    assert.equal(k.dataSourceByModule('peopledatalabs')?.id, 'people-data-labs');
    assert.equal(k.dataSourceByModule('@apollo/client'), undefined);
    assert.equal(k.dataSourceByModule('metascraper-clearbit'), undefined);
  });
});

describe('knowledge: processors and dataSources from config', () => {
  it('adds a team processor and patches a built-in one', () => {
    const kk = buildKnowledge({
      processors: [
        { id: 'acme-crm', name: 'Acme CRM', roles: ['crm'], packages: ['@acme/crm'], erasure: { call: 'crm.erase(id)', methods: ['erase'], source: 'https://docs.acme.example' } },
        { id: 'mailchimp', packages: ['@acme/mailchimp-wrapper'] },
      ],
    });
    assert.equal(kk.processorByModule('@acme/crm')?.id, 'acme-crm');
    assert.deepEqual(kk.processorByModule('@acme/crm')?.source, ['workspace configuration (creepyline.json)']);
    assert.equal(kk.processorByModule('@acme/mailchimp-wrapper')?.id, 'mailchimp');
    assert.equal(kk.processorByModule('@mailchimp/mailchimp_marketing'), undefined, 'packages replaced, not appended');
    assert.equal(buildKnowledge().processorByModule('@acme/crm'), undefined, 'the shared catalogue is untouched');
  });

  it('names the key path of a malformed entry', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        assert.ok(e instanceof KnowledgeError);
        return e.message;
      }
      assert.fail('no error');
    };
    assert.match(err(() => buildKnowledge({ processors: [{ id: 'acme', name: 'Acme', roles: ['spam' as never] }] })), /^processors\[0\] \(id "acme"\)\.roles\[0\]: must be one of payment/);
    assert.match(err(() => buildKnowledge({ processors: [{ id: 'Acme' }] })), /^processors\[0\]\.id: must be a kebab-case id/);
    assert.match(err(() => buildKnowledge({ processors: [{ id: 'acme', name: 'Acme', roles: ['crm'], hosts: ['https://api.acme.example'] }] })), /processors\[0\] \(id "acme"\)\.hosts\[0\]: must be host\[\/path\]/);
    assert.match(err(() => buildKnowledge({ processors: [{ id: 'acme', name: 'Acme', roles: ['crm'], erasure: { call: 'x()' } as never }] })), /\.erasure\.source: must be a non-empty string/);
    assert.match(err(() => buildKnowledge({ dataSources: [{ id: 'acme', name: 'Acme', kind: 'spy' as never, hosts: [{ url: 'api.acme.example/' }] }] })), /^dataSources\[0\] \(id "acme"\)\.kind: must be one of/);
    assert.match(err(() => buildKnowledge({ dataSources: [{ id: 'acme', name: 'Acme', kind: 'data-broker' }] })), /must list at least one package or host/);
  });

  it('creepyline.json `processors` and `dataSources` are validated by the schema and reach the knowledge', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-processors-'));
    try {
      fs.writeFileSync(
        path.join(root, 'creepyline.json'),
        JSON.stringify({
          processors: [{ id: 'acme-crm', name: 'Acme CRM', roles: ['crm'], packages: ['@acme/crm'] }, { id: 'bad-one', name: 'Bad', roles: ['crm', 'nope'] }],
          dataSources: [{ id: 'acme-enrich', name: 'Acme Enrich', kind: 'person-enrichment', hosts: [{ url: 'api.acme-enrich.example/' }] }],
        }),
      );
      const { config, problems } = loadConfig({ root, rules });
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.match(problems[0]!.key, /^processors\[1\]\.roles\[1\]/);
      const resolved = config.forFile(path.join(root, 'src/a.ts'));
      const kk = buildKnowledge({ processors: resolved.processors, dataSources: resolved.dataSources });
      assert.equal(kk.processorByModule('@acme/crm')?.id, 'acme-crm');
      assert.equal(kk.matchDataSource('https://api.acme-enrich.example/v1/person')?.source.id, 'acme-enrich');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
