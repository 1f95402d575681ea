/**
 * HTML (and CSS) files: tracker script tags, inline `<script>` bodies (analysed by the
 * same script pass, with offsets kept identical by blanking everything outside the
 * script), pixel images, and CMP blocking markup on the tags themselves.
 */
import { Parser } from 'htmlparser2';
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import { computeLineStarts } from '../text';
import { analyseScript, emptyConsentForms, markupGate, effectiveCategory, type FactsContext } from './index';
import { ScopeResolver } from './scope';
import { findCmpDefaults } from './cmp-defaults';
import { cssImports, cssUrls, linkLoads, matchEmbedUrl, optInWords, rewriteOf } from './embeds';
import { markupValueOf, thirdPartyFact } from './trackers';
import { controlVerdict } from './consent-events';
import type { ThirdPartyMatch } from '../knowledge';
import type { ConsentCategory } from '../knowledge/types';
import type { CheckedBox, CmpDefaultOn, EmbedFact, FileFacts, FileLanguage, FormFact, GateResult, TrackerSink } from './types';
import { HtmlFormCollector } from './forms/html';

export interface Element {
  name: string;
  attributes: Record<string, string>;
  start: number;
  /** Offset just after the start tag's `>`. */
  openEnd: number;
  /** Text content of the enclosing `<label>` (inputs only). */
  labelText?: string;
  /**
   * The gate of a template element (Vue/Svelte/Astro): what the template conditions around it
   * prove, judged by the script analysis's consent recogniser (see `template.ts`). Plain HTML has none.
   */
  gate?: (category: ConsentCategory) => GateResult;
}

/** An element with its end and (for scripts) its body. */
export type MarkupElement = Element & { end: number; bodyStart: number; bodyEnd: number };

/** Partytown runs the script in a web worker: still on the visitor's device, still without consent. */
const PARTYTOWN = 'text/partytown';
const PARTYTOWN_NOTE = 'Partytown (`type="text/partytown"`) only moves the script into a web worker: it still runs on the visitor\'s device and sends its data without consent.';

/** Elements the HTML pass looks at besides scripts. */
const VOID_ELEMENTS = new Set(['img', 'iframe', 'link', 'input']);

const SCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/babel', PARTYTOWN]);

