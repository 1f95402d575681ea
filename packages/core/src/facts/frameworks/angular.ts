/**
 * Angular component templates through Angular's own template parser (`@angular/compiler`
 * `parseTemplate`, the parser the Angular compiler and language service use): inline
 * `template:` strings of `@Component` decorators (read at their offsets in the `.ts` file) and
 * `templateUrl` files (`.html` files a component of the same folder names).
 *
 * Guards: `*ngIf="cond"` (with `; else tpl` / `; then tpl else tpl` on `<ng-template #tpl>`),
 * `<ng-template [ngIf]="cond">`, the control-flow blocks `@if (cond) {…} @else if (…) {…}
 * @else {…}` and `@defer (when cond)`. `@for`, `@switch`, the other `@defer` triggers (viewport,
 * idle, interaction…) and `*ngFor` are not consent checks: what is inside renders without one.
 * `cond | async` is judged on `cond`.
 * Bindings: `[src]="'…'"`, `[attr.src]="'…'"`, `src="{{ '…' }}"` and `src="https://host/{{ id }}"`
 * (text parts as written) count as the attribute; `[src]="mapUrl"` counts when the component
 * declares `mapUrl` as a string literal (or `bypassSecurityTrustResourceUrl('…')` of one).
 * `(click)="…"` handlers are code the template runs. `[(ngModel)]="email"` / `formControlName`
 * name an input. Angular drops `<script>` elements from templates, so none is ever loaded.
 *
 * Template expressions read the component's members (`consent()` is `this.consent()`): the
 * members are declared in the template's module so that a member named like a tracker global
 * (`analytics.track(…)` on an injected service) is not taken for the global, while the consent
 * recogniser still judges a member by its name (`consent()`, `hasConsent('marketing')`).
 * Click-to-load: a member that starts false (`= false`, `signal(false)`) and that only click
 * handlers turn on (in the template, or in a method used only as a click handler).
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use.
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import type { Span } from '../types';
import type { TemplateBranches, TemplateElement, TemplateModel, TemplateNode } from '../template';
import { literalText } from './literal';

// ---- the parts of @angular/compiler's R3 AST read here (structural types)
interface AbsSpan { start: number; end: number }
interface ParseSpan { start: { offset: number }; end: { offset: number } }
interface ExprAst { constructor: { name: string }; sourceSpan?: AbsSpan; value?: unknown; strings?: string[]; expressions?: ExprAst[]; exp?: ExprAst; name?: string; operation?: string; left?: ExprAst; right?: ExprAst }
interface AstWithSource { source?: string | null; ast?: ExprAst; sourceSpan?: AbsSpan }
interface NgAttribute { name: string; value: string | AstWithSource; valueSpan?: ParseSpan; type?: number; constructor: { name: string } }
interface NgEvent { name: string; handler: AstWithSource; handlerSpan: ParseSpan }
interface NgNode {
  constructor: { name: string };
  sourceSpan: ParseSpan;
  startSourceSpan?: ParseSpan;
  endSourceSpan?: ParseSpan | null;
  name?: string;
  tagName?: string | null;
  value?: string | AstWithSource;
  attributes?: NgAttribute[];
  inputs?: NgAttribute[];
  outputs?: NgEvent[];
  templateAttrs?: NgAttribute[];
  references?: { name: string; value: string }[];
  children?: NgNode[];
  branches?: { expression: AstWithSource | null; children: NgNode[] }[];
  /** `@switch` cases: `cases` up to Angular 20, `groups` (cases sharing a body) from 21. */
  cases?: { children: NgNode[] }[];
  groups?: { children: NgNode[] }[];
  empty?: { children: NgNode[] } | null;
  placeholder?: { children: NgNode[] } | null;
  loading?: { children: NgNode[] } | null;
  error?: { children: NgNode[] } | null;
  triggers?: { when?: { value: AstWithSource } };
}
interface ParsedTemplate { nodes: NgNode[]; errors: { msg: string; span: ParseSpan }[] | null }
type Parse = (template: string, url: string, options: Record<string, unknown>) => ParsedTemplate;
let parser: Parse | undefined;

