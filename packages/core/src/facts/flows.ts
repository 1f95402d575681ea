/**
 * Personal data flowing into the sinks the one walk found: which arguments of a tracker
 * call, pixel URL or third-party request carry personal data, followed back within the
 * function through variables, destructuring, object spreads, template strings, hash calls
 * and local helpers' returns. Exported functions get a summary (which parameter reaches
 * which sink) and calls of imported project helpers record their personal-data arguments,
 * so the project pass can link a caller's data to a helper's sink across files.
 * No walk of its own: it starts from the sinks and import uses the walk collected.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use (ts-morph
// re-exports `ts` through getters, and bundlers add another).
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import type { Knowledge } from '../knowledge';
import type { VendorEntry } from '../knowledge/types';
import { trackerDataParams, type DataParamRole } from '../knowledge/tracker-data-params';
import { pathOf, skipOuter } from './consent';
import { exportNamesOf, functionName } from './gating';
import { classifyLiteral, classifyName, classifyProperty, isPersonRecord, type PersonalDataMatch } from './personal-data';
import type { ScopeResolver } from './scope';
import type { MarketingText, ModelFact, PiiCall, PiiFlow, PiiItem, PiiSinkInfo, PiiSummary, SchemaFact, Span } from './types';
import { marketingWords } from '../knowledge/special-categories';
import { splitWords } from '../knowledge/personal-data';
import { derived } from '../knowledge/catalogues';
import { objectLiteralOf, type SdkSinkArg } from './sdk-sinks';

const MAX_DEPTH = 16;
/** Keys whose object value describes the person (`traits` of server SDKs, PostHog `$set`, Meta `user_data`). */
const PERSON_KEYS = new Set(['traits', '$set', '$set_once', 'user_data', 'userData', 'userProperties', 'user_properties', 'person_properties']);
/** Calls whose result is a hash of their input (`sha256(email)`, `createHash('sha256').update(e).digest('hex')`). */
const HASH_CALL = /^(?:sha(?:1|224|256|384|512)\w*|md5\w*|hash\w*|hmac\w*|digest|\w*(?:Sha1|Sha256|Sha512|Md5|Hash|Hashed|Hmac))$/;
/** Calls that pass their input through (`email.trim()`, `String(x)`, `JSON.stringify(x)`). */
const PASS_THROUGH = new Set(['toLowerCase', 'toUpperCase', 'trim', 'toString', 'String', 'encodeURIComponent', 'encodeURI', 'stringify', 'btoa', 'normalize', 'replace', 'slice', 'substring', 'concat', 'padStart', 'toLocaleLowerCase', 'update', 'from', 'encode']);

/** A sink call the flows pass looks at. */
export interface FlowSink {
  node: ts.Node;
  vendor: Pick<VendorEntry, 'id' | 'name'> & { kind: string };
  form: string;
  label: string;
  span: Span;
  /** The request's host, for requests recognised by URL. */
  host?: string;
  /** The arguments that carry data, when the sink knows them itself (SDK sinks, facts/sdk-sinks.ts); else tracker-data-params. */
  args?: SdkSinkArg[];
  /** `processor`: a tool that normally works under a processor contract for the site's own purpose (error monitoring). */
  recipient?: 'processor';
  /** Keys that name the sender's own account, never a person (`customer_id` of the Google Ads API). */
  ignoreKeys?: readonly string[];
}

interface ParamMark {
  fn: ts.SignatureDeclaration;
  index: number;
}

interface Ctx {
  sourceFile: ts.SourceFile;
  scope: ScopeResolver;
  knowledge: Knowledge;
  /** Vendor-specific short keys (`em` of Meta) → kind. */
  keys: Readonly<Record<string, string>>;
  /** Parameters of enclosing functions reached (for summaries). */
  params: ParamMark[];
  seen: Set<ts.Node>;
  /** Keys that name the sender's own account in this sink's calls (`customer_id` of the Google Ads API), never a person. */
  ignoreKeys?: ReadonlySet<string>;
  /** Data models declared in this file, by local name (the walk's {@link DataHandlingCollector.models}). */
  models?: ReadonlyMap<string, ModelFact>;
  /** Writes into local variables by name (the walk's {@link DataHandlingCollector.writes}). */
  writes?: ReadonlyMap<string, readonly (ts.BinaryExpression | ts.CallExpression)[]>;
  /** Validation schemas declared in this file (the forms model's {@link SchemaFact}s). */
  schemas?: readonly SchemaFact[];
  /** Calls of local functions by the names of the variables they are given (`addContact(payload, user)`), for writes a helper makes. */
  argUses?: ReadonlyMap<string, readonly ts.CallExpression[]>;
}

const text = (node: ts.Node, sf: ts.SourceFile): string => {
  const t = node.getText(sf).replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
};
const spanOf = (node: ts.Node, sf: ts.SourceFile): Span => ({ start: node.getStart(sf), end: node.getEnd() });

function item(match: PersonalDataMatch, node: ts.Node, ctx: Ctx, via: string[], hashed = false): PiiItem {
  return {
    kind: match.kind,
    category: match.category,
    confidence: match.confidence,
    hashed: hashed || match.hashed === true,
    text: text(node, ctx.sourceFile),
    span: spanOf(node, ctx.sourceFile),
    via,
  };
}

/**
 * The removal range of an object-literal member: from just after the comma (or `{`) before it
 * through its own comma, so `{ a, email: x, b }` becomes `{ a, b }` and a member on its own
 * line takes its line; a last member without a comma leaves the previous comma (valid syntax).
 */
function removalOf(member: ts.ObjectLiteralElementLike, sf: ts.SourceFile): Span {
  const object = member.parent as ts.ObjectLiteralExpression;
  const list = object.properties;
  const i = list.indexOf(member);
  // a comma the list claims may be missing from the text while it is being edited (the parser recovered): stay in place then
  const before = i > 0 ? sf.text.indexOf(',', list[i - 1]!.getEnd()) : -1;
  const start = i > 0 ? (before >= 0 && before < member.getStart(sf) ? before + 1 : member.getStart(sf)) : object.getStart(sf) + 1;
  const hasComma = i < list.length - 1 || list.hasTrailingComma;
  const after = hasComma ? sf.text.indexOf(',', member.getEnd()) : -1;
  return { start, end: after >= 0 && after < object.getEnd() ? after + 1 : member.getEnd() };
}

function keyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

function isLiteral(e: ts.Expression): boolean {
  return ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword;
}

/** A key of a call argument: the vendor's own parameter names first, then the vocabulary (with a person as owner for traits). */
function classifyKey(key: string, role: DataParamRole, ctx: Ctx): PersonalDataMatch | undefined {
  const kind = ctx.keys[key];
  if (kind) {
    const base = classifyName(kind, ctx.knowledge);
    return { kind, category: base?.category ?? 'contact', confidence: 'high', word: key, hashed: /sha256|hash/i.test(key) || undefined };
  }
  const cleaned = key.replace(/^\$/, '');
  if (role === 'traits' || role === 'advanced-matching') return classifyProperty('user', cleaned, ctx.knowledge);
  return classifyName(cleaned, ctx.knowledge);
}

