/**
 * Consent written to storage: ORM / query-builder / document-store writes whose record holds
 * a consent flag (`newsletter`, `marketingConsent`, `werbeeinwilligung`), with what the same
 * record says about when, which text and how; browser-storage writes of a bare "true"; and
 * newsletter sign-ups marked subscribed without a confirmation step. Shapes and words are
 * data (`knowledge/consent-records.json`); the nodes come from the one walk (`findSinks`).
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { derived, BUILTIN_CATALOGUES } from '../knowledge/catalogues';
import { pathOf, skipOuter } from './consent';
import { optInWords } from './embeds';
import { calleeName, propertyName, unwrapBoolean, ValueResolver } from './form-values';
import type { ScopeResolver } from './scope';
import type { ConsentRecordFacts, Span } from './types';

type WriteShape = (typeof BUILTIN_CATALOGUES.consentRecords.writes)[number];

/**
 * The consent-record catalogue (`knowledge/consent-records.json` + `knowledge.consentRecords`),
 * with the consent words and tools' own keys it needs, indexed once per catalogue set.
 */
const records = derived(({ consentRecords: catalogue, consentVocabulary, consentStorage }) => ({
  catalogue,
  /** Callee names the walk hands to this pass. */
  WRITE_CALLS: new Set([
    ...catalogue.writes.flatMap((w) => w.methods),
    ...catalogue.clientWrites.flatMap((w) => w.callees.map((c) => c.split('.').pop()!)),
    ...catalogue.singleOptIn.apis.map((a) => a.callee),
  ]),
  CLIENT_CALLEES: new Map(catalogue.clientWrites.flatMap((w) => w.callees.map((c) => [c.replace(/^window\./, ''), w] as const))),
  BARE_VALUES: new Set(catalogue.bareGrantedValues),
  CMP_KEYS: new Set(consentStorage.keys.map((k) => k.name)),
  STATE_WORDS: consentVocabulary.consentStateWords.map((w) => w.toLowerCase()).filter((w) => w.length >= 5),
  WHEN: new Set(catalogue.proof.when.words),
  WHEN_CALLS: new Set(catalogue.proof.when.calls),
  WHAT: new Set(catalogue.proof.what.words),
  HOW: new Set(catalogue.proof.how.words),
  EXCLUDED: new Set(catalogue.flagExclusions.words),
  SOI: catalogue.singleOptIn,
  VALUE_NAMES: new Set(catalogue.flagValueNames.words),
}));

/** Callee names the walk hands to this pass. */
export function writeCalls(): ReadonlySet<string> {
  return records().WRITE_CALLS;
}

/** Lower-case words of an identifier or key (`marketingConsentAt` → marketing, consent, at). */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Which kinds of proof a property name records. */
function proofOf(key: string): { when: boolean; what: boolean; how: boolean } {
  const words = keyWords(key);
  const has = (set: Set<string>) => words.some((w) => set.has(w));
  return { when: has(records().WHEN), what: has(records().WHAT), how: has(records().HOW) };
}

/** A property name that holds a yes/no consent (not its date, source, id or email). */
function isFlagKey(key: string): boolean {
  if (!optInWords([key]).length) return false;
  const words = keyWords(key);
  return !words.some((w) => records().WHEN.has(w) || records().WHAT.has(w) || records().HOW.has(w) || records().EXCLUDED.has(w));
}

/** The value says yes (or carries the visitor's yes/no): `true`, `body.newsletter`, `!!x`, `x === 'on'`. */
function isFlagValue(value: ts.Expression): boolean {
  const e = skipOuter(value);
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return true;
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(e.operatorToken.kind)) return true;
  const inner = unwrapBoolean(e);
  if (inner !== e) return isFlagValue(inner) || ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner);
  const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
  // a count or a collection (`stats.subscribers`, `plan.partnersLimit`) is not a yes
  if (name !== undefined && keyWords(name).some((w) => records().EXCLUDED.has(w))) return false;
  if (name !== undefined) return optInWords([name]).length > 0 || records().VALUE_NAMES.has(name.toLowerCase());
  return false;
}

/** A value that records the time (`new Date()`, `Date.now()`, `serverTimestamp()`). */
function isTimeValue(value: ts.Expression): boolean {
  const e = skipOuter(value);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Date') return true;
  if (ts.isCallExpression(e)) {
    const path = pathOf(e.expression)?.join('.');
    const last = calleeName(e);
    return (path !== undefined && records().WHEN_CALLS.has(path)) || (last !== undefined && records().WHEN_CALLS.has(last));
  }
  if (ts.isTaggedTemplateExpression(e)) return /now\(\)|current_timestamp/i.test(e.template.getText());
  return false;
}