function angularParse(): Parse {
  // loaded on the first Angular template only (a project without Angular never pays for it)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  parser ??= (require('@angular/compiler') as { parseTemplate: Parse }).parseTemplate;
  return parser;
}

/** What the template may read of its component class. */
export interface ComponentInfo {
  /** Member names (properties, methods, accessors, constructor parameter properties). */
  members: Set<string>;
  /** Members holding a plain string (`mapUrl = 'https://…'`), by name. */
  strings: Map<string, string>;
  /** Members that start false (`= false`, `signal(false)`), with their writes outside the template. */
  falseFlags: Map<string, { writers: (string | undefined)[] }>;
  /** Methods by name, with the number of references in the class outside their own body. */
  methods: Map<string, { usedInClass: boolean }>;
}

/** An `@Component` decorator of a file, with its template. */
export interface AngularComponent {
  className?: string;
  /** Inline `template:` (the literal's text range, quotes excluded). */
  template?: Span;
  /** `templateUrl:` as written. */
  templateUrl?: string;
  info: ComponentInfo;
  /** The class's methods (name and range), for judging a method by the template's calls. */
  methodSpans: { name: string; start: number; end: number }[];
}

/** Cheap pre-check: could this script declare an Angular component? */
export function mayDeclareComponent(text: string): boolean {
  return text.includes('@Component') && /\btemplate(Url)?\s*:/.test(text);
}

/** The ranges of a script's inline Angular templates (markup inside the script: comments there are `<!-- -->`). */
export function inlineTemplateRanges(text: string): Span[] {
  if (!mayDeclareComponent(text)) return [];
  const sourceFile = ts.createSourceFile('component.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  return findComponents(sourceFile).flatMap((c) => (c.template ? [c.template] : []));
}

/** The `@Component` classes of a module (top-level class declarations only: no walk). */
export function findComponents(sourceFile: ts.SourceFile): AngularComponent[] {
  const out: AngularComponent[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isClassDeclaration(statement)) continue;
    for (const decorator of ts.getDecorators(statement) ?? []) {
      const call = decorator.expression;
      if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'Component') continue;
      const options = call.arguments[0];
      if (!options || !ts.isObjectLiteralExpression(options)) continue;
      const methodSpans = statement.members.flatMap((member) => (ts.isMethodDeclaration(member) && ts.isIdentifier(member.name) ? [{ name: member.name.text, start: member.getStart(sourceFile), end: member.getEnd() }] : []));
      const component: AngularComponent = { className: statement.name?.text, info: classInfo(statement), methodSpans };
      for (const property of options.properties) {
        if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) continue;
        const value = property.initializer;
        if (property.name.text === 'template' && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value))) {
          component.template = { start: value.getStart(sourceFile) + 1, end: value.getEnd() - 1 };
        } else if (property.name.text === 'templateUrl' && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value))) {
          component.templateUrl = value.text;
        }
      }
      out.push(component);
    }
  }
  return out;
}