/** Personal data in an expression passed to a sink. */
export function piiOf(expression: ts.Expression, role: DataParamRole, ctx: Ctx, depth = 0, via: string[] = []): PiiItem[] {
  if (depth > MAX_DEPTH || role === 'none') return [];
  let e = skipOuter(expression);
  while (ts.isAwaitExpression(e)) e = skipOuter(e.expression);
  const sf = ctx.sourceFile;
  if (ts.isStringLiteralLike(e)) {
    const literal = classifyLiteral(e.text);
    return literal ? [item(literal, e, ctx, via)] : [];
  }
  if (ts.isTemplateExpression(e)) {
    const out: PiiItem[] = [];
    let before = e.head.text;
    for (const span of e.templateSpans) {
      out.push(...queryParam(before, span.expression, ctx, depth, via));
      before = span.literal.text;
    }
    return out;
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) {
      const left = skipOuter(e.left);
      const tail = ts.isStringLiteralLike(left) ? left.text : ts.isTemplateExpression(left) ? (left.templateSpans.at(-1)?.literal.text ?? left.head.text) : '';
      return [...piiOf(e.left, role, ctx, depth + 1, via), ...queryParam(tail, e.right, ctx, depth, via)];
    }
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
      return [...(op === ts.SyntaxKind.AmpersandAmpersandToken ? [] : piiOf(e.left, role, ctx, depth + 1, via)), ...piiOf(e.right, role, ctx, depth + 1, via)];
    }
    return [];
  }
  if (ts.isConditionalExpression(e)) return [...piiOf(e.whenTrue, role, ctx, depth + 1, via), ...piiOf(e.whenFalse, role, ctx, depth + 1, via)];
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((el) => (ts.isSpreadElement(el) ? piiOf(el.expression, role, ctx, depth + 1, via) : piiOf(el, role, ctx, depth + 1, via)));
  if (ts.isObjectLiteralExpression(e)) return objectPii(e, role, ctx, depth, via);
  if (ts.isIdentifier(e)) return identifierPii(e, role, ctx, depth, via);
  if (ts.isPropertyAccessExpression(e) || (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression))) {
    const name = ts.isPropertyAccessExpression(e) ? e.name.text : (e.argumentExpression as ts.StringLiteralLike).text;
    const owner = e.expression;
    const match = classifyProperty(owner.getText(sf), name, ctx.knowledge);
    if (match?.confidence === 'high') return [item(match, e, ctx, via)];
    // const parsed = Lead.parse(req.body); parsed.name: the schema declares what the value holds
    const parsed = parsedBy(owner, ctx);
    const bySchema = parsed && schemaPii(parsed, name, e, ctx, via);
    if (bySchema) return bySchema;
    if (match) return [item(match, e, ctx, via)];
    // const data = { email }; data.email
    const holder = skipOuter(owner);
    // const u = await prisma.customer.findUnique(…); u.name: the model is the owner
    const inferred = ts.isIdentifier(holder) ? inferredOwner(holder, ctx) : undefined;
    const byModel = inferred && byModelOwner(inferred, name, e, ctx, [...via, inferred.via]);
    if (byModel) return byModel;
    if (ts.isIdentifier(holder)) {
      const binding = ctx.scope.resolve(holder.text, holder);
      const init = binding?.kind === 'variable' && !binding.propertyPath ? binding.declaration.initializer : undefined;
      if (init && ts.isObjectLiteralExpression(skipOuter(init))) {
        const member = (skipOuter(init) as ts.ObjectLiteralExpression).properties.find((p) => p.name && keyName(p.name) === name);
        if (member && (ts.isPropertyAssignment(member) || ts.isShorthandPropertyAssignment(member))) {
          const value = ts.isPropertyAssignment(member) ? member.initializer : member.name;
          return piiOf(value, role, ctx, depth + 1, [...via, `${holder.text} = ${text(init, sf)}`]);
        }
      }
    }
    return [];
  }
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) return callPii(e, role, ctx, depth, via);
  return [];
}

/** Read methods of ORMs and collections whose result is a record of the model they are called on. */
const QUERY_METHODS = new Set([
  'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findBy', 'findById', 'findByPk', 'findAll',
  'findOneAndUpdate', 'findByIdAndUpdate', 'find', 'create', 'update', 'upsert', 'save', 'insert', 'returning', 'get', 'getOne', 'getMany', 'first', 'select', 'where', 'limit', 'lean', 'exec', 'then', 'at', 'filter', 'single', 'maybeSingle',
]);
/** Suffixes of model holders that are not part of the model's name (`userRepository`, `customersTable`, `UserModel`). */
const MODEL_SUFFIX = /(?:Repository|Repo|Table|Model|Collection|Entity|Schema|Dao|Store)$/;
/** Array methods whose callback gets one element (`customers.map((c) => c.name)`). */
const ELEMENT_CALLBACKS = new Set(['map', 'forEach', 'filter', 'find', 'findLast', 'some', 'every', 'flatMap', 'sort', 'toSorted']);

function modelName(raw: string): string {
  const stripped = raw.replace(MODEL_SUFFIX, '');
  return stripped === '' ? raw : stripped;
}

/**
 * The model a query reads (`prisma.customer.findUnique(…)` → `customer`, `db.select().from(users)`
 * → `users`, `User.findOne(…)` → `User`, `this.userRepository.findOneBy(…)` → `user`,
 * `dataSource.getRepository(Customer).findOne(…)` → `Customer`, `manager.findOne(User, …)`), or the
 * collection an element comes from; undefined for anything else. No type checker: the names say it.
 */
export function modelOwner(expression: ts.Expression): string | undefined {
  return modelRead(expression)?.name;
}

/** {@link modelOwner} with the identifier that names the model, when one does (`users` of `from(users)`, `User` of `User.findOne`). */
function modelRead(expression: ts.Expression, depth = 0): { name: string; ref?: ts.Identifier } | undefined {
  let e = skipOuter(expression);
  while (ts.isAwaitExpression(e)) e = skipOuter(e.expression);
  if (depth > 4 || !ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || !QUERY_METHODS.has(e.expression.name.text)) return undefined;
  // manager.findOne(User, …): an entity class as first argument
  const first = e.arguments[0] && skipOuter(e.arguments[0]);
  if (first && ts.isIdentifier(first) && /^[A-Z][a-z]/.test(first.text) && (e.expression.name.text.startsWith('find') || e.expression.name.text === 'save')) return { name: modelName(first.text), ref: first };
  // walk the chain down: .from(table) names the model (Drizzle, Knex); else the innermost receiver
  let receiver: ts.Expression = e.expression.expression;
  for (let i = 0; i < 12; i++) {
    receiver = skipOuter(receiver);
    if (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression)) {
      const method = receiver.expression.name.text;
      const arg = receiver.arguments[0] && skipOuter(receiver.arguments[0]);
      if ((method === 'from' || method === 'getRepository' || method === 'table' || method === 'model') && arg) {
        if (ts.isIdentifier(arg)) return { name: modelName(arg.text), ref: arg };
        if (ts.isStringLiteralLike(arg)) return { name: arg.text };
      }
      receiver = receiver.expression.expression;
    } else if (ts.isCallExpression(receiver) && ts.isIdentifier(receiver.expression) && receiver.arguments[0]) {
      // getRepository(User).findOne(…), knex('users').where(…).first()
      const arg = skipOuter(receiver.arguments[0]);
      if (ts.isIdentifier(arg)) return { name: modelName(arg.text), ref: arg };
      if (ts.isStringLiteralLike(arg)) return { name: arg.text };
      return undefined;
    } else break;
  }
  if (ts.isPropertyAccessExpression(receiver)) return { name: modelName(receiver.name.text) }; // prisma.customer, this.userRepository, db.query.users
  if (ts.isIdentifier(receiver)) return { name: modelName(receiver.text), ref: receiver }; // User.findOne, users.find
  return undefined;
}

/**
 * A property of a value read from a model: classified with the model's name as owner, or, for a
 * model declared in code under another name (`const clients = pgTable('customers', …)`,
 * `mongoose.model('Lead', …)`, an `@Entity` class), as a person's when that model is one. A model
 * imported from another project file is joined in the project pass (`needsModel`).
 */