/** Facts of an HTML file (CSS files carry no tracker sinks). */
export function htmlFacts(file: string, language: FileLanguage, text: string, hash: string, context: FactsContext): FileFacts {
  const lineStarts = computeLineStarts(text);
  const sinks: TrackerSink[] = [];
  const consentDefaults: FileFacts['consentDefaults'] = [];
  const embeds: EmbedFact[] = [];
  const checkedBoxes: CheckedBox[] = [];
  const cmpDefaults: CmpDefaultOn[] = [];
  let forms: FormFact[] = [];
  const consentTools: NonNullable<FileFacts['consentTools']> = [];
  const markupCalls: NonNullable<FileFacts['markupCalls']> = [];
  if (language === 'html') {
    const collector = new HtmlFormCollector(text);
    const { elements, labels, withHandlers } = parseElements(text, collector);
    forms = collector.end(file, context.knowledge);
    const handlers = markupHandlers(withHandlers, text);
    markupCalls.push(...externalCalls(handlers, elements, text));
    for (const element of elements) {
      if (element.name === 'script' && element.attributes.src) {
        const tool = context.knowledge.consentToolByUrl(element.attributes.src);
        if (tool) consentTools.push({ name: tool.name, apiId: tool.api?.id, span: { start: element.start, end: element.openEnd } });
      }
      collect(element, text, lineStarts, context, sinks, consentDefaults, cmpDefaults, handlers);
      collectEmbed(element, text, context, embeds, sinks);
      collectCheckedBox(element, text, labels, checkedBoxes);
    }
  } else if (language === 'css') {
    const imports = cssImports(text);
    const importStarts = new Set(imports.map((rule) => rule.urlSpan.start));
    // url(…) in any rule and @import: a stylesheet fetches them when it applies (long-tail hosts only;
    // fonts and catalogued embeds are the embed rule's)
    for (const ref of [...imports.map((rule) => ({ url: rule.url, span: rule.span })), ...cssUrls(text).filter((u) => !importStarts.has(u.urlSpan.start))]) {
      if (matchEmbedUrl(ref.url)) continue;
      const third = context.knowledge.matchThirdParty(ref.url, 'stylesheet');
      if (!third) continue;
      const sink = base(third.vendor, 'stylesheet', `url("${shorten(ref.url)}")`, ref.span, context, third);
      sinks.push({ ...sink, gate: { gated: false, seen: [], trace: ['CSS fetches the URL as soon as the stylesheet applies; no consent check can run first.'] } });
    }
    for (const rule of imports) {
      const entry = matchEmbedUrl(rule.url);
      if (!entry) continue;
      embeds.push({
        form: 'css-import',
        embedId: entry.id,
        embedName: entry.name,
        category: entry.category,
        alternative: entry.alternative,
        url: rule.url,
        span: rule.span,
        gate: { gated: false, seen: [], trace: ['A CSS `@import` is fetched as soon as the stylesheet loads; no consent check can run first.'] },
        rewrite: rewriteOf(entry, rule.url, text, rule.urlSpan.start - 2, rule.urlSpan.end),
      });
    }
  }
  sinks.sort((a, b) => a.span.start - b.span.start);
  return { file, language, text, lineStarts, hash, sinks, consentDefaults, embeds, checkedBoxes, cmpDefaults, consentForms: emptyConsentForms(), consentRecords: { writes: [], singleOptIns: [] }, imports: [], reexports: [], dependencies: [], parseErrors: [], consentTools, forms, schemas: [], piiFlows: [], piiSummaries: [], piiCalls: [], marketingTexts: [], ...(markupCalls.length ? { markupCalls } : {}) };
}

const NOT_CALLS = new Set(['if', 'for', 'while', 'switch', 'return', 'function', 'typeof', 'new', 'catch', 'alert', 'confirm', 'setTimeout', 'setInterval']);

/**
 * Calls in the page's inline handlers of functions no inline script of the page declares
 * (`onclick="consentGA(false)"` with `consentGA` in `js/cookies.js`), with the page's local script files.
 */