/** Members of a component class and what the click-to-load check needs to know of them. */
function classInfo(declaration: ts.ClassDeclaration): ComponentInfo {
  const members = new Set<string>();
  const strings = new Map<string, string>();
  const falseFlags = new Map<string, { writers: (string | undefined)[] }>();
  const methods = new Map<string, { usedInClass: boolean }>();
  for (const member of declaration.members) {
    const name = member.name && (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
    if (ts.isConstructorDeclaration(member)) {
      for (const parameter of member.parameters) {
        if (ts.isIdentifier(parameter.name) && ts.getModifiers(parameter)?.length) members.add(parameter.name.text);
      }
      continue;
    }
    if (!name) continue;
    members.add(name);
    if (ts.isMethodDeclaration(member)) methods.set(name, { usedInClass: false });
    if (ts.isPropertyDeclaration(member) && member.initializer) {
      const init = unwrap(member.initializer);
      const literal = stringOf(init);
      if (literal !== undefined) strings.set(name, literal);
      if (startsFalse(init)) falseFlags.set(name, { writers: [] });
    }
  }
  // writes of the flags and uses of the methods inside the class (`this.x = …`, `this.x.set(…)`, `this.m`)
  const visit = (node: ts.Node, method: string | undefined): void => {
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const name = node.name.text;
      const flag = falseFlags.get(name);
      if (flag) {
        const parent = node.parent;
        const assigned = ts.isBinaryExpression(parent) && parent.left === node && isAssignment(parent.operatorToken.kind) && !isFalse(parent.right);
        const setCall = ts.isPropertyAccessExpression(parent) && parent.expression === node && ['set', 'update'].includes(parent.name.text)
          && ts.isCallExpression(parent.parent) && !(parent.name.text === 'set' && parent.parent.arguments[0] && isFalse(parent.parent.arguments[0]));
        if (assigned || setCall) flag.writers.push(method);
      }
      const used = methods.get(name);
      if (used && name !== method) used.usedInClass = true;
    }
    ts.forEachChild(node, (child) => visit(child, method));
  };
  for (const member of declaration.members) {
    const name = ts.isMethodDeclaration(member) && ts.isIdentifier(member.name) ? member.name.text : undefined;
    visit(member, name);
  }
  return { members, strings, falseFlags, methods };
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** `'https://…'`, or a sanitizer bypass of one (`bypassSecurityTrustResourceUrl('https://…')`). */
function stringOf(e: ts.Expression): string | undefined {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isCallExpression(e) && e.arguments.length === 1) {
    const callee = e.expression;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    if (/^bypassSecurityTrust(ResourceUrl|Url)$/.test(name)) {
      const arg = unwrap(e.arguments[0]);
      if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return arg.text;
    }
  }
  return undefined;
}

function isFalse(e: ts.Expression): boolean {
  return unwrap(e).kind === ts.SyntaxKind.FalseKeyword;
}

/** `false`, `signal(false)`, `signal<boolean>(false)`. */
function startsFalse(e: ts.Expression): boolean {
  if (isFalse(e)) return true;
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'signal' && e.arguments.length >= 1 && isFalse(e.arguments[0]);
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken;
}

/**
 * The template model of one Angular template: `source` is the template's text, which starts at
 * offset `base` of the file. Throws on a template Angular's parser rejects (the workspace lists
 * the file as skipped).
 */
export function angularTemplate(source: string, base: number, info?: ComponentInfo): { nodes: TemplateNode[]; clicks: { name: string; span: Span }[] } {
  const parsed = angularParse()(source, 'template.html', { preserveWhitespaces: true });
  if (parsed.errors?.length) {
    const [error] = parsed.errors;
    throw new Error(`Angular template: ${error.msg.split('\n')[0]}`);
  }
  const reader = new Reader(source, base, info);
  reader.collectTemplates(parsed.nodes);
  return { nodes: reader.nodes(parsed.nodes), clicks: reader.clicks };
}

/** The model of a whole component: the templates of a file's components (inline) or one templateUrl file. */
export function angularModel(parts: { source: string; base: number; info?: ComponentInfo }[]): TemplateModel {
  const template: TemplateNode[] = [];
  const clickFlags = new Set<string>();
  const members = new Set<string>();
  for (const part of parts) {
    const { nodes } = angularTemplate(part.source, part.base, part.info);
    template.push(...nodes);
    for (const name of part.info?.members ?? []) if (/^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name)) members.add(name);
    if (part.info) for (const flag of clickFlagsOf(part.info, nodes, part.source, part.base)) clickFlags.add(flag);
  }
  return { scripts: [], template, clickFlags, declarations: [...members] };
}

/** `<!-- … -->` comments of a template (suppression comments inside an inline template). */
export function htmlComments(source: string, base: number): Span[] {
  const out: Span[] = [];
  for (let at = source.indexOf('<!--'); at >= 0; at = source.indexOf('<!--', at + 4)) {
    const close = source.indexOf('-->', at + 4);
    const end = close < 0 ? source.length : close + 3;
    out.push({ start: base + at, end: base + end });
    if (close < 0) break;
  }
  return out;
}

