import * as path from 'node:path';
import type { RawConfig } from '../config/types';
import { runRuleTests } from '../testing/rule-tester';
import { rule } from './vendor-missing-from-notice';

// A notice file on disk (the rule reads `privacyNotice` like the CLI and the editor do).
const NOTICE = path.join(__dirname, 'fixtures', 'privacy-notice.md');
const withNotice = { privacyNotice: NOTICE };
const names = (list: string[]): RawConfig => ({ rules: { 'vendor-missing-from-notice': ['warning', { noticeNames: list }] } });

runRuleTests(rule, {
  valid: [
    // no notice configured: silent
    "fbq('track', 'PageView');",
    // named in the notice file (GA4 by its long name)
    { code: "gtag('event', 'page_view');", config: withNotice },
    // an embed the notice names
    { code: 'export const V = () => <iframe src="https://www.youtube.com/embed/x" />;', filename: 'video.tsx', config: withNotice },
    // a processor the notice names
    { code: "import mailchimp from '@mailchimp/mailchimp_marketing';\nmailchimp.setConfig({});", config: withNotice },
    // names from the option, aliases included (Facebook Pixel → Meta Pixel)
    { code: "fbq('track', 'PageView');", config: names(['Facebook Pixel']) },
    // capitalised ambiguous name counts as naming the vendor
    { code: "import { AnalyticsBrowser } from '@segment/analytics-next';\nexport const a = AnalyticsBrowser.load({ writeKey: 'k' });", config: names(['Segment']) },
    // ignored by option
    { code: "fbq('track', 'PageView');", config: { rules: { 'vendor-missing-from-notice': ['warning', { noticeNames: ['GA4'], ignoreVendors: ['meta-pixel'] }] } } as RawConfig },
    // a notice that cannot be read reports nothing here (the CLI reports it, exit 2)
    { code: "fbq('track', 'PageView');", config: { privacyNotice: path.join(__dirname, 'fixtures', 'missing.md') } },
  ],
  invalid: [
    {
      name: 'a pixel the notice file does not name',
      code: "gtag('event', 'page_view');\nfbq('track', 'PageView');\n",
      config: withNotice,
      errors: [{ messageId: 'missing', line: 2, column: 1, severity: 'warning', confidence: 'high', message: 'Meta Pixel' }],
    },
    {
      name: 'an ordinary word is not the vendor: "We segment customers" does not name Segment',
      code: "import { AnalyticsBrowser } from '@segment/analytics-next';\nexport const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n",
      config: withNotice,
      errors: [{ messageId: 'missing', line: 1, message: 'Segment' }],
    },
    {
      name: 'reported once per vendor, at its first site',
      code: "fbq('track', 'PageView');\nfbq('track', 'Lead');\n",
      config: names(['Google Analytics']),
      errors: [{ messageId: 'missing', line: 1, message: 'noticeNames in' }],
    },
    {
      name: 'a processor the notice does not name (the payment provider is a recipient too)',
      code: "import Stripe from 'stripe';\nexport const stripe = new Stripe('sk');\n",
      config: withNotice,
      errors: [{ messageId: 'missing', line: 1, message: 'Stripe' }],
    },
    {
      name: 'an embed the notice does not name',
      code: 'export const Map = () => <iframe src="https://www.google.com/maps/embed?pb=1" />;',
      filename: 'map.tsx',
      config: withNotice,
      errors: [{ messageId: 'missing', line: 1, message: 'Google Maps' }],
    },
  ],
});