function externalCalls(handlers: readonly MarkupHandler[], elements: readonly MarkupElement[], text: string): NonNullable<FileFacts['markupCalls']> {
  if (handlers.length === 0) return [];
  const scripts = elements.filter((e) => e.name === 'script' && e.attributes.src && !/^([a-z]+:)?\/\//i.test(e.attributes.src)).map((e) => e.attributes.src);
  if (scripts.length === 0) return [];
  const inline = elements.filter((e) => e.name === 'script' && !e.attributes.src).map((e) => text.slice(e.bodyStart, e.bodyEnd)).join('\n');
  const out: NonNullable<FileFacts['markupCalls']> = [];
  for (const h of handlers) {
    for (const m of h.code.matchAll(/(^|[^.\w$])([A-Za-z_$][\w$]*)\s*\(/g)) {
      const name = m[2];
      if (NOT_CALLS.has(name) || new RegExp(`\\bfunction\\s+${name}\\b|\\b(const|let|var)\\s+${name}\\b`).test(inline)) continue;
      const start = h.codeStart + (m.index ?? 0) + m[1].length;
      out.push({ name, span: { start, end: start + name.length }, event: h.event, scripts, ...(h.accept ? { accept: h.accept } : {}) });
    }
  }
  return out;
}

/** `<iframe src>` of a catalogued embed, `<link rel="stylesheet" href>` of Google Fonts. */
export function collectEmbed(element: Element, text: string, context: FactsContext, embeds: EmbedFact[], sinks: TrackerSink[]): void {
  const url = element.name === 'iframe' ? element.attributes.src : element.name === 'link' && linkLoads(element.attributes.rel) ? element.attributes.href : undefined;
  const entry = url ? matchEmbedUrl(url) : undefined;
  const span = { start: element.start, end: element.openEnd };
  const markup = markupValue(element.attributes, context);
  if (url && !entry) {
    // a long-tail tracker in a frame or stylesheet (third-party-web dataset)
    const third = context.knowledge.matchThirdParty(url, element.name === 'iframe' ? 'iframe' : 'stylesheet');
    if (!third) return;
    const attr = element.name === 'iframe' ? 'src' : 'href';
    const sink = { ...base(third.vendor, element.name === 'iframe' ? 'iframe' : 'stylesheet', `<${element.name} ${attr}="${shorten(url)}">`, span, context, third), ...anchorOf(element, text, attr) };
    sinks.push({ ...sink, gate: markup !== undefined ? markupGate({ ...sink, markupCategory: markup }, context.knowledge) : element.gate?.(sink.category) ?? ungatedTag() });
    return;
  }
  if (!url || !entry) return;
  const gate = markup !== undefined
    ? markupGate({ category: entry.category, span, markupCategory: markup }, context.knowledge)
    : element.gate?.(entry.category) ?? { gated: false, seen: [], trace: [`The <${element.name}> loads with the page; no consent-tool markup blocks it.`] };
  embeds.push({
    form: element.name === 'iframe' ? 'iframe' : 'stylesheet',
    embedId: entry.id,
    embedName: entry.name,
    category: entry.category,
    alternative: entry.alternative,
    url,
    span,
    ...anchorOf(element, text, element.name === 'iframe' ? 'src' : 'href'),
    gate,
    rewrite: rewriteOf(entry, url, text, element.start, element.openEnd),
  });
}

/** `<input type="checkbox" checked>` whose name, id or label marks it as an opt-in. */
export function collectCheckedBox(element: Element, text: string, labels: Map<string, string>, out: CheckedBox[]): void {
  const attrs = element.attributes;
  if (element.name !== 'input' || (attrs.type ?? '').toLowerCase() !== 'checkbox' || attrs.checked === undefined) return;
  const words = optInWords([attrs.name ?? '', attrs.id ?? '', attrs['aria-label'] ?? '', element.labelText ?? '', attrs.id ? labels.get(attrs.id) ?? '' : '']);
  if (!words.length) return;
  const tag = text.slice(element.start, element.openEnd);
  const at = /\schecked(\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?(?=[\s/>])/i.exec(tag);
  out.push({
    span: { start: element.start, end: element.openEnd },
    attribute: 'checked',
    words,
    remove: at ? { start: element.start + at.index, end: element.start + at.index + at[0].length } : { start: element.start, end: element.start },
  });
}

export function collect(element: MarkupElement, text: string, lineStarts: number[], context: FactsContext, sinks: TrackerSink[], consentDefaults: FileFacts['consentDefaults'], cmpDefaults: CmpDefaultOn[], handlers: readonly MarkupHandler[] = []): void {
  const { knowledge } = context;
  const attrs = element.attributes;
  const markup = markupValue(attrs, context);
  const span = { start: element.start, end: element.openEnd };
  if (element.name === 'script' && attrs.src) {
    const catalogued = knowledge.matchScriptUrl(attrs.src);
    const third = catalogued ? undefined : knowledge.matchThirdParty(attrs.src, 'script');
    const vendor = catalogued ?? third?.vendor;
    if (!vendor) return;
    const partytown = (attrs.type ?? '').toLowerCase() === PARTYTOWN;
    const sink = { ...base(vendor, 'script-tag', partytown ? `<script type="text/partytown" src="${shorten(attrs.src)}">, still run by Partytown without consent` : `<script src="${shorten(attrs.src)}">`, span, context, third), ...anchorOf(element, text, 'src') };
    const gate = markup !== undefined ? markupGate({ ...sink, markupCategory: markup }, knowledge) : element.gate?.(sink.category) ?? ungatedTag();
    sinks.push({ ...sink, gate: partytown && !gate.gated ? { ...gate, trace: [PARTYTOWN_NOTE, ...gate.trace] } : gate });
    return;
  }
  if (element.name === 'img' && attrs.src) {
    const catalogued = knowledge.matchPixelUrl(attrs.src);
    const third = catalogued ? undefined : knowledge.matchThirdParty(attrs.src, 'pixel');
    const vendor = catalogued ?? third?.vendor;
    if (!vendor) return;
    const sink = { ...base(vendor, 'pixel', `<img src="${shorten(attrs.src)}">`, span, context, third), ...anchorOf(element, text, 'src') };
    sinks.push({ ...sink, gate: markup !== undefined ? markupGate({ ...sink, markupCategory: markup }, knowledge) : element.gate?.(sink.category) ?? ungatedTag() });
    return;
  }
  if (element.name === 'script') {
    const type = (attrs.type ?? '').toLowerCase();
    if (!SCRIPT_TYPES.has(type) && !(type === 'text/plain' && markup !== undefined)) return;
    // Same offsets as the HTML file: blank everything but the script body (newlines kept).
    let masked = text.slice(0, element.bodyStart).replace(/[^\n\r]/g, ' ') + text.slice(element.bodyStart, element.bodyEnd) + text.slice(element.bodyEnd).replace(/[^\n\r]/g, ' ');
    // A classic script's functions are globals: the page's inline handlers that call them are their
    // call sites (`onclick="loadTracking(false)"`), kept at their offsets as `;()=>{…}` handlers.
    const called = type === 'module' ? [] : handlersCalling(handlers, text.slice(element.bodyStart, element.bodyEnd));
    masked = withHandlers(masked, called);
    const accept = new Map(called.filter((h) => h.accept !== undefined).map((h) => [h.fnStart, h.accept!]));
    const sourceFile = ts.createSourceFile('inline.js', masked, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
    cmpDefaults.push(...findCmpDefaults(sourceFile, new ScopeResolver()));
    for (const sink of analyseScript(sourceFile, lineStarts, context, consentDefaults, accept)) {
      // tracker calls written in the handlers themselves are not this script's
      if (sink.span.start < element.bodyStart || sink.span.end > element.bodyEnd) continue;
      // A script the CMP blocks (`type="text/plain" data-cookieconsent="marketing"`) runs only after consent.
      if (markup !== undefined && !sink.gate.gated) sinks.push({ ...sink, gate: markupGate({ ...sink, markupCategory: markup }, knowledge) });
      else if (!sink.gate.gated && element.gate) {
        // a template condition around the <script> (`{#if consent}` in <svelte:head>)
        const outer = element.gate(sink.category);
        sinks.push({ ...sink, statement: undefined, gate: { ...outer, seen: [...sink.gate.seen, ...outer.seen], trace: ['Inside an inline <script> whose code has no consent check of its own.', ...outer.trace] } });
      } else sinks.push(sink);
    }
    if (type === PARTYTOWN) {
      for (const sink of sinks) {
        if (sink.span.start >= element.bodyStart && sink.span.end <= element.bodyEnd && !sink.gate.gated && !sink.label.includes('Partytown')) {
          sink.label = `${sink.label}, run by Partytown without consent`;
          sink.gate = { ...sink.gate, trace: [PARTYTOWN_NOTE, ...sink.gate.trace] };
        }
      }
    }
  }
}

/** An inline event handler attribute (`onclick="…"`) and the control it sits on. */
export interface MarkupHandler {
  event: string;
  /** Offset of the attribute name and of the code inside the quotes. */
  attrStart: number;
  codeStart: number;
  codeEnd: number;
  code: string;
  /** Where the `;()=>{` of the masked handler starts its arrow (`(`). */
  fnStart: number;
  /** Set when the handler runs on a user action on a control that says it accepts: the control, in words. */
  accept?: string;
}

const USER_EVENT_ATTRIBUTE = /^on(click|keydown|keyup|keypress|submit|change|pointerup|mouseup|touchend)$/;

/** The inline handlers of the page's elements, with what the control says (its text, id, class, aria-label). */
function markupHandlers(elements: readonly Element[], text: string): MarkupHandler[] {
  const out: MarkupHandler[] = [];
  for (const element of elements) {
    const tag = text.slice(element.start, element.openEnd);
    const pattern = /[\s"'](on[a-z]+)\s*=\s*("([^"]*)"|'([^']*)')/gi;
    let label: string | undefined;
    for (let m = pattern.exec(tag); m; m = pattern.exec(tag)) {
      const code = m[3] ?? m[4] ?? '';
      // entities (`&quot;`) would need decoding to parse as code at the same offsets: skipped
      if (!code.trim() || code.includes('&')) continue;
      const attrStart = element.start + m.index + 1;
      const codeStart = element.start + m.index + m[0].length - 1 - code.length;
      const event = m[1].toLowerCase();
      // `;()=>{` must fit between the attribute's start and the code
      if (codeStart - attrStart < 6) continue;
      if (USER_EVENT_ATTRIBUTE.test(event)) label ??= controlLabel(element, text);
      const verdict = USER_EVENT_ATTRIBUTE.test(event) ? controlVerdict(label ?? '') : undefined;
      out.push({ event, attrStart, codeStart, codeEnd: codeStart + code.length, code, fnStart: attrStart + 1, ...(verdict ? { accept: `${event} of \`<${element.name}>${shortText(label ?? '')}\`, an accept control` } : {}) });
    }
  }
  return out;
}

/** The words of a control: its text up to the closing tag, and its id, class, name, value, title and aria-label. */
function controlLabel(element: Element, text: string): string {
  const close = text.indexOf(`</${element.name}`, element.openEnd);
  const inner = close >= 0 && close - element.openEnd < 400 ? text.slice(element.openEnd, close).replace(/<[^>]*>/g, ' ') : '';
  const a = element.attributes;
  return [inner, a.id, a.class, a.name, a.value, a.title, a['aria-label']].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
}

function shortText(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The handlers whose code names a function the script body declares (`function loadTracking`, `const loadTracking = …`). */
function handlersCalling(handlers: readonly MarkupHandler[], body: string): MarkupHandler[] {
  if (handlers.length === 0) return [];
  const declared = new Set<string>();
  for (const m of body.matchAll(/\bfunction\s+([A-Za-z_$][\w$]*)|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:function\b|\([^)]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)|\bwindow\.([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:function\b|\()/g)) {
    declared.add(m[1] ?? m[2] ?? m[3]);
  }
  return handlers.filter((h) => [...h.code.matchAll(/[A-Za-z_$][\w$]*/g)].some((w) => declared.has(w[0])));
}

/** The masked script with each handler's code kept at its offset, as `;()=>{code}`. */
function withHandlers(masked: string, handlers: readonly MarkupHandler[]): string {
  if (handlers.length === 0) return masked;
  const chars = masked.split('');
  for (const h of handlers) {
    const prefix = ';()=>{';
    for (let i = 0; i < prefix.length; i++) chars[h.attrStart + i] = prefix[i];
    for (let i = h.codeStart; i < h.codeEnd; i++) chars[i] = h.code[i - h.codeStart];
    chars[h.codeEnd] = '}';
  }
  return chars.join('');
}

export function base(vendor: Parameters<typeof effectiveCategory>[0], form: TrackerSink['form'], label: string, span: { start: number; end: number }, context: FactsContext, third?: ThirdPartyMatch): Omit<TrackerSink, 'gate'> {
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
    ...(third ? { thirdParty: thirdPartyFact(third) } : {}),
  };
}

/**
 * The attribute that carries the URL (`src="…"`, Vue's `:src="'…'"`, `v-bind:src`, Svelte/Astro
 * `src={…}`) inside the element's start tag, as the finding's anchor: a reviewer looks at the URL,
 * not at the element's first line. Empty when not found (the element stays the anchor).
 */
export function anchorOf(element: Element, text: string, name: string): { anchor?: { start: number; end: number } } {
  const tag = text.slice(element.start, element.openEnd);
  const found = new RegExp(`[\\s"'](?::|v-bind:)?${name}\\s*=\\s*("[^"]*"|'[^']*'|\\{[^}]*\\}|[^\\s>"'=]+)`, 'i').exec(tag);
  if (!found) return {};
  const start = element.start + found.index + 1;
  return { anchor: { start, end: element.start + found.index + found[0].length } };
}

export function ungatedTag(): GateResult {
  return { gated: false, seen: [], trace: ['The tag loads with the page; no consent-tool markup (`type="text/plain"` with a category attribute) blocks it.'] };
}

/** The CMP category value when the element carries blocking markup; undefined otherwise. */
export function markupValue(attrs: Record<string, string>, context: FactsContext): string | undefined {
  const type = (attrs.type ?? '').toLowerCase();
  for (const [name, value] of Object.entries(attrs)) {
    for (const { api, markup } of context.knowledge.consentMarkup.get(name) ?? []) {
      if (markup.requiresTextPlain && type !== 'text/plain' && attrs['data-type'] === undefined) continue;
      const category = markupValueOf(api, markup, value, context.knowledge);
      if (category !== undefined) return category;
    }
  }
  return undefined;
}

/** Elements with offsets, from htmlparser2's tokenizer (tolerant of broken markup). */
function parseElements(text: string, forms?: HtmlFormCollector): { elements: (Element & { end: number; bodyStart: number; bodyEnd: number })[]; labels: Map<string, string>; withHandlers: Element[] } {
  const out: (Element & { end: number; bodyStart: number; bodyEnd: number })[] = [];
  // elements with inline event handlers (`onclick="loadTracking(false)"`)
  const withHandlers: Element[] = [];
  const stack: Element[] = [];
  // Open <label>s: their text so far, the inputs inside them, and their `for`.
  const labelStack: { text: string; inputs: Element[]; for?: string }[] = [];
  const labels = new Map<string, string>();
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        forms?.open(name, attributes, parser.startIndex, parser.endIndex + 1);
        if (name === 'label') labelStack.push({ text: '', inputs: [], for: attributes.for });
        stack.push({ name, attributes, start: parser.startIndex, openEnd: parser.endIndex + 1 });
        for (const attribute in attributes) {
          if (/^on[a-z]+$/.test(attribute)) {
            withHandlers.push(stack[stack.length - 1]);
            break;
          }
        }
        if (VOID_ELEMENTS.has(name)) {
          const element = stack.pop()!;
          const entry = { ...element, end: element.openEnd, bodyStart: element.openEnd, bodyEnd: element.openEnd };
          if (name === 'input' && labelStack.length) labelStack[labelStack.length - 1].inputs.push(entry);
          out.push(entry);
        }
      },
      ontext(data) {
        forms?.onText(data);
        for (const label of labelStack) label.text += data;
      },
      onclosetag(name) {
        forms?.close(name, parser.endIndex + 1);
        if (name === 'label') {
          const label = labelStack.pop();
          if (label) {
            for (const input of label.inputs) input.labelText = label.text;
            if (label.for) labels.set(label.for, label.text);
          }
        }
        if (VOID_ELEMENTS.has(name)) return;
        // From the top: well-nested markup closes the last element at once (no copy per tag).
        let index = stack.length - 1;
        while (index >= 0 && stack[index].name !== name) index--;
        if (index < 0) return;
        const element = stack.splice(index)[0];
        if (name === 'script') out.push({ ...element, end: parser.endIndex + 1, bodyStart: element.openEnd, bodyEnd: parser.startIndex });
      },
    },
    { lowerCaseAttributeNames: true, lowerCaseTags: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  return { elements: out, labels, withHandlers };
}

function shorten(url: string): string {
  return url.length > 60 ? `${url.slice(0, 57)}...` : url;
}
