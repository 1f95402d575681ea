/**
 * Component templates (Vue single-file components, Svelte, Astro; Angular can plug in): a
 * framework adapter turns its parser's tree into the neutral {@link TemplateModel} below, and
 * this module does the rest with the machinery the JS and HTML passes already have.
 *
 * - The script blocks (`<script>`, `<script setup>`, Astro frontmatter) are analysed as ONE
 *   TypeScript module by the ordinary script pass, with offsets identical to the file
 *   (everything else is blanked, newlines kept, as for inline HTML scripts): every rule, every
 *   finding, suppression and fix lands where it is in the component file.
 * - The guard hook: the template's conditions (`v-if`/`v-else-if`/`v-else`, `{#if}…{:else}`,
 *   `{cond && <tag/>}`, `*ngIf`/`@if`) are written into the same module, in the blanked space,
 *   as the `if (…) { … } else { … }` they mean, around a marker statement per element that
 *   can load something. The condition's own text stays where it is written. The gate of a
 *   template element is then the gate of its marker, searched by the same `GateFinder` and
 *   judged by the same consent recogniser as a tracker call in code: a condition on a
 *   variable of the script (`const consent = useConsent()`) resolves through the script's
 *   declarations, `else` means "not consented", a wrong-purpose check is a wrong-purpose check.
 *   Event handlers (`@click="gtag(…)"`, `onclick={…}`) are kept as statements too, so a tracker
 *   called from the template is a tracker call inside the template's conditions.
 * - The elements go through the HTML pass's element functions (script tags, inline script
 *   bodies, pixels, iframes, stylesheets, pre-ticked boxes, the form model).
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import type { ConsentCategory } from '../knowledge/types';
import type { ConsentFunctionDecl } from '../config/types';
import { categoryFromName, type Grant } from './consent';
import { Parser } from 'htmlparser2';
import { computeLineStarts } from '../text';
import { analyseModule, type FactsContext } from './index';
import { GateFinder } from './gating';
import { ScopeResolver } from './scope';
import { base, collect, collectCheckedBox, collectEmbed, type MarkupElement } from './html';
import type { VendorEntry } from '../knowledge/types';
import { HtmlFormCollector } from './forms/html';
import type { CmpDefaultOn, FileFacts, FileLanguage, GateResult, Span } from './types';

/** A script block whose code runs as the component's module (offsets of the file). */
export interface ScriptBlock {
  /** The code (without the `<script>` tags or `---` fences). */
  start: number;
  end: number;
  /** TSX when the block is written in JSX/TSX. */
  jsx?: boolean;
}

/** A template element. `attributes` holds static values and bound values that are plain literals. */
export interface TemplateElement {
  type: 'element';
  name: string;
  attributes: Record<string, string>;
  start: number;
  /** Offset just after the start tag's `>`. */
  openEnd: number;
  end: number;
  /** Raw text body (`<script>`, `<style>`): its range. */
  body?: Span;
  /** Code the template runs (event handlers: `@click`, `on:click`, `onclick={…}`): kept as statements. */
  code?: (Span & { click?: boolean })[];
  /** Why the element is still rendered though hidden (`v-show`): said in its trace. */
  hiddenBy?: string;
  /**
   * Markup the element receives as `innerHTML` (`v-html="'<iframe …>'"`, Svelte `{@html '…'}`): the
   * literal's text in the file. Its iframes, images and stylesheets load; its scripts never run
   * (a browser does not execute scripts inserted as innerHTML).
   */
  html?: Span;
  /** The tag as written (`ConsentGate`, `consent-gate`): components are matched against `consent.components`. */
  tag?: string;
  /**
   * Bound attributes whose value is an expression (`:src="mapUrl"`, `src={mapUrl}`): the
   * expression's range. A name of a top-level `const` of the script holding a string counts as
   * that string; anything else is not guessed.
   */
  bound?: Record<string, Span>;
  children: TemplateNode[];
}

/** An `if / else if / else` chain of the template. */
export interface TemplateBranches {
  type: 'if';
  branches: {
    /** The condition's expression in the file; undefined for `else`. */
    test?: Span;
    children: TemplateNode[];
  }[];
}

