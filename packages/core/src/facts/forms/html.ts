/**
 * HTML forms (`.html` files): `<form>` with its inputs, selects and textareas, their labels
 * (`<label for>`, wrapping labels, a label right before the field, `aria-label`), headings
 * and submit buttons. Fed by the HTML pass's one tokenizer run (`facts/html.ts`).
 */
import type { Knowledge } from '../../knowledge';
import type { FieldEdit, FieldFact, FormFact } from '../types';
import { removeWithLabel } from './ast';
import { finish, uniqueIds } from './index';
import { pathEvidence, routeOf, type PurposeEvidence } from './purpose';
import { cleanText } from './words';

const NOT_FIELDS = new Set(['submit', 'button', 'reset', 'image']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'legend']);

interface OpenField {
  field: FieldFact;
  id?: string;
  label?: OpenLabel;
  /** A label right before the field (not around it), which goes with it when the field is removed. */
  labelSpan?: { start: number; end: number };
}

interface OpenLabel {
  text: string;
  for?: string;
  start: number;
  fields: OpenField[];
}

interface OpenForm {
  form: FormFact;
  evidence: PurposeEvidence[];
  fields: OpenField[];
}

/** Receives the HTML tokenizer's events and builds the forms. */
export class HtmlFormCollector {
  private readonly forms: { form: FormFact; evidence: PurposeEvidence[] }[] = [];
  private current?: OpenForm;
  private readonly labels: OpenLabel[] = [];
  private readonly labelsFor = new Map<string, string>();
  /** Where each `<label for>` is (a removed field takes its label along). */
  private readonly labelSpansFor = new Map<string, { start: number; end: number }[]>();
  /** A closed label without `for` and without a field inside: it labels the next field. */
  private pendingLabel?: string;
  private pendingLabelSpan?: { start: number; end: number };
  private textTarget?: { kind: 'heading' | 'button' | 'select' | 'textarea'; text: string; start: number; field?: OpenField };

  constructor(private readonly text: string) {}

  open(name: string, attributes: Record<string, string>, start: number, openEnd: number): void {
    if (name === 'form') {
      const form: FormFact = { id: '', span: { start, end: openEnd }, kind: 'html', purposeHints: [], purposeEvidence: [], fields: [] };
      const evidence: PurposeEvidence[] = [];
      form.name = attributes.id ?? attributes.name ?? attributes['aria-label'];
      for (const [what, key] of [['form id', 'id'], ['form name', 'name'], ['form label', 'aria-label'], ['form class', 'class']] as const) {
        if (attributes[key]) evidence.push({ tier: 2, what, text: attributes[key] });
      }
      if (attributes.action) {
        form.action = attributes.action;
        evidence.push({ tier: 1, what: 'action', text: attributes.action }, { tier: 2, what: 'action', text: attributes.action });
      }
      this.current = { form, evidence, fields: [] };
      return;
    }
    if (name === 'label') {
      this.labels.push({ text: '', for: attributes.for, start, fields: [] });
      return;
    }
    if (!this.current) return;
    if (HEADINGS.has(name)) this.textTarget = { kind: 'heading', text: '', start };
    else if (name === 'button' && (attributes.type === undefined || attributes.type.toLowerCase() === 'submit')) this.textTarget = { kind: 'button', text: '', start };
    else if (name === 'input' && (attributes.type ?? '').toLowerCase() === 'submit') this.submit({ start, end: openEnd }, attributes.value);
    if (name === 'input' || name === 'select' || name === 'textarea') {
      const type = (name === 'input' ? attributes.type ?? 'text' : name).toLowerCase();
      if (NOT_FIELDS.has(type)) return;
      const field: FieldFact = {
        name: attributes.name ?? attributes.id ?? '',
        label: attributes['aria-label'],
        placeholder: attributes.placeholder,
        inputType: type,
        required: false,
        span: { start, end: openEnd },
        origin: 'html',
        hidden: type === 'hidden' || undefined,
        optionalEdits: [],
      };
      const tag = this.text.slice(start, openEnd);
      for (const attr of ['required', 'aria-required']) {
        if (attributes[attr] === undefined || (attr === 'aria-required' && attributes[attr] !== 'true')) continue;
        field.required = true;
        const edit = attributeEdit(tag, attr, start);
        if (edit) {
          field.requiredSpan ??= { start: edit.start + (/^\s/.test(this.text.slice(edit.start, edit.start + 1)) ? 1 : 0), end: edit.end };
          field.optionalEdits!.push(edit);
        }
      }
      if (type === 'checkbox' || type === 'radio') {
        if (attributes.checked !== undefined) field.defaultValue = { value: true, span: { start, end: openEnd } };
      } else if (attributes.value !== undefined && type !== 'hidden') {
        field.defaultValue = { value: attributes.value, span: { start, end: openEnd } };
      }
      const open: OpenField = { field, id: attributes.id };
      const label = this.labels[this.labels.length - 1];
      if (label) {
        open.label = label;
        label.fields.push(open);
      } else if (this.pendingLabel !== undefined && !field.label) {
        field.label = this.pendingLabel;
        open.labelSpan = this.pendingLabelSpan;
      }
      this.pendingLabel = undefined;
      this.pendingLabelSpan = undefined;
      this.current.fields.push(open);
      if (name !== 'input') this.textTarget = { kind: name as 'select' | 'textarea', text: '', start, field: open };
    }
  }

