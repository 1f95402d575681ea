import assert from 'node:assert/strict';
import { buildKnowledge, isHostPattern, KnowledgeError, splitUrl } from './index';
import vendorsJson from './vendors.json';
import consentApisJson from './consent-apis.json';
import type { ConsentApiEntry, VendorEntry } from './types';

const vendors = vendorsJson as unknown as VendorEntry[];
const apis = consentApisJson as unknown as ConsentApiEntry[];

describe('knowledge: vendors.json', () => {
  it('has at least 45 vendors, each with id, name, category, kind and a source', () => {
    assert.ok(vendors.length >= 45, `only ${vendors.length} vendors`);
    for (const v of vendors) {
      assert.match(v.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `id ${v.id}`);
      assert.ok(v.name.trim(), `${v.id}: name`);
      assert.ok(['necessary', 'functionality', 'experience', 'measurement', 'marketing'].includes(v.category), `${v.id}: category`);
      assert.ok(v.kind, `${v.id}: kind`);
      assert.ok(Array.isArray(v.source) && v.source.length > 0 && v.source.every((s) => s.trim() !== ''), `${v.id}: source`);
      assert.ok(
        v.globals.length + v.imports.length + v.scriptHosts.length + (v.pixelHosts?.length ?? 0) > 0,
        `${v.id}: nothing to recognise it by`,
      );
    }
  });

  it('has unique ids', () => {
    const ids = vendors.map((v) => v.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  });

  it('never lists the same global callee for two vendors unless argMatch tells them apart', () => {
    const owner = new Map<string, string>();
    for (const v of vendors) {
      for (const g of v.globals) {
        // gtag('event', 'conversion') / gtag('config', 'AW-…') belong to Google Ads, other gtag calls to Analytics
        if (g.argMatch) continue;
        const before = owner.get(g.callee);
        assert.ok(before === undefined || before === v.id, `${g.callee} listed by ${before} and ${v.id}`);
        owner.set(g.callee, v.id);
      }
    }
  });

  it('lists no bare generic names as globals', () => {
    const generic = ['track', 'identify', 'page', 'event', 'init', 'push', 'send', 'log', 'analytics', 'fs', 'consent'];
    for (const v of vendors) {
      for (const g of v.globals) assert.ok(!generic.includes(g.callee), `${v.id}: bare generic global ${g.callee}`);
    }
  });

  it('never treats gtag("consent", …) or fbq("consent", …) as a tracker call', () => {
    const gtag = vendors.flatMap((v) => v.globals).find((g) => g.callee === 'gtag');
    assert.deepEqual(gtag?.firstArgIn, ['config', 'event', 'set', 'get']);
    const fbq = vendors.flatMap((v) => v.globals).find((g) => g.callee === 'fbq');
    assert.ok(fbq?.firstArgIn && !fbq.firstArgIn.includes('consent'));
  });

  it('has valid import shapes', () => {
    for (const v of vendors) {
      for (const s of v.imports) {
        assert.ok(s.module && !s.module.startsWith('.') && !/\s/.test(s.module), `${v.id}: module ${s.module}`);
        assert.ok(s.export === 'default' || s.export === '*' || /^[A-Za-z_$][\w$]*$/.test(s.export), `${v.id}: export ${s.export}`);
        assert.ok(['object', 'call', 'component', 'class', 'plugin'].includes(s.as), `${v.id}: as ${s.as}`);
        // install options that hold the tracker: only on calls and plugins, each with values
        if (s.offWhen) assert.ok((s.as === 'call' || s.as === 'plugin') && s.offWhen.every((o) => o.option && o.equals.length > 0), `${v.id}: offWhen on ${s.module}`);
        // a component is a named export written capitalised, or the module's default export (`import PlausibleProvider from 'next-plausible'`)
        if (s.as === 'component' && s.export !== 'default') assert.match(s.export, /^[A-Z]/, `${v.id}: component ${s.export} must be capitalised`);
      }
    }
  });

  it('writes script and pixel hosts as host[/path] without protocol', () => {
    for (const v of vendors) {
      for (const h of [...v.scriptHosts, ...(v.pixelHosts ?? [])]) assert.ok(isHostPattern(h), `${v.id}: ${h}`);
    }
    assert.equal(isHostPattern('https://example.com/x'), false);
    assert.equal(isHostPattern('example.com/x?y=1'), false);
    assert.equal(isHostPattern('localhost'), false);
  });

  it('covers the vendors the design names', () => {
    const required = [
      'google-analytics', 'google-tag-manager', 'google-ads', 'meta-pixel', 'segment', 'mixpanel', 'amplitude', 'posthog', 'hotjar',
      'microsoft-clarity', 'matomo', 'heap', 'fullstory', 'linkedin-insight', 'tiktok-pixel', 'pinterest-tag', 'snap-pixel', 'x-pixel',
      'reddit-pixel', 'microsoft-uet', 'quora-pixel', 'criteo', 'hubspot', 'intercom', 'crisp', 'braze', 'klaviyo', 'customer-io',
      'tealium', 'optimizely', 'vwo', 'plausible', 'fathom', 'umami', 'vercel-analytics', 'cloudflare-web-analytics', 'rudderstack',
      'snowplow', 'pendo', 'kissmetrics', 'mouseflow', 'chartbeat', 'adroll', 'drip', 'livechat',
    ];
    const ids = new Set(vendors.map((v) => v.id));
    assert.deepEqual(required.filter((id) => !ids.has(id)), []);
    assert.ok(vendors.find((v) => v.id === 'matomo')?.exemption?.source.includes('CNIL'));
    assert.ok(vendors.find((v) => v.id === 'plausible')?.exemption);
  });
});

describe('knowledge: consent-apis.json', () => {
  it('covers the required consent APIs, each with a categoryMap and a source', () => {
    const required = [
      'iab-tcf', 'google-consent-mode', 'onetrust', 'cookiebot', 'usercentrics', 'didomi', 'klaro', 'orestbida-cookieconsent', 'c15t',
      'react-cookie-consent', 'fides',
    ];
    const ids = apis.map((a) => a.id);
    assert.deepEqual(required.filter((id) => !ids.includes(id)), []);
    for (const a of apis) {
      assert.equal(typeof a.categoryMap, 'object', `${a.id}: categoryMap`);
      assert.ok(a.source.length > 0, `${a.id}: source`);
    }
  });

  it('models the TCF listener and OneTrust callbacks as needing an inner check', () => {
    const tcf = apis.find((a) => a.id === 'iab-tcf')!;
    const listener = tcf.callbacks.find((c) => c.name === '__tcfapi');
    assert.equal(listener?.firstArg, 'addEventListener');
    assert.equal(listener?.needsInnerCheck, true);
    const onetrust = apis.find((a) => a.id === 'onetrust')!;
    assert.ok(onetrust.callbacks.some((c) => c.kind === 'function' && c.name === 'OptanonWrapper' && c.needsInnerCheck));
  });
});

describe('knowledge: buildKnowledge indexes', () => {
  const k = buildKnowledge();

  it('is memoised without extensions', () => {
    assert.equal(buildKnowledge(), k);
    assert.equal(buildKnowledge({}), k);
    assert.equal(buildKnowledge({ vendors: [], consentApis: [], vendorCategories: {} }), k);
  });

  it('indexes global callees by full path and root', () => {
    assert.equal(k.globalCallees.get('gtag')?.[0]?.vendor.id, 'google-analytics');
    assert.equal(k.globalCallees.get('mixpanel.people.set')?.[0]?.vendor.id, 'mixpanel');
    assert.equal(k.globalCallees.get('_paq.push')?.[0]?.vendor.id, 'matomo');
    assert.ok(k.globalRoots.has('gtag') && k.globalRoots.has('mixpanel') && k.globalRoots.has('_paq'));
    assert.equal(k.globalRoots.has('people'), false);
    assert.equal(k.globalCallees.get('track'), undefined);
  });

  it('indexes imports by exact module specifier', () => {
    const posthog = k.importsByModule.get('posthog-js');
    assert.equal(posthog?.[0]?.vendor.id, 'posthog');
    assert.ok(posthog?.[0]?.shape.methods?.includes('capture'));
    const vercelReact = k.importsByModule.get('@vercel/analytics/react');
    assert.deepEqual(vercelReact?.map((e) => [e.vendor.id, e.shape.export, e.shape.as]), [['vercel-analytics', 'Analytics', 'component']]);
    const next = k.importsByModule.get('@next/third-parties/google')?.map((e) => `${e.vendor.id}:${e.shape.export}`);
    assert.deepEqual(next?.sort(), [
      'google-analytics:GoogleAnalytics', 'google-analytics:sendGAEvent', 'google-tag-manager:GoogleTagManager', 'google-tag-manager:sendGTMEvent',
    ]);
    assert.equal(k.importsByModule.get('@vercel/analytics/')?.length, undefined);
  });

  it('matches script URLs by host and path prefix', () => {
    assert.equal(k.matchScriptUrl('https://www.googletagmanager.com/gtag/js?id=G-1')?.id, 'google-analytics');
    assert.equal(k.matchScriptUrl('//www.googletagmanager.com/gtag/js?id=G-1')?.id, 'google-analytics');
    assert.equal(k.matchScriptUrl('http://googletagmanager.com/gtag/js')?.id, 'google-analytics');
    assert.equal(k.matchScriptUrl('https://www.googletagmanager.com/gtm.js?id=GTM-X')?.id, 'google-tag-manager');
    assert.equal(k.matchScriptUrl('HTTPS://WWW.GOOGLETAGMANAGER.COM/gtag/js')?.id, 'google-analytics');
    assert.equal(k.matchScriptUrl('https://example.com/gtag/js'), undefined);
    assert.equal(k.matchScriptUrl('https://www.googletagmanager.com/gtag/jsx'), undefined);
    assert.equal(k.matchScriptUrl('https://connect.facebook.net/en_US/fbevents.js')?.id, 'meta-pixel');
    assert.equal(k.matchScriptUrl('https://connect.facebook.net/de_DE/fbevents.js#x')?.id, 'meta-pixel');
    assert.equal(k.matchScriptUrl('https://static.hotjar.com/c/hotjar-123456.js?sv=6')?.id, 'hotjar');
    assert.equal(k.matchScriptUrl('https://plausible.io/js/script.tagged-events.js')?.id, 'plausible');
    assert.equal(k.matchScriptUrl('https://js.hs-scripts.com/123.js')?.id, 'hubspot');
    assert.equal(k.matchScriptUrl('/js/script.js'), undefined);
    assert.equal(k.matchScriptUrl('javascript:alert(1)'), undefined);
    assert.equal(k.matchScriptUrl(''), undefined);
  });

  it('matches pixel URLs', () => {
    assert.equal(k.matchPixelUrl('https://www.facebook.com/tr?id=1&ev=PageView')?.id, 'meta-pixel');
    assert.equal(k.matchPixelUrl('https://www.facebook.com/tr/?id=1')?.id, 'meta-pixel');
    assert.equal(k.matchPixelUrl('https://www.facebook.com/translations'), undefined);
    assert.equal(k.matchPixelUrl('//googleads.g.doubleclick.net/pagead/viewthroughconversion/123/?guid=ON')?.id, 'google-ads');
    assert.equal(k.matchPixelUrl('https://px.ads.linkedin.com/collect/?pid=1&fmt=gif')?.id, 'linkedin-insight');
    assert.equal(k.matchPixelUrl('https://www.googletagmanager.com/gtag/js'), undefined);
  });

  it('parses URLs without backtracking on hostile input', () => {
    const hostile = 'https://' + 'a.'.repeat(50_000) + 'com/' + '/'.repeat(50_000) + '?'.repeat(10_000);
    const started = process.hrtime.bigint();
    assert.equal(k.matchScriptUrl(hostile), undefined);
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 500, 'URL matching took too long');
    assert.equal(splitUrl(`https://${'a.'.repeat(127)}com/x.js`), undefined, 'a host longer than a DNS name (253 characters) is not a host');
    assert.equal(splitUrl(`https://${'a.'.repeat(100)}com/x.js`)?.host, `${'a.'.repeat(100)}com`);
    assert.deepEqual(splitUrl('https://user:pw@cdn.segment.com:443/analytics.js/v1/key/analytics.min.js'), {
      host: 'cdn.segment.com',
      segments: ['analytics.js', 'v1', 'key', 'analytics.min.js'],
    });
  });

  it('indexes consent checks, callbacks, markup and hooks', () => {
    assert.equal(k.consentChecks.get('Cookiebot.consent')?.[0]?.check.category, 'fromProperty');
    assert.equal(k.consentChecks.get('CookieConsent.acceptedCategory')?.[0]?.api.id, 'orestbida-cookieconsent');
    assert.equal(k.consentCallbacks.get('function:OptanonWrapper')?.[0]?.api.id, 'onetrust');
    assert.equal(k.consentCallbacks.get('event:CookiebotOnAccept')?.[0]?.api.id, 'cookiebot');
    assert.equal(k.consentCallbacks.get('jsxProp:CookieConsent')?.[0]?.callback.property, 'onAccept');
    assert.ok(k.consentMarkupAttributes.has('data-cookieconsent'));
    assert.ok(k.consentMarkupAttributes.has('data-category'));
    assert.ok(k.consentMarkupAttributes.has('data-usercentrics'));
    assert.equal(k.consentHooks.get('useConsentManager')?.[0]?.hook.checkMethod, 'has');
  });

  it('maps CMP category names onto ours', () => {
    assert.equal(k.mapCategory('cookiebot', 'statistics'), 'measurement');
    assert.equal(k.mapCategory('onetrust', 'C0004'), 'marketing');
    assert.equal(k.mapCategory('onetrust', 'c0002'), 'measurement');
    assert.equal(k.mapCategory('orestbida-cookieconsent', 'analytics'), 'measurement');
    assert.equal(k.mapCategory('orestbida-cookieconsent', 'ads'), 'marketing');
    assert.equal(k.mapCategory('c15t', 'experience'), 'experience');
    assert.equal(k.mapCategory('cookiebot', 'toString'), undefined);
    assert.equal(k.mapCategory('nope', 'statistics'), undefined);
  });

  it('finds vendors by id', () => {
    assert.equal(k.vendorById('meta-pixel')?.category, 'marketing');
    assert.equal(k.vendorById('nope'), undefined);
  });
});