export interface TemplateText {
  type: 'text';
  value: string;
  start: number;
}

export type TemplateNode = TemplateElement | TemplateBranches | TemplateText;

/** What a framework adapter hands over. */
export interface TemplateModel {
  scripts: ScriptBlock[];
  template: TemplateNode[];
  /** Parse problems the adapter tolerated (said nowhere else). */
  notes?: string[];
  /**
   * Names the template's expressions read from a component instance that is not in the script
   * blocks (Angular: the component class's members). They are declared in the template's module,
   * so that a member is never taken for a global of the same name (a tracker's snippet global).
   */
  declarations?: string[];
  /**
   * Flags the adapter found to start false and to be turned on by clicks only (Angular: component
   * members judged on the class); the click-to-load check accepts them as it accepts a script flag.
   */
  clickFlags?: Set<string>;
}

/** Elements whose loading the markup pass judges: they get a marker statement. */
const LOADING_ELEMENTS = new Set(['script', 'img', 'iframe', 'link']);

/** Thrown when the template's code does not fit before the next script block (never seen in real files). */
class NoRoom extends Error {}

/**
 * Writes code into the blanked copy of the file: script blocks verbatim at their offsets,
 * template conditions and handlers at theirs (moved right only when the syntax around them
 * leaves no room for `if(`), and short synthesized tokens in the blanks between.
 */
class CodeLayout {
  private readonly chars: string[];
  private cursor = 0;
  /** Template code must end before this offset (the next script block). */
  limit = Infinity;

  constructor(private readonly text: string) {
    this.chars = text.replace(/[^\n\r]/g, ' ').split('');
  }

  /** Script code, verbatim at its offsets. */
  script(block: ScriptBlock): void {
    for (let i = block.start; i < block.end; i++) this.chars[i] = this.text[i];
    // a statement boundary after the block (its last statement may lack a semicolon)
    this.cursor = block.end;
    // the template's code after it starts with a statement boundary (its last statement may
    // lack a semicolon); nothing is written outside the block itself
    this.separate = true;
  }

  private separate = false;

  /** A synthesized token at or after `min`; returns its offset. */
  token(token: string, min: number): number {
    if (this.separate) {
      this.separate = false;
      this.write(Math.max(this.cursor, min - 1), ';');
    }
    const at = Math.max(this.cursor, min);
    this.write(at, token);
    return at;
  }

  /** Template code (a condition, a handler) at its offset, or right of it when the cursor is past it. */
  keep(span: Span): void {
    if (this.separate) this.token('', span.start);
    const at = Math.max(this.cursor, span.start);
    this.write(at, this.text.slice(span.start, span.end));
  }

  private write(at: number, value: string): void {
    if (at + value.length > this.limit) throw new NoRoom();
    for (let i = 0; i < value.length; i++) this.chars[at + i] = value[i] === '\n' || value[i] === '\r' ? value[i] : value[i];
    for (let i = this.chars.length; i < at; i++) this.chars[i] = ' ';
    this.cursor = at + value.length;
  }

  get position(): number {
    return this.cursor;
  }

  build(): string {
    return this.chars.join('');
  }
}

/** The guard hook: lays the template's conditions and handlers out as code; returns marker offsets per element. */
function layTemplate(layout: CodeLayout, nodes: TemplateNode[], markers: Map<TemplateElement, number>, components: ReadonlySet<TemplateElement>): void {
  for (const node of nodes) {
    if (node.type === 'text') continue;
    if (node.type === 'element') {
      if (LOADING_ELEMENTS.has(node.name) || components.has(node)) markers.set(node, layout.token('0;', node.start));
      for (const code of node.code ?? []) {
        layout.token(';', code.start - 1);
        layout.keep(code);
        layout.token(';', code.end);
      }
      layTemplate(layout, node.children, markers, components);
      continue;
    }
    node.branches.forEach((branch, i) => {
      const first = i === 0;
      if (branch.test) {
        layout.token(first ? 'if(' : '}else if(', branch.test.start - (first ? 3 : 9));
        layout.keep(branch.test);
        layout.token('){', branch.test.end);
      } else {
        layout.token(first ? 'if(1){' : '}else{', layout.position);
      }
      layTemplate(layout, branch.children, markers, components);
    });
    layout.token('}', layout.position);
  }
}

