/**
 * Svelte components (`.svelte`, SvelteKit layouts and pages) through Svelte's own parser
 * (`svelte/compiler` `parse`, modern AST; it reads Svelte 3/4 syntax too): the instance and
 * module `<script>`s, and the markup with its blocks.
 *
 * Guards: `{#if}` / `{:else if}` / `{:else}` chains. `{#each}`, `{#await}`, `{#key}` and
 * snippets are transparent. `<svelte:head>` contents (script tags) are elements like others.
 * Bindings: `src="…"` and `src={"…"}` literals count as the attribute (a value mixed with
 * `{…}` parts keeps them as written); `on:click={…}` / `onclick={…}` handlers are code the
 * template runs; `bind:value={email}` names an input.
 */
import type { TemplateElement, TemplateModel, TemplateNode, ScriptBlock } from '../template';
import { literalText } from './literal';

interface SvelteNode {
  type: string;
  start: number;
  end: number;
  name?: string;
  data?: string;
  attributes?: SvelteAttribute[];
  fragment?: { nodes: SvelteNode[] };
  test?: { start: number; end: number };
  expression?: { start: number; end: number };
  consequent?: { nodes: SvelteNode[] };
  alternate?: { nodes: SvelteNode[] } | null;
  elseif?: boolean;
  body?: { nodes: SvelteNode[] };
  fallback?: { nodes: SvelteNode[] } | null;
  pending?: { nodes: SvelteNode[] } | null;
  then?: { nodes: SvelteNode[] } | null;
  catch?: { nodes: SvelteNode[] } | null;
}
interface SvelteAttribute {
  type: string;
  name: string;
  start: number;
  end: number;
  value?: true | SvelteValue | SvelteValue[];
  expression?: { start: number; end: number } | null;
}
interface SvelteValue { type: string; start: number; end: number; data?: string; expression?: { start: number; end: number } }
interface SvelteRoot { fragment: { nodes: SvelteNode[] }; instance?: SvelteNode | null; module?: SvelteNode | null }

type Parse = (source: string, options: Record<string, unknown>) => SvelteRoot;
let parser: Parse | undefined;

function svelteParse(): Parse {
  // loaded on the first .svelte file only
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  parser ??= (require('svelte/compiler') as { parse: Parse }).parse;
  return parser;
}

