/**
 * The HTML report in a real browser: the shop sample's report opened from disk in Debian's
 * Chromium (through playwright-core, no download) with the network cut off, screenshot saved
 * as test-results/html-report.png; the filters hide and show findings without any script
 * (the page's CSP forbids scripts), the privacy inventory is its second tab (radio buttons, no
 * script; screenshot test-results/html-report-inventory.png), and nothing is requested from anywhere. Skipped with a
 * reason when Chromium is not installed (`apt-get install chromium`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, makeProject, removeProject, runCli } from './helpers';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const RESULTS = path.join(REPO_ROOT, 'test-results');

describe('HTML report in Chromium', function () {
  this.timeout(240_000);
  let dir: string | undefined;
  after(() => dir && removeProject(dir));

  it('renders the shop report offline: charts, table of contents, excerpts; the filters work without scripts', async function () {
    if (!fs.existsSync(CHROMIUM)) this.skip();
    dir = makeProject({});
    const report = path.join(dir, 'report.html');
    const run = runCli(['check', 'samples/shop', '--format', 'html', '--output', report], REPO_ROOT);
    assert.equal(run.code, 1, run.stderr);
    const html = fs.readFileSync(report, 'utf8');
    const expected = JSON.parse(runCli(['check', 'samples/shop', '--format', 'json'], REPO_ROOT).stdout) as { findings: { ruleId: string; confidence: string }[] };
    const ruleCounts = new Map<string, number>();
    for (const f of expected.findings) ruleCounts.set(f.ruleId, (ruleCounts.get(f.ruleId) ?? 0) + 1);
    const confidences = new Set(expected.findings.map((f) => f.confidence)).size;
    // Code excerpts may show `src=` or `url(` as escaped text; elements and styles may not load anything.
    assert.doesNotMatch(html, /<(script|link|img|iframe|object|embed|source|video|audio)\b/i, 'no loading element');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    assert.doesNotMatch(style, /@import|url\(/i, 'no loading style');
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 1600 }, offline: true, javaScriptEnabled: false });
      const requests: string[] = [];
      context.on('request', (request) => { if (!request.url().startsWith('file:')) requests.push(request.url()); });
      const page = await context.newPage();
      await page.goto(`file://${report}`);
      fs.mkdirSync(RESULTS, { recursive: true });
      await page.screenshot({ path: path.join(RESULTS, 'html-report.png'), fullPage: false });

      const visible = (selector: string) => page.locator(selector).evaluateAll((nodes) => nodes.filter((n) => (n as unknown as { offsetParent: unknown }).offsetParent !== null).length);
      const total = await page.locator('.finding').count();
      assert.equal(total, expected.findings.length, 'every finding of the shop sample');
      assert.equal(await page.locator('main.tab-findings .charts svg').count(), 4, 'four SVG charts');
      assert.equal(await page.locator('main.tab-findings .charts .chart:nth-child(-n+3) svg rect').count(), 3 + ruleCounts.size + 2, 'bars: severities, rules, confidences');
      // Findings by vendor, from the inventory of the same run: the shop's Meta Pixel findings (9) lead.
      const byVendor = page.locator('main.tab-findings .chart', { hasText: 'Findings by vendor' });
      assert.match((await byVendor.locator('svg text').allTextContents()).slice(0, 2).join(' '), /^Meta Pixel/);
      assert.equal(await page.locator('main.tab-inventory').isVisible(), false, 'the inventory tab starts hidden');
      assert.equal(confidences, 2, 'the shop has findings at both confidences');
      assert.ok(await page.locator('ul.toc a').count() >= 10, 'table of contents by file');
      assert.equal(await page.locator('pre.code mark').first().isVisible(), true, 'code excerpt with the range highlighted');

      const warnings = await page.locator('.finding.sev-warning').count();
      assert.ok(warnings > 0);
      await page.locator('label[for="f-sev-warning"]').click();
      assert.equal(await visible('.finding'), total - warnings, 'unticking "warning" hides the warnings');
      await page.locator('label[for="f-sev-warning"]').click();
      assert.equal(await visible('.finding'), total, 'ticking it again shows them');
      await page.locator('label[for="f-conf-medium"]').click();
      assert.equal(await visible('.finding.conf-medium'), 0, 'confidence filter');
      await page.locator('label[for="f-conf-medium"]').click();
      const ruleLabel = page.locator('nav.filters label[for^="f-rule-"]', { hasText: 'tracking-without-consent' });
      await ruleLabel.click();
      assert.equal(await visible('.finding'), total - ruleCounts.get('tracking-without-consent')!, 'rule filter hides the tracking findings');
      const groups = await page.locator('.file-group').evaluateAll((nodes) => nodes.map((n) => ({
        shown: (n as unknown as { offsetParent: unknown }).offsetParent !== null,
        kinds: Array.from((n as unknown as { querySelectorAll(s: string): ArrayLike<{ className: string }> }).querySelectorAll('.finding')).map((f) => f.className),
      })));
      for (const group of groups) {
        const trackingClass = `rule-${[...ruleCounts.keys()].sort().indexOf('tracking-without-consent')}`;
        const onlyTracking = group.kinds.every((c) => c.split(' ').includes(trackingClass));
        assert.equal(group.shown, !onlyTracking, 'a file with only hidden findings hides its heading');
      }
      await page.screenshot({ path: path.join(RESULTS, 'html-report-filtered.png'), fullPage: false });

      // Second tab: the privacy inventory of the same run, without any script.
      await page.locator('label[for="tab-inventory"]').click();
      assert.equal(await page.locator('main.tab-findings').isVisible(), false, 'the findings tab is hidden');
      assert.equal(await page.locator('nav.filters').isVisible(), false, 'the filters belong to the findings tab');
      assert.equal(await page.locator('main.tab-inventory h2#inventory').isVisible(), true);
      const inventory = JSON.parse(runCli(['inventory', 'samples/shop', '--format', 'json'], REPO_ROOT).stdout) as { vendors: { name: string }[]; forms: unknown[] };
      const rows = await page.locator('main.tab-inventory h3:has-text("Third-party vendors") + table tr td:first-child').allTextContents();
      assert.deepEqual(rows, inventory.vendors.map((v) => v.name), 'one row per vendor, as the inventory command lists them');
      assert.equal(await page.locator('main.tab-inventory .charts svg').count(), 2, 'the inventory charts');
      await page.screenshot({ path: path.join(RESULTS, 'html-report-inventory.png'), fullPage: false });
      await page.locator('label[for="tab-findings"]').click();
      assert.equal(await page.locator('main.tab-findings').isVisible(), true, 'back to the findings');
      assert.deepEqual(requests, [], 'nothing fetched');
    } finally {
      await browser.close();
    }
  });
});