/** Elements of the template in document order, with the text of their enclosing `<label>`. */
function* elementsOf(nodes: TemplateNode[]): Generator<TemplateElement> {
  for (const node of nodes) {
    if (node.type === 'element') {
      yield node;
      yield* elementsOf(node.children);
    } else if (node.type === 'if') {
      for (const branch of node.branches) yield* elementsOf(branch.children);
    }
  }
}

function textOf(nodes: TemplateNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.value;
    else if (node.type === 'element') out += textOf(node.children);
    else for (const branch of node.branches) out += textOf(branch.children);
  }
  return out;
}

/** Feeds the form model the template's elements (as the HTML pass feeds it the tokenizer's events). */
function feedForms(nodes: TemplateNode[], forms: HtmlFormCollector): void {
  for (const node of nodes) {
    if (node.type === 'text') forms.onText(node.value);
    else if (node.type === 'if') for (const branch of node.branches) feedForms(branch.children, forms);
    else {
      forms.open(node.name, node.attributes, node.start, node.openEnd);
      feedForms(node.children, forms);
      forms.close(node.name, node.end);
    }
  }
}

/** The deepest node whose range holds `offset` (a descent, not a walk). */
function nodeAt(sourceFile: ts.SourceFile, offset: number): ts.Node {
  let node: ts.Node = sourceFile;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (child) => {
      if (!next && child.getStart(sourceFile) <= offset && offset < child.end) next = child;
    });
    if (!next) return node;
    node = next;
  }
}

/** Facts of a component file from its framework adapter's model. */
export function templateFacts(file: string, language: FileLanguage, text: string, hash: string, context: FactsContext, model: TemplateModel, describe: string): FileFacts {
  return analyseTemplate(file, language, text, hash, context, model, describe).facts;
}

/**
 * The template's facts, and the gate of a place in its laid-out code (a handler's offset): what
 * the template's conditions prove there, for a caller that judges a component method by the
 * template's calls of it (Angular inline templates).
 */