function byModelOwner(read: { owner: string; via: string; ref?: ts.Identifier }, key: string, node: ts.Node, ctx: Ctx, via: string[]): PiiItem[] | undefined {
  const direct = classifyProperty(read.owner, key, ctx.knowledge);
  if (direct) return [item(direct, node, ctx, [...via, read.via])];
  if (!read.ref) return undefined;
  const binding = ctx.scope.resolve(read.ref.text, read.ref);
  const local = binding && binding.kind !== 'import' ? ctx.models?.get(read.ref.text) : undefined;
  const imported = binding?.kind === 'import' && /^(?:\.|@\/|~\/|#)/.test(binding.module) ? { specifier: binding.module, exportName: binding.exportName } : undefined;
  if (!(local?.person || imported)) return undefined;
  const asPerson = classifyProperty('user', key, ctx.knowledge);
  if (!asPerson) return undefined;
  const step = local ? `${read.ref.text} is the model ${local.model} (${local.fields.slice(0, 4).join(', ')}${local.fields.length > 4 ? ', …' : ''})` : `${read.ref.text} is a model from ${imported!.specifier}`;
  const found = item(asPerson, node, ctx, [...via, read.via, step]);
  if (imported) found.needsModel = imported;
  return [found];
}

/**
 * The owner of a holder identifier when its name says nothing: the model its value was read
 * from (`const u = await prisma.customer.findUnique(…)`), the collection it iterates
 * (`for (const c of customers)`), or the collection whose callback gets it (`customers.map((c) => …)`).
 */
function inferredOwner(holder: ts.Identifier, ctx: Ctx): { owner: string; via: string; ref?: ts.Identifier } | undefined {
  const binding = ctx.scope.resolve(holder.text, holder);
  const sf = ctx.sourceFile;
  if (binding?.kind === 'variable' && !(binding.propertyPath && binding.propertyPath.length > 0)) {
    const declaration = binding.declaration;
    if (declaration.initializer) {
      const read = modelRead(declaration.initializer);
      return read ? { owner: read.name, via: text(declaration, sf), ref: read.ref } : undefined;
    }
    const list = declaration.parent;
    const loop = list && ts.isVariableDeclarationList(list) ? list.parent : undefined;
    if (loop && ts.isForOfStatement(loop)) {
      const iterated = skipOuter(loop.expression);
      const name = ts.isIdentifier(iterated) ? iterated.text : ts.isPropertyAccessExpression(iterated) ? iterated.name.text : modelOwner(iterated);
      return name ? { owner: modelName(name), via: `for (${text(declaration, sf)} of ${text(loop.expression, sf)})` } : undefined;
    }
    return undefined;
  }
  if (binding?.kind === 'parameter' && !(binding.propertyPath && binding.propertyPath.length > 0)) {
    const name = elementCollection(binding.parameter);
    return name ? { owner: name, via: `${name}.…((${holder.text}) => …)` } : undefined;
  }
  return undefined;
}

/** The collection a callback's first parameter is an element of: `customers` of `customers.map((c) => …)`. */
function elementCollection(parameter: ts.ParameterDeclaration): string | undefined {
  const fn = parameter.parent;
  const call = fn.parent;
  if (fn.parameters[0] !== parameter || !ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression) || !ts.isPropertyAccessExpression(call.expression) || !ELEMENT_CALLBACKS.has(call.expression.name.text)) return undefined;
  const collection = skipOuter(call.expression.expression);
  const name = ts.isIdentifier(collection) ? collection.text : ts.isPropertyAccessExpression(collection) ? collection.name.text : undefined;
  return name ? modelName(name) : undefined;
}

/** A schema as the owner of a value: declared in this file, or imported from another project file (joined in the project pass). */
interface SchemaOwner {
  name: string;
  local?: SchemaFact;
  imported?: { specifier: string; exportName: string };
  via: string;
}

