/**
 * Words of names and texts for the form model: `NewsletterSignupForm`, `newsletter_signup`,
 * `/kontakt`, "Jetzt für den Newsletter anmelden" all become lower-case words with German
 * umlauts folded (`ä` → `ae`), so keyword lists are written once.
 */

const FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'ae', Ö: 'oe', Ü: 'ue' };

/** Lower-case words of a name or a text (camelCase, snake_case, kebab-case, paths, prose). */
export function wordsOf(text: string): string[] {
  return text
    .replace(/[äöüßÄÖÜ]/g, (c) => FOLD[c])
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * A keyword list compiled for matching: whole words, `prefix*` stems, and phrases of several
 * words (`get in touch`), also written joined (`contactus` for `contact us`).
 */
export class KeywordMatcher {
  private readonly words = new Set<string>();
  private readonly stems: string[] = [];
  private readonly phrases: string[][] = [];

  constructor(keywords: readonly string[]) {
    for (const keyword of keywords) {
      const stem = keyword.endsWith('*');
      const parts = wordsOf(stem ? keyword.slice(0, -1) : keyword);
      if (parts.length === 0) continue;
      if (parts.length > 1) {
        this.phrases.push(parts);
        this.words.add(parts.join(''));
      } else if (stem) this.stems.push(parts[0]);
      else this.words.add(parts[0]);
    }
  }

  /** The keyword found in `words`, or undefined. */
  match(words: readonly string[]): string | undefined {
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (this.words.has(w)) return w;
      for (const stem of this.stems) if (w.startsWith(stem)) return w;
      for (const phrase of this.phrases) {
        if (phrase[0] === w && phrase.every((p, k) => words[i + k] === p)) return phrase.join(' ');
      }
    }
    return undefined;
  }
}

/** Collapses whitespace and trims; undefined for empty text. */
export function cleanText(text: string | undefined): string | undefined {
  const t = text?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}