/**
 * Members that start false and that nothing but a click turns on: every write is in a template
 * click handler or in a method that only template click handlers call.
 */
function clickFlagsOf(info: ComponentInfo, nodes: TemplateNode[], source: string, base: number): string[] {
  const handlers: { code: string; click: boolean }[] = [];
  const collect = (list: TemplateNode[]): void => {
    for (const node of list) {
      if (node.type === 'element') {
        for (const code of node.code ?? []) handlers.push({ code: source.slice(code.start - base, code.end - base), click: !!code.click });
        collect(node.children);
      } else if (node.type === 'if') for (const branch of node.branches) collect(branch.children);
    }
  };
  collect(nodes);
  const methodCalledBy = (method: string): 'click' | 'other' | 'none' => {
    const use = new RegExp(`(?<![\\w$.])${escape(method)}(?![\\w$])`);
    let seen: 'click' | 'other' | 'none' = 'none';
    for (const handler of handlers) {
      if (!use.test(handler.code)) continue;
      if (!handler.click) return 'other';
      seen = 'click';
    }
    // a method also used in a binding or an interpolation (it runs on render) is not a click
    const elsewhere = new RegExp(`(?<![\\w$.])${escape(method)}\\s*\\(`, 'g');
    const inHandlers = handlers.reduce((n, h) => n + (h.code.match(elsewhere)?.length ?? 0), 0);
    const inTemplate = source.match(elsewhere)?.length ?? 0;
    return inTemplate > inHandlers ? 'other' : seen;
  };
  const out: string[] = [];
  for (const [flag, { writers }] of info.falseFlags) {
    const write = new RegExp(`(?<![\\w$.])${escape(flag)}\\s*(=(?!=)|\\.\\s*(set|update)\\s*\\()`);
    let ok = true;
    let sets = 0;
    for (const handler of handlers) {
      if (!write.test(handler.code)) continue;
      sets++;
      if (!handler.click) ok = false;
    }
    for (const method of writers) {
      sets++;
      if (!method || info.methods.get(method)?.usedInClass || methodCalledBy(method) !== 'click') ok = false;
    }
    if (ok && sets > 0) out.push(flag);
  }
  return out;
}

/** Words that cannot name a `let` (a member may be called `delete` or `default`). */
const RESERVED = new Set('break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval'.split(' '));

function escape(name: string): string {
  return name.replace(/\$/g, '\\$');
}

/** Reads the R3 AST into the neutral template model (offsets of the file). */
class Reader {
  /** `<ng-template #name>` used as an `*ngIf` then/else branch: rendered there, not in place. */
  private readonly branchTemplates = new Map<string, NgNode>();
  private readonly used = new Set<NgNode>();
  readonly clicks: { name: string; span: Span }[] = [];

  constructor(private readonly source: string, private readonly base: number, private readonly info?: ComponentInfo) {}

  /** Finds the ng-templates that `*ngIf` else/then clauses name. */
  collectTemplates(list: NgNode[]): void {
    const named = new Map<string, NgNode>();
    const wanted = new Set<string>();
    const visit = (nodes: NgNode[]): void => {
      for (const node of nodes) {
        if (node.constructor.name === 'Template' && node.tagName === 'ng-template') {
          for (const ref of node.references ?? []) named.set(ref.name, node);
        }
        for (const attr of [...(node.templateAttrs ?? []), ...(node.constructor.name === 'Template' ? node.inputs ?? [] : [])]) {
          if ((attr.name === 'ngIfElse' || attr.name === 'ngIfThen') && typeof attr.value !== 'string') {
            const ref = attr.value.source?.trim();
            if (ref && /^[A-Za-z_$][\w$]*$/.test(ref)) wanted.add(ref);
          }
        }
        visit(childrenOf(node));
      }
    };
    visit(list);
    for (const name of wanted) {
      const node = named.get(name);
      if (node) this.branchTemplates.set(name, node);
    }
  }

  nodes(list: NgNode[]): TemplateNode[] {
    const out: TemplateNode[] = [];
    for (const node of list) out.push(...this.node(node));
    return out;
  }

