/**
 * Component files of the frameworks: Vue single-file components, Svelte and Astro. Each
 * framework's adapter reads the file into the neutral template model (`template.ts`), which
 * the script pass and the markup pass analyse like any other code.
 */
import * as path from 'node:path';
// A local alias: one property read at load instead of two getter calls per `ts.` use.
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import type { FactsContext } from './index';
import { analyseTemplate, templateFacts, type TemplateElement, type TemplateModel } from './template';
import { controlVerdict } from './consent-events';
import type { ConsentCategory } from '../knowledge/types';
import type { FileFacts, FileLanguage, GateResult, TrackerSink } from './types';
import { vueModel } from './frameworks/vue';
import { svelteModel } from './frameworks/svelte';
import { astroModel } from './frameworks/astro';
import { angularModel, findComponents, htmlComments, mayDeclareComponent, type AngularComponent, type ComponentInfo } from './frameworks/angular';

export { mayDeclareComponent } from './frameworks/angular';

export type ComponentLanguage = 'vue' | 'svelte' | 'astro';

/** True for the JS/TS family (parsed as one TypeScript source file, kept for the editor). */
export function isScriptLanguage(language: FileLanguage): boolean {
  return language === 'ts' || language === 'tsx' || language === 'js' || language === 'jsx';
}

/** The framework's reading of a component file; throws when the file is broken. */
export function componentModel(language: ComponentLanguage, text: string): TemplateModel {
  switch (language) {
    case 'vue': return vueModel(text);
    case 'svelte': return svelteModel(text);
    case 'astro': return astroModel(text);
  }
}

const DESCRIBE: Record<ComponentLanguage, string> = { vue: 'Vue template', svelte: 'Svelte markup', astro: 'Astro template' };

/** Facts of a component file. */
export function componentFacts(file: string, language: ComponentLanguage, text: string, hash: string, context: FactsContext, model: TemplateModel): FileFacts {
  return templateFacts(file, language, text, hash, context, model, DESCRIBE[language]);
}

/** An Angular component's template as the class's methods are judged against it. */
interface TemplateView {
  component: AngularComponent;
  /** The template's text and where it starts in its file (0 for a templateUrl file). */
  source: string;
  base: number;
  /** Where a template offset is, for the trace (`line 12`, `shop.component.html:12`). */
  where(offset: number): string;
  gateAt(offset: number, category: ConsentCategory): GateResult;
  handlers: Handler[];
}

/**
 * Angular: a script that declares `@Component`s with inline `template:` strings gets the facts
 * of those templates added to its own (the templates are read at their offsets in the file, so
 * findings, suppression comments and fixes land inside the string). Throws when a template is
 * broken (the workspace lists the file as skipped, as for any component file).
 *
 * A component method the class never calls is judged by the template's uses of it, in the inline
 * template or in the `templateUrl` file (`external`, keyed by the URL as written, read by the
 * workspace): gated when every use is an event handler that a template condition gates or that
 * sits on a control that says it accepts (medium confidence). A templateUrl file Angular's parser
 * rejects adds nothing here (that file is listed as skipped on its own).
 */
export function withAngularTemplates(facts: FileFacts, sourceFile: ts.SourceFile, context: FactsContext, external?: ReadonlyMap<string, { file: string; text: string }>): FileFacts {
  const all = findComponents(sourceFile);
  const components = all.filter((c) => c.template);
  const text = facts.text;
  const views: TemplateView[] = [];
  let template: FileFacts | undefined;
  if (components.length > 0) {
    const model = angularModel(components.map((c) => ({ source: text.slice(c.template!.start, c.template!.end), base: c.template!.start, info: c.info })));
    const analysed = analyseTemplate(facts.file, facts.language, text, facts.hash, context, model, 'Angular template');
    template = analysed.facts;
    const handlers = handlerSpans(model.template);
    for (const c of components) {
      views.push({ component: c, source: text.slice(c.template!.start, c.template!.end), base: c.template!.start, where: (offset) => `line ${lineOf(text, offset)}`, gateAt: analysed.gateAt, handlers });
    }
  }
  for (const c of all) {
    const file = !c.template && c.templateUrl ? external?.get(c.templateUrl) : undefined;
    if (!file) continue;
    try {
      const model = angularModel([{ source: file.text, base: 0, info: c.info }]);
      const analysed = analyseTemplate(file.file, 'html', file.text, facts.hash, context, model, 'Angular template');
      views.push({ component: c, source: file.text, base: 0, where: (offset) => `${path.basename(file.file)}:${lineOf(file.text, offset)}`, gateAt: analysed.gateAt, handlers: handlerSpans(model.template) });
    } catch {
      // a broken templateUrl file is skipped with its reason when it is analysed itself
    }
  }
  if (views.length === 0) return facts;
  const scriptSinks = facts.sinks.map((sink) => (sink.gate.gated ? sink : judgedByTemplate(sink, views) ?? sink));
  if (!template) return { ...facts, sinks: scriptSinks };
  const byStart = <T extends { span: { start: number } }>(a: T, b: T) => a.span.start - b.span.start;
  return {
    ...facts,
    sinks: [...scriptSinks, ...template.sinks].sort(byStart),
    embeds: [...facts.embeds, ...template.embeds].sort(byStart),
    checkedBoxes: [...facts.checkedBoxes, ...template.checkedBoxes],
    cmpDefaults: [...facts.cmpDefaults, ...template.cmpDefaults],
    consentDefaults: [...facts.consentDefaults, ...template.consentDefaults],
    consentTools: [...(facts.consentTools ?? []), ...(template.consentTools ?? [])],
    forms: [...facts.forms, ...template.forms],
    markupComments: components.flatMap((c) => htmlComments(text.slice(c.template!.start, c.template!.end), c.template!.start)),
  };
}

