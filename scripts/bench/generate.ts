/**
 * Deterministic generator of a realistic, large marketing page in TSX: many components,
 * effects, event handlers and tracker calls (some behind a consent check, some not),
 * embeds and a consent banner. Same input, same text: there is no randomness.
 */

/** Tracker calls the templates cycle through (each a real SDK's public call shape). */
const TRACKER_CALLS: readonly ((event: string) => string)[] = [
  (e) => `window.gtag('event', '${e}', { section: props.section });`,
  (e) => `mixpanel.track('${e}', { section: props.section });`,
  (e) => `posthog.capture('${e}', { section: props.section });`,
  (e) => `window.fbq('trackCustom', '${e}');`,
  (e) => `analytics.track('${e}', { section: props.section });`,
];

/** Consent checks of well-known CMPs used to gate some of the calls. */
const GATES: readonly string[] = [
  'window.Cookiebot?.consent?.statistics',
  'window.Cookiebot?.consent?.marketing',
  "window.OnetrustActiveGroups?.includes('C0002')",
];

const EMBEDS: readonly string[] = [
  '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="Product tour" width={560} height={315} />',
  '<iframe src="https://player.vimeo.com/video/76979871" title="Customer story" width={640} height={360} />',
  '<img src="/images/hero.webp" alt="Hero" width={1200} height={600} />',
];

function header(): string[] {
  return [
    "'use client';",
    '/* Generated benchmark fixture: a long marketing landing page. */',
    "import React, { useEffect, useState, useCallback } from 'react';",
    "import mixpanel from 'mixpanel-browser';",
    "import posthog from 'posthog-js';",
    "import { AnalyticsBrowser } from '@segment/analytics-next';",
    '',
    "const analytics = AnalyticsBrowser.load({ writeKey: 'bench-write-key' });",
    '',
    'declare global {',
    '  interface Window {',
    '    gtag: (...args: unknown[]) => void;',
    '    fbq: (...args: unknown[]) => void;',
    '    Cookiebot?: { consent?: { statistics: boolean; marketing: boolean } };',
    '    OnetrustActiveGroups?: string;',
    '  }',
    '}',
    '',
    'interface SectionProps {',
    '  section: string;',
    '  title: string;',
    '  items: readonly string[];',
    '}',
    '',
  ];
}

/** One section component, ~40 lines; `k` picks the template variant. */
function section(k: number): string[] {
  const name = `Section${k}`;
  const call = TRACKER_CALLS[k % TRACKER_CALLS.length];
  const gate = GATES[k % GATES.length];
  const gated = k % 3 !== 0; // two in three gated, one in three not
  const effectBody = gated
    ? [`    if (${gate}) {`, `      ${call(`${name} Viewed`)}`, '    }']
    : [`    ${call(`${name} Viewed`)}`];
  const clickBody = k % 2 === 0
    ? [`    if (!(${gate})) return;`, `    ${call(`${name} Clicked`)}`]
    : [`    ${call(`${name} Clicked`)}`];
  return [
    `/** Section ${k} of the landing page. */`,
    `export function ${name}(props: SectionProps) {`,
    '  const [open, setOpen] = useState(false);',
    '  const [count, setCount] = useState(0);',
    '  useEffect(() => {',
    ...effectBody,
    `    const timer = setTimeout(() => setCount((c) => c + ${k % 7}), ${100 + k});`,
    '    return () => clearTimeout(timer);',
    '  }, [props.section]);',
    '  const onClick = useCallback(() => {',
    '    setOpen((o) => !o);',
    ...clickBody,
    '  }, [props.section]);',
    '  const visible = props.items.filter((item) => item.length > 0).slice(0, 6);',
    '  return (',
    `    <section id="${name.toLowerCase()}" className="section section-${k % 5}">`,
    '      <h2>{props.title}</h2>',
    `      <p className="lead">Reason ${k}: roasted to order, shipped within 48 hours.</p>`,
    '      <ul>',
    '        {visible.map((item, index) => (',
    '          <li key={item} data-index={index}>',
    '            <span>{item}</span>',
    '          </li>',
    '        ))}',
    '      </ul>',
    `      ${EMBEDS[k % EMBEDS.length]}`,
    '      <button type="button" onClick={onClick} aria-expanded={open}>',
    `        {open ? 'Show less' : 'Show more'} ({count})`,
    '      </button>',
    '      {open && (',
    '        <div className="details">',
    `          <p>Details for section ${k}.</p>`,
    '        </div>',
    '      )}',
    '    </section>',
    '  );',
    '}',
    '',
  ];
}

function footer(sections: number): string[] {
  const lines = [
    'const SECTIONS: SectionProps[] = [',
  ];
  for (let k = 0; k < sections; k++) {
    lines.push(`  { section: 's${k}', title: 'Section ${k}', items: ['alpha', 'beta', 'gamma', 'delta'] },`);
  }
  lines.push(
    '];',
    '',
    'export default function LandingPage() {',
    '  useEffect(() => {',
    "    mixpanel.init('bench-token', { persistence: 'localStorage' });",
    "    posthog.init('phc_bench', { api_host: 'https://eu.posthog.com' });",
    '  }, []);',
    '  return (',
    '    <main>',
  );
  for (let k = 0; k < sections; k++) lines.push(`      <Section${k} {...SECTIONS[${k}]} />`);
  lines.push('    </main>', '  );', '}', '');
  return lines;
}

/**
 * A TSX marketing page of about `targetLines` lines (at least; the last section and the
 * page component are always complete).
 */
export function generateMarketingPage(targetLines = 2000): string {
  const head = header();
  let sections = 0;
  const body: string[] = [];
  // each section adds ~40 lines plus 2 in the footer
  while (head.length + body.length + footer(sections).length < targetLines) body.push(...section(sections++));
  return [...head, ...body, ...footer(sections)].join('\n');
}
