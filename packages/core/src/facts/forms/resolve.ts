/**
 * Forms as the rules see them: the file's forms with the team's configuration applied
 * (purposes declared per component, form, route or file glob; purposes added to the table)
 * and schemas imported from other files merged in. Rules call `resolveForms`, never read
 * `FileFacts.forms` for purposes directly.
 */
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { FormDeclaration, ResolvedConfig } from '../../config/types';
import type { ProjectFacts } from '../../rule';
import type { FileFacts, FormFact } from '../types';
import { mergeSchema } from './index';
import { markPasswords } from './server';
import { BUILTIN_PURPOSES, inferPurpose, type PurposeEntry } from './purpose';

/** The purpose table of a configuration: built-in purposes patched and extended by `forms.purposes`. */
export interface PurposeTable {
  list: readonly PurposeEntry[];
  byId: ReadonlyMap<string, PurposeEntry>;
  /** Whether config changed anything (then inference runs again with the team's keywords). */
  extended: boolean;
}

const tables = new WeakMap<object, PurposeTable>();

export function purposeTable(config: ResolvedConfig): PurposeTable {
  const purposes = config.forms?.purposes ?? [];
  const key = config.forms ?? config;
  let table = tables.get(key);
  if (!table) {
    const list = BUILTIN_PURPOSES.map((p) => ({ ...p }));
    for (const extra of purposes) {
      const at = list.findIndex((p) => p.id === extra.id);
      const base: PurposeEntry = at >= 0 ? list[at] : { id: extra.id, name: extra.id, necessary: [], optional: [], keywords: [], priority: 50, why: '', source: 'workspace configuration (creepyline.json)' };
      const merged: PurposeEntry = { ...base, ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)) } as PurposeEntry;
      if (at >= 0) list[at] = merged;
      else list.push(merged);
    }
    table = { list, byId: new Map(list.map((p) => [p.id, p])), extended: purposes.length > 0 };
    tables.set(key, table);
  }
  return table;
}

/** Problems in `forms`: declarations naming an unknown purpose, purposes without a name. */
export function formsConfigProblems(config: ResolvedConfig): { key: string; message: string }[] {
  const table = purposeTable(config);
  const out: { key: string; message: string }[] = [];
  (config.forms?.declare ?? []).forEach((d, i) => {
    if (!table.byId.has(d.purpose)) out.push({ key: `forms.declare[${i}].purpose`, message: `unknown purpose "${d.purpose}"; use one of ${[...table.byId.keys()].join(', ')} or add it under forms.purposes; the declaration is ignored` });
    if (!d.component && !d.form && !d.route && !d.files) out.push({ key: `forms.declare[${i}]`, message: 'names no component, form, route or files, so it matches no form; the declaration is ignored' });
  });
  return out;
}

const resolved = new WeakMap<FileFacts, { config: ResolvedConfig; forms: FormFact[] }>();

/** The file's forms with configuration and cross-file schemas applied (memoised per facts and config). */
export function resolveForms(facts: FileFacts, config: ResolvedConfig, project?: ProjectFacts): FormFact[] {
  const cached = resolved.get(facts);
  if (cached && cached.config === config) return cached.forms;
  const table = purposeTable(config);
  const forms = (facts.forms ?? []).map((original) => {
    const form: FormFact = { ...original, fields: original.fields.map((f) => ({ ...f })) };
    if (form.schema?.specifier && form.schema.exportName && project?.schemaOf) {
      const found = project.schemaOf(facts.file, form.schema.specifier, form.schema.exportName);
      if (found) mergeSchema(form, found.schema, found.file, false);
      if (found && form.kind === 'route') markPasswords(form.fields);
    }
    if (table.extended || form.fields.length !== original.fields.length) form.purpose = inferPurpose(form.purposeEvidence, form.fields, table.list, form.kind === 'route');
    const declared = declaredPurpose(form, facts.file, config.forms?.declare ?? [], table);
    if (declared) form.purpose = declared;
    return form;
  });
  resolved.set(facts, { config, forms });
  return forms;
}

function declaredPurpose(form: FormFact, file: string, declarations: readonly (FormDeclaration & { baseDir: string })[], table: PurposeTable): FormFact['purpose'] {
  let found: FormFact['purpose'];
  for (const d of declarations) {
    if (!table.byId.has(d.purpose)) continue;
    if (!d.component && !d.form && !d.route && !d.files) continue;
    if (d.component !== undefined && d.component !== form.component) continue;
    if (d.form !== undefined && d.form.replace(/^#/, '') !== form.name && d.form.replace(/^#/, '') !== form.id) continue;
    if (d.route !== undefined && !routeMatches(d.route, form)) continue;
    if (d.files !== undefined && !filesMatch(d.files, d.baseDir, file)) continue;
    const what = [d.component && `component ${d.component}`, d.form && `form ${d.form}`, d.route && `route ${d.route}`, d.files && `files ${d.files.join(', ')}`].filter(Boolean).join(', ');
    found = { id: d.purpose, source: 'config', evidence: `declared in creepyline.json (${what})`, confidence: 'high' };
  }
  return found;
}

function routeMatches(pattern: string, form: FormFact): boolean {
  const routes = [form.route, form.action && pathOfUrl(form.action)].filter((r): r is string => !!r);
  const match = picomatch(pattern.replace(/\/+$/, '') || '/', { dot: true });
  return routes.some((r) => match(r.replace(/\/+$/, '') || '/'));
}

function pathOfUrl(url: string): string | undefined {
  const m = /^(?:[a-z]+:)?(?:\/\/[^/]+)?(\/[^?#]*)/i.exec(url);
  return m?.[1];
}

const globs = new Map<string, (p: string) => boolean>();

function filesMatch(patterns: readonly string[], baseDir: string, file: string): boolean {
  const key = `${baseDir}\0${patterns.join('\0')}`;
  let match = globs.get(key);
  if (!match) {
    const expanded = patterns.map((p) => (p.includes('/') ? p.replace(/^\.\//, '') : `**/${p}`));
    match = picomatch(expanded, { dot: true });
    globs.set(key, match);
  }
  const rel = path.relative(baseDir, file).split(path.sep).join('/');
  return !rel.startsWith('..') && match(rel);
}
