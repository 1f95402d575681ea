/**
 * Deterministic generator of a whole marketing code base for the repository benchmark
 * (`npm run bench -- --repo`). Real product repositories are mostly code that has nothing to do
 * with tracking (utilities, hooks, reducers, types, API handlers); a minority of files holds the
 * tracker calls, embeds, sign-up forms, analytics wrappers used across files and server code
 * that mails or stores customers. The generator mixes those kinds in fixed proportions so that
 * the cheap paths (files with no hint) and the expensive ones (pages with many sinks, forms,
 * cross-file wrappers) both weigh what they weigh in a real repository. No randomness: a seeded
 * linear congruential generator picks sizes and variants, so the same size gives the same bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateMarketingPage } from './generate';

/** What was written. */
export interface CorpusStats {
  root: string;
  files: number;
  lines: number;
  bytes: number;
  /** Files per kind of module. */
  kinds: Record<string, number>;
}

/** Seeded LCG (Numerical Recipes constants): deterministic across platforms. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const NOUNS = ['order', 'invoice', 'cart', 'product', 'price', 'coupon', 'shipment', 'review', 'article', 'team', 'project', 'task', 'report', 'widget', 'setting'];
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** Plain application code with no tracking, form or personal-data hint: the bulk of a repository. */
function utilModule(k: number, size: number): string {
  const noun = NOUNS[k % NOUNS.length]!;
  const T = cap(noun);
  const out = [
    `/** Helpers for ${noun} records (generated benchmark fixture). */`,
    `import { clamp, groupBy } from '../lib/collections';`,
    '',
    `export interface ${T}${k} {`,
    '  id: string;',
    '  createdAt: number;',
    '  amount: number;',
    '  tags: readonly string[];',
    '}',
    '',
  ];
  let i = 0;
  while (out.length < size) {
    const fn = `${noun}Step${k}_${i}`;
    out.push(
      `export function ${fn}(items: readonly ${T}${k}[], limit = ${10 + (i % 7)}): ${T}${k}[] {`,
      '  const byTag = groupBy(items, (item) => item.tags[0] ?? "none");',
      '  const out: ' + `${T}${k}` + '[] = [];',
      '  for (const [tag, group] of Object.entries(byTag)) {',
      `    const sorted = [...group].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));`,
      `    const total = sorted.reduce((sum, item) => sum + item.amount, 0);`,
      `    if (tag.length > ${i % 5} && total > ${i * 3}) out.push(...sorted.slice(0, clamp(limit, 1, 50)));`,
      '  }',
      `  return out.filter((item) => item.amount !== ${i});`,
      '}',
      '',
    );
    i++;
  }
  return out.join('\n');
}

/** A React hook or presentational component without tracking. */
function plainComponent(k: number, size: number): string {
  const noun = NOUNS[(k + 3) % NOUNS.length]!;
  const T = cap(noun);
  const out = [
    "import React, { useMemo, useState } from 'react';",
    '',
    `type Row${k} = { id: string; label: string; value: number };`,
    '',
  ];
  let i = 0;
  while (out.length < size) {
    out.push(
      `export function ${T}Table${k}_${i}({ rows, onSelect }: { rows: Row${k}[]; onSelect: (id: string) => void }) {`,
      "  const [sort, setSort] = useState<'label' | 'value'>('label');",
      '  const sorted = useMemo(() => [...rows].sort((a, b) => (sort === "label" ? a.label.localeCompare(b.label) : a.value - b.value)), [rows, sort]);',
      '  return (',
      `    <table className="table-${i % 4}">`,
      '      <thead>',
      '        <tr>',
      '          <th onClick={() => setSort("label")}>Name</th>',
      '          <th onClick={() => setSort("value")}>Value</th>',
      '        </tr>',
      '      </thead>',
      '      <tbody>',
      '        {sorted.map((row) => (',
      '          <tr key={row.id} onClick={() => onSelect(row.id)}>',
      '            <td>{row.label}</td>',
      `            <td>{row.value.toFixed(${i % 3})}</td>`,
      '          </tr>',
      '        ))}',
      '      </tbody>',
      '    </table>',
      '  );',
      '}',
      '',
    );
    i++;
  }
  return out.join('\n');
}