  private node(node: NgNode): TemplateNode[] {
    switch (node.constructor.name) {
      case 'Element':
        return [this.element(node)];
      case 'Text':
        return [{ type: 'text', value: typeof node.value === 'string' ? node.value : '', start: this.base + node.sourceSpan.start.offset }];
      case 'BoundText':
        return [];
      case 'Template':
        return this.template(node);
      case 'IfBlock':
        return [{
          type: 'if',
          branches: (node.branches ?? []).map((branch) => ({ test: branch.expression ? this.test(branch.expression) : undefined, children: this.nodes(branch.children) })),
        }];
      case 'DeferredBlock': {
        const main = this.nodes(node.children ?? []);
        const when = node.triggers?.when?.value;
        const around = [...this.nodes(node.placeholder?.children ?? []), ...this.nodes(node.loading?.children ?? []), ...this.nodes(node.error?.children ?? [])];
        // `@defer (when cond)`: the main content renders once cond holds; other triggers are not consent
        return when ? [{ type: 'if', branches: [{ test: this.test(when), children: main }] }, ...around] : [...main, ...around];
      }
      case 'ForLoopBlock':
        return [...this.nodes(node.children ?? []), ...this.nodes(node.empty?.children ?? [])];
      case 'SwitchBlock':
        return [...(node.groups ?? []), ...(node.cases ?? [])].flatMap((c) => this.nodes(c.children ?? []));
      default:
        return this.nodes(childrenOf(node));
    }
  }

  /** `*ngIf` / `<ng-template [ngIf]>`, with then/else templates; other structural directives are transparent. */
  private template(node: NgNode): TemplateNode[] {
    if (this.used.has(node)) return [];
    const isBranchTemplate = node.tagName === 'ng-template' && (node.references ?? []).some((ref) => this.branchTemplates.get(ref.name) === node);
    // rendered where an *ngIf names it
    if (isBranchTemplate) return [];
    const attrs = [...(node.templateAttrs ?? []), ...(node.tagName === 'ng-template' ? node.inputs ?? [] : [])];
    const ngIf = attrs.find((a) => a.name === 'ngIf' && typeof a.value !== 'string');
    const children = this.nodes(node.children ?? []);
    if (!ngIf) return children;
    const named = (name: string) => {
      const attr = attrs.find((a) => a.name === name && typeof a.value !== 'string');
      const ref = attr && typeof attr.value !== 'string' ? attr.value.source?.trim() : undefined;
      const target = ref ? this.branchTemplates.get(ref) : undefined;
      return target ? this.nodes(target.children ?? []) : undefined;
    };
    const then = named('ngIfThen') ?? children;
    const otherwise = named('ngIfElse');
    const branches: TemplateBranches['branches'] = [{ test: this.test(ngIf.value as AstWithSource), children: then }];
    if (otherwise) branches.push({ children: otherwise });
    return [{ type: 'if', branches }];
  }

  /** The condition's span in the file; `x | async` is judged on `x`. */
  private test(expression: AstWithSource): Span | undefined {
    let ast = expression.ast;
    while (ast && ast.constructor.name === 'BindingPipe' && ast.name === 'async' && ast.exp) ast = ast.exp;
    const span = ast?.sourceSpan ?? expression.sourceSpan;
    if (!span || span.end <= span.start) return undefined;
    return { start: this.base + span.start, end: this.base + span.end };
  }