/** The model of a `.svelte` file; throws on a broken file (the workspace lists it as skipped). */
export function svelteModel(text: string): TemplateModel {
  const root = svelteParse()(text, { modern: true });
  const scripts: ScriptBlock[] = [];
  for (const script of [root.module, root.instance]) {
    if (!script) continue;
    const open = /^<script\b[^>]*>/i.exec(text.slice(script.start, script.end));
    const close = text.lastIndexOf('</script', script.end);
    if (!open || close < script.start) continue;
    const lang = /\blang\s*=\s*["']?(\w+)/i.exec(open[0])?.[1]?.toLowerCase();
    if (lang && !['js', 'ts', 'javascript', 'typescript'].includes(lang)) continue;
    scripts.push({ start: script.start + open[0].length, end: close });
  }
  return { scripts, template: nodes(root.fragment.nodes, text) };
}

function nodes(list: SvelteNode[], text: string): TemplateNode[] {
  const out: TemplateNode[] = [];
  for (const node of list) {
    switch (node.type) {
      case 'Text':
        out.push({ type: 'text', value: node.data ?? '', start: node.start });
        break;
      case 'RegularElement':
      case 'SvelteElement':
      case 'SlotElement':
      case 'TitleElement':
        out.push(elementOf(node, text));
        break;
      case 'Component':
        // kept as an element: a consent component of the team (`<ConsentGate>`) gates its content
        // (named as written, so a component never passes for the HTML element of the same name)
        out.push({ ...elementOf(node, text), name: node.name ?? '' });
        break;
      case 'SvelteHead':
      case 'SvelteBody':
      case 'SvelteFragment':
      case 'SvelteBoundary':
      case 'SvelteComponent':
      case 'SvelteSelf':
      case 'KeyBlock':
        out.push(...nodes(node.fragment?.nodes ?? [], text));
        break;
      case 'EachBlock':
        out.push(...nodes(node.body?.nodes ?? [], text), ...nodes(node.fallback?.nodes ?? [], text));
        break;
      case 'AwaitBlock':
        out.push(...nodes(node.pending?.nodes ?? [], text), ...nodes(node.then?.nodes ?? [], text), ...nodes(node.catch?.nodes ?? [], text));
        break;
      case 'SnippetBlock':
        out.push(...nodes(node.body?.nodes ?? [], text));
        break;
      case 'HtmlTag': {
        // {@html '<iframe …>'}: a literal's markup goes in as innerHTML
        const expression = node.expression;
        if (expression && literalText(text.slice(expression.start, expression.end)) !== undefined) {
          out.push({ type: 'element', name: '#html', attributes: {}, start: node.start, openEnd: node.start, end: node.end, html: { start: expression.start + 1, end: expression.end - 1 }, children: [] });
        }
        break;
      }
      case 'IfBlock':
        out.push({ type: 'if', branches: branchesOf(node, text) });
        break;
      default:
        break;
    }
  }
  return out;
}

/** `{#if a}…{:else if b}…{:else}…{/if}` as one chain. */
function branchesOf(node: SvelteNode, text: string): Extract<TemplateNode, { type: 'if' }>['branches'] {
  const branches: Extract<TemplateNode, { type: 'if' }>['branches'] = [];
  for (let current: SvelteNode | undefined = node; current; ) {
    branches.push({ test: current.test ? { start: current.test.start, end: current.test.end } : undefined, children: nodes(current.consequent?.nodes ?? [], text) });
    const alternate: SvelteNode[] = current.alternate?.nodes ?? [];
    const elseIf = alternate.find((n) => n.type === 'IfBlock' && n.elseif);
    if (elseIf && alternate.every((n) => n === elseIf || (n.type === 'Text' && !(n.data ?? '').trim()))) {
      current = elseIf;
      continue;
    }
    if (alternate.length) branches.push({ children: nodes(alternate, text) });
    current = undefined;
  }
  return branches;
}

function elementOf(node: SvelteNode, text: string): TemplateElement {
  const attributes: Record<string, string> = {};
  const code: { start: number; end: number; click?: boolean }[] = [];
  const bound: Record<string, { start: number; end: number }> = {};
  let lastEnd = node.start + 1 + (node.name?.length ?? 0);
  for (const attribute of node.attributes ?? []) {
    lastEnd = Math.max(lastEnd, attribute.end);
    const name = attribute.name?.toLowerCase();
    if (attribute.type === 'Attribute') {
      const value = attribute.value;
      if (value === true || value === undefined) {
        attributes[name] = '';
      } else if (Array.isArray(value)) {
        // "text{expr}text": text parts as written, expression parts as their source
        const single = value.length === 1 && value[0].type === 'ExpressionTag' ? value[0] : undefined;
        if (single?.expression) {
          if (/^on[a-z]/.test(name)) code.push({ ...single.expression, click: name === 'onclick' });
          else {
            const literal = literalText(text.slice(single.expression.start, single.expression.end));
            if (literal !== undefined) attributes[name] = literal;
            else bound[name] = { start: single.expression.start, end: single.expression.end };
          }
        } else attributes[name] = value.map((part) => (part.type === 'Text' ? part.data ?? '' : text.slice(part.start, part.end))).join('');
      } else if (value.type === 'ExpressionTag' && value.expression) {
        if (/^on[a-z]/.test(name)) code.push({ ...value.expression, click: name === 'onclick' });
        else {
          const literal = literalText(text.slice(value.expression.start, value.expression.end));
          if (literal !== undefined) attributes[name] = literal;
          else bound[name] = { start: value.expression.start, end: value.expression.end };
        }
      }
    } else if (attribute.type === 'OnDirective' && attribute.expression) {
      code.push({ ...attribute.expression, click: attribute.name === 'click' });
    } else if (attribute.type === 'BindDirective' && attribute.name === 'value' && attribute.expression && attributes.name === undefined) {
      const last = /([A-Za-z_$][\w$]*)\s*$/.exec(text.slice(attribute.expression.start, attribute.expression.end));
      if (last) attributes.name = last[1];
    }
  }
  const close = text.indexOf('>', lastEnd);
  const openEnd = close < 0 || close >= node.end ? node.end : close + 1;
  const name = (node.name ?? '').toLowerCase();
  const isRaw = name === 'script' || name === 'style';
  const bodyEnd = isRaw ? Math.max(openEnd, text.lastIndexOf(`</${name}`, node.end)) : openEnd;
  return {
    type: 'element',
    name,
    attributes,
    start: node.start,
    openEnd,
    end: node.end,
    ...(isRaw ? { body: { start: openEnd, end: bodyEnd } } : {}),
    ...(code.length ? { code: code.map((c) => ({ start: c.start, end: c.end, click: c.click })) } : {}),
    ...(Object.keys(bound).length ? { bound } : {}),
    tag: node.name,
    children: isRaw ? [] : nodes(node.fragment?.nodes ?? [], text),
  };
}