/** A sign-up / checkout form (fields with personal data, an opt-in, a submit that tracks). */
function formComponent(k: number): string {
  const prechecked = k % 4 === 0;
  return [
    "'use client';",
    "import React, { useState } from 'react';",
    "import { track } from '../lib/analytics';",
    '',
    `export function SignupForm${k}({ plan }: { plan: string }) {`,
    '  const [email, setEmail] = useState("");',
    '  const [sent, setSent] = useState(false);',
    '  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {',
    '    event.preventDefault();',
    "    await fetch('/api/subscribe', { method: 'POST', body: JSON.stringify({ email, plan }) });",
    `    track('Signed Up', { plan, email });`,
    '    setSent(true);',
    '  }',
    '  if (sent) return <p>Thanks! Check your inbox.</p>;',
    '  return (',
    '    <form onSubmit={onSubmit} className="signup">',
    '      <label htmlFor="email">Email</label>',
    '      <input id="email" name="email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />',
    '      <label htmlFor="name">Full name</label>',
    '      <input id="name" name="name" type="text" />',
    k % 3 === 0 ? '      <label htmlFor="birthday">Date of birth</label>\n      <input id="birthday" name="birthday" type="date" required />' : '      <label htmlFor="company">Company</label>\n      <input id="company" name="company" type="text" />',
    '      <label>',
    `        <input type="checkbox" name="newsletter"${prechecked ? ' defaultChecked' : ''} /> Send me offers and news`,
    '      </label>',
    '      <button type="submit">Subscribe</button>',
    '    </form>',
    '  );',
    '}',
    '',
  ].join('\n');
}

/** The analytics wrapper module (one per app area) that pages import. */
function analyticsModule(k: number): string {
  return [
    "import mixpanel from 'mixpanel-browser';",
    "import posthog from 'posthog-js';",
    '',
    'declare global {',
    '  interface Window { gtag: (...args: unknown[]) => void; Cookiebot?: { consent?: { statistics: boolean } } }',
    '}',
    '',
    `/** Event names of area ${k}. */`,
    `export const EVENTS_${k} = ['Viewed', 'Clicked', 'Signed Up'] as const;`,
    '',
    'export function track(event: string, props: Record<string, unknown> = {}) {',
    '  mixpanel.track(event, props);',
    "  window.gtag('event', event, props);",
    '}',
    '',
    'export function trackIfAllowed(event: string, props: Record<string, unknown> = {}) {',
    '  if (!window.Cookiebot?.consent?.statistics) return;',
    '  posthog.capture(event, props);',
    '}',
    '',
    'export function identify(user: { id: string; email: string; name: string }) {',
    '  mixpanel.identify(user.id);',
    '  mixpanel.people.set({ $email: user.email, $name: user.name });',
    '}',
    '',
  ].join('\n');
}

/** A page that uses the area's analytics wrapper (cross-file gating). */
function wrapperCaller(k: number): string {
  const gated = k % 2 === 0;
  return [
    "'use client';",
    "import { useEffect } from 'react';",
    "import { track, trackIfAllowed } from '../lib/analytics';",
    '',
    `export default function PricingPage${k}() {`,
    '  useEffect(() => {',
    gated ? "    if (window.Cookiebot?.consent?.statistics) track('Pricing Viewed');" : "    track('Pricing Viewed');",
    "    trackIfAllowed('Pricing Seen');",
    '  }, []);',
    `  return <main><h1>Pricing ${k}</h1><button onClick={() => track('Plan Clicked', { plan: 'pro' })}>Choose Pro</button></main>;`,
    '}',
    '',
  ].join('\n');
}

