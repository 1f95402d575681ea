/**
 * ANSI styling for the text format. Color is on when forced (`--color`, `FORCE_COLOR`),
 * off when disabled (`--no-color`, `NO_COLOR` per no-color.org), else when stdout is a TTY.
 */

export interface Styler {
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  underline(text: string): string;
}

/** Decides whether to color output. `flag` is `--color` (true) / `--no-color` (false). */
export function shouldColor(flag: boolean | undefined, isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return isTTY === true && env.TERM !== 'dumb';
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

/** A styler that adds ANSI codes, or one that returns text unchanged. */
export function createStyler(enabled: boolean): Styler {
  if (!enabled) {
    const same = (text: string) => text;
    return { red: same, yellow: same, blue: same, dim: same, bold: same, underline: same };
  }
  return { red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), dim: wrap(2, 22), bold: wrap(1, 22), underline: wrap(4, 24) };
}
