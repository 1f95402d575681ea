/**
 * Component libraries' form components (`knowledge/form-components.json`): which role a JSX
 * tag plays (a field on its own, a group giving its input a label and a required flag, a
 * binder naming and validating a field drawn inside it, a form container), resolved
 * through the file's imports.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { derived, BUILTIN_CATALOGUES } from '../../knowledge/catalogues';
import { mayBeProjectModule } from '../../project/resolve';
import type { ScopeResolver } from '../scope';
import type { FieldOrigin } from '../types';
import { tagRoot, tagText, type JsxTag } from './ast';

export type Role = 'field' | 'group' | 'groupLabel' | 'binder' | 'binderLabel' | 'container';

export interface LibraryEntry {
  id: string;
  modules: string[];
  anyModule?: boolean;
  fields?: string[];
  labelProps?: string[];
  requiredProps?: string[];
  groups?: string[];
  groupRequiredProps?: string[];
  groupLabels?: string[];
  groupLabelProps?: string[];
  binders?: string[];
  binderNameProps?: string[];
  binderLabelProps?: string[];
  binderLabels?: string[];
  binderRules?: string;
  containers?: string[];
  source: string;
}

/** The shipped libraries (the analysis reads the active catalogues, with `knowledge.formComponents`). */
export const LIBRARIES: readonly LibraryEntry[] = BUILTIN_CATALOGUES.formComponents.libraries as LibraryEntry[];

/** Tag → the libraries' roles for it, once per catalogue set. */
const rolesByTag = derived(({ formComponents }) => {
  const byTag = new Map<string, { library: LibraryEntry; role: Role }[]>();
  for (const library of formComponents.libraries as LibraryEntry[]) {
    const add = (tags: string[] | undefined, role: Role) => {
      for (const tag of tags ?? []) {
        const list = byTag.get(tag) ?? [];
        list.push({ library, role });
        byTag.set(tag, list);
      }
    };
    add(library.fields, 'field');
    add(library.groups, 'group');
    add(library.groupLabels, 'groupLabel');
    add(library.binders, 'binder');
    add(library.binderLabels, 'binderLabel');
    add(library.containers, 'container');
  }
  return byTag;
});

/** The library role of a tag, when its root name is imported from the library (or from the project, for `anyModule` libraries). */
export function libraryRole(element: JsxTag, scope: ScopeResolver): { library: LibraryEntry; role: Role } | undefined {
  const text = tagText(element);
  const candidates = rolesByTag().get(text);
  if (!candidates) return undefined;
  const root = tagRoot(element);
  const binding = root && scope.resolve(root.text, root);
  if (binding?.kind !== 'import') return undefined;
  for (const candidate of candidates) {
    const { library } = candidate;
    if (library.modules.some((m) => binding.module === m || binding.module.startsWith(`${m}/`))) return candidate;
    if (library.anyModule && mayBeProjectModule(binding.module)) return candidate;
  }
  return undefined;
}

/** The field origin of a library. */
export function originOf(library: LibraryEntry): FieldOrigin {
  return library.id as FieldOrigin;
}

/** Input type implied by a component name (`PasswordInput` → password, `Checkbox` → checkbox). */
export function typeFromTag(tag: string): string | undefined {
  const t = tag.toLowerCase();
  if (t === 'select' || t.endsWith('select') || t.endsWith('.field') && t.startsWith('nativeselect')) return 'select';
  if (t === 'textarea' || t.endsWith('textarea')) return 'textarea';
  if (t.includes('checkbox') || t === 'switch') return 'checkbox';
  if (t.startsWith('password')) return 'password';
  if (t.startsWith('number')) return 'number';
  if (t.startsWith('date')) return 'date';
  if (t.startsWith('radio')) return 'radio';
  return undefined;
}

export function isNode(value: unknown): value is ts.Node {
  return typeof value === 'object' && value !== null && 'kind' in value;
}
