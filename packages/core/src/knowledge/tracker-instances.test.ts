import assert from 'node:assert/strict';
import vendorsJson from './vendors.json';
import { factoryOf, TRACKER_FACTORIES, vendorMethods, vendorNamed } from './tracker-instances';
import type { VendorEntry } from './types';

const vendors = vendorsJson as unknown as VendorEntry[];

describe('knowledge: tracker-instances.json', () => {
  it('names a catalogued vendor, an SDK module of it, methods and a source per entry', () => {
    for (const f of TRACKER_FACTORIES) {
      const vendor = vendors.find((v) => v.id === f.vendor);
      assert.ok(vendor, `${f.module}: vendor ${f.vendor} is not catalogued`);
      assert.ok(vendor.imports.some((i) => i.module === f.module), `${f.module}: not an SDK module of ${f.vendor} in vendors.json`);
      assert.ok(f.methods.length > 0, `${f.module}: methods`);
      assert.ok(f.source.trim().length > 20, `${f.module}: source`);
    }
  });

  it('reads a creation as written', () => {
    assert.equal(factoryOf('@segment/analytics-next', 'AnalyticsBrowser', ['load'], false)?.vendor, 'segment');
    assert.equal(factoryOf('@segment/analytics-next', 'AnalyticsBrowser', [], true), undefined);
    assert.equal(factoryOf('posthog-js', 'default', ['init'], false)?.vendor, 'posthog');
    assert.equal(factoryOf('posthog-js', '*', ['init'], false)?.vendor, 'posthog');
    assert.equal(factoryOf('posthog-js', 'default', ['capture'], false), undefined);
    assert.equal(factoryOf('@segment/analytics-node', 'Analytics', [], true)?.server, true);
    assert.equal(factoryOf('@amplitude/analytics-browser', 'createInstance', [], false)?.vendor, 'amplitude');
    assert.equal(factoryOf('@amplitude/analytics-browser', '*', ['createInstance'], false)?.vendor, 'amplitude');
  });

  it('finds a vendor by a name that is the vendor, never by a generic word', () => {
    assert.equal(vendorNamed('posthog', vendors)?.id, 'posthog');
    assert.equal(vendorNamed('PostHog', vendors)?.id, 'posthog');
    assert.equal(vendorNamed('segment.ts', vendors)?.id, 'segment');
    assert.equal(vendorNamed('mixpanel', vendors)?.id, 'mixpanel');
    for (const generic of ['analytics', 'tracker', 'tracking', 'client', 'ga', 'index', 'utils', 'default']) assert.equal(vendorNamed(generic, vendors), undefined, generic);
  });

  it('collects a vendor’s sending methods from its factories, imports and globals', () => {
    const posthog = vendors.find((v) => v.id === 'posthog')!;
    const methods = vendorMethods(posthog);
    assert.ok(methods.has('capture') && methods.has('identify') && methods.has('startSessionRecording'));
    assert.ok(!methods.has('getFeatureFlag'));
  });
});