/** Methods whose result is the parsed value (zod `parse`, yup `validateSync`/`cast`); valibot's functions take the schema first. */
const PARSE_METHODS = new Set(['parse', 'parseAsync', 'validateSync', 'cast']);
/** Methods whose result holds the parsed value under a key: zod `safeParse(…).data`, valibot `safeParse(S, …).output`, joi `validate(…).value`. */
const SAFE_PARSE: Readonly<Record<string, string>> = { safeParse: 'data', safeParseAsync: 'data', spa: 'data', validate: 'value' };
const VALIBOT_SAFE: Readonly<Record<string, string>> = { safeParse: 'output', safeParseAsync: 'output' };
/** Type helpers that name a schema's value type: `z.infer<typeof S>`, `yup.InferType<typeof S>`, `v.InferOutput<typeof S>`. */
const INFER_TYPES = new Set(['infer', 'input', 'output', 'TypeOf', 'InferType', 'InferOutput', 'InferInput', 'Output', 'Input', 'Infer']);
const PROJECT_MODULE = /^(?:\.|@\/|~\/|#)/;

/** The schema an identifier names: a schema of this file, or an import from a project file (maybe a schema there). */
function schemaNamed(expression: ts.Expression, ctx: Ctx): SchemaOwner | undefined {
  const e = skipOuter(expression);
  if (!ts.isIdentifier(e)) return undefined;
  const binding = ctx.scope.resolve(e.text, e);
  if (binding?.kind === 'variable' && !binding.propertyPath) {
    const d = binding.declaration;
    const local = ctx.schemas?.find((s) => s.name === e.text && s.span.start >= d.pos && s.span.end <= d.end);
    return local ? { name: e.text, local, via: '' } : undefined;
  }
  if (binding?.kind === 'import' && PROJECT_MODULE.test(binding.module)) return { name: e.text, imported: { specifier: binding.module, exportName: binding.exportName }, via: '' };
  return undefined;
}

/** The schema whose parsed value `expression` is (`Lead.parse(b)`, `Lead.safeParse(b).data`, `v.parse(Lead, b)`, a variable or typed parameter holding one). */
function parsedBy(expression: ts.Expression, ctx: Ctx, depth = 0): SchemaOwner | undefined {
  let e = skipOuter(expression);
  while (ts.isAwaitExpression(e)) e = skipOuter(e.expression);
  if (depth > 4) return undefined;
  const sf = ctx.sourceFile;
  const found = (owner: SchemaOwner | undefined, node: ts.Node): SchemaOwner | undefined => (owner ? { ...owner, via: `${text(node, sf)}: parsed by ${owner.name}` } : undefined);
  if (ts.isCallExpression(e)) {
    const callee = skipOuter(e.expression);
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    if (method === undefined) return undefined;
    // Lead.parse(b) / await Lead.parseAsync(b) / schema.validateSync(b)
    if (ts.isPropertyAccessExpression(callee) && PARSE_METHODS.has(method)) {
      const own = schemaNamed(callee.expression, ctx);
      if (own && !(method === 'parse' && own.local?.library === 'valibot')) return found(own, e);
    }
    // v.parse(Lead, b) / parse(Lead, b) (valibot)
    if ((method === 'parse' || method === 'parseAsync') && e.arguments[0]) {
      const first = schemaNamed(e.arguments[0], ctx);
      if (first && (first.imported || first.local?.library === 'valibot')) return found(first, e);
    }
    return undefined;
  }
  // Lead.safeParse(b).data, v.safeParse(Lead, b).output, schema.validate(b).value (joi); result.data of const result = Lead.safeParse(b)
  if (ts.isPropertyAccessExpression(e)) {
    let inner = skipOuter(e.expression);
    if (ts.isIdentifier(inner)) {
      const held = ctx.scope.resolve(inner.text, inner);
      if (held?.kind !== 'variable' || held.propertyPath || !held.declaration.initializer) return undefined;
      inner = skipOuter(held.declaration.initializer);
    }
    while (ts.isAwaitExpression(inner)) inner = skipOuter(inner.expression);
    return ts.isCallExpression(inner) ? safeResult(inner, e.name.text, ctx, e) : undefined;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const binding = ctx.scope.resolve(e.text, e);
  if (binding?.kind === 'variable' && binding.declaration.initializer) {
    const init = binding.declaration.initializer;
    const path = binding.propertyPath ?? [];
    // const { data } = Lead.safeParse(b)
    if (path.length === 1) {
      let call = skipOuter(init);
      while (ts.isAwaitExpression(call)) call = skipOuter(call.expression);
      return ts.isCallExpression(call) ? safeResult(call, path[0]!, ctx, binding.declaration) : undefined;
    }
    return path.length === 0 ? parsedBy(init, ctx, depth + 1) : undefined;
  }
  if (binding?.kind === 'parameter' && !(binding.propertyPath && binding.propertyPath.length > 0)) return typedBySchema(binding.parameter, ctx);
  return undefined;
}

/** `result.data` of `Lead.safeParse(b)` (key `data`), `.output` of valibot, `.value` of joi `validate`. */
function safeResult(call: ts.CallExpression, key: string, ctx: Ctx, node: ts.Node): SchemaOwner | undefined {
  const callee = skipOuter(call.expression);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  if (method === undefined) return undefined;
  let owner: SchemaOwner | undefined;
  if (ts.isPropertyAccessExpression(callee) && SAFE_PARSE[method] === key) {
    owner = schemaNamed(callee.expression, ctx);
    // joi's validate gives { value, error }; yup's validate gives the value (a promise): only joi here
    if (method === 'validate' && owner?.local && owner.local.library !== 'joi') owner = undefined;
  }
  if (!owner && VALIBOT_SAFE[method] === key && call.arguments[0]) owner = schemaNamed(call.arguments[0], ctx);
  return owner ? { ...owner, via: `${text(node, ctx.sourceFile)}: parsed by ${owner.name}` } : undefined;
}

/** A parameter typed with a schema's value type: `(input: z.infer<typeof Lead>)`, or a local alias of one (`type LeadInput = z.infer<typeof Lead>`). */
function typedBySchema(parameter: ts.ParameterDeclaration, ctx: Ctx): SchemaOwner | undefined {
  let type = parameter.type;
  for (let i = 0; i < 3 && type; i++) {
    if (!ts.isTypeReferenceNode(type)) return undefined;
    const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
    const arg = type.typeArguments?.[0];
    if (INFER_TYPES.has(name) && arg && ts.isTypeQueryNode(arg) && ts.isIdentifier(arg.exprName)) {
      const owner = schemaNamed(arg.exprName, ctx);
      return owner ? { ...owner, via: `${text(parameter, ctx.sourceFile)}: typed by ${owner.name}` } : undefined;
    }
    if (!ts.isIdentifier(type.typeName) || type.typeArguments) return undefined;
    const alias = type.typeName.text;
    const declared = ctx.sourceFile.statements.find((st): st is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(st) && st.name.text === alias);
    type = declared?.type;
  }
  return undefined;
}

/**
 * A property of a value parsed by a schema: classified by the schema's declaration (the forms model's
 * field classification, one classifier). An ambiguous name (`name`, `address`) counts when the
 * schema is a person's record (its name, or declared contact fields); a declared field that is not
 * personal data is not reported; a key the schema does not declare is left to the other owners.
 * A schema imported from another project file is joined in the project pass (`needsModel`).
 */
function schemaPii(owner: SchemaOwner, key: string, node: ts.Node, ctx: Ctx, via: string[]): PiiItem[] | undefined {
  const steps = [...via, owner.via];
  if (owner.imported) {
    const asPerson = classifyProperty('user', key, ctx.knowledge);
    if (!asPerson) return undefined;
    const found = item(asPerson, node, ctx, [...steps, `${owner.name} is a schema from ${owner.imported.specifier}`]);
    found.needsModel = owner.imported;
    return [found];
  }
  const schema = owner.local!;
  const field = schema.fields.find((f) => f.name === key);
  if (!field) return undefined;
  const c = field.classification;
  let match: PersonalDataMatch | undefined = c ? { kind: c.kind, category: c.category as PersonalDataMatch['category'], confidence: c.confidence, word: c.word } : field.inputType === 'email' ? { kind: 'email', category: 'contact', confidence: 'medium', word: 'email()' } : undefined;
  if (!match) return [];
  if (match.confidence === 'medium') {
    // an ambiguous name in a schema that is not a person's record: the other owners decide
    if (!isPersonRecord([schema.name], schema.fields.map((f) => f.name), ctx.knowledge)) return undefined;
    match = classifyProperty('user', key, ctx.knowledge) ?? match;
  }
  return [item(match, node, ctx, [...steps, `${schema.name ?? 'the schema'} declares ${key}`])];
}

/** `?email=${x}` / `'&em=' + x`: the query parameter's name says what the value is. */
function queryParam(before: string, value: ts.Expression, ctx: Ctx, depth: number, via: string[]): PiiItem[] {
  const inner = piiOf(value, 'properties', ctx, depth + 1, via);
  if (inner.length > 0) return inner;
  const param = /[?&;]([\w.$[\]-]+)=$/.exec(before)?.[1];
  if (!param || isLiteral(skipOuter(value))) return [];
  const match = ctx.keys[param] ? classifyKey(param, 'advanced-matching', ctx) : classifyName(param, ctx.knowledge);
  return match && match.confidence === 'high' ? [item(match, value, ctx, [...via, `sent as the URL parameter "${param}"`])] : [];
}

function objectPii(object: ts.ObjectLiteralExpression, role: DataParamRole, ctx: Ctx, depth: number, via: string[]): PiiItem[] {
  const sf = ctx.sourceFile;
  const out: PiiItem[] = [];
  for (const member of object.properties) {
    if (ts.isSpreadAssignment(member)) {
      const inner = piiOf(member.expression, role, ctx, depth + 1, via);
      const spread = skipOuter(member.expression);
      // { ...user }: the whole person object
      const name = ts.isIdentifier(spread) ? spread.text : ts.isPropertyAccessExpression(spread) ? spread.name.text : undefined;
      if (inner.length === 0 && name && isPersonObject(name, ctx)) {
        out.push({ kind: 'profile', category: 'identity', confidence: 'medium', hashed: false, text: text(member, sf), span: spanOf(member, sf), remove: removalOf(member, sf), via });
      }
      for (const i of inner) out.push({ ...i, span: spanOf(member, sf), text: text(member, sf), remove: removalOf(member, sf) });
      continue;
    }
    if (!ts.isPropertyAssignment(member) && !ts.isShorthandPropertyAssignment(member)) continue;
    const key = keyName(member.name);
    if (key === undefined || ctx.ignoreKeys?.has(key)) continue;
    const value = ts.isPropertyAssignment(member) ? member.initializer : member.name;
    if (isLiteral(skipOuter(value))) {
      const literal = ts.isStringLiteralLike(skipOuter(value)) ? classifyLiteral((skipOuter(value) as ts.StringLiteralLike).text) : undefined;
      if (literal) out.push({ ...item(literal, member, ctx, via), remove: removalOf(member, sf) });
      continue;
    }
    const keyMatch = classifyKey(key, role, ctx);
    // { userId, traits: { … } } (server SDKs), posthog's $set: the nested object describes the person
    const nestedRole: DataParamRole = PERSON_KEYS.has(key) ? 'traits' : ts.isObjectLiteralExpression(skipOuter(value)) ? role : role === 'advanced-matching' || role === 'traits' ? role : 'properties';
    const inner = piiOf(value, nestedRole, ctx, depth + 1, via);
    const hashedValue = inner.some((i) => i.hashed) || isHashCall(skipOuter(value));
    if (ts.isObjectLiteralExpression(skipOuter(value))) {
      out.push(...inner);
      continue;
    }
    // { id: userEmail }: an id key holding contact data is that data (an error monitor keeps an id, not an email)
    const idHoldingData = keyMatch !== undefined && (keyMatch.kind === 'userId' || keyMatch.kind === 'deviceId') && inner.some((i) => i.kind !== 'userId' && i.kind !== 'deviceId');
    if (keyMatch && !idHoldingData && (keyMatch.confidence === 'high' || inner.length > 0)) {
      const confidence = keyMatch.confidence === 'high' || inner.some((i) => i.confidence === 'high') ? 'high' : 'medium';
      out.push({ ...item({ ...keyMatch, confidence }, member, ctx, via, hashedValue), remove: removalOf(member, sf) });
    } else if (inner.length > 0) {
      const v = skipOuter(value);
      if (ts.isIdentifier(v) || ts.isPropertyAccessExpression(v) || ts.isElementAccessExpression(v)) {
        // { contact: traits }: the member carries it; removing the member removes the data
        for (const i of inner) out.push({ ...i, span: spanOf(member, sf), text: text(member, sf), remove: removalOf(member, sf) });
      } else out.push(...inner); // body: JSON.stringify({ … }): report the data where it is written
    }
  }
  return out;
}

/** `user`, `customer`, `currentUser`, `req.user`: an object that is a person. */
function isPersonObject(name: string, ctx: Ctx): boolean {
  const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  const head = parts[parts.length - 1]!;
  return ctx.knowledge.personalData.personOwners.has(head) && !['me', 'current', 'auth', 'billing', 'shipping', 'delivery', 'address', 'account', 'client', 'owner'].includes(head);
}

function identifierPii(id: ts.Identifier, role: DataParamRole, ctx: Ctx, depth: number, via: string[]): PiiItem[] {
  if (id.text === 'undefined' || ctx.ignoreKeys?.has(id.text)) return [];
  const own = classifyName(id.text, ctx.knowledge);
  const binding = ctx.scope.resolve(id.text, id);
  if (binding?.kind === 'variable') {
    const declaration = binding.declaration;
    const base = variablePii(id, binding, own, role, ctx, depth, via);
    return [...base, ...writesPii(id, declaration, role, ctx, depth, via)];
  }
  if (binding?.kind === 'parameter') {
    const parameter = binding.parameter;
    const fn = parameter.parent as ts.SignatureDeclaration;
    if (binding.propertyPath && binding.propertyPath.length > 0) {
      // ({ email }) / ({ address, chainId }): the owner is unknown, so only unambiguous names count
      const key = binding.propertyPath[binding.propertyPath.length - 1]!;
      const match = classifyName(key, ctx.knowledge);
      if (match && match.confidence === 'high') return [item(match, id, ctx, via)];
      // ({ name }: z.infer<typeof Lead>): the schema's field
      const typed = binding.propertyPath.length === 1 ? typedBySchema(parameter, ctx) : undefined;
      const bySchema = typed && schemaPii(typed, key, id, ctx, via);
      if (bySchema) return bySchema;
      // customers.map(({ name }) => …): the collection is the owner
      const collection = elementCollection(parameter);
      const byCollection = collection && classifyProperty(collection, key, ctx.knowledge);
      return byCollection ? [item(byCollection, id, ctx, [...via, `an element of ${collection}`])] : [];
    }
    const index = fn.parameters.indexOf(parameter);
    if (index >= 0) ctx.params.push({ fn, index });
    // function send(payload) { payload.email = user.email; track('x', payload) }: written into the parameter
    return [...(own ? [item(own, id, ctx, via)] : []), ...writesPii(id, parameter, role, ctx, depth, via)];
  }
  return own ? [item(own, id, ctx, via)] : [];
}

type VariableBinding = Extract<NonNullable<ReturnType<ScopeResolver['resolve']>>, { kind: 'variable' }>;

/** A variable's data from its declaration: destructured from a person, or its initializer. */
function variablePii(id: ts.Identifier, binding: VariableBinding, own: PersonalDataMatch | undefined, role: DataParamRole, ctx: Ctx, depth: number, via: string[]): PiiItem[] {
  const sf = ctx.sourceFile;
  const declaration = binding.declaration;
  if (binding.propertyPath && binding.propertyPath.length > 0) {
    // const { email } = user  /  const { contact: { phone } } = order
    const init = declaration.initializer;
    // const { name } = await prisma.customer.findUnique(…): the model is the owner
    const read = init ? modelRead(init) : undefined;
    const owner = init ? [read?.name ?? init.getText(sf), ...binding.propertyPath.slice(0, -1)].join('.') : undefined;
    const key = binding.propertyPath[binding.propertyPath.length - 1]!;
    const match = classifyProperty(owner, key, ctx.knowledge) ?? own;
    if (match) return [item(match, id, ctx, [...via, `${text(declaration, sf)}`])];
    // const { name } = Lead.parse(req.body): the schema's field
    const parsed = init && binding.propertyPath.length === 1 ? parsedBy(init, ctx) : undefined;
    const bySchema = parsed && schemaPii(parsed, key, id, ctx, [...via, text(declaration, sf)]);
    if (bySchema) return bySchema;
    const byModel = read && binding.propertyPath.length === 1 ? byModelOwner({ owner: read.name, via: text(declaration, sf), ref: read.ref }, key, id, ctx, via) : undefined;
    return byModel ?? [];
  }
  if (own && own.confidence === 'high') return [item(own, id, ctx, via)];
  const init = declaration.initializer;
  if (init && !ctx.seen.has(declaration) && !ts.isFunctionLike(init)) {
    ctx.seen.add(declaration);
    const inner = piiOf(init, role, ctx, depth + 1, [...via, text(declaration, sf)]);
    ctx.seen.delete(declaration);
    if (inner.length > 0) return inner.map((i) => ({ ...i, span: spanOf(id, sf), text: id.text, remove: undefined }));
  }
  return own ? [item(own, id, ctx, via)] : [];
}

/** The identifier a write targets: `e` of `e = …`, `payload` of `payload.email = …`, of `Object.assign(payload, …)`. */
function writeTarget(write: ts.BinaryExpression | ts.CallExpression): ts.Identifier | undefined {
  let e = skipOuter(ts.isBinaryExpression(write) ? write.left : write.arguments[0]!);
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = skipOuter(e.expression);
  return ts.isIdentifier(e) ? e : undefined;
}

/**
 * Writes a local helper makes into the object it is given: `addContact(payload, user)` before
 * `track('x', payload)`, where `function addContact(p, u) { p.email = u.email }`.
 */
function helperWritesPii(id: ts.Identifier, declaration: ts.VariableDeclaration | ts.ParameterDeclaration, at: number, role: DataParamRole, ctx: Ctx, depth: number, via: string[]): PiiItem[] {
  const out: PiiItem[] = [];
  const sf = ctx.sourceFile;
  for (const call of ctx.argUses?.get(id.text) ?? []) {
    if (call.getStart(sf) >= at || ctx.seen.has(call) || !ts.isIdentifier(call.expression)) continue;
    const index = call.arguments.findIndex((a) => {
      const e = skipOuter(a);
      if (!ts.isIdentifier(e) || e.text !== id.text) return false;
      const bound = ctx.scope.resolve(e.text, e);
      return (bound?.kind === 'variable' ? bound.declaration : bound?.kind === 'parameter' ? bound.parameter : undefined) === declaration;
    });
    if (index < 0) continue;
    const binding = ctx.scope.resolve(call.expression.text, call.expression);
    const init = binding?.kind === 'variable' ? binding.declaration.initializer && skipOuter(binding.declaration.initializer) : undefined;
    const fn = binding?.kind === 'function' ? binding.node : init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
    const parameter = fn?.parameters[index];
    if (!parameter || !ts.isIdentifier(parameter.name)) continue;
    ctx.seen.add(call);
    out.push(...writesPii(parameter.name, parameter, role, ctx, depth + 1, [...via, `${text(call, sf)} before \`${id.text}\` is sent`], { name: call.expression.text, call }));
    ctx.seen.delete(call);
  }
  return out;
}

/** Loops (of the use's function) around `node`, innermost first. */
function loopsAround(node: ts.Node): ts.IterationStatement[] {
  const out: ts.IterationStatement[] = [];
  for (let n: ts.Node | undefined = node.parent; n && !ts.isFunctionLike(n) && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isIterationStatement(n, false)) out.push(n);
  }
  return out;
}

const within = (outer: ts.Node, inner: ts.Node): boolean => inner.pos >= outer.pos && inner.end <= outer.end;

/**
 * Data written into a local variable or parameter before its use: `e = e.trim()` (a new value),
 * `url += '&em=' + email` (an added part), `payload.email = user.email` / `payload['email'] = …`
 * (a member), `Object.assign(payload, { email })`. A write after the use in the text counts only
 * inside a loop around both that the variable outlives (the next round sends it).
 */
function writesPii(id: ts.Identifier, declaration: ts.VariableDeclaration | ts.ParameterDeclaration, role: DataParamRole, ctx: Ctx, depth: number, via: string[], helper?: { name: string; call: ts.CallExpression }): PiiItem[] {
  if (depth > MAX_DEPTH) return [];
  const sf = ctx.sourceFile;
  // inside a helper the caller passed the object to, every write of the helper happens before the caller's use
  const at = helper ? Number.POSITIVE_INFINITY : id.getStart(sf);
  const out: PiiItem[] = helper ? [] : helperWritesPii(id, declaration, at, role, ctx, depth, via);
  const writes = ctx.writes?.get(id.text);
  if (!writes) return out;
  let loops: ts.IterationStatement[] | undefined;
  for (const write of writes) {
    if (ctx.seen.has(write)) continue;
    // a helper's new value for its own parameter (`p = {}`) does not reach the caller's object
    if (helper && ts.isBinaryExpression(write) && ts.isIdentifier(skipOuter(write.left))) continue;
    const after = write.getStart(sf) >= at;
    // for (const u of users) { track('x', props); props.email = u.email }: the next round sends what this one wrote
    if (after && !(loops ??= loopsAround(id)).some((loop) => within(loop, write) && !within(loop, declaration))) continue;
    const target = writeTarget(write);
    const bound = target && ctx.scope.resolve(target.text, target);
    const boundTo = bound?.kind === 'variable' ? bound.declaration : bound?.kind === 'parameter' ? bound.parameter : undefined;
    if (boundTo !== declaration) continue;
    ctx.seen.add(write);
    const step = [...via, helper ? `${text(write, sf)} in ${helper.name}(), called with the object before it is sent` : after ? `${text(write, sf)} in the loop that sends \`${id.text}\`` : `${text(write, sf)} before \`${id.text}\` is sent`];
    if (ts.isCallExpression(write)) {
      for (const source of write.arguments.slice(1)) out.push(...piiOf(source, role, ctx, depth + 1, step));
    } else {
      const left = skipOuter(write.left);
      const value = write.right;
      if (ts.isIdentifier(left)) {
        // e = e.trim(): the new value; url += '&em=' + email: the added part (a query parameter's name tells its kind)
        for (const i of piiOf(value, role, ctx, depth + 1, step)) out.push({ ...i, span: spanOf(id, sf), text: id.text, remove: undefined });
      } else {
        const key = ts.isPropertyAccessExpression(left) ? left.name.text : ts.isElementAccessExpression(left) && ts.isStringLiteralLike(left.argumentExpression) ? left.argumentExpression.text : undefined;
        const v = skipOuter(value);
        if (key !== undefined && isLiteral(v)) {
          const literal = ts.isStringLiteralLike(v) ? classifyLiteral(v.text) : undefined;
          if (literal) out.push(item(literal, write, ctx, step));
        } else if (key !== undefined) {
          const keyMatch = classifyKey(key, role, ctx);
          const nestedRole: DataParamRole = PERSON_KEYS.has(key) ? 'traits' : role === 'advanced-matching' || role === 'traits' ? role : 'properties';
          const inner = piiOf(value, nestedRole, ctx, depth + 1, step);
          const hashedValue = inner.some((i) => i.hashed) || isHashCall(v);
          if (keyMatch && !ts.isObjectLiteralExpression(v) && (keyMatch.confidence === 'high' || inner.length > 0)) {
            const confidence = keyMatch.confidence === 'high' || inner.some((i) => i.confidence === 'high') ? 'high' : 'medium';
            out.push(item({ ...keyMatch, confidence }, write, ctx, step, hashedValue));
          } else if (ts.isObjectLiteralExpression(v)) out.push(...inner);
          else for (const i of inner) out.push({ ...i, span: spanOf(write, sf), text: text(write, sf), remove: undefined });
        }
      }
    }
    ctx.seen.delete(write);
  }
  return out;
}

function isHashCall(e: ts.Expression): boolean {
  if (!ts.isCallExpression(e)) return false;
  const path = pathOf(e.expression) ?? [];
  const last = ts.isPropertyAccessExpression(e.expression) ? e.expression.name.text : path[path.length - 1] ?? '';
  if (HASH_CALL.test(last)) return true;
  // createHash('sha256').update(email).digest('hex')
  let inner: ts.Expression = e.expression;
  for (let i = 0; i < 8; i++) {
    if (ts.isIdentifier(inner)) return /^(createHash|createHmac)$/.test(inner.text);
    if (ts.isPropertyAccessExpression(inner)) {
      if (/^(createHash|createHmac|digest)$/.test(inner.name.text)) return true;
      inner = inner.expression;
    } else if (ts.isCallExpression(inner)) inner = inner.expression;
    else return false;
  }
  return false;
}

function callPii(call: ts.CallExpression | ts.NewExpression, role: DataParamRole, ctx: Ctx, depth: number, via: string[]): PiiItem[] {
  const args = call.arguments ?? [];
  const callee = call.expression;
  const last = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (ts.isCallExpression(call) && isHashCall(call)) {
    // sha256(email) / createHash('sha256').update(email).digest('hex') / crypto.subtle.digest('SHA-256', enc.encode(email))
    const inputs: ts.Expression[] = [...args];
    for (let inner: ts.Expression = callee; ts.isPropertyAccessExpression(inner) || ts.isCallExpression(inner); inner = ts.isPropertyAccessExpression(inner) ? inner.expression : inner.expression) {
      if (ts.isCallExpression(inner)) inputs.push(...inner.arguments);
    }
    return inputs.flatMap((a) => piiOf(a, role, ctx, depth + 1, via)).map((i) => ({ ...i, hashed: true, via: [...i.via, `hashed by ${text(callee, ctx.sourceFile)}()`] }));
  }
  if (PASS_THROUGH.has(last)) {
    const receiver = ts.isPropertyAccessExpression(callee) ? [callee.expression] : [];
    return [...receiver, ...args].flatMap((a) => piiOf(a, role, ctx, depth + 1, via));
  }
  if (ts.isNewExpression(call) && ts.isIdentifier(callee) && (callee.text === 'URLSearchParams' || callee.text === 'URL')) return args.flatMap((a) => piiOf(a, 'properties', ctx, depth + 1, via));
  // new services.UploadClickConversionsRequest({ conversions }): a data object wrapped in a class keeps its data
  if (ts.isNewExpression(call) && args.some((a) => ts.isObjectLiteralExpression(skipOuter(a)))) return args.flatMap((a) => (ts.isObjectLiteralExpression(skipOuter(a)) ? piiOf(a, role, ctx, depth + 1, via) : []));
  // a local helper's return value: function toTraits(u) { return { email: u.email } }
  if (ts.isCallExpression(call) && ts.isIdentifier(callee)) {
    const binding = ctx.scope.resolve(callee.text, callee);
    const fn = binding?.kind === 'function' ? binding.node : binding?.kind === 'variable' && binding.declaration.initializer && ts.isArrowFunction(skipOuter(binding.declaration.initializer)) ? (skipOuter(binding.declaration.initializer) as ts.ArrowFunction) : undefined;
    if (fn && !ctx.seen.has(fn)) {
      ctx.seen.add(fn);
      const returned = returnsOf(fn).flatMap((r) => piiOf(r, role, ctx, depth + 1, [...via, `returned by ${callee.text}()`]));
      ctx.seen.delete(fn);
      return returned.map((i) => ({ ...i, span: spanOf(call, ctx.sourceFile), text: text(call, ctx.sourceFile), remove: undefined }));
    }
  }
  return [];
}

/** The returned expressions of a function (not of nested functions). */
function returnsOf(fn: ts.SignatureDeclaration): ts.Expression[] {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const out: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) out.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

/** Which arguments of this sink carry user data, and in which role. */
function argumentRoles(sink: FlowSink, call: ts.CallExpression, ctx: Ctx): { index: number; role: DataParamRole }[] {
  const params = trackerDataParams(sink.vendor.id);
  const path = pathOf(call.expression) ?? [];
  const method = path.slice(1).join('.');
  const first = call.arguments[0];
  const firstArg = first && ts.isStringLiteralLike(skipOuter(first)) ? (skipOuter(first) as ts.StringLiteralLike).text : undefined;
  // _learnq.push(['identify', {…}]), _hsq.push(['identify', {…}]): the command heads the array
  const head = first && ts.isArrayLiteralExpression(first) && first.elements[0] && ts.isStringLiteralLike(first.elements[0]) ? first.elements[0].text : undefined;
  if (params) {
    for (const spec of params.calls) {
      if (spec.method !== undefined && spec.method !== method && !(sink.form === 'global-call' && path.join('.') === spec.method)) continue;
      if (spec.firstArg !== undefined && spec.firstArg !== firstArg && spec.firstArg !== head) continue;
      return spec.args.map((a) => ({ index: a.index, role: a.role }));
    }
  }
  // default: every argument after a leading command string
  return call.arguments.map((_, index) => ({ index, role: 'properties' as DataParamRole })).filter((a) => !(a.index === 0 && firstArg !== undefined));
}

/**
 * The value under `path` in an options object (`initialScope.user` of `Sentry.init({ initialScope: { user } })`),
 * following consts that hold objects; undefined when the path leads elsewhere (a function, a call).
 */
function atPath(expression: ts.Expression, path: readonly string[], scope: ScopeResolver): ts.Expression | undefined {
  let e: ts.Expression = expression;
  for (const key of path) {
    const object = objectLiteralOf(e, scope);
    const member = object?.properties.find((p) => p.name && keyName(p.name) === key);
    if (!member) return undefined;
    if (ts.isPropertyAssignment(member)) e = member.initializer;
    else if (ts.isShorthandPropertyAssignment(member)) e = member.name;
    else return undefined;
  }
  return e;
}

/** Output of the flows pass for one file. */
export interface FlowFacts {
  flows: PiiFlow[];
  summaries: PiiSummary[];
  calls: PiiCall[];
  marketingTexts: MarketingText[];
}

const MAX_CLIMB = 12;

/** Whether a name is about marketing, memoised per catalogue set (names repeat across a file and between edits). */
const marketingNameMemo = derived(() => new Map<string, boolean>());

/** Any marketing word anywhere in a lower-case, umlaut-folded text (a cheap test before the per-string search). */
const marketingWordPattern = derived(() => new RegExp([...marketingWords()].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')));

/** A text folded as {@link splitWords} folds names (umlauts, then lower case). */
function foldedText(text: string): string {
  return text.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue').replace(/ß/g, 'ss').toLowerCase();
}

function isMarketingName(name: string): boolean {
  const memo = marketingNameMemo();
  let hit = memo.get(name);
  if (hit === undefined) {
    hit = splitWords(name).some((w) => marketingWords().has(w));
    if (memo.size >= 20_000) memo.clear();
    memo.set(name, hit);
  }
  return hit;
}

/** The marketing name a node itself carries (declaration, key, call or JSX attribute), if any. */
function ownMarketingName(n: ts.Node, sf: ts.SourceFile): string | undefined {
  let name: string | undefined;
  if ((ts.isVariableDeclaration(n) || ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isClassDeclaration(n) || ts.isPropertyAssignment(n) || ts.isPropertyDeclaration(n)) && n.name && (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name))) name = n.name.text;
  else if (ts.isCallExpression(n)) name = pathOf(n.expression)?.join('.');
  else if (ts.isJsxAttribute(n)) name = n.name.getText(sf);
  return name && isMarketingName(name) ? name : undefined;
}

/** A name of a declaration, key, call or element that encloses `node` and is about marketing (`own` memoises each ancestor's answer for one file). */
function marketingName(node: ts.Node, sf: ts.SourceFile, own: Map<ts.Node, string | null>): string | undefined {
  let n: ts.Node | undefined = node.parent;
  for (let i = 0; n && i < MAX_CLIMB && !ts.isSourceFile(n); i++, n = n.parent) {
    let name = own.get(n);
    if (name === undefined) {
      name = ownMarketingName(n, sf) ?? null;
      own.set(n, name);
    }
    if (name !== null) return name;
  }
  return undefined;
}

/** Start of the nearest enclosing object literal, else statement. */
function groupOf(node: ts.Node, sf: ts.SourceFile): number {
  for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isObjectLiteralExpression(n) || ts.isStatement(n)) return n.getStart(sf);
  }
  return node.getStart(sf);
}

