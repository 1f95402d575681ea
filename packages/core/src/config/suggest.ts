/**
 * "Did you mean" for misspelt names (rule ids in config and suppression comments).
 */

/** Levenshtein edit distance (insert, delete, substitute; each costs 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The closest candidate to `name`, or undefined when none is plausibly meant: the
 * distance must be at most a third of the longer name (min. 2), so `trackin` finds
 * `tracking-without-consent` only through the prefix rule below, and `foo` finds nothing.
 * A candidate that starts with `name` (a truncated id) also counts.
 */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of list) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(name.length, best.length) / 3));
  if (bestDistance <= limit) return best;
  const prefixed = list.filter((c) => lower.length >= 4 && c.toLowerCase().startsWith(lower));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** `unknown rule id "x"` plus `; did you mean "y"?` when a close id exists. */
export function unknownRuleMessage(id: string, known: Iterable<string>): string {
  const suggestion = closestMatch(id, known);
  return suggestion ? `unknown rule id "${id}"; did you mean "${suggestion}"?` : `unknown rule id "${id}"`;
}
