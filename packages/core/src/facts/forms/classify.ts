/**
 * Field classification through the shared personal-data classifier (contract 1): the
 * field's name first (`birthDate`, `user[email]`), then its visible text (label, then
 * placeholder), so `field_7` labelled "Geburtsdatum" is a birth date.
 */
import type { Knowledge } from '../../knowledge';
import type { FieldClassification, FieldFact } from '../types';

/** The classifier's entry points; set once `facts/personal-data.ts` is available. */
export interface Classifier {
  classifyName(name: string, knowledge: Knowledge): Omit<FieldClassification, 'from'> | undefined;
  classifyLabel(text: string, knowledge: Knowledge): Omit<FieldClassification, 'from'> | undefined;
}

let classifier: Classifier | undefined;

/** Installs the shared classifier (called by `facts/forms/index.ts`). */
export function useClassifier(c: Classifier): void {
  classifier = c;
}

export function classifyField(field: FieldFact, knowledge: Knowledge): FieldClassification | undefined {
  if (!classifier || field.hidden) return undefined;
  const byName = field.name ? classifier.classifyName(field.name, knowledge) : undefined;
  if (byName) return { ...byName, from: 'name' };
  for (const text of [field.label, field.placeholder]) {
    const byLabel = text ? classifier.classifyLabel(text, knowledge) : undefined;
    if (byLabel) return { ...byLabel, from: 'label' };
  }
  return undefined;
}
