/**
 * Vue single-file components through Vue's own parser (`@vue/compiler-dom`, the parser
 * `@vue/compiler-sfc` is built on, without its script compiler, CSS and source-map parts):
 * `<script>` and `<script setup>` blocks, and the `<template>` with its directives.
 *
 * Guards: `v-if` / `v-else-if` / `v-else` on sibling elements form one `if` chain.
 * `v-show` is not a guard: the element is rendered (hidden by CSS) and loads at once.
 * Bindings: `:src="'…'"` / `v-bind:src` with a literal value count as the attribute;
 * `@click` / `v-on:click` handlers are code the template runs; `v-model` names an input.
 */
import type { TemplateElement, TemplateModel, TemplateNode, ScriptBlock } from '../template';
import { literalText } from './literal';

// Node types of @vue/compiler-core (a const enum there: numbers here).
const ELEMENT = 1;
const TEXT = 2;
const ATTRIBUTE = 6;
const DIRECTIVE = 7;

interface Loc { start: { offset: number }; end: { offset: number }; source: string }
interface VueNode { type: number; tag?: string; loc: Loc; innerLoc?: Loc; props?: VueProp[]; children?: VueNode[]; content?: string }
interface VueProp { type: number; name: string; loc: Loc; value?: { content: string; loc: Loc }; exp?: { content: string; loc: Loc }; arg?: { content: string; isStatic?: boolean } }

type Parse = (source: string, options: Record<string, unknown>) => { children: VueNode[] };
let parser: Parse | undefined;

function vueParse(): Parse {
  // loaded on the first .vue file only (a project without Vue never pays for it)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  parser ??= (require('@vue/compiler-dom') as { parse: Parse }).parse;
  return parser;
}

/** The model of a `.vue` file; throws on a broken file (the workspace lists it as skipped). */
export function vueModel(text: string): TemplateModel {
  const errors: string[] = [];
  const root = vueParse()(text, { parseMode: 'sfc', onError: (error: Error) => errors.push(error.message) });
  if (errors.length) throw new Error(`Vue template: ${errors[0]}`);
  const scripts: ScriptBlock[] = [];
  let template: TemplateNode[] = [];
  for (const block of root.children) {
    if (block.type !== ELEMENT) continue;
    const attrs = staticAttributes(block);
    if (block.tag === 'script') {
      const inner = block.innerLoc ?? block.children?.[0]?.loc;
      if (!inner || attrs.src) continue;
      const lang = (attrs.lang ?? 'js').toLowerCase();
      if (!['js', 'ts', 'jsx', 'tsx'].includes(lang)) continue;
      scripts.push({ start: inner.start.offset, end: inner.end.offset, jsx: lang === 'jsx' || lang === 'tsx' });
    } else if (block.tag === 'template' && template.length === 0 && (!attrs.lang || attrs.lang === 'html')) {
      template = nodes(block.children ?? []);
    }
  }
  return { scripts, template };
}

function staticAttributes(node: VueNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const prop of node.props ?? []) if (prop.type === ATTRIBUTE) out[prop.name.toLowerCase()] = prop.value?.content ?? '';
  return out;
}

/** Children, with `v-if`/`v-else-if`/`v-else` siblings grouped into chains. */
function nodes(children: VueNode[]): TemplateNode[] {
  const out: TemplateNode[] = [];
  let chain: Extract<TemplateNode, { type: 'if' }> | undefined;
  for (const child of children) {
    if (child.type === TEXT) {
      out.push({ type: 'text', value: child.content ?? '', start: child.loc.start.offset });
      if ((child.content ?? '').trim()) chain = undefined;
      continue;
    }
    if (child.type !== ELEMENT) continue;
    const condition = child.props?.find((p) => p.type === DIRECTIVE && (p.name === 'if' || p.name === 'else-if' || p.name === 'else'));
    const element = elementOf(child);
    if (!condition) {
      chain = undefined;
      out.push(element);
      continue;
    }
    const test = condition.exp ? { start: condition.exp.loc.start.offset, end: condition.exp.loc.end.offset } : undefined;
    if (condition.name === 'if' || !chain) {
      chain = { type: 'if', branches: [] };
      out.push(chain);
      // a lone v-else-if/v-else (a template error Vue reports itself) is read as its own condition
    }
    chain.branches.push({ test: condition.name === 'else' ? undefined : test, children: [element] });
  }
  return out;
}

function elementOf(node: VueNode): TemplateElement {
  const attributes: Record<string, string> = {};
  const code: { start: number; end: number; click?: boolean }[] = [];
  const bound: Record<string, { start: number; end: number }> = {};
  let html: { start: number; end: number } | undefined;
  let hiddenBy: string | undefined;
  for (const prop of node.props ?? []) {
    if (prop.type === ATTRIBUTE) {
      attributes[prop.name.toLowerCase()] = prop.value?.content ?? '';
      continue;
    }
    if (prop.type !== DIRECTIVE) continue;
    const arg = prop.arg?.isStatic !== false ? prop.arg?.content?.toLowerCase() : undefined;
    if (prop.name === 'bind' && arg && prop.exp) {
      const value = literalText(prop.exp.content);
      if (value !== undefined) attributes[arg] = value;
      else bound[arg] = { start: prop.exp.loc.start.offset, end: prop.exp.loc.end.offset };
    } else if (prop.name === 'on' && prop.exp) {
      code.push({ start: prop.exp.loc.start.offset, end: prop.exp.loc.end.offset, click: arg === 'click' });
    } else if (prop.name === 'model' && prop.exp && attributes.name === undefined) {
      // `v-model="form.email"` names the field for the form model
      const last = /([A-Za-z_$][\w$]*)\s*$/.exec(prop.exp.content);
      if (last) attributes.name = last[1];
    } else if (prop.name === 'html' && prop.exp && literalText(prop.exp.content) !== undefined) {
      // v-html="'<iframe …>'": the literal's text (quotes excluded) in the file
      html = { start: prop.exp.loc.start.offset + 1, end: prop.exp.loc.end.offset - 1 };
    } else if (prop.name === 'show' && prop.exp) {
      hiddenBy = `v-show="${prop.exp.content}"`;
    }
  }
  const start = node.loc.start.offset;
  const openEnd = openTagEnd(node);
  const isRaw = node.tag === 'script' || node.tag === 'style';
  const inner = isRaw ? node.children?.[0]?.loc : undefined;
  return {
    type: 'element',
    name: (node.tag ?? '').toLowerCase(),
    attributes,
    start,
    openEnd,
    end: node.loc.end.offset,
    ...(inner ? { body: { start: inner.start.offset, end: inner.end.offset } } : isRaw ? { body: { start: openEnd, end: openEnd } } : {}),
    ...(code.length ? { code } : {}),
    ...(hiddenBy ? { hiddenBy } : {}),
    ...(Object.keys(bound).length ? { bound } : {}),
    ...(html ? { html } : {}),
    tag: node.tag,
    children: isRaw ? [] : nodes(node.children ?? []),
  };
}

/** Offset after the start tag's `>`: after the last prop, the next `>`. */
function openTagEnd(node: VueNode): number {
  const source = node.loc.source;
  const lastProp = node.props?.length ? node.props[node.props.length - 1].loc.end.offset - node.loc.start.offset : 1;
  const close = source.indexOf('>', lastProp);
  return node.loc.start.offset + (close < 0 ? source.length : close + 1);
}