export function analyseTemplate(file: string, language: FileLanguage, text: string, hash: string, context: FactsContext, model: TemplateModel, describe: string): { facts: FileFacts; gateAt(offset: number, category: ConsentCategory): GateResult } {
  const lineStarts = computeLineStarts(text);
  for (const element of elementsOf(model.template)) {
    if (element.html) element.children.push(...innerHtmlElements(text, element.html));
  }
  const scripts = [...model.scripts].sort((a, b) => a.start - b.start);
  const markers = new Map<TemplateElement, number>();
  let laidOut = true;
  const lay = (components: ReadonlySet<TemplateElement>): string => {
    markers.clear();
    laidOut = true;
    let layout = new CodeLayout(text);
    try {
      // template code goes in the blanks before the first script block that follows it
      let next = 0;
      const flushBefore = (offset: number) => {
        while (next < scripts.length && scripts[next].start < offset) layout.script(scripts[next++]);
        layout.limit = next < scripts.length ? scripts[next].start : Infinity;
      };
      for (const node of model.template) {
        flushBefore(node.type === 'text' ? node.start : node.type === 'element' ? node.start : node.branches[0]?.test?.start ?? firstStart(node));
        layTemplate(layout, [node], markers, components);
      }
      flushBefore(Infinity);
      if (model.declarations?.length) layout.token(`;let ${model.declarations.join(',')};`, layout.position);
    } catch (error) {
      if (!(error instanceof NoRoom)) throw error;
      layout = new CodeLayout(text);
      for (const block of scripts) layout.script(block);
      markers.clear();
      laidOut = false;
    }
    return layout.build();
  };
  const kind = scripts.some((s) => s.jsx) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  let code = lay(new Set());
  let sourceFile = ts.createSourceFile(`${file}.ts`, code, ts.ScriptTarget.ES2022, true, kind);
  // tracker components the script blocks import (`import { GoogleAnalytics } from 'astro-google-analytics'`):
  // rare, so their elements get markers in a second layout only when the template renders one
  const trackerComponents = trackerComponentsOf(sourceFile, model.template, context);
  if (trackerComponents.size > 0) {
    code = lay(new Set(trackerComponents.keys()));
    sourceFile = ts.createSourceFile(`${file}.ts`, code, ts.ScriptTarget.ES2022, true, kind);
  }
  const consentDefaults: FileFacts['consentDefaults'] = [];
  const module = analyseModule(sourceFile, lineStarts, context, consentDefaults);

  // the template's elements through the HTML pass, each gated by its marker
  const scope = new ScopeResolver();
  let finder: GateFinder | undefined;
  const gateOf = (element: TemplateElement, category: ConsentCategory): GateResult => {
    const marker = markers.get(element);
    const hidden = element.hiddenBy ? [`\`${element.hiddenBy}\` only hides the element: it is still rendered and loads.`] : [];
    if (marker === undefined) {
      const byComponent = componentGate(element, category);
      if (byComponent?.gated) return byComponent;
      const why = laidOut ? 'No template condition encloses it.' : 'The template conditions around it could not be read.';
      return { gated: false, seen: [], trace: [...hidden, `The <${element.name}> renders with the ${describe}. ${why}`] };
    }
    const byComponent = componentGate(element, category);
    if (byComponent?.gated) return byComponent;
    finder ??= new GateFinder(sourceFile, lineStarts, context.matcher, scope, context.knowledge);
    const node = nodeAt(sourceFile, marker);
    const clicked = clickToLoad(node, scope, code, clickSpans, model.clickFlags);
    if (clicked) return clicked;
    const result = finder.find(node, category);
    if (result.gated) return result;
    const trace = result.seen.length === 0 ? [`The <${element.name}> renders with the ${describe}; no consent check in the template or the script encloses it.`] : result.trace;
    return { ...result, trace: [...hidden, ...trace] };
  };
  const clickSpans = [...elementsOf(model.template)].flatMap((e) => (e.code ?? []).filter((c) => c.click));
  // `:src="mapUrl"` with `const mapUrl = 'https://…'` in the script
  const constants = moduleStrings(sourceFile);
  for (const element of elementsOf(model.template)) {
    for (const [name, span] of Object.entries(element.bound ?? {})) {
      const value = constants.get(text.slice(span.start, span.end).trim());
      if (value !== undefined && element.attributes[name] === undefined) element.attributes[name] = value;
    }
  }
  // consent components of the team (`<ConsentGate category="marketing">…</ConsentGate>`) around an element
  const gateComponents = ancestorsOf(model.template);
  const componentGate = (element: TemplateElement, category: ConsentCategory): GateResult | undefined => {
    if (context.matcher.componentNames.size === 0) return undefined;
    const seen: GateResult['seen'] = [];
    for (const ancestor of gateComponents.get(element) ?? []) {
      const decl = ancestor.tag ? consentComponent(ancestor.tag, context.matcher.componentNames) : undefined;
      if (!decl) continue;
      let grants: Grant[] = [decl.category && decl.category !== 'fromArg' ? decl.category : 'any'];
      for (const key of ['category', 'purpose', 'consent', 'type', 'requires']) {
        const mapped = ancestor.attributes[key] ? categoryFromName(ancestor.attributes[key], decl.categoryMap) : undefined;
        if (mapped) grants = [mapped];
      }
      const evidence = { span: { start: ancestor.start, end: ancestor.openEnd }, text: `<${ancestor.tag}>`, grants, form: 'component' as const, confidence: 'high' as const, origin: 'config' };
      if (grants.includes('any') || grants.includes(category)) {
        return { gated: true, by: evidence, seen, trace: [`Inside <${ancestor.tag}>, the team's consent component (consent.components), which renders its content only after ${grants.includes('any') ? 'consent' : `${category} consent`}.`] };
      }
      seen.push(evidence);
    }
    return seen.length ? { gated: false, seen, trace: [`Inside ${seen.map((s) => s.text).join(', ')}, which checks ${seen.flatMap((s) => s.grants).join('/')} consent, but this needs ${category} consent.`] } : undefined;
  };
  const sinks = [...module.sinks];
  const embeds = [...module.embeds];
  const checkedBoxes = [...module.checkedBoxes];
  const cmpDefaults: CmpDefaultOn[] = [...module.cmpDefaults];
  const consentTools = [...(module.consentTools ?? [])];
  const labels = new Map<string, string>();
  const labelled = new Map<TemplateElement, string>();
  for (const element of elementsOf(model.template)) {
    if (element.name !== 'label') continue;
    const value = textOf(element.children);
    if (element.attributes.for) labels.set(element.attributes.for, value);
    for (const inner of elementsOf(element.children)) if (inner.name === 'input') labelled.set(inner, value);
  }
  for (const element of elementsOf(model.template)) {
    const markup: MarkupElement = {
      name: element.name,
      attributes: element.attributes,
      start: element.start,
      openEnd: element.openEnd,
      end: element.end,
      bodyStart: element.body?.start ?? element.openEnd,
      bodyEnd: element.body?.end ?? element.openEnd,
      labelText: labelled.get(element),
      gate: (category) => gateOf(element, category),
    };
    if (element.name === 'script' && element.attributes.src) {
      const tool = context.knowledge.consentToolByUrl(element.attributes.src);
      if (tool) consentTools.push({ name: tool.name, apiId: tool.api?.id, span: { start: element.start, end: element.openEnd } });
    }
    collect(markup, text, lineStarts, context, sinks, consentDefaults, cmpDefaults);
    collectEmbed(markup, text, context, embeds, sinks);
    collectCheckedBox(markup, text, labels, checkedBoxes);
  }
  for (const [element, { vendor, label }] of trackerComponents) {
    const sink = base(vendor, 'component', label, { start: element.start, end: element.openEnd }, context);
    sinks.push({ ...sink, gate: gateOf(element, sink.category) });
  }
  const formCollector = new HtmlFormCollector(text);
  feedForms(model.template, formCollector);
  const forms = [...module.forms, ...formCollector.end(file, context.knowledge)];
  sinks.sort((a, b) => a.span.start - b.span.start);
  embeds.sort((a, b) => a.span.start - b.span.start);
  // syntax errors only where the author wrote script code (the template's code is ours)
  const inScript = (offset: number) => scripts.some((s) => s.start <= offset && offset <= s.end);
  const parseErrors = ((sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [])
    .filter((d) => inScript(d.start))
    .map((d) => ({ span: { start: d.start, end: d.start + d.length }, message: ts.flattenDiagnosticMessageText(d.messageText, ' ') }));
  const facts: FileFacts = {
    ...module,
    file,
    language,
    text,
    lineStarts,
    hash,
    sinks,
    consentDefaults,
    embeds,
    checkedBoxes,
    cmpDefaults,
    consentTools,
    forms,
    parseErrors,
  };
  const gateAt = (offset: number, category: ConsentCategory): GateResult => {
    if (!laidOut) return { gated: false, seen: [], trace: ['The template conditions around it could not be read.'] };
    finder ??= new GateFinder(sourceFile, lineStarts, context.matcher, scope, context.knowledge);
    const node = nodeAt(sourceFile, offset);
    return clickToLoad(node, scope, code, clickSpans, model.clickFlags) ?? finder.find(node, category);
  };
  return { facts, gateAt };
}

/** What loads from markup inserted as innerHTML: images, iframes, stylesheets (scripts never run there). */
function innerHtmlElements(text: string, span: Span): TemplateElement[] {
  const source = text.slice(span.start, span.end);
  // offsets are the file's only when the literal is written as it is read
  if (source.includes('\\')) return [];
  const out: TemplateElement[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name !== 'img' && name !== 'iframe' && name !== 'link') return;
        const start = span.start + parser.startIndex;
        const openEnd = span.start + parser.endIndex + 1;
        out.push({ type: 'element', name, attributes, start, openEnd, end: openEnd, children: [] });
      },
    },
    { lowerCaseAttributeNames: true, lowerCaseTags: true, decodeEntities: false },
  );
  parser.write(source);
  parser.end();
  return out;
}