/** Texts of a subtree: string and template texts, keys and names. */
function textsIn(root: ts.Node, sf: ts.SourceFile, out: { node: ts.Node; text: string }[]): void {
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node)) out.push({ node, text: node.text });
    else if (ts.isTemplateExpression(node)) out.push({ node, text: [node.head.text, ...node.templateSpans.map((t) => t.literal.text)].join(' ') });
    else if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) out.push({ node, text: node.text });
    if (out.length < 500) ts.forEachChild(node, visit);
  };
  visit(root);
}

/**
 * A test "inside one of these spans" in O(log n): the spans are syntax nodes (nested or apart),
 * so a span inside any of them is inside the union's piece that starts at or before it.
 */
function coveredBy(spans: readonly Span[]): (span: Span) => boolean {
  const pieces: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = pieces[pieces.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else pieces.push({ start: s.start, end: s.end });
  }
  return (span) => {
    let lo = 0;
    let hi = pieces.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (pieces[mid]!.start <= span.start) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && span.end <= pieces[found]!.end;
  };
}

/** Marketing texts: everything in tracker calls' arguments, and strings under a marketing name or in a marketing-named file. */
function findMarketingTexts(sinks: readonly FlowSink[], strings: readonly ts.Node[], sf: ts.SourceFile): MarketingText[] {
  const out: MarketingText[] = [];
  const covered: Span[] = [];
  for (const sink of sinks) {
    if (!ts.isCallExpression(sink.node) && !ts.isBinaryExpression(sink.node)) continue;
    const args = ts.isCallExpression(sink.node) ? sink.node.arguments : [sink.node.right];
    const texts: { node: ts.Node; text: string }[] = [];
    for (const a of args) textsIn(a, sf, texts);
    for (const t of texts) out.push({ text: t.text, span: spanOf(t.node, sf), context: 'tracker', evidence: `${sink.vendor.name} (${sink.label})`, group: groupOf(t.node, sf) });
    covered.push(spanOf(sink.node, sf));
  }
  // the file's own name only (`segments.ts`, `retargeting.ts`): folder names far up say little about one file
  const fileWords = splitWords(sf.fileName.split(/[\\/]/).pop()!.replace(/\.[a-z]+$/i, ''));
  const fileHit = fileWords.find((w) => marketingWords().has(w));
  // every marketing name is a piece of the file's text: a file without any marketing word (most
  // files) has no string under a marketing name, and without a marketing file name none at all
  if (!fileHit && !marketingWordPattern().test(foldedText(sf.text))) return out;
  const own = new Map<ts.Node, string | null>();
  const inTrackerCall = coveredBy(covered);
  for (const node of strings) {
    // the cheap tests first: JSX layout whitespace is most of a page's text nodes
    const value = ts.isStringLiteralLike(node) ? node.text : ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((t) => t.literal.text)].join(' ') : ts.isJsxText(node) ? node.text : '';
    if (value.trim() === '' || ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent)) continue;
    const span = spanOf(node, sf);
    if (inTrackerCall(span)) continue;
    const name = marketingName(node, sf, own);
    if (name) out.push({ text: value, span, context: 'name', evidence: name, group: groupOf(node, sf) });
    else if (fileHit) out.push({ text: value, span, context: 'file', evidence: fileHit, group: groupOf(node, sf) });
  }
  return out;
}

