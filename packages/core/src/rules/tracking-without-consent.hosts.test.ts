/**
 * tracking-without-consent on long-tail hosts: every URL form Creepyline classifies through the
 * third-party-web dataset, and the places a host appears without being loaded.
 */
import { runRuleTests } from '../testing/rule-tester';
import { rule } from './tracking-without-consent';

runRuleTests(rule, {
  valid: [
    // a host in a comment, or in a string that is never loaded
    { code: "// chat: https://embed.tawk.to/abc/default\nconst docs = 'https://secure.adnxs.com/seg?add=1';\nconsole.log(docs);\n", name: 'comment and unused string' },
    // a link the visitor must click is not a load
    { code: 'export const Footer = () => <a href="https://www.facebook.com/acme">Facebook</a>;\n', filename: 'Footer.tsx' },
    { code: '<a href="https://twitter.com/acme">X</a>\n<a href="https://tawk.to/chat/acme">Chat</a>\n', filename: 'index.html' },
    // preconnect and dns-prefetch only open a connection
    { code: 'export const Head = () => <link rel="preconnect" href="https://secure.adnxs.com" />;\n', filename: 'Head.tsx' },
    // loosely marked categories (cdn, utility, hosting, content, other) are never reported
    { code: '<script src="https://cdn.jsdelivr.net/npm/alpinejs@3/dist/cdn.min.js"></script>\n<script src="https://js.stripe.com/v3/"></script>\n', filename: 'index.html' },
    // a social network's image or avatar is not tracking by the category alone
    { code: 'export const Avatar = () => <img src="https://pbs.twimg.com/profile_images/1/a.jpg" alt="" />;\n', filename: 'Avatar.tsx' },
    // first-party: relative URLs, and hosts declared as the site's own
    "fetch('/api/track', { method: 'POST' });\nnavigator.sendBeacon('/collect', '{}');\n",
    {
      code: '<script src="https://lptag.liveperson.net/tag/tag.js"></script>\n',
      filename: 'index.html',
      config: { rules: { 'tracking-without-consent': ['error', { firstPartyHosts: ['liveperson.net'] }] } },
    },
    // the same gating analysis as catalogue trackers: a long-tail loader behind a consent check
    {
      code: "export function loadChat() {\n  if (!window.Cookiebot?.consent?.preferences) return;\n  const s = document.createElement('script');\n  s.src = 'https://embed.tawk.to/5f/default';\n  document.body.appendChild(s);\n}\n",
      name: 'gated createElement loader',
    },
    // blocked by the consent tool's markup
    { code: '<script type="text/plain" data-cookieconsent="marketing" src="https://tags.bluekai.com/site/1"></script>\n', filename: 'index.html' },
    // a request to a marketing platform's API (newsletter signup) is not a tracking load
    "await fetch('https://api.hubapi.com/contacts/v1/contact', { method: 'POST' });\n",
    // a catalogued vendor's reporting API (server code reading Plausible's stats) is not its beacon
    "export async function pageviews() {\n  return fetch('https://plausible.io/api/v2/query', { method: 'POST', headers: { Authorization: `Bearer ${process.env.PLAUSIBLE_KEY}` } });\n}\n",
    // an API on a host the dataset files under ads, excluded by the mapping with its reason
    "await fetch('https://graph.microsoft.com/v1.0/me');\n",
    // CSS: fonts are the embed rule's; CDN images are nothing
    { code: ".a { background: url('https://cdnjs.cloudflare.com/ajax/libs/x/bg.png'); }\n/* url(https://secure.adnxs.com/px) */\n", filename: 'site.css' },
  ],
  invalid: [
    {
      // <script src> in JSX, dataset only: customer-success at medium confidence
      code: 'export const Chat = () => <script src="https://lptag.liveperson.net/tag/tag.js?site=1" async />;\n',
      filename: 'Chat.tsx',
      errors: [{ messageId: 'notGated', line: 1, message: 'LivePerson', severity: 'warning', confidence: 'medium' }],
    },
    {
      // an ad pixel <img> in HTML: ad at high confidence
      code: '<img src="https://secure.adnxs.com/seg?add=1&t=2" width="1" height="1">\n',
      filename: 'index.html',
      errors: [{ messageId: 'notGated', line: 1, message: 'AppNexus', severity: 'error', confidence: 'high' }],
    },
    {
      // new Image().src and a createElement('script') loader
      code: "new Image().src = 'https://pixel.quantserve.com/pixel/p-1.gif';\nconst s = document.createElement('script');\ns.src = 'https://fast.wistia.com/assets/external/E-v1.js';\n",
      errors: [
        { messageId: 'notGated', line: 1, message: 'Quantcast', severity: 'error' },
        { messageId: 'notGated', line: 3, message: 'Wistia', confidence: 'medium' },
      ],
    },
    {
      // setAttribute('src') and navigator.sendBeacon
      code: "const img = document.createElement('img');\nimg.setAttribute('src', 'https://secure.adnxs.com/px?id=1');\nnavigator.sendBeacon('https://pixel.quantserve.com/beacon', '{}');\n",
      errors: [
        { messageId: 'notGated', line: 2, message: 'AppNexus' },
        { messageId: 'notGated', line: 3, message: 'Quantcast' },
      ],
    },
    {
      // fetch, axios and XHR to an ad or analytics host: medium confidence (the host may serve an API)
      code: "import axios from 'axios';\nfetch('https://secure.adnxs.com/seg?add=1');\naxios.post('https://api.keen.io/3.0/projects/p/events/e', {});\nconst x = new XMLHttpRequest();\nx.open('POST', 'https://secure.adnxs.com/px');\n",
      errors: [
        { messageId: 'notGated', line: 2, confidence: 'medium', severity: 'warning' },
        { messageId: 'notGated', line: 3, confidence: 'medium' },
        { messageId: 'notGated', line: 5, confidence: 'medium' },
      ],
    },
    {
      // <iframe> of a tag manager the catalogue knows (the GTM noscript frame): the catalogue vendor
      code: '<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-ABC" height="0" width="0"></iframe></noscript>\n',
      filename: 'index.html',
      errors: [{ messageId: 'notGated', line: 1, message: 'Google Tag Manager' }],
    },
    {
      // <link rel=stylesheet> and CSS url() on an ad host
      code: '.hero { background-image: url("https://secure.adnxs.com/px?bg=1"); }\n@import url("https://secure.adnxs.com/style.css");\n',
      filename: 'site.css',
      errors: [
        { messageId: 'notGated', line: 1, message: 'AppNexus' },
        { messageId: 'notGated', line: 2, message: 'AppNexus' },
      ],
    },
    {
      // next/script with a long-tail src, marketing category at medium confidence
      code: "import Script from 'next/script';\nexport const Tags = () => <Script src=\"https://js.gleam.io/e.js\" strategy=\"afterInteractive\" />;\n",
      filename: 'Tags.tsx',
      errors: [{ messageId: 'notGated', line: 2, message: 'Gleam', confidence: 'medium' }],
    },
    {
      // a check for the wrong purpose does not gate a long-tail ad pixel
      code: "if (window.Cookiebot?.consent?.statistics) {\n  new Image().src = 'https://secure.adnxs.com/px?id=1';\n}\n",
      errors: [{ messageId: 'wrongCategory', line: 2, message: 'AppNexus' }],
    },
  ],
});
