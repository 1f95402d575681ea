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
import { analyseTemplate, templateFacts, type TemplateModel } from './template';
import type { FileFacts, FileLanguage } from './types';
import { vueModel } from './frameworks/vue';
import { svelteModel } from './frameworks/svelte';
import { astroModel } from './frameworks/astro';
import { angularModel, findComponents, htmlComments, mayDeclareComponent, type ComponentInfo } from './frameworks/angular';

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

/**
 * Angular: a script that declares `@Component`s with inline `template:` strings gets the facts
 * of those templates added to its own (the templates are read at their offsets in the file, so
 * findings, suppression comments and fixes land inside the string). Throws when a template is
 * broken (the workspace lists the file as skipped, as for any component file).
 */
export function withAngularTemplates(facts: FileFacts, sourceFile: ts.SourceFile, context: FactsContext): FileFacts {
  const components = findComponents(sourceFile).filter((c) => c.template);
  if (components.length === 0) return facts;
  const text = facts.text;
  const model = angularModel(components.map((c) => ({ source: text.slice(c.template!.start, c.template!.end), base: c.template!.start, info: c.info })));
  const { facts: template, gateAt } = analyseTemplate(facts.file, facts.language, text, facts.hash, context, model, 'Angular template');
  const handlers = handlerSpans(model.template);
  // a component method the class never calls is judged by the template's calls of it (`(click)="track()"`)
  const scriptSinks = facts.sinks.map((sink) => {
    if (sink.gate.gated) return sink;
    const component = components.find((c) => c.methodSpans.some((m) => m.start <= sink.span.start && sink.span.end <= m.end));
    const method = component?.methodSpans.find((m) => m.start <= sink.span.start && sink.span.end <= m.end);
    if (!component || !method || component.info.methods.get(method.name)?.usedInClass) return sink;
    const source = text.slice(component.template!.start, component.template!.end);
    const call = new RegExp(`(?<![\\w$.])${method.name.replace(/\$/g, '\\$')}\\s*\\(`, 'g');
    const uses: number[] = [];
    for (let m = call.exec(source); m; m = call.exec(source)) uses.push(component.template!.start + m.index);
    // called from a binding or an interpolation (on every render), or not at all: nothing to add
    if (uses.length === 0 || !uses.every((at) => handlers.some((h) => h.start <= at && at < h.end))) return sink;
    const gates = uses.map((at) => gateAt(at, sink.category));
    if (!gates.every((g) => g.gated)) return sink;
    const line = (offset: number) => text.slice(0, offset).split('\n').length;
    return {
      ...sink,
      gate: {
        gated: true,
        by: gates[0].by,
        seen: gates.flatMap((g) => g.seen),
        trace: [`\`${method.name}\` runs only from the template (line ${uses.map(line).join(', ')}), and every call there is gated.`, ...gates[0].trace],
      },
    };
  });
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

/** The code spans the template runs (event handlers), which the laid-out module keeps as statements. */
function handlerSpans(nodes: TemplateModel['template']): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const node of nodes) {
    if (node.type === 'element') {
      out.push(...(node.code ?? []));
      out.push(...handlerSpans(node.children));
    } else if (node.type === 'if') for (const branch of node.branches) out.push(...handlerSpans(branch.children));
  }
  return out;
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