/** Top-level `const name = 'string'` (and template literals without substitutions) of the module. */
function moduleStrings(sourceFile: ts.SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      let init = declaration.initializer;
      while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
      if (ts.isIdentifier(declaration.name) && init && (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init))) out.set(declaration.name.text, init.text);
    }
  }
  return out;
}

/** The enclosing elements of each element, innermost first. */
function ancestorsOf(nodes: TemplateNode[]): Map<TemplateElement, TemplateElement[]> {
  const out = new Map<TemplateElement, TemplateElement[]>();
  const visit = (list: TemplateNode[], chain: TemplateElement[]): void => {
    for (const node of list) {
      if (node.type === 'element') {
        out.set(node, chain);
        visit(node.children, [node, ...chain]);
      } else if (node.type === 'if') for (const branch of node.branches) visit(branch.children, chain);
    }
  };
  visit(nodes, []);
  return out;
}

/** A consent component of `consent.components` by its tag as written: `ConsentGate`, `consent-gate`. */
function consentComponent(tag: string, names: Map<string, ConsentFunctionDecl>): ConsentFunctionDecl | undefined {
  const exact = names.get(tag);
  if (exact) return exact;
  const flat = tag.replace(/[-_]/g, '').toLowerCase();
  for (const [name, decl] of names) if (name.replace(/[-_]/g, '').toLowerCase() === flat) return decl;
  return undefined;
}