/** Runs the consent-record pass over the collected calls and `document.cookie` assignments. */
export function consentRecordFacts(sourceFile: ts.SourceFile, scope: ScopeResolver, calls: readonly ts.CallExpression[], cookieWrites: readonly ts.BinaryExpression[]): ConsentRecordFacts {
  const out: ConsentRecordFacts = { writes: [], singleOptIns: [] };
  if (calls.length === 0 && cookieWrites.length === 0) return out;
  const resolver = new ValueResolver(scope);
  const span = (n: ts.Node): Span => ({ start: n.getStart(sourceFile), end: n.getEnd() });
  const text = sourceFile.text;
  const confirms = new RegExp(`(${records().SOI.confirmationEvidence.join('|')})`, 'i').test(text);

  for (const call of calls) {
    const name = calleeName(call);
    if (!name) continue;
    const client = records().CLIENT_CALLEES.get(pathOf(call.expression)?.join('.') ?? '');
    if (client || (name === 'set' && isNextCookies(call))) {
      clientWrite(call, client?.name ?? 'Next.js cookies()', client?.keyArg ?? 0, client?.valueArg ?? 1);
      continue;
    }
    const api = records().SOI.apis.find((a) => a.callee === name);
    if (api) apiOptIn(call, api);
    for (const shape of records().catalogue.writes) {
      if (!shape.methods.includes(name)) continue;
      const found = dataOf(call, shape, name);
      if (!found) continue;
      record(call, shape, found.data, found.target);
      break;
    }
  }
  for (const assignment of cookieWrites) {
    const left = pathOf(assignment.left as ts.Expression)?.join('.');
    if (left !== 'document.cookie') continue;
    const right = skipOuter(assignment.right);
    const head = ts.isStringLiteralLike(right) ? right.text : ts.isTemplateExpression(right) ? right.head.text : ts.isBinaryExpression(right) ? literalHead(right) : undefined;
    if (!head) continue;
    const m = /^\s*([^=;\s]+)\s*=\s*([^;]*)/.exec(head);
    if (!m || !consentKey(m[1]) || !records().BARE_VALUES.has(m[2].trim().toLowerCase())) continue;
    out.writes.push({ kind: 'client', api: 'document.cookie', key: m[1], value: m[2].trim(), span: span(assignment), write: span(assignment), proof: { when: false, what: false, how: false }, spread: false, siblingKeys: [] });
  }
  return out;

  function clientWrite(call: ts.CallExpression, api: string, keyArg: number, valueArg: number): void {
    const keyExpr = call.arguments[keyArg];
    const valueExpr = call.arguments[valueArg];
    if (!keyExpr || !valueExpr) return;
    const key = literal(keyExpr);
    const value = bareValue(valueExpr);
    if (key === undefined || value === undefined || !consentKey(key)) return;
    out.writes.push({ kind: 'client', api, key, value, span: span(call), write: span(call), proof: { when: false, what: false, how: false }, spread: false, siblingKeys: [] });
  }

  /** A string literal (or a const holding one). */
  function literal(e: ts.Expression): string | undefined {
    const f = resolver.follow(e);
    const x = f && skipOuter(f.expr);
    return x && ts.isStringLiteralLike(x) ? x.text : undefined;
  }

  /** "true" / "yes" / true / String(true) / JSON.stringify(true): a bare yes, nothing else. */
  function bareValue(e: ts.Expression): string | undefined {
    let x = skipOuter(e);
    if (ts.isCallExpression(x) && x.arguments.length === 1 && ['String', 'stringify'].includes(calleeName(x) ?? '')) x = skipOuter(x.arguments[0]);
    if (x.kind === ts.SyntaxKind.TrueKeyword) return 'true';
    if (ts.isNumericLiteral(x) && x.text === '1') return '1';
    const s = literal(x);
    return s !== undefined && records().BARE_VALUES.has(s.trim().toLowerCase()) ? s : undefined;
  }

  function consentKey(key: string): boolean {
    if (records().CMP_KEYS.has(key)) return false;
    const flat = key.toLowerCase().replace(/[^a-z0-9]/g, '');
    return records().STATE_WORDS.some((w) => flat.includes(w)) || optInWords([key]).length > 0;
  }

  function record(call: ts.CallExpression, shape: WriteShape, data: ts.ObjectLiteralExpression[], target: string | undefined): void {
    // `create: data, update: data` writes one object twice: report it once
    for (const object of new Set(data)) visitObject(object, [], 0);

    function visitObject(object: ts.ObjectLiteralExpression, ancestors: ts.ObjectLiteralExpression[], depth: number): void {
      const chain = [object, ...ancestors];
      for (const p of object.properties) {
        if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
        const key = propertyName(p.name);
        if (key === undefined) continue;
        const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
        const inner = skipOuter(value);
        if (ts.isObjectLiteralExpression(inner) && depth < 3) {
          visitObject(inner, chain, depth + 1);
          continue;
        }
        singleOptIn(key, inner, p);
        if (!isFlagKey(key) || !isFlagValue(value)) continue;
        const proof = { when: false, what: false, how: false };
        const siblings: string[] = [];
        let spread = false;
        for (const o of chain) {
          for (const q of o.properties) {
            if (ts.isSpreadAssignment(q)) {
              spread = true;
              continue;
            }
            if (q === p || (!ts.isPropertyAssignment(q) && !ts.isShorthandPropertyAssignment(q))) continue;
            const k = propertyName(q.name);
            if (k === undefined) continue;
            siblings.push(k);
            const found = proofOf(k);
            const v = ts.isPropertyAssignment(q) ? q.initializer : undefined;
            proof.when ||= found.when || (!!v && isTimeValue(v));
            proof.what ||= found.what;
            proof.how ||= found.how;
          }
        }
        out.writes.push({ kind: 'database', api: shape.name, key, value: inner.getText(sourceFile).slice(0, 60), span: span(p), write: span(call), proof, spread, target, siblingKeys: siblings });
      }
    }

    function singleOptIn(key: string, value: ts.Expression, property: ts.Node): void {
      if (confirms || !target || !records().SOI.targets.some((t) => target.toLowerCase().includes(t))) return;
      const isStatus = keyWords(key).includes('status') && ts.isStringLiteralLike(value) && records().SOI.subscribedValues.includes(value.text.toLowerCase());
      const isFlag = records().SOI.subscribedFlags.includes(key) && value.kind === ts.SyntaxKind.TrueKeyword;
      if (!isStatus && !isFlag) return;
      out.singleOptIns.push({ api: shape.name, span: span(property), detail: property.getText(sourceFile), target });
    }
  }

  function apiOptIn(call: ts.CallExpression, api: (typeof BUILTIN_CATALOGUES.consentRecords.singleOptIn.apis)[number]): void {
    if ('statusKeys' in api && api.statusKeys) {
      for (const arg of call.arguments) {
        const f = resolver.follow(arg);
        if (!f || !ts.isObjectLiteralExpression(f.expr)) continue;
        for (const p of f.expr.properties) {
          if (!ts.isPropertyAssignment(p)) continue;
          const key = propertyName(p.name);
          const v = skipOuter(p.initializer);
          if (key && api.statusKeys.includes(key) && ts.isStringLiteralLike(v) && v.text === api.value) {
            out.singleOptIns.push({ api: `Mailchimp ${api.callee}`, span: span(p), detail: p.getText(sourceFile), fixValue: { span: span(v), text: `${p.initializer.getText(sourceFile)[0]}${api.pending}${p.initializer.getText(sourceFile)[0]}` } });
          }
        }
      }
    } else if ('doiAlternative' in api && !confirms && /brevo|sendinblue|sib-api|getbrevo/i.test(text)) {
      out.singleOptIns.push({ api: `Brevo ${api.callee}`, span: span(call), detail: `${api.callee}(…) instead of ${api.doiAlternative}(…)` });
    }
  }

  /** The written objects and the target (model, table, collection) of a write call, per shape. */
  function dataOf(call: ts.CallExpression, shape: WriteShape, method: string): { data: ts.ObjectLiteralExpression[]; target?: string } | undefined {
    const callee = skipOuter(call.expression);
    const receiver = ts.isPropertyAccessExpression(callee) ? skipOuter(callee.expression) : undefined;
    const objects = (e: ts.Expression | undefined): ts.ObjectLiteralExpression[] => {
      if (!e) return [];
      const f = resolver.follow(e);
      const x = f && skipOuter(f.expr);
      if (!x) return [];
      if (ts.isObjectLiteralExpression(x)) return [x];
      if (ts.isArrayLiteralExpression(x)) return x.elements.map(skipOuter).filter(ts.isObjectLiteralExpression);
      return [];
    };
    switch (shape.shape) {
      case 'prisma': {
        if (!receiver || !ts.isPropertyAccessExpression(receiver)) return undefined;
        const [args] = objects(call.arguments[0]);
        if (!args) return undefined;
        const keys = method === 'upsert' ? ['create', 'update'] : ['data'];
        const data = keys.flatMap((k) => args.properties.filter((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(p.name) === k).flatMap((p) => objects(p.initializer)));
        return data.length ? { data, target: receiver.name.text } : undefined;
      }
      case 'drizzle': {
        if (!receiver || !ts.isCallExpression(receiver)) return undefined;
        const inner = calleeName(receiver);
        if (!((method === 'values' && inner === 'insert') || (method === 'set' && inner === 'update'))) return undefined;
        const table = receiver.arguments[0] && skipOuter(receiver.arguments[0]);
        return { data: objects(call.arguments[0]), target: table && ts.isIdentifier(table) ? table.text : undefined };
      }
      case 'mongoose': {
        const index = ['create', 'insertMany', 'insertOne'].includes(method) ? 0 : 1;
        let data = objects(call.arguments[index]);
        // { $set: { … } }
        data = data.flatMap((o) => {
          const set = o.properties.filter((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && /^\$set(OnInsert)?$/.test(propertyName(p.name) ?? ''));
          return set.length ? set.flatMap((p) => objects(p.initializer)) : [o];
        });
        const root = receiver && rootName(receiver);
        if (!data.length || !root || root === 'prisma') return undefined;
        return { data, target: root };
      }
      case 'builder': {
        if (!receiver || !ts.isCallExpression(receiver)) return undefined;
        return { data: objects(call.arguments[0]), target: chainString(receiver) };
      }
      case 'firestore': {
        if (method === 'setDoc' || method === 'addDoc' || method === 'updateDoc') {
          const ref = call.arguments[0] && skipOuter(call.arguments[0]);
          return { data: objects(call.arguments[1]), target: ref && ts.isCallExpression(ref) ? chainString(ref) : undefined };
        }
        if (!receiver || !/\b(doc|collection)\s*\(/.test(receiver.getText(sourceFile))) return undefined;
        return { data: objects(call.arguments[0]), target: chainString(receiver) };
      }
      case 'typeorm': {
        if (!receiver) return undefined;
        const first = call.arguments[0] && skipOuter(call.arguments[0]);
        const entityFirst = !!first && ts.isIdentifier(first) && /^[A-Z]/.test(first.text);
        const index = (method === 'update' ? 1 : 0) + (entityFirst ? 1 : 0);
        const data = objects(call.arguments[index]);
        return data.length ? { data, target: entityFirst ? (first as ts.Identifier).text : rootName(receiver) } : undefined;
      }
    }
    return undefined;
  }
}

function isNextCookies(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  return ts.isPropertyAccessExpression(callee) && ts.isCallExpression(skipOuter(callee.expression)) && calleeName(skipOuter(callee.expression) as ts.CallExpression) === 'cookies';
}

function rootName(e: ts.Expression): string | undefined {
  let x = skipOuter(e);
  while (ts.isPropertyAccessExpression(x) || ts.isCallExpression(x)) x = skipOuter(x.expression);
  return ts.isIdentifier(x) ? x.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
}

/** The first string argument down a call chain (`supabase.from('subscribers').insert` → `subscribers`). */
function chainString(e: ts.Expression): string | undefined {
  let x: ts.Expression = skipOuter(e);
  let found: string | undefined;
  while (ts.isCallExpression(x) || ts.isPropertyAccessExpression(x)) {
    if (ts.isCallExpression(x)) {
      const s = x.arguments.find((a) => ts.isStringLiteralLike(a));
      if (s) found = (s as ts.StringLiteralLike).text;
    }
    x = skipOuter(x.expression);
  }
  return found;
}

function literalHead(e: ts.BinaryExpression): string | undefined {
  let x: ts.Expression = e;
  while (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken) x = skipOuter(x.left);
  if (!ts.isStringLiteralLike(x)) return undefined;
  // 'consent=' + value: the value is unknown, not a bare yes
  const right = skipOuter(e.right);
  const rest = ts.isStringLiteralLike(right) ? right.text : '';
  return x === skipOuter(e.left) ? x.text + rest : undefined;
}
