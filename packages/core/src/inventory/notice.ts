/**
 * Notice drift: which vendors a privacy notice (Markdown, HTML or plain text in the
 * repository) names. Matching is whole-word and case-insensitive over the catalogue's
 * names and aliases (`knowledge/vendor-companies.json`); names that are also ordinary
 * words (`Segment`) count only when capitalised, and never prove that the notice names a
 * vendor the code no longer uses.
 */
import { vendorNames } from '../knowledge/vendor-companies';

/** The readable text of a notice: HTML tags, scripts, styles and comments removed, entities decoded. */
export function noticeText(file: string, text: string): string {
  if (!/\.(html?|xhtml)$/i.test(file)) return text;
  return text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>');
}

/** Words that end a catalogue name without naming anything a notice would repeat (`HubSpot tracking code` → `HubSpot`). */
const GENERIC_TAIL = /\s+(?:tracking code|conversion tracking|onsite tracking|site tracking|tracker|tag|pixel|onetag|chat|messenger|web sdk|web widget|widgets|embeds|social plugins|javascript sdk and plugins|universal|beacon|session replay|web experimentation|websights|reveal|measure|munchkin|insight tag)$/i;

/** The names a notice may use for a vendor: the catalogue name, its variants, and the catalogued aliases. */
export function namesOf(id: string, catalogueName: string): { strict: string[]; ambiguous: string[] } {
  const strict = new Set<string>();
  const loose = new Set<string>();
  const base = catalogueName.replace(/\s*\([^)]*\)\s*$/, '').trim();
  const variants = [catalogueName, base];
  // `X (Twitter) Pixel` → `X Pixel`, `Twitter Pixel`; `Brevo (Sendinblue)` → `Brevo`, `Sendinblue`.
  // A parenthetical that is one word on its own (`Adobe Experience Platform Tags (Launch)`) may be an
  // ordinary word: it names the vendor only capitalised (found by the false-positive hunt: "launch").
  const inner = /^(.*?)\s*\(([^)]+)\)\s*(.*)$/.exec(catalogueName);
  if (inner) {
    variants.push(`${inner[1]} ${inner[3]}`.trim());
    for (const alone of [`${inner[2]} ${inner[3]}`.trim(), inner[2]!.trim()]) {
      if (/\s/.test(alone)) variants.push(alone);
      else if (alone.length >= 3 && !/[./]/.test(alone)) loose.add(alone);
    }
  }
  for (const variant of variants) {
    const name = variant.replace(/\s+/g, ' ').trim();
    if (name.length >= 3) strict.add(name);
    const shortened = name.replace(GENERIC_TAIL, '');
    if (shortened !== name && shortened.length >= 3) strict.add(shortened);
  }
  const catalogued = vendorNames(id);
  for (const alias of catalogued?.aliases ?? []) strict.add(alias);
  const ambiguous = new Set(catalogued?.ambiguous ?? []);
  for (const name of [...strict]) {
    if ([...ambiguous].some((a) => a.toLowerCase() === name.toLowerCase())) strict.delete(name);
  }
  // A one-word parenthetical counts as strict only when the catalogue lists it as an alias.
  for (const name of loose) if (![...strict].some((n) => n.toLowerCase() === name.toLowerCase())) ambiguous.add(name);
  return { strict: [...strict], ambiguous: [...ambiguous] };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A whole-word pattern for a name (spaces match any run of white space). */
function pattern(name: string, caseSensitive: boolean): RegExp {
  const body = name.trim().split(/\s+/).map(escapeRegExp).join('[\\s\\u00a0]+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, caseSensitive ? 'u' : 'iu');
}

/** How a notice names a vendor: the strict name found, or an ambiguous one (capitalised), or nothing. */
export function findName(text: string, names: { strict: string[]; ambiguous: string[] }): { word: string; strict: boolean } | undefined {
  // Longest names first: `Google Tag Manager` is reported rather than a shorter alias.
  for (const name of [...names.strict].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))) {
    const match = pattern(name, false).exec(text);
    if (match) return { word: match[0].replace(/\s+/g, ' '), strict: true };
  }
  for (const name of names.ambiguous) {
    const capitalised = name[0]!.toUpperCase() + name.slice(1);
    const match = pattern(capitalised, true).exec(text);
    if (match) return { word: match[0], strict: false };
  }
  return undefined;
}