/** Server code: an API route that stores the customer and mails them, and a deletion path. */
function serverRoute(k: number): string {
  return [
    "import nodemailer from 'nodemailer';",
    "import { db } from '../lib/db';",
    '',
    'const transport = nodemailer.createTransport({',
    "  host: 'smtp.example.com',",
    `  port: ${k % 3 === 0 ? 25 : 587},`,
    `  secure: false,`,
    k % 3 === 0 ? '  tls: { rejectUnauthorized: false },' : '  requireTLS: true,',
    '});',
    '',
    `export async function POST${k}(request: Request) {`,
    '  const { email, name } = (await request.json()) as { email: string; name: string };',
    '  await db.customer.create({ data: { email, name } });',
    "  await transport.sendMail({ to: email, subject: 'Welcome', text: `Hello ${name}` });",
    '  return Response.json({ ok: true });',
    '}',
    '',
    `export async function deleteCustomer${k}(id: string) {`,
    '  await db.customer.delete({ where: { id } });',
    '}',
    '',
  ].join('\n');
}

const SHARED_LIB = [
  '/** Collection helpers shared by the generated modules. */',
  'export function clamp(n: number, lo: number, hi: number): number {',
  '  return Math.min(hi, Math.max(lo, n));',
  '}',
  '',
  'export function groupBy<T>(items: readonly T[], key: (item: T) => string): Record<string, T[]> {',
  '  const out: Record<string, T[]> = {};',
  '  for (const item of items) (out[key(item)] ??= []).push(item);',
  '  return out;',
  '}',
  '',
].join('\n');

const DB_LIB = "export const db: any = { customer: { create: async (_: unknown) => undefined, delete: async (_: unknown) => undefined } };\n";

/**
 * Writes a code base of at least `targetLines` lines under `root` (which must be empty or
 * absent): apps `app-0`, `app-1`, … of ~50,000 lines each, each with its own package.json,
 * analytics wrapper and shared helpers.
 */
export function generateCorpus(root: string, targetLines: number, seed = 7): CorpusStats {
  const random = rng(seed);
  const stats: CorpusStats = { root, files: 0, lines: 0, bytes: 0, kinds: {} };
  const write = (rel: string, text: string, kind: string) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    stats.files++;
    stats.lines += text.split('\n').length;
    stats.bytes += Buffer.byteLength(text);
    stats.kinds[kind] = (stats.kinds[kind] ?? 0) + 1;
  };
  const APP_LINES = 50_000;
  for (let app = 0; stats.lines < targetLines; app++) {
    const base = `app-${app}`;
    const appStart = stats.lines;
    fs.mkdirSync(path.join(root, base), { recursive: true });
    fs.writeFileSync(path.join(root, base, 'package.json'), JSON.stringify({ name: `bench-app-${app}`, private: true }) + '\n');
    write(`${base}/lib/collections.ts`, SHARED_LIB, 'lib');
    write(`${base}/lib/db.ts`, DB_LIB, 'lib');
    write(`${base}/lib/analytics.ts`, analyticsModule(app), 'analytics-wrapper');
    for (let k = 0; stats.lines - appStart < APP_LINES && stats.lines < targetLines; k++) {
      const r = random();
      const id = app * 10_000 + k;
      // Proportions: 62% utilities, 20% plain components, 6% marketing pages, 5% forms,
      // 4% wrapper callers, 3% server routes.
      if (r < 0.62) write(`${base}/utils/${NOUNS[k % NOUNS.length]}-${k}.ts`, utilModule(id, 40 + Math.floor(random() * 260)), 'util');
      else if (r < 0.82) write(`${base}/components/table-${k}.tsx`, plainComponent(id, 40 + Math.floor(random() * 200)), 'component');
      else if (r < 0.88) write(`${base}/pages/landing-${k}.tsx`, generateMarketingPage(150 + Math.floor(random() * 650)), 'marketing-page');
      else if (r < 0.93) write(`${base}/components/signup-${k}.tsx`, formComponent(id), 'form');
      else if (r < 0.97) write(`${base}/pages/pricing-${k}.tsx`, wrapperCaller(id), 'wrapper-caller');
      else write(`${base}/api/customer-${k}.ts`, serverRoute(id), 'server-route');
    }
  }
  return stats;
}