describe('knowledge: config extensions', () => {
  it('adds a new vendor with defaults and indexes it', () => {
    const k = buildKnowledge({ vendors: [{ id: 'acme-pixel', name: 'Acme', category: 'marketing', globals: [{ callee: 'acme.track' }], scriptHosts: ['cdn.acme.test/px.js'] }] });
    const acme = k.vendorById('acme-pixel');
    assert.equal(acme?.kind, 'advertising');
    assert.ok(acme?.source[0]?.includes('creepyline.json'));
    assert.equal(k.globalCallees.get('acme.track')?.[0]?.vendor.id, 'acme-pixel');
    assert.equal(k.matchScriptUrl('https://cdn.acme.test/px.js')?.id, 'acme-pixel');
    assert.notEqual(k, buildKnowledge());
    assert.equal(buildKnowledge().vendorById('acme-pixel'), undefined);
  });

  it('patches an existing vendor by id', () => {
    const k = buildKnowledge({ vendors: [{ id: 'hotjar', scriptHosts: ['hotjar.example.test/loader.js'] }] });
    assert.equal(k.vendorById('hotjar')?.name, 'Hotjar');
    assert.equal(k.matchScriptUrl('https://hotjar.example.test/loader.js')?.id, 'hotjar');
    assert.equal(k.matchScriptUrl('https://static.hotjar.com/c/hotjar-1.js'), undefined);
    assert.equal(buildKnowledge().matchScriptUrl('https://static.hotjar.com/c/hotjar-1.js')?.id, 'hotjar');
  });

  it('remaps vendor categories', () => {
    const k = buildKnowledge({ vendorCategories: { plausible: 'necessary' } });
    assert.equal(k.vendorById('plausible')?.category, 'necessary');
    assert.equal(k.globalCallees.get('plausible')?.[0]?.vendor.category, 'necessary');
    assert.equal(buildKnowledge().vendorById('plausible')?.category, 'measurement');
  });

  it('adds and patches consent APIs', () => {
    const k = buildKnowledge({
      consentApis: [
        { id: 'acme-cmp', name: 'Acme CMP', checks: [{ path: 'AcmeCmp.allows', call: true, category: 'fromArg' }], categoryMap: { stats: 'measurement' } },
        { id: 'cookiebot', categoryMap: { statistics: 'measurement', marketing: 'marketing', custom: 'experience' } },
      ],
    });
    assert.equal(k.consentChecks.get('AcmeCmp.allows')?.[0]?.api.id, 'acme-cmp');
    assert.equal(k.mapCategory('acme-cmp', 'stats'), 'measurement');
    assert.equal(k.mapCategory('cookiebot', 'custom'), 'experience');
    assert.equal(k.mapCategory('cookiebot', 'preferences'), undefined);
  });

  it('throws an error naming the entry and field for malformed extensions', () => {
    const cases: [Parameters<typeof buildKnowledge>[0], RegExp][] = [
      [{ vendors: [{ id: 'acme', name: 'Acme', category: 'ads' as never }] }, /^vendors\[0\] \(id "acme"\)\.category: must be one of/],
      [{ vendors: [{ id: 'acme', name: 'Acme', category: 'marketing', scriptHosts: ['https://cdn.acme.test/x.js'] }] }, /vendors\[0\] \(id "acme"\)\.scriptHosts\[0\]/],
      [{ vendors: [{ id: 'Acme Pixel' }] }, /^vendors\[0\]\.id: must be a kebab-case id/],
      [{ vendors: [{ id: 'hotjar', globals: [{ callee: 'window.hj' }] }] }, /vendors\[0\] \(id "hotjar"\)\.globals\[0\]\.callee/],
      [{ vendors: [{ id: 'acme', category: 'marketing' }] }, /vendors\[0\] \(id "acme"\)\.name/],
      [{ vendorCategories: { 'no-such-vendor': 'marketing' } }, /^vendorCategories\.no-such-vendor: unknown vendor id/],
      [{ vendorCategories: { hotjar: 'stats' as never } }, /^vendorCategories\.hotjar: must be one of/],
      [{ consentApis: [{ id: 'acme-cmp', name: 'Acme', callbacks: [{ kind: 'jsxProp', name: 'Banner', category: 'any' }] }] }, /consentApis\[0\] \(id "acme-cmp"\)\.callbacks\[0\]\.property/],
      [{ consentApis: [{ id: 'acme-cmp', name: 'Acme', categoryMap: { x: 'stats' as never } }] }, /consentApis\[0\] \(id "acme-cmp"\)\.categoryMap\.x/],
    ];
    for (const [extra, message] of cases) {
      assert.throws(
        () => buildKnowledge(extra),
        (err: unknown) => err instanceof KnowledgeError && message.test(err.message),
        `expected ${message} for ${JSON.stringify(extra)}`,
      );
    }
  });
});