/**
 * A sink in a method of a component that its class never calls: gated when the template calls
 * the method only from event handlers and every such handler is gated (a template condition, or
 * a click on a control that says it accepts). Undefined when the template does not decide.
 */
function judgedByTemplate(sink: TrackerSink, views: readonly TemplateView[]): TrackerSink | undefined {
  const view = views.find((v) => v.component.methodSpans.some((m) => m.start <= sink.span.start && sink.span.end <= m.end));
  const method = view?.component.methodSpans.find((m) => m.start <= sink.span.start && sink.span.end <= m.end);
  if (!view || !method || view.component.info.methods.get(method.name)?.usedInClass) return undefined;
  const call = new RegExp(`(?<![\\w$.])${method.name.replace(/\$/g, '\\$')}\\s*\\(`, 'g');
  const uses: { at: number; handler: Handler }[] = [];
  for (let m = call.exec(view.source); m; m = call.exec(view.source)) {
    const at = view.base + m.index;
    const handler = view.handlers.find((h) => h.start <= at && at < h.end);
    // called from a binding or an interpolation (on every render): the template does not hold it back
    if (!handler) return undefined;
    uses.push({ at, handler });
  }
  if (uses.length === 0) return undefined;
  const gates = uses.map(({ at, handler }): GateResult => {
    const gate = view.gateAt(at, sink.category);
    if (gate.gated || !handler.click || !handler.accept) return gate;
    const evidence = { span: { start: handler.start, end: handler.end }, text: `(click) of ${handler.accept}`, grants: ['any' as const], form: 'callback' as const, confidence: 'medium' as const, origin: 'heuristic' };
    return { gated: true, by: evidence, seen: [evidence], trace: [`Runs on (click) of ${handler.accept}, an accept control.`] };
  });
  if (!gates.every((g) => g.gated)) return undefined;
  return {
    ...sink,
    gate: {
      gated: true,
      by: gates[0].by,
      seen: gates.flatMap((g) => g.seen),
      trace: [`\`${method.name}\` runs only from the template (${uses.map((u) => view.where(u.at)).join(', ')}), and every call there is gated.`, ...gates.flatMap((g) => g.trace)],
    },
  };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** An event handler of the template; for a click, what its control says when it says it accepts. */
interface Handler { start: number; end: number; click?: boolean; accept?: string }

/** The code spans the template runs (event handlers), which the laid-out module keeps as statements. */
function handlerSpans(nodes: TemplateModel['template']): Handler[] {
  const out: Handler[] = [];
  for (const node of nodes) {
    if (node.type === 'element') {
      for (const code of node.code ?? []) {
        const words = code.click ? controlWords(node) : '';
        out.push({ start: code.start, end: code.end, click: code.click, ...(words && controlVerdict(words) ? { accept: `<${node.tag ?? node.name}>${shortText(words)}` } : {}) });
      }
      out.push(...handlerSpans(node.children));
    } else if (node.type === 'if') for (const branch of node.branches) out.push(...handlerSpans(branch.children));
  }
  return out;
}

/** What a control says: its text, id, class, aria-label and title. */
function controlWords(element: TemplateElement): string {
  const attributes = ['id', 'class', 'aria-label', 'title'].map((a) => element.attributes[a] ?? '');
  return [templateText(element.children), ...attributes].join(' ').replace(/\s+/g, ' ').trim();
}

function templateText(nodes: TemplateModel['template']): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += ` ${node.value}`;
    else if (node.type === 'element') out += templateText(node.children);
    else for (const branch of node.branches) out += templateText(branch.children);
  }
  return out;
}

function shortText(words: string): string {
  return words.length > 40 ? `${words.slice(0, 37)}...` : words;
}

/** The component of the same folder whose `templateUrl` names `htmlFile`, read from `readText`. */
export function angularComponentOf(htmlFile: string, tsFiles: string[], readText: (file: string) => string | undefined): { file: string; text: string; info: ComponentInfo } | undefined {
  const base = path.basename(htmlFile);
  for (const file of tsFiles) {
    const text = readText(file);
    if (!text || !text.includes(base) || !mayDeclareComponent(text)) continue;
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    for (const component of findComponents(sourceFile)) {
      if (component.templateUrl && path.resolve(path.dirname(file), component.templateUrl) === path.resolve(htmlFile)) return { file, text, info: component.info };
    }
  }
  return undefined;
}

/** Facts of an Angular `templateUrl` file, read with its component's members. */
export function angularTemplateFileFacts(file: string, text: string, hash: string, context: FactsContext, info: ComponentInfo): FileFacts {
  const model = angularModel([{ source: text, base: 0, info }]);
  return templateFacts(file, 'html', text, hash, context, model, 'Angular template');
}
