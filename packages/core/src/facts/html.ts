/**
 * HTML (and CSS) files: tracker script tags, inline `<script>` bodies (analysed by the
 * same script pass, with offsets kept identical by blanking everything outside the
 * script), pixel images, and CMP blocking markup on the tags themselves.
 */
import { Parser } from 'htmlparser2';
import { ts } from 'ts-morph';
import { computeLineStarts } from '../text';
import { analyseScript, markupGate, effectiveCategory, type FactsContext } from './index';
import type { FileFacts, FileLanguage, GateResult, TrackerSink } from './types';

interface Element {
  name: string;
  attributes: Record<string, string>;
  start: number;
  /** Offset just after the start tag's `>`. */
  openEnd: number;
}

const SCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/babel']);

/** Facts of an HTML file (CSS files carry no tracker sinks). */
export function htmlFacts(file: string, language: FileLanguage, text: string, hash: string, context: FactsContext): FileFacts {
  const lineStarts = computeLineStarts(text);
  const sinks: TrackerSink[] = [];
  const consentDefaults: FileFacts['consentDefaults'] = [];
  if (language === 'html') {
    for (const element of parseElements(text)) collect(element, text, lineStarts, context, sinks, consentDefaults);
  }
  sinks.sort((a, b) => a.span.start - b.span.start);
  return { file, language, text, lineStarts, hash, sinks, consentDefaults, imports: [], reexports: [], parseErrors: [] };
}

function collect(element: Element & { end: number; bodyStart: number; bodyEnd: number }, text: string, lineStarts: number[], context: FactsContext, sinks: TrackerSink[], consentDefaults: FileFacts['consentDefaults']): void {
  const { knowledge } = context;
  const attrs = element.attributes;
  const markup = markupValue(attrs, context);
  const span = { start: element.start, end: element.openEnd };
  if (element.name === 'script' && attrs.src) {
    const vendor = knowledge.matchScriptUrl(attrs.src);
    if (!vendor) return;
    const sink = base(vendor, 'script-tag', `<script src="${shorten(attrs.src)}">`, span, context);
    sinks.push({ ...sink, gate: markup !== undefined ? markupGate({ ...sink, markupCategory: markup }, knowledge) : ungatedTag() });
    return;
  }
  if (element.name === 'img' && attrs.src) {
    const vendor = knowledge.matchPixelUrl(attrs.src);
    if (!vendor) return;
    const sink = base(vendor, 'pixel', `<img src="${shorten(attrs.src)}">`, span, context);
    sinks.push({ ...sink, gate: markup !== undefined ? markupGate({ ...sink, markupCategory: markup }, knowledge) : ungatedTag() });
    return;
  }
  if (element.name === 'script') {
    const type = (attrs.type ?? '').toLowerCase();
    if (!SCRIPT_TYPES.has(type) && !(type === 'text/plain' && markup !== undefined)) return;
    // Same offsets as the HTML file: blank everything but the script body (newlines kept).
    const masked = text.slice(0, element.bodyStart).replace(/[^\n\r]/g, ' ') + text.slice(element.bodyStart, element.bodyEnd) + text.slice(element.bodyEnd).replace(/[^\n\r]/g, ' ');
    const sourceFile = ts.createSourceFile('inline.js', masked, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
    for (const sink of analyseScript(sourceFile, lineStarts, context, consentDefaults)) {
      // A script the CMP blocks (`type="text/plain" data-cookieconsent="marketing"`) runs only after consent.
      sinks.push(markup !== undefined && !sink.gate.gated ? { ...sink, gate: markupGate({ ...sink, markupCategory: markup }, knowledge) } : sink);
    }
  }
}

function base(vendor: Parameters<typeof effectiveCategory>[0], form: TrackerSink['form'], label: string, span: { start: number; end: number }, context: FactsContext): Omit<TrackerSink, 'gate'> {
  return {
    vendorId: vendor.id,
    vendorName: vendor.name,
    category: effectiveCategory(vendor, context.config),
    form,
    label,
    span,
    inJsx: false,
    exemption: vendor.exemption?.note,
      exemptIn: vendor.exemption?.jurisdictions,
    consentMode: vendor.consentMode,
  };
}

function ungatedTag(): GateResult {
  return { gated: false, seen: [], trace: ['The tag loads with the page; no consent-tool markup (`type="text/plain"` with a category attribute) blocks it.'] };
}

/** The CMP category value when the element carries blocking markup; undefined otherwise. */
function markupValue(attrs: Record<string, string>, context: FactsContext): string | undefined {
  const type = (attrs.type ?? '').toLowerCase();
  for (const [name, value] of Object.entries(attrs)) {
    for (const { markup } of context.knowledge.consentMarkup.get(name) ?? []) {
      if (markup.requiresTextPlain && type !== 'text/plain' && attrs['data-type'] === undefined) continue;
      if (markup.valuePrefix) {
        const token = value.split(/\s+/).find((t) => t.startsWith(markup.valuePrefix!));
        if (!token) continue;
        return token.slice(markup.valuePrefix.length);
      }
      return markup.valueIsCategory ? value : 'any';
    }
  }
  return undefined;
}

/** Elements with offsets, from htmlparser2's tokenizer (tolerant of broken markup). */
function parseElements(text: string): (Element & { end: number; bodyStart: number; bodyEnd: number })[] {
  const out: (Element & { end: number; bodyStart: number; bodyEnd: number })[] = [];
  const stack: Element[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        stack.push({ name, attributes, start: parser.startIndex, openEnd: parser.endIndex + 1 });
        if (name === 'img') {
          const element = stack.pop()!;
          out.push({ ...element, end: element.openEnd, bodyStart: element.openEnd, bodyEnd: element.openEnd });
        }
      },
      onclosetag(name) {
        const index = stack.map((e) => e.name).lastIndexOf(name);
        if (index < 0) return;
        const element = stack.splice(index)[0];
        if (name === 'script') out.push({ ...element, end: parser.endIndex + 1, bodyStart: element.openEnd, bodyEnd: parser.startIndex });
      },
    },
    { lowerCaseAttributeNames: true, lowerCaseTags: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  return out;
}

function shorten(url: string): string {
  return url.length > 60 ? `${url.slice(0, 57)}...` : url;
}
