/**
 * Component files of the frameworks: Vue single-file components, Svelte and Astro. Each
 * framework's adapter reads the file into the neutral template model (`template.ts`), which
 * the script pass and the markup pass analyse like any other code.
 */
import type { FactsContext } from './index';
import { templateFacts, type TemplateModel } from './template';
import type { FileFacts, FileLanguage } from './types';
import { vueModel } from './frameworks/vue';
import { svelteModel } from './frameworks/svelte';
import { astroModel } from './frameworks/astro';

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
