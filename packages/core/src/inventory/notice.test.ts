import * as assert from 'node:assert/strict';
import { VENDOR_COMPANIES, validateVendorCompanies } from '../knowledge/vendor-companies';
import { findName, namesOf, noticeText } from './notice';

describe('inventory: notice names', () => {
  const cases: { id: string; catalogueName: string; text: string; expected: string | undefined }[] = [
    { id: 'google-analytics', catalogueName: 'Google Analytics (gtag.js / analytics.js)', text: 'We use GA4 for statistics.', expected: 'GA4' },
    { id: 'google-analytics', catalogueName: 'Google Analytics (gtag.js / analytics.js)', text: 'We use google analytics.', expected: 'google analytics' },
    { id: 'google-analytics', catalogueName: 'Google Analytics (gtag.js / analytics.js)', text: 'We use Google\nAnalytics.', expected: 'Google Analytics' },
    { id: 'google-analytics', catalogueName: 'Google Analytics (gtag.js / analytics.js)', text: 'We use Google services.', expected: undefined },
    { id: 'meta-pixel', catalogueName: 'Meta Pixel', text: 'Ads on Facebook measure conversions.', expected: 'Facebook' },
    { id: 'meta-pixel', catalogueName: 'Meta Pixel', text: 'Our meta tags describe pages.', expected: undefined },
    { id: 'meta-pixel', catalogueName: 'Meta Pixel', text: 'We share events with Meta.', expected: 'Meta' },
    { id: 'hubspot', catalogueName: 'HubSpot tracking code', text: 'Our CRM is HubSpot.', expected: 'HubSpot' },
    { id: 'brevo', catalogueName: 'Brevo (Sendinblue) tracker', text: 'Emails via Sendinblue.', expected: 'Sendinblue' },
    { id: 'x-pixel', catalogueName: 'X (Twitter) Pixel', text: 'Twitter Pixel for campaigns.', expected: 'Twitter Pixel' },
    { id: 'segment', catalogueName: 'Segment', text: 'We segment our audience.', expected: undefined },
    { id: 'segment', catalogueName: 'Segment', text: 'Events go to Twilio Segment.', expected: 'Twilio Segment' },
    { id: 'mixpanel', catalogueName: 'Mixpanel', text: 'mixpanelish tools', expected: undefined },
    { id: 'front-chat', catalogueName: 'Front Chat', text: 'On the front page.', expected: undefined },
    { id: 'line-tag', catalogueName: 'LINE Tag', text: 'A line of text.', expected: undefined },
    // a one-word parenthetical is an ordinary word here (false-positive hunt: a notice saying "launch")
    { id: 'adobe-launch', catalogueName: 'Adobe Experience Platform Tags (Launch)', text: 'when the donation checkout will launch, Paddle handles payments', expected: undefined },
    { id: 'adobe-launch', catalogueName: 'Adobe Experience Platform Tags (Launch)', text: 'Tags are managed with Adobe Launch.', expected: 'Launch' },
    { id: 'microsoft-uet', catalogueName: 'Microsoft Advertising UET (Bing)', text: 'We advertise on Bing.', expected: 'Bing' },
  ];
  for (const c of cases) {
    it(`${c.id} in “${c.text.replace(/\n/g, ' ')}” → ${c.expected ?? 'not named'}`, () => {
      assert.equal(findName(c.text, namesOf(c.id, c.catalogueName))?.word, c.expected);
    });
  }

  it('ambiguous names never count as strict names', () => {
    const names = namesOf('segment', 'Segment');
    assert.ok(!names.strict.some((n) => n.toLowerCase() === 'segment'));
    assert.equal(findName('Segment', names)?.strict, false);
    assert.equal(findName('Adobe Launch', namesOf('adobe-launch', 'Adobe Experience Platform Tags (Launch)'))?.strict, false);
    // a catalogued alias stays strict even when it is also the parenthetical
    assert.equal(findName('via sendinblue', namesOf('brevo', 'Brevo (Sendinblue) tracker'))?.strict, true);
  });

  it('reads the text of HTML notices without markup, scripts and styles', () => {
    const text = noticeText('privacy.html', '<style>.hotjar{}</style><script>mixpanel.init()</script><p>We&nbsp;use <b>Hotjar</b></p><!-- Mixpanel -->');
    assert.equal(findName(text, namesOf('hotjar', 'Hotjar'))?.word, 'Hotjar');
    assert.equal(findName(text, namesOf('mixpanel', 'Mixpanel')), undefined);
    assert.match(text, /We use\s+Hotjar/);
    assert.equal(noticeText('privacy.md', '<b>x</b>'), '<b>x</b>');
  });

  it('the vendor-companies catalogue is valid, and rejects entries without sources', () => {
    validateVendorCompanies(VENDOR_COMPANIES);
    assert.throws(
      () => validateVendorCompanies({ companies: [{ id: 'acme', name: 'Acme Inc.', country: 'US', transfer: { basis: 'eu-us-dpf' }, sources: [], checked: '2026-12-03' }], vendors: [] }),
      /companies\[0\]\.sources/,
    );
    assert.throws(() => validateVendorCompanies({ companies: [], vendors: [{ id: 'x', aliases: ['ok', ''] }] }), /vendors\[0\]\.aliases/);
  });
});
