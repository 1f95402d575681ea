/**
 * End-to-end tests of `creepyline inventory`: the real bin on the shop sample (the expectation
 * below was written from reading the sample's code, see samples/README.md) and on temporary
 * projects (notice drift, exit codes, determinism).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { makeProject, removeProject, REPO_ROOT, runCli } from './helpers';

interface Site { file: string; line: number; form: string; consent: { status: string; how?: string }; finding?: { ruleId: string } }
interface Company { name?: string; country: string; transfer: { basis: string }; sources: string[]; checked?: string }
interface Vendor { id: string; name: string; consentCategory: string; consent: string; company: Company; sites: Site[]; personalData: { kind: string; hashed: boolean; at: { file: string; line: number } }[] }
interface Inv {
  version: number;
  summary: { files: number; vendors: number; embeds: number; forms: number; transfers: { recipients: number; inside: number; outside: number; dpf: number; other: number; unknownBasis: number; unknownCountry: number } };
  vendors: Vendor[];
  embeds: { id: string; consent: string; company: Company; sites: Site[] }[];
  forms: { file: string; line: number; purpose?: { id: string }; categories: string[]; fields: { name: string; required: boolean; kind?: string }[] }[];
  processors: { id: string; company: Company; uses: { file: string; line: number }[]; erasure: { api?: { call: string }; reachedBy: unknown[]; missedBy: unknown[] } }[];
  notice?: { file: string; missing: { id: string; name: string; at?: { file: string; line: number } }[]; named: { id: string; matched?: string }[]; unused: { id: string; matched?: string }[]; error?: string };
}

const SHOP = path.join(REPO_ROOT, 'samples', 'shop');

function inventory(args: string[], cwd: string): { inv: Inv; code: number | null; stderr: string } {
  const run = runCli(['inventory', ...args, '--format', 'json'], cwd);
  assert.ok(run.stdout.startsWith('{'), `not JSON (exit ${run.code}): ${run.stderr}`);
  return { inv: JSON.parse(run.stdout) as Inv, code: run.code, stderr: run.stderr };
}

describe('creepyline inventory (end to end)', function () {
  this.timeout(120_000);
  let shop: Inv;
  before(() => {
    const run = inventory(['.'], SHOP);
    assert.equal(run.code, 0, run.stderr);
    shop = run.inv;
  });

  it('lists every third-party vendor the shop loads or calls, and no other', () => {
    // From the code: Amplitude (lib/subscriptions.ts), Cookiebot (components/CookieBanner.tsx),
    // FullStory (components/CheckoutResearch.tsx), Google Ads (lib/ads.ts), Google Analytics
    // (react-ga4, the gtag.js script, <GoogleAnalytics>), Google Tag Manager (<GoogleTagManager>),
    // Meta Pixel (base code, react-facebook-pixel, fbq calls, the Conversions API route),
    // Microsoft UET (bat.bing.com), Mixpanel, Pinterest (s.pinimg.com), PostHog, Reddit
    // (redditstatic.com), Segment (@segment/analytics-next), TikTok (ttq), Vercel Web Analytics.
    assert.deepEqual(shop.vendors.map((v) => v.id).sort(), [
      'amplitude', 'cookiebot', 'fullstory', 'google-ads', 'google-analytics', 'google-tag-manager', 'meta-pixel', 'microsoft-uet',
      'mixpanel', 'pinterest-tag', 'posthog', 'reddit-pixel', 'segment', 'tiktok-pixel', 'vercel-analytics',
    ]);
    const site = (id: string, file: string, line: number) => shop.vendors.find((v) => v.id === id)?.sites.find((s) => s.file === file && s.line === line);
    assert.ok(site('microsoft-uet', 'components/ThirdPartyTags.tsx', 48), 'UET script tag');
    assert.ok(site('pinterest-tag', 'components/ThirdPartyTags.tsx', 44), 'Pinterest script tag');
    assert.ok(site('reddit-pixel', 'components/ThirdPartyTags.tsx', 46), 'Reddit script tag');
    assert.ok(site('fullstory', 'components/CheckoutResearch.tsx', 10), 'FullStory init');
    assert.ok(site('meta-pixel', 'app/api/orders/route.ts', 56), 'Conversions API request');
    assert.ok(site('google-analytics', 'components/AnalyticsProvider.tsx', 47), 'gtag.js loader (its src line)');
  });

  it('says whether and how each site waits for consent, in agreement with check', () => {
    const v = (id: string) => shop.vendors.find((x) => x.id === id)!;
    // `{marketing && <Script …pinimg…>}`: gated for the marketing purpose it needs.
    assert.equal(v('pinterest-tag').consent, 'gated');
    // `{statistics && <Script …redditstatic…>}`: an ad pixel behind a statistics check is not gated.
    assert.equal(v('reddit-pixel').consent, 'not-gated');
    assert.match(v('reddit-pixel').sites[0]!.consent.how ?? '', /another purpose/);
    // <ConsentGate purpose="statistics"><GoogleTagManager/></ConsentGate>
    assert.equal(v('google-tag-manager').consent, 'gated');
    assert.match(v('google-tag-manager').sites[0]!.consent.how ?? '', /ConsentGate/);
    assert.equal(v('cookiebot').consent, 'not-needed');
    assert.equal(v('meta-pixel').sites.find((s) => s.file === 'app/api/orders/route.ts')!.consent.status, 'server-side');
    // Every ungated site carries the finding check reports there, and no gated one does.
    for (const vendor of shop.vendors) {
      for (const s of vendor.sites) {
        if (s.consent.status === 'gated' || s.consent.status === 'not-needed') assert.equal(s.finding, undefined, `${vendor.id} ${s.file}:${s.line}`);
      }
    }
    const check = JSON.parse(runCli(['check', '.', '--format', 'json', '--rule', 'tracking-without-consent'], SHOP).stdout) as { findings: { file: string; message: string; range: { start: { line: number } }; related?: { file: string; line: number }[] }[] };
    const flagged = shop.vendors.flatMap((v) => v.sites.filter((s) => s.finding?.ruleId === 'tracking-without-consent').map((s) => `${s.file}:${s.line}`)).sort();
    // a finding moved to a helper's ungated call (issue 14 item 7) belongs to the site of its related tracker call
    const sites = check.findings.map((f) => (/^This call of/.test(f.message) && f.related?.[0] ? `${f.related[0].file}:${f.related[0].line}` : `${f.file}:${f.range.start.line}`));
    assert.deepEqual(flagged, [...new Set(sites)].sort());
    assert.equal(v('pinterest-tag').consentCategory, 'marketing');
    assert.equal(v('mixpanel').consentCategory, 'measurement');
  });

  it('lists the embeds: YouTube, YouTube (privacy-enhanced) and Google Maps; next/font is no embed', () => {
    assert.deepEqual(shop.embeds.map((e) => e.id).sort(), ['google-maps', 'youtube', 'youtube-nocookie']);
    const maps = shop.embeds.find((e) => e.id === 'google-maps')!;
    assert.equal(maps.sites[0]!.file, 'components/RoasteryMap.tsx');
    assert.equal(maps.consent, 'gated');
    assert.equal(shop.embeds.find((e) => e.id === 'youtube')!.sites[0]!.file, 'components/ProductVideo.tsx');
    assert.equal(shop.embeds.find((e) => e.id === 'youtube-nocookie')!.sites[0]!.line, 28);
  });

  it('lists the forms with their purposes and personal-data categories', () => {
    const checkout = shop.forms.find((f) => f.file === 'app/checkout/page.tsx');
    assert.ok(checkout, 'checkout form');
    assert.equal(checkout.line, 58);
    assert.equal(checkout.purpose?.id, 'checkout');
    assert.deepEqual(checkout.fields.map((f) => f.name), ['name', 'email', 'street', 'postcode', 'city', 'country', 'newsletter']);
    assert.ok(checkout.categories.includes('contact'));
    assert.equal(checkout.fields.find((f) => f.name === 'email')?.kind, 'email');
    const pause = shop.forms.find((f) => f.file === 'app/account/subscription/page.tsx');
    assert.ok(pause, 'pause-subscription form');
    assert.deepEqual(pause.fields.map((f) => f.name), ['weeks', 'reason']);
    assert.deepEqual(pause.categories, []);
    assert.ok(shop.forms.some((f) => f.file === 'components/ProductCard.tsx' && f.fields.some((x) => x.name === 'quantity')), 'the product card quantity input');
    assert.equal(shop.forms.length, 3);
  });

  it('lists personal data per vendor and the processors with their erasure', () => {
    const meta = shop.vendors.find((v) => v.id === 'meta-pixel')!;
    assert.ok(meta.personalData.some((d) => d.kind === 'email' && d.hashed && d.at.file === 'app/api/orders/route.ts' && d.at.line === 67));
    assert.ok(meta.personalData.some((d) => d.kind === 'ipAddress' && d.at.line === 68));
    const mixpanel = shop.processors.find((p) => p.id === 'mixpanel');
    assert.ok(mixpanel?.erasure.api, 'Mixpanel has a deletion API');
    assert.deepEqual(mixpanel.erasure.reachedBy, []);
  });

  it('never guesses a company: unknown unless the catalogue has it with a source', () => {
    for (const v of shop.vendors) {
      if (v.company.country === 'unknown') assert.equal(v.company.transfer.basis, 'unknown', v.id);
      else assert.ok(v.company.sources.length > 0, `${v.id} has a country but no source`);
    }
    const ga = shop.vendors.find((v) => v.id === 'google-analytics')!;
    assert.deepEqual([ga.company.country, ga.company.transfer.basis], ['US', 'eu-us-dpf']);
    assert.ok(ga.company.sources.some((s) => s.includes('policies.google.com')));
    // Mixpanel's transfer basis could not be verified in a public source: unknown, not guessed.
    const mixpanel = shop.vendors.find((v) => v.id === 'mixpanel')!;
    assert.deepEqual([mixpanel.company.country, mixpanel.company.transfer.basis, mixpanel.company.sources], ['unknown', 'unknown', []]);
    // Every catalogued fact travels with the pages that state it and the date they were read.
    for (const r of [...shop.vendors, ...shop.embeds, ...shop.processors]) {
      if (r.company.country === 'unknown') continue;
      assert.ok(r.company.sources.length > 0 && r.company.sources.every((s) => /https?:\/\//.test(s)), `${r.id}: a country without a source address`);
      assert.match(r.company.checked ?? '', /^\d{4}-\d{2}-\d{2}$/, `${r.id}: a country without the date its sources were read`);
    }
    const cookiebot = shop.vendors.find((v) => v.id === 'cookiebot')!;
    assert.deepEqual([cookiebot.company.name, cookiebot.company.country, cookiebot.company.transfer.basis], ['Usercentrics A/S', 'DK', 'eea']);
  });

  it('says how many recipients are outside the EU/EEA and on which basis', () => {
    const ids = new Map<string, Company>();
    for (const r of [...shop.vendors, ...shop.embeds, ...shop.processors]) if (!ids.has(r.id) || ids.get(r.id)!.country === 'unknown') ids.set(r.id, r.company);
    const companies = [...ids.values()];
    const outside = companies.filter((c) => c.country !== 'unknown' && !['DK', 'DE', 'FR', 'IE', 'NL', 'LU', 'MT'].includes(c.country));
    assert.deepEqual(shop.summary.transfers, {
      recipients: ids.size,
      inside: companies.filter((c) => c.transfer.basis === 'eea').length,
      outside: outside.length,
      dpf: outside.filter((c) => c.transfer.basis === 'eu-us-dpf').length,
      other: outside.filter((c) => c.transfer.basis === 'other').length,
      unknownBasis: outside.filter((c) => c.transfer.basis === 'unknown').length,
      unknownCountry: companies.filter((c) => c.country === 'unknown').length,
    });
    assert.ok(shop.summary.transfers.dpf > 0 && shop.summary.transfers.inside > 0 && shop.summary.transfers.unknownCountry > 0);
    const md = runCli(['inventory', '.'], SHOP);
    const t = shop.summary.transfers;
    assert.ok(md.stdout.includes(`**Where the recipients are:** ${t.outside} recipients outside the EU/EEA: ${t.dpf} on the EU–U.S. Data Privacy Framework`), md.stdout.slice(0, 800));
    // Tables give the basis only; each company appears once with its detail, sources and read date.
    assert.ok(!/\| EU–U\.S\. Data Privacy Framework \\\(Google/.test(md.stdout), 'no transfer detail inside the vendor table');
    const googleLines = md.stdout.split('\n').filter((l) => l.startsWith('- Google LLC'));
    assert.equal(googleLines.length, 1, 'Google listed once under Companies and transfers');
    assert.match(googleLines[0]!, /for Google Ads conversion tracking, Google Analytics, Google Tag Manager.*sources \(read \d{4}-\d{2}-\d{2}\): .*https:\/\/policies\.google\.com/);
    const html = runCli(['inventory', '.', '--format', 'html'], SHOP);
    assert.match(html.stdout, /<p class="transfers"><strong>Where the recipients are:<\/strong> \d+ recipients outside the EU\/EEA/);
    assert.match(html.stdout, /<summary>sources \(read \d{4}-\d{2}-\d{2}\)<\/summary>/);
  });

  it('writes a self-contained HTML inventory with charts', () => {
    const run = runCli(['inventory', '.', '--format', 'html'], SHOP);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^<!DOCTYPE html>/);
    assert.match(run.stdout, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
    assert.doesNotMatch(run.stdout, /<(script|link|img|iframe)\b/i, 'nothing loads');
    assert.equal((run.stdout.match(/<svg /g) ?? []).length, 2, 'two charts');
    for (const v of shop.vendors) assert.ok(run.stdout.includes(`<td>${v.name.replace(/&/g, '&amp;')}</td>`), v.name);
    assert.match(run.stdout, /<h3>Forms \(3\)<\/h3>/);
  });

  it('is deterministic and the same from another working directory', () => {
    const again = runCli(['inventory', 'samples/shop', '--format', 'json'], REPO_ROOT);
    const strip = (inv: Inv) => JSON.stringify(inv, (key, value) => (key === 'file' && typeof value === 'string' ? value.replace(/^samples\/shop\//, '') : value));
    assert.equal(strip(JSON.parse(again.stdout) as Inv), strip(shop));
    const markdown1 = runCli(['inventory', '.'], SHOP).stdout;
    const markdown2 = runCli(['inventory', '.'], SHOP).stdout;
    assert.equal(markdown1, markdown2);
    assert.match(markdown1, /^# Privacy inventory/);
    assert.match(markdown1, /\| Pinterest Tag \| advertising \| marketing \| waits for consent/);
    assert.match(markdown1, /## Forms \(3\)/);
  });

  describe('notice drift', () => {
    const files = {
      'src/app.ts': "gtag('event', 'page_view');\nfbq('track', 'PageView');\nimport mixpanel from 'mixpanel-browser';\nmixpanel.track('x');\n",
      'privacy.md': '# Privacy\n\nWe use Google Analytics 4 to measure visits and the Facebook Pixel for ads.\nNewsletters go out through Mailchimp. Videos are embedded from Vimeo.\nWe segment our audience by country.\n',
    };

    it('reports vendors missing from the notice (warning) and vendors named but unused (info)', () => {
      const dir = makeProject(files);
      try {
        const { inv, code, stderr } = inventory(['.', '--notice', 'privacy.md'], dir);
        assert.equal(code, 0, 'warnings do not fail under the default --fail-on error');
        assert.deepEqual(inv.notice?.missing.map((m) => m.id), ['mixpanel']);
        assert.equal(inv.notice?.missing[0]!.at?.file, 'src/app.ts');
        assert.deepEqual(inv.notice?.named.map((n) => [n.id, n.matched]), [['google-analytics', 'Google Analytics 4'], ['meta-pixel', 'Facebook Pixel']]);
        // Mailchimp and Vimeo are named but not used; "segment" (lower case, an ordinary word) is no vendor.
        assert.deepEqual(inv.notice?.unused.map((u) => u.matched).sort(), ['Mailchimp', 'Vimeo']);
        assert.match(stderr, /Mixpanel is not named in the privacy notice privacy\.md/);
        assert.equal(inventory(['.', '--notice', 'privacy.md', '--fail-on', 'warning'], dir).code, 1);
      } finally {
        removeProject(dir);
      }
    });

    it('a form posting to a processor makes it a recipient; behind a tag manager, "unused" is not claimed', () => {
      const dir = makeProject({
        'index.html': '<!doctype html><html><body>\n<form action="https://example.us1.list-manage.com/subscribe/post?u=1&amp;id=2" method="post">\n<input type="email" name="EMAIL">\n<button>Subscribe</button>\n</form>\n<script async src="https://www.googletagmanager.com/gtm.js?id=GTM-X"></script>\n</body></html>\n',
        'privacy.md': 'Our tag manager (Google Tag Manager) loads Hotjar and the TikTok Pixel.\n',
      });
      try {
        const { inv } = inventory(['.', '--notice', 'privacy.md'], dir);
        const mailchimp = inv.processors.find((p) => p.id === 'mailchimp');
        assert.ok(mailchimp, 'the sign-up form sends the address to Mailchimp');
        assert.deepEqual(inv.notice?.missing.map((m) => m.id), ['mailchimp']);
        assert.deepEqual(inv.notice?.unused.map((u) => [u.matched, (u as { possiblyVia?: string }).possiblyVia]).sort(), [['Hotjar', 'Google Tag Manager'], ['TikTok Pixel', 'Google Tag Manager']]);
        assert.equal(runCli(['inventory', '.', '--notice', 'privacy.md', '--fail-on', 'info', '--format', 'json'], dir).code, 1, 'Mailchimp is still missing');
      } finally {
        removeProject(dir);
      }
    });

    it('reads privacyNotice from creepyline.json, HTML notices included', () => {
      const dir = makeProject({
        ...files,
        'legal/privacy.html': '<html><head><style>.mixpanel{}</style></head><body><p>Recipients: Google&nbsp;Analytics, Meta Pixel and <b>Mixpanel</b>.</p></body></html>',
        'creepyline.json': '{ "privacyNotice": "legal/privacy.html" }',
      });
      try {
        const { inv, code } = inventory(['.'], dir);
        assert.equal(code, 0);
        assert.equal(inv.notice?.file, 'legal/privacy.html');
        assert.deepEqual(inv.notice?.missing, []);
        assert.deepEqual(inv.notice?.named.map((n) => n.id).sort(), ['google-analytics', 'meta-pixel', 'mixpanel']);
      } finally {
        removeProject(dir);
      }
    });

    it('check reports vendor-missing-from-notice when privacyNotice is configured, once per vendor', () => {
      const dir = makeProject({ ...files, 'creepyline.json': '{ "privacyNotice": "privacy.md" }', 'src/more.ts': "import mixpanel from 'mixpanel-browser';\nmixpanel.track('y');\n" });
      try {
        const run = runCli(['check', '.', '--format', 'json', '--rule', 'vendor-missing-from-notice'], dir);
        const report = JSON.parse(run.stdout) as { findings: { ruleId: string; file: string; range: { start: { line: number } }; message: string; severity: string }[] };
        assert.deepEqual(report.findings.map((f) => [f.file, f.range.start.line, f.severity]), [['src/app.ts', 3, 'warning']]);
        assert.match(report.findings[0]!.message, /Mixpanel receives data from this code, but the privacy notice \(privacy\.md\) does not name it/);
        assert.equal(run.code, 0, 'a warning does not fail under --fail-on error');
      } finally {
        removeProject(dir);
      }
    });

    it('exits 2 on a notice that does not exist and on an unknown format', () => {
      const dir = makeProject(files);
      try {
        const missing = runCli(['inventory', '.', '--notice', 'nope.md'], dir);
        assert.equal(missing.code, 2);
        assert.match(missing.stderr, /Privacy notice not found: nope\.md/);
        const format = runCli(['inventory', '.', '--format', 'sarif'], dir);
        assert.equal(format.code, 2);
        assert.match(format.stderr, /Invalid value 'sarif' for --format/);
        const config = makeProject({ ...files, 'creepyline.json': '{ "privacyNotice": 3 }' });
        try {
          assert.equal(runCli(['inventory', '.'], config).code, 2);
        } finally {
          removeProject(config);
        }
      } finally {
        removeProject(dir);
      }
    });
  });
});
