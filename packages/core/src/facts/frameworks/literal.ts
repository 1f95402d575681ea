/**
 * The value of a bound attribute whose expression is a plain string (`:src="'https://…'"`,
 * `src={"https://…"}`, a template literal): what the markup pass reads as the attribute.
 * A template literal keeps its `${…}` parts as written, so the host of a URL still shows.
 * Anything else (a variable, a call) is undefined: the pass does not guess values.
 */
export function literalText(expression: string): string | undefined {
  const e = expression.trim();
  if (e.length < 2) return undefined;
  const quote = e[0];
  if ((quote === '"' || quote === "'" || quote === '`') && e[e.length - 1] === quote) {
    const body = e.slice(1, -1);
    // one literal only (`'a' + b` is not)
    if (quote !== '`' && body.includes(quote)) return undefined;
    if (quote === '`' && body.includes('`')) return undefined;
    return body;
  }
  return undefined;
}