function firstStart(node: TemplateBranches): number {
  for (const branch of node.branches) {
    for (const child of branch.children) if (child.type !== 'if') return child.start;
  }
  return 0;
}

/**
 * Click-to-load in a template (DESIGN Decisions): `v-if="showMap"` / `{#if showMap}` where
 * `showMap` starts false (`ref(false)`, `$state(false)`, `let showMap = false`) and is only set
 * by click handlers: in the template (`@click="showMap = true"`) or in a script function that
 * is used nowhere but as a click handler (`@click="loadMap"`).
 */
function clickToLoad(marker: ts.Node, scope: ScopeResolver, code: string, clicks: Span[], known?: Set<string>): GateResult | undefined {
  for (let child: ts.Node = marker, parent = marker.parent; parent && !ts.isSourceFile(parent); child = parent, parent = parent.parent) {
    if (!ts.isIfStatement(parent) || child !== parent.thenStatement) continue;
    let flag = skipParens(parent.expression);
    if (ts.isPropertyAccessExpression(flag) && flag.name.text === 'value') flag = flag.expression;
    // a signal read: `showMap()`
    if (known && ts.isCallExpression(flag) && flag.arguments.length === 0) flag = flag.expression;
    if (!ts.isIdentifier(flag)) continue;
    const name = flag.text;
    if (known?.has(name)) return clickLoaded(flag, name);
    const binding = scope.resolve(name, flag);
    if (binding?.kind !== 'variable' || ts.isArrayBindingPattern(binding.declaration.name)) continue;
    const init = binding.declaration.initializer && skipParens(binding.declaration.initializer);
    const startsFalse = init && (init.kind === ts.SyntaxKind.FalseKeyword
      || (ts.isCallExpression(init) && /^(ref|shallowRef|\$state)$/.test(init.expression.getText()) && init.arguments.length === 1 && skipParens(init.arguments[0]).kind === ts.SyntaxKind.FalseKeyword));
    if (!startsFalse) continue;
    // every write of the flag (other than its declaration) inside a click handler
    const inClick = (offset: number) => clicks.some((c) => c.start <= offset && offset < c.end);
    const clickFunctions = new Set(clicks.map((c) => code.slice(c.start, c.end).trim()).filter((t) => /^[A-Za-z_$][\w$]*$/.test(t)));
    const write = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(\\.value)?\\s*=(?!=)`, 'g');
    let sets = 0;
    let elsewhere = false;
    for (let m = write.exec(code); m; m = write.exec(code)) {
      if (m.index >= binding.declaration.getStart() && m.index < binding.declaration.getEnd()) continue;
      sets++;
      if (inClick(m.index)) continue;
      const fn = enclosingFunctionName(nodeAtOffset(marker.getSourceFile(), m.index));
      if (!fn || !clickFunctions.has(fn) || usedElsewhere(fn, code, clicks)) elsewhere = true;
    }
    if (sets === 0 || elsewhere) continue;
    return clickLoaded(flag, name);
  }
  return undefined;
}

function clickLoaded(flag: ts.Identifier, name: string): GateResult {
  return {
    gated: true,
    by: { span: { start: flag.getStart(), end: flag.getEnd() }, text: name, grants: ['any'], form: 'if', confidence: 'medium', origin: 'click-to-load' },
    seen: [],
    trace: [`Loaded only after a click: \`${name}\` starts false and only a click handler turns it on.`],
  };
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