  onText(data: string): void {
    // Option texts of a select are not part of the label around it.
    const inOptions = this.textTarget?.kind === 'select' || this.textTarget?.kind === 'textarea';
    if (!inOptions) for (const label of this.labels) label.text += data;
    if (this.textTarget) this.textTarget.text += data;
  }

  close(name: string, end: number): void {
    if (name === 'label') {
      const label = this.labels.pop();
      if (!label) return;
      const text = cleanText(label.text);
      if (label.for && text) this.labelsFor.set(label.for, text);
      if (label.for && label.fields.length === 0) this.labelSpansFor.set(label.for, [...(this.labelSpansFor.get(label.for) ?? []), { start: label.start, end }]);
      for (const f of label.fields) {
        f.field.label ??= text;
        // A label around exactly one field goes with it when the field is removed.
        if (label.fields.length === 1) (f as OpenField & { outer?: { start: number; end: number } }).outer = { start: label.start, end };
      }
      if (!label.for && label.fields.length === 0 && text) {
        this.pendingLabel = text;
        this.pendingLabelSpan = { start: label.start, end };
      }
      return;
    }
    const target = this.textTarget;
    if (target && (name === target.kind || (target.kind === 'heading' && HEADINGS.has(name)))) {
      const text = cleanText(target.text);
      if (target.kind === 'heading' && text && this.current) this.current.evidence.push({ tier: 3, what: 'heading', text });
      if (target.kind === 'button') this.submit({ start: target.start, end }, text);
      if ((target.kind === 'select' || target.kind === 'textarea') && target.field) target.field.field.span = { start: target.field.field.span.start, end };
      this.textTarget = undefined;
    }
    if (name === 'form' && this.current) {
      this.current.form.span = { start: this.current.form.span.start, end };
      this.finishForm(this.current);
      this.current = undefined;
    }
  }

  /** Forms still open at the end of the file are closed there. */
  end(file: string, knowledge: Knowledge): FormFact[] {
    if (this.current) {
      this.current.form.span = { start: this.current.form.span.start, end: this.text.length };
      this.finishForm(this.current);
      this.current = undefined;
    }
    const path = pathEvidence(file);
    const route = routeOf(file) ?? htmlRoute(file);
    const forms = this.forms.map(({ form, evidence }) => finish({ ...form, route }, path ? [...evidence, path] : evidence, knowledge));
    uniqueIds(forms);
    return forms;
  }

  private submit(span: { start: number; end: number }, text: string | undefined): void {
    if (!this.current) return;
    this.current.form.submit ??= { span, text: cleanText(text) };
    if (cleanText(text)) this.current.evidence.push({ tier: 3, what: 'submit button', text: cleanText(text)! });
  }

  private finishForm(open: OpenForm): void {
    for (const f of open.fields) {
      if (f.field.label === undefined && f.id) f.field.label = this.labelsFor.get(f.id);
      const outer = (f as OpenField & { outer?: { start: number; end: number } }).outer;
      // The label standing apart goes too (left behind it would label the next field).
      const forLabels = f.id && open.fields.filter((g) => g.id === f.id).length === 1 ? this.labelSpansFor.get(f.id) : undefined;
      const apart = outer ? undefined : f.labelSpan ?? (forLabels?.length === 1 ? forLabels[0] : undefined);
      f.field.removeEdits = removeWithLabel(outer ?? f.field.span, apart, this.text);
      open.form.fields.push(f.field);
    }
    this.forms.push({ form: open.form, evidence: open.evidence });
  }
}

/** A static page's route: `kontakt.html` → `/kontakt`, `newsletter/index.html` → `/newsletter` (from the file name only). */
function htmlRoute(file: string): string | undefined {
  const parts = file.split(/[\\/]/);
  const name = parts.pop()!.replace(/\.html?$/i, '');
  return name === 'index' ? (parts.length ? `/${parts.pop()}` : '/') : `/${name}`;
}

/** Deletes `required` / `aria-required="true"` (with the space before it) from a start tag. */
function attributeEdit(tag: string, attribute: string, offset: number): FieldEdit | undefined {
  const re = new RegExp(`\\s${attribute}(\\s*=\\s*("[^"]*"|'[^']*'|[^\\s>]+))?(?=[\\s/>])`, 'i');
  const at = re.exec(tag);
  return at ? { start: offset + at.index, end: offset + at.index + at[0].length, text: '' } : undefined;
}