/** Personal data reaching the file's sinks; summaries of exported functions; calls of imported helpers with personal data. */
export function findPiiFlows(
  sinks: readonly FlowSink[],
  importedCalls: readonly { call: ts.CallExpression; specifier: string; exportName: string }[],
  sourceFile: ts.SourceFile,
  scope: ScopeResolver,
  knowledge: Knowledge,
  strings: readonly ts.Node[] = [],
  writes?: Ctx['writes'],
  models?: Ctx['models'],
  schemas?: Ctx['schemas'],
  argUses?: Ctx['argUses'],
): FlowFacts {
  const flows: PiiFlow[] = [];
  const summaries = new Map<string, PiiSummary>();
  for (const sink of sinks) {
    const params = trackerDataParams(sink.vendor.id);
    const ctx: Ctx = { sourceFile, scope, knowledge, keys: params?.keys ?? {}, params: [], seen: new Set(), writes, models, schemas, argUses, ignoreKeys: sink.ignoreKeys ? new Set(sink.ignoreKeys) : undefined };
    const sinkInfo: PiiSinkInfo = {
      vendorId: sink.vendor.id,
      vendorName: sink.vendor.name,
      vendorKind: sink.vendor.kind,
      adPlatform: params?.adPlatform === true || sink.vendor.kind === 'advertising',
      form: sink.form,
      label: sink.label,
      span: sink.span,
      host: sink.host,
    };
    if (sink.recipient) sinkInfo.recipient = sink.recipient;
    const node = sink.node;
    let args: { expression: ts.Expression; role: DataParamRole; kind?: string; hashed?: boolean }[] = [];
    if (ts.isNewExpression(node)) {
      // new Rollbar({ payload: { person } }): SDK sinks made by a constructor (facts/sdk-sinks.ts)
      args = (sink.args ?? []).flatMap((a) => {
        const at = node.arguments?.[a.index] && atPath(node.arguments[a.index]!, a.path ?? [], scope);
        return at ? [{ ...a, expression: at }] : [];
      });
    } else if (ts.isCallExpression(node)) {
      const roles: { index: number; role: DataParamRole; path?: string[] }[] = sink.args ?? argumentRoles(sink, node, ctx);
      args = roles.flatMap((a) => {
        const at = node.arguments[a.index] && (a.path ? atPath(node.arguments[a.index]!, a.path, scope) : node.arguments[a.index]);
        return at ? [{ ...a, expression: at }] : [];
      });
      // server SDKs take one options object (`client.identify({ userId, traits })`, `posthog.capture({ distinctId, properties })`)
      if (args.length === 0 && !sink.args && node.arguments.length === 1 && ts.isObjectLiteralExpression(skipOuter(node.arguments[0]!))) args = [{ expression: node.arguments[0]!, role: 'properties' }];
    } else if (ts.isBinaryExpression(node)) {
      args = [{ expression: node.right, role: 'properties' }]; // img.src = `https://…/tr?ud[em]=${email}`
    }
    for (const { expression, role, kind, hashed } of args) {
      let items = piiOf(expression, role, ctx);
      const fixedKind = kind ?? (role === 'user-id' ? 'userId' : undefined);
      const value = skipOuter(expression);
      const constant = isLiteral(value) || (ts.isIdentifier(value) && value.text === 'undefined') || (ts.isArrayLiteralExpression(value) && value.elements.every((el) => isLiteral(skipOuter(el as ts.Expression))));
      if (fixedKind && items.length === 0 && !constant && !ts.isObjectLiteralExpression(value)) {
        // Bugsnag.setUser(id, email, name), new UserData().setEmail(x): the parameter says what the value is
        const category = classifyName(fixedKind, knowledge)?.category ?? (fixedKind === 'userId' ? 'online-identifier' : 'contact');
        items = [{ kind: fixedKind, category, confidence: 'high', hashed: false, text: text(expression, sourceFile), span: spanOf(expression, sourceFile), via: [] }];
      }
      if (hashed) items = items.map((i) => ({ ...i, hashed: true, via: [...i.via, `${sink.label}() hashes the value with SHA-256 before sending`] }));
      if (items.length > 0) flows.push({ sink: sinkInfo, role, items });
    }
    // exported helpers: which parameter reaches this sink
    for (const mark of ctx.params) {
      const names = exportNamesOf(mark.fn, functionName(mark.fn), sourceFile);
      for (const exportName of names) {
        const summary = summaries.get(exportName) ?? { exportName, params: [] };
        if (!summary.params.some((p) => p.index === mark.index && p.sink.vendorId === sinkInfo.vendorId)) summary.params.push({ index: mark.index, sink: sinkInfo });
        summaries.set(exportName, summary);
      }
    }
  }
  const calls: PiiCall[] = [];
  for (const { call, specifier, exportName } of importedCalls) {
    const ctx: Ctx = { sourceFile, scope, knowledge, keys: {}, params: [], seen: new Set(), writes, models, schemas, argUses };
    const args = call.arguments.map((a, index) => ({ index, items: piiOf(a, 'properties', ctx) })).filter((a) => a.items.length > 0);
    if (args.length > 0) calls.push({ specifier, exportName, span: spanOf(call, sourceFile), args });
  }
  return { flows, summaries: [...summaries.values()], calls, marketingTexts: findMarketingTexts(sinks, strings, sourceFile) };
}
