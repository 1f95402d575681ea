/**
 * Which rendered forms feed an endpoint's form (`kind: 'route'`), across the analysed files of
 * a package: a form that posts to the endpoint's route (`action="/api/newsletter"`,
 * `fetch('/api/newsletter', …)` in its submit handler), that calls the server action by name
 * (`<form action={subscribe}>`), or that uses the same validation schema (one schema module
 * imported by the page and by the route). An endpoint that a rendered form feeds is judged
 * through that form (the visitor sees the field there), so its fields are not reported twice.
 */
import type { FileFacts, FormFact, SchemaFact } from '../types';

type SchemaOf = (from: string, specifier: string, exportName: string) => { file: string; schema: SchemaFact } | undefined;

/** A rendered form feeding an endpoint. */
export interface FeedingForm {
  file: string;
  formId: string;
  /** How they are linked, in words (`posts to /api/newsletter`, `same schema signupSchema`). */
  via: string;
}

export class FormFeedIndex {
  private readonly byRoute = new Map<string, FeedingForm[]>();
  private readonly byAction = new Map<string, FeedingForm[]>();
  private readonly bySchema = new Map<string, FeedingForm[]>();

  constructor(
    all: Iterable<FileFacts>,
    private readonly schemaOf: SchemaOf,
    private readonly packageOf: (file: string) => string,
  ) {
    for (const facts of all) {
      for (const form of facts.forms ?? []) {
        if (form.kind === 'route') continue;
        const pkg = packageOf(facts.file);
        const targets = new Set<string>();
        if (form.action) targets.add(form.action);
        for (const e of form.purposeEvidence) {
          if (e.what === 'submits to' || e.what === 'action') targets.add(e.text);
          if (e.what === 'server action') add(this.byAction, `${pkg}\0${e.text}`, { file: facts.file, formId: form.id, via: `calls the server action ${e.text}` });
        }
        for (const t of targets) {
          const p = pathOfUrl(t);
          if (p) add(this.byRoute, `${pkg}\0${p}`, { file: facts.file, formId: form.id, via: `posts to ${p}` });
        }
        const key = this.schemaKey(facts, form);
        if (key) add(this.bySchema, key, { file: facts.file, formId: form.id, via: 'uses the same schema' });
      }
    }
  }

  /** The rendered forms feeding endpoint form `form` of `facts`. */
  feeding(facts: FileFacts, form: FormFact): FeedingForm[] {
    if (form.kind !== 'route') return [];
    const pkg = this.packageOf(facts.file);
    const out: FeedingForm[] = [];
    const route = form.route && pathOfUrl(form.route);
    if (route) out.push(...(this.byRoute.get(`${pkg}\0${route}`) ?? []));
    if (form.component && form.purposeEvidence.some((e) => e.what === 'server action')) out.push(...(this.byAction.get(`${pkg}\0${form.component}`) ?? []));
    const key = this.schemaKey(facts, form);
    if (key) out.push(...(this.bySchema.get(key) ?? []));
    return out;
  }

  /** `file#offset` of the schema a form uses, wherever it is declared. */
  private schemaKey(facts: FileFacts, form: FormFact): string | undefined {
    const s = form.schema;
    if (!s) return undefined;
    if (s.local !== undefined) {
      const schema = facts.schemas[s.local];
      return schema ? `${facts.file}#${schema.span.start}` : undefined;
    }
    if (s.specifier && s.exportName) {
      const found = this.schemaOf(facts.file, s.specifier, s.exportName);
      return found ? `${found.file}#${found.schema.span.start}` : undefined;
    }
    return undefined;
  }
}

function add(map: Map<string, FeedingForm[]>, key: string, value: FeedingForm): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The path of a URL or route, without origin, query and trailing slash (`https://x.y/api/a/?b` → `/api/a`). */
export function pathOfUrl(url: string): string | undefined {
  const m = /^(?:[a-z]+:)?(?:\/\/[^/]+)?(\/[^?#]*)/i.exec(url.trim());
  if (!m) return undefined;
  return m[1].replace(/\/+$/, '') || '/';
}