  private element(node: NgNode): TemplateElement {
    const attributes: Record<string, string> = {};
    for (const attr of node.attributes ?? []) attributes[attr.name.toLowerCase()] = typeof attr.value === 'string' ? attr.value : '';
    for (const input of node.inputs ?? []) {
      if (typeof input.value === 'string') continue;
      const name = input.name.toLowerCase();
      const value = this.boundValue(input.value);
      if (value !== undefined && (name === 'src' || name === 'href' || name === 'srcdoc' || name === 'rel' || name === 'type' || name === 'name' || name === 'checked' || name.startsWith('data-'))) attributes[name] = value;
      // `[(ngModel)]="form.email"` names the field for the form model
      if (name === 'ngmodel' && attributes.name === undefined && input.value.source) {
        const last = /([A-Za-z_$][\w$]*)\s*$/.exec(input.value.source);
        if (last) attributes.name = last[1];
      }
    }
    if (attributes.name === undefined && attributes.formcontrolname) attributes.name = attributes.formcontrolname;
    const code: (Span & { click?: boolean })[] = [];
    for (const output of node.outputs ?? []) {
      const span = { start: this.base + output.handlerSpan.start.offset, end: this.base + output.handlerSpan.end.offset };
      if (output.name === 'ngModelChange' && /^\s*[\w$.]+\s*=\s*\$event\s*$/.test(output.handler.source ?? '')) continue;
      const click = output.name === 'click';
      code.push({ ...span, click });
      if (click) this.clicks.push({ name: output.handler.source ?? '', span });
    }
    const name = (node.name ?? '').toLowerCase();
    const start = this.base + node.sourceSpan.start.offset;
    const openEnd = this.base + (node.startSourceSpan ?? node.sourceSpan).end.offset;
    const end = this.base + (node.endSourceSpan ?? node.sourceSpan).end.offset;
    return {
      type: 'element',
      name,
      attributes,
      start,
      openEnd,
      end: Math.max(end, openEnd),
      ...(code.length ? { code } : {}),
      tag: node.name,
      children: this.nodes(node.children ?? []),
    };
  }

  /** A bound value the markup pass can read: a literal, an interpolation's text, a member holding a string. */
  private boundValue(value: AstWithSource): string | undefined {
    let ast = value.ast;
    // a sanitizer pipe passes the URL through (`url | safe`, `url | safeResourceUrl`)
    while (ast && ast.constructor.name === 'BindingPipe' && /safe|saniti[sz]|trust|bypass/i.test(ast.name ?? '') && ast.exp) ast = ast.exp;
    if (!ast) return undefined;
    const kind = ast.constructor.name;
    if (kind === 'LiteralPrimitive') return typeof ast.value === 'string' ? ast.value : undefined;
    // 'https://www.youtube.com/embed/' + video.id: the literal head, the rest as written
    if (kind === 'Binary' && ast.operation === '+') {
      let head: ExprAst | undefined = ast;
      while (head && head.constructor.name === 'Binary' && head.operation === '+') head = head.left;
      if (head && head.constructor.name === 'LiteralPrimitive' && typeof head.value === 'string' && /^(https?:)?\/\//.test(head.value) && ast.sourceSpan && head.sourceSpan) {
        return `${head.value}{{${this.source.slice(head.sourceSpan.end, ast.sourceSpan.end).trim()}}}`;
      }
    }
    if (kind === 'Interpolation' && ast.strings && ast.expressions) {
      // "https://www.youtube.com/embed/{{ id }}": text parts as written, expressions as their source
      let out = '';
      ast.strings.forEach((text, i) => {
        out += text;
        const expression = ast.expressions![i];
        if (!expression) return;
        const literal = expression.constructor.name === 'LiteralPrimitive' && typeof expression.value === 'string' ? expression.value : undefined;
        out += literal ?? (expression.sourceSpan ? `{{${this.source.slice(expression.sourceSpan.start, expression.sourceSpan.end)}}}` : '');
      });
      return out;
    }
    if (kind === 'PropertyRead' && this.info && ast.sourceSpan) {
      const member = this.info.strings.get(this.source.slice(ast.sourceSpan.start, ast.sourceSpan.end).trim());
      if (member !== undefined) return member;
    }
    const literal = value.source ? literalText(value.source) : undefined;
    return literal;
  }
}

function childrenOf(node: NgNode): NgNode[] {
  return [
    ...(node.children ?? []),
    ...(node.branches ?? []).flatMap((b) => b.children),
    ...[...(node.groups ?? []), ...(node.cases ?? [])].flatMap((c) => c.children ?? []),
    ...(node.empty?.children ?? []),
    ...(node.placeholder?.children ?? []),
    ...(node.loading?.children ?? []),
    ...(node.error?.children ?? []),
  ];
}