function nodeAtOffset(sourceFile: ts.SourceFile, offset: number): ts.Node {
  return nodeAt(sourceFile, offset);
}

function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n)) return n.name?.text;
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) return n.parent.name.text;
  }
  return undefined;
}

/** True when `fn` is mentioned in the code outside its click handlers and its own declaration. */
function usedElsewhere(fn: string, code: string, clicks: Span[]): boolean {
  const uses = new RegExp(`(?<![\\w$.])${fn.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  let count = 0;
  for (let m = uses.exec(code); m; m = uses.exec(code)) {
    if (clicks.some((c) => c.start <= m!.index && m!.index < c.end)) continue;
    count++;
  }
  // the declaration itself is the one use allowed
  return count > 1;
}

/**
 * Template elements that render a tracker component of the catalogue (`imports[].as =
 * "component"` in `knowledge/vendors.json`): the tag names a binding that a script block imports
 * from the component's package (`import { GoogleAnalytics } from 'astro-google-analytics'`, also
 * written `<google-analytics>` in Vue). Reads the module's top-level imports only.
 */
function trackerComponentsOf(sourceFile: ts.SourceFile, template: TemplateNode[], context: FactsContext): Map<TemplateElement, { vendor: VendorEntry; label: string }> {
  const out = new Map<TemplateElement, { vendor: VendorEntry; label: string }>();
  const imported = new Map<string, { module: string; exportName: string }>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.importClause?.isTypeOnly) continue;
    const module = statement.moduleSpecifier.text;
    if (!context.knowledge.importsByModule.has(module)) continue;
    const clause = statement.importClause;
    if (clause?.name) imported.set(clause.name.text, { module, exportName: 'default' });
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const e of bindings.elements) if (!e.isTypeOnly) imported.set(e.name.text, { module, exportName: (e.propertyName ?? e.name).text });
    }
  }
  if (imported.size === 0) return out;
  for (const element of elementsOf(template)) {
    const tag = element.tag ?? element.name;
    const binding = imported.get(tag) ?? imported.get(pascalCase(tag));
    if (!binding) continue;
    for (const { vendor, shape } of context.knowledge.importsByModule.get(binding.module) ?? []) {
      if (shape.as !== 'component' || shape.export !== binding.exportName) continue;
      // <PostHogProvider client={posthog}>: an instance made elsewhere, judged where it was made
      if (shape.unlessProp && (element.attributes[shape.unlessProp] !== undefined || element.attributes[shape.unlessProp.toLowerCase()] !== undefined || element.bound?.[shape.unlessProp] !== undefined)) continue;
      out.set(element, { vendor, label: `<${tag}>` });
      break;
    }
  }
  return out;
}

/** `google-analytics` → `GoogleAnalytics` (Vue writes a component in kebab case too). */
function pascalCase(tag: string): string {
  return tag.includes('-') ? tag.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('') : tag;
}
