/**
 * Field classification through the shared personal-data classifier (contract 1,
 * `facts/personal-data.ts`): the field's name first (`birthDate`, `user[email]`), then its
 * visible text (label, then placeholder), so `field_7` labelled "Geburtsdatum" is a birth date.
 */
import type { Knowledge } from '../../knowledge';
import { classifyLabel, classifyName } from '../personal-data';
import type { FieldClassification, FieldFact } from '../types';

export function classifyField(field: FieldFact, knowledge: Knowledge): FieldClassification | undefined {
  if (field.hidden || !knowledge.personalData) return undefined;
  const byName = field.name ? classifyName(field.name, knowledge) : undefined;
  if (byName) return { kind: byName.kind, category: byName.category, confidence: byName.confidence, word: byName.word, from: 'name' };
  for (const text of [field.label, field.placeholder]) {
    const byLabel = text ? classifyLabel(text, knowledge) : undefined;
    if (byLabel) return { kind: byLabel.kind, category: byLabel.category, confidence: byLabel.confidence, word: byLabel.word, from: 'label' };
  }
  return undefined;
}
