/**
 * Data-handling facts, collected inside the one syntax walk (`findSinks` calls the hooks
 * below for the node kinds it visits): mail transports and their TLS settings, requests to
 * plain `http://` hosts, third-party data sources (enrichment and broker APIs, ad-platform
 * customer-list uploads, bought lists), processors the file uses and the erasure calls it
 * makes, and the functions that delete or anonymise a person (with the helpers they call),
 * for the project pass of `erasure-not-propagated`.
 */
// A local alias: one property read at load instead of two getter calls per `ts.` use.
import { urlPattern } from './url-pattern';
import { ts as morphTs } from 'ts-morph';
import ts = morphTs;
import type { Knowledge } from '../knowledge';
import { endpointMatches } from '../knowledge/processors';
import type { DataSourceEntry, ProcessorEntry } from '../knowledge/types';
import { pathOf, skipOuter } from './consent';
import { requiredModule, type ScopeResolver } from './scope';
import type { DataHandlingFacts, FunctionSummary, ModelFact, SdkSettingFact, Span } from './types';
import { isPersonRecord } from './personal-data';
import { matchSdkSetting, matchSdkSink, sdkSinkForUrl, type SdkSinkArg, type SdkSinkEntry } from './sdk-sinks';
import type { FlowSink } from './flows';

/** SMTP client libraries and how their transport is created. */
const MAIL_LIBRARIES = new Set(['nodemailer', 'nodemailer-smtp-transport', 'emailjs', '@nestjs-modules/mailer']);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0', 'mailhog', 'mailpit', 'maildev', 'smtp4dev', 'mailcatcher', 'inbucket', 'host.docker.internal']);
const HTTP_VERBS = new Map([['get', 'GET'], ['post', 'POST'], ['put', 'PUT'], ['patch', 'PATCH'], ['delete', 'DELETE'], ['del', 'DELETE']]);
const READ_CALLS = new Set(['readFileSync', 'readFile', 'createReadStream', 'fromFile', 'readJson', 'readJsonSync', 'readJSON', 'require', 'join', 'resolve', 'parse', 'open', 'load', 'loadCsv', 'readCsv', 'importCsv', 'import']);

// Deletion vocabulary (English and German, umlauts folded): a verb and a subject in the name.
const DELETE_VERBS = ['delete', 'deletion', 'remove', 'removal', 'destroy', 'erase', 'erasure', 'forget', 'purge', 'anonymize', 'anonymise', 'anonymization', 'anonymisation', 'wipe', 'loeschen', 'loesche', 'loeschung', 'entfernen', 'anonymisieren'];
// `member` is left out: deleteMember / removeMember almost always ends a team membership, not a person;
// `contact` too: in most apps contacts are the customers' address books (survey respondents, CRM
// entries of the app's tenants), which the app's own processors never received.
const SUBJECTS = ['user', 'users', 'customer', 'customers', 'account', 'accounts', 'subscriber', 'subscribers', 'profile', 'profiles', 'person', 'persons', 'people', 'me', 'kunde', 'kunden', 'kundin', 'konto', 'konten', 'nutzer', 'benutzer', 'nutzerkonto', 'benutzerkonto', 'kundenkonto', 'abonnent', 'abonnenten'];
/** Table / model names of people (deleting a row is deleting the person); join tables (`projectUsers`) are not. */
const PERSON_MODELS = ['user', 'users', 'customer', 'customers', 'subscriber', 'subscribers', 'person', 'persons', 'people', 'profile', 'profiles', 'kunde', 'kunden', 'nutzer', 'benutzer', 'abonnent', 'abonnenten'];
/** Words that may precede a person model without making it a join table (`appUser`, `newsletterSubscriber`). */
const PERSON_MODEL_PREFIXES = ['app', 'end', 'shop', 'site', 'newsletter', 'mailing', 'email', 'web', 'platform', 'auth', 'registered', 'guest', 'b2b', 'b2c', 'stripe', 'all'];
const FILLER = new Set(['handle', 'handler', 'on', 'do', 'api', 'route', 'controller', 'service', 'action', 'request', 'req', 'async', 'by', 'id', 'ids', 'with', 'and', 'the', 'my', 'own', 'for', 'permanently', 'permanent', 'completely', 'hard', 'soft', 'gdpr', 'dsgvo', 'data', 'daten', 'endpoint', 'mutation', 'fn', 'one', 'many', 'all', 'and', 'record', 'records', 'entirely', 'request', 'job', 'task', 'worker', 'process', 'perform', 'execute', 'run', 'mein', 'meine', 'dein', 'admin', 'self', 'current', 'email', 'uid']);
/** Calls that declare a data model with a name and its fields. */
const MODEL_FACTORIES = new Set(['pgTable', 'mysqlTable', 'sqliteTable', 'singlestoreTable', 'model', 'define']);
/** Words in a function's name that say it handles test data (seeded users, fixtures, mocks). */
const TEST_DATA_WORDS = new Set(['test', 'tests', 'testing', 'seed', 'seeded', 'unseed', 'fixture', 'fixtures', 'mock', 'mocked', 'fake', 'dummy', 'e2e', 'teardown', 'testdata', 'testdaten', 'testkunde', 'testkunden', 'testnutzer', 'testbenutzer', 'testkonto']);
/**
 * Words in a function's name that say it deletes the records a tenant (workspace, project, team,
 * organisation) holds, as part of deleting that tenant (`deleteWorkspaceCustomers`,
 * `purgeProjectUsers`): the tenant's end customers or members, not a person's erasure request.
 */
const TENANT_WORDS = new Set(['workspace', 'workspaces', 'project', 'projects', 'team', 'teams', 'organization', 'organizations', 'organisation', 'organisations', 'org', 'orgs', 'tenant', 'tenants', 'mandant', 'mandanten', 'projekt', 'projekte', 'arbeitsbereich']);
const SOFT_DELETE_KEYS = new Set(['deletedAt', 'deleted_at', 'deleted', 'isDeleted', 'is_deleted', 'deletedOn', 'archivedAt', 'archived', 'isActive', 'active', 'is_active', 'anonymizedAt']);
const ORM_DELETE_METHODS = new Set(['delete', 'deleteMany', 'deleteOne', 'findByIdAndDelete', 'findOneAndDelete', 'findByIdAndRemove', 'findOneAndRemove', 'destroy', 'remove', 'del', 'deleteUser', 'deleteUsers']);

/** Splits an identifier or path into lower-case words (camelCase, snake, kebab, dots), umlauts folded. */
export function words(name: string): string[] {
  return name
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue').replace(/ß/g, 'ss')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** German compounds as one word (`kontoloeschen`, `kundeloeschen`) split at a known verb. */
function splitCompound(word: string): string[] {
  for (const verb of DELETE_VERBS) {
    if (word.length > verb.length && word.endsWith(verb) && SUBJECTS.includes(word.slice(0, -verb.length))) return [word.slice(0, -verb.length), verb];
  }
  return [word];
}

/**
 * Does this name say "delete a person" (`deleteUser`, `handleAccountDeletion`, `eraseCustomerData`,
 * `kontoLoeschen`), and not "remove something of a person" (`removeUserFromGroup`, `deleteUserAvatar`)?
 * `context` words (the class name, a route path) may supply the subject.
 */
export function namesDeletion(name: string, context: string[] = []): boolean {
  // every function of a file is asked (most are not deletions): memoised by name and context
  const key = context.length === 0 ? name : `${name}\u0000${context.join('\u0000')}`;
  let known = deletionNames.get(key);
  if (known === undefined) {
    known = namesDeletionUncached(name, context);
    if (deletionNames.size >= 20_000) deletionNames.clear();
    deletionNames.set(key, known);
  }
  return known;
}
const deletionNames = new Map<string, boolean>();

function namesDeletionUncached(name: string, context: string[]): boolean {
  const tokens = words(name).flatMap(splitCompound);
  let verb = false;
  let subject = false;
  for (const t of tokens) {
    if (DELETE_VERBS.includes(t)) verb = true;
    else if (SUBJECTS.includes(t)) subject = true;
    else if (!FILLER.has(t)) return false;
  }
  if (verb && !subject) subject = context.flatMap((c) => words(c)).some((t) => SUBJECTS.includes(t));
  return verb && subject;
}

/** Is this table / model / collection name a person (`user`, `Users`, `customers`, `Kunde`)? */
export function isSubjectModel(name: string): boolean {
  const tokens = words(name);
  const last = tokens[tokens.length - 1];
  // `userRepository`, `usersTable`, `UserModel`: the subject followed by a storage word
  const storage = ['repository', 'repo', 'table', 'model', 'collection', 'schema', 'entity', 'db', 'store'];
  const core = last !== undefined && storage.includes(last) ? tokens.slice(0, -1) : tokens;
  const noun = core[core.length - 1];
  // `account` tables of auth libraries (Auth.js, better-auth, Lucia) hold linked OAuth logins, not the
  // person; `member` and `contact` tables are memberships and address books; `projectUsers` is a join table
  if (noun === undefined || !PERSON_MODELS.includes(noun)) return false;
  return core.length === 1 || (core.length === 2 && PERSON_MODEL_PREFIXES.includes(core[0]!));
}

interface ModuleRef {
  module: string;
  processor?: ProcessorEntry;
  dataSource?: DataSourceEntry;
  mail: boolean;
}

/** Collects {@link DataHandlingFacts} while `findSinks` walks the file. */
export class DataHandlingCollector {
  readonly facts: DataHandlingFacts = { mailIssues: [], plainHttp: [], dataSources: [], processorUses: [], erasureCalls: [], functions: [], deletions: [], memberCalls: [], localCalls: [], importedCalls: [], exportedInstances: {} };
  /** Local names (variables, imports, instances) bound to a module of interest. */
  private readonly names = new Map<string, ModuleRef>();
  /** `this.<member>` bound to a module of interest (class fields, constructor parameters). */
  private readonly members = new Map<string, ModuleRef>();
  /** `this.<member>` / parameter bound to a project class imported from `specifier`. */
  private readonly projectMembers = new Map<string, { specifier: string; exportName: string }>();
  /** Axios-style instances with a base URL (`axios.create({ baseURL })`). */
  private readonly baseUrls = new Map<string, string>();
  private readonly projectImports = new Map<string, { specifier: string; exportName: string }>();
  private readonly dataSourceSdkCalls = new Set<string>();
  private readonly functionByNode = new Map<ts.Node, FunctionSummary>();
  private readonly exported: Map<string, string[]>;
  /**
   * Writes into local variables for the flows pass, by the variable's name: `e = e.trim()`,
   * `payload.email = user.email`, `props['phone'] = p`, `Object.assign(payload, { email })`.
   */
  readonly writes = new Map<string, (ts.BinaryExpression | ts.CallExpression)[]>();
  /** Data models declared in the file, by local name (Drizzle tables, Mongoose models, TypeORM entities). */
  readonly models = new Map<string, ModelFact>();
  /** Calls of plain functions by the variable names they are given (`addContact(payload, user)`), for writes a local helper makes. */
  readonly argUses = new Map<string, ts.CallExpression[]>();
  /** Module specifiers the file imports or requires (SDK sinks reached through factories). */
  private readonly modules = new Set<string>();
  /** SDK calls that hand data to a vendor outside the tracker catalogue (facts/sdk-sinks.ts). */
  private readonly sdkSinks: { call: ts.CallExpression | ts.NewExpression; entry: SdkSinkEntry; label: string; args: SdkSinkArg[]; host?: string }[] = [];

  constructor(
    private readonly sourceFile: ts.SourceFile,
    private readonly knowledge: Knowledge,
    private readonly scope: ScopeResolver,
  ) {
    this.exported = exportedNames(sourceFile);
    for (const statement of sourceFile.statements) {
      if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) this.noteImport(statement, statement.moduleSpecifier.text);
    }
  }

  private ref(module: string): ModuleRef | undefined {
    const processor = this.knowledge.processorByModule(module);
    const dataSource = this.knowledge.dataSourceByModule(module);
    const mail = MAIL_LIBRARIES.has(module);
    return processor || dataSource || mail ? { module, processor, dataSource, mail } : undefined;
  }

  private span(node: ts.Node): Span {
    return { start: node.getStart(this.sourceFile), end: node.getEnd() };
  }

  private noteImport(statement: ts.ImportDeclaration, module: string): void {
    const clause = statement.importClause;
    if (!clause?.isTypeOnly) this.modules.add(module);
    const isProject = module.startsWith('.') || module.startsWith('@/') || module.startsWith('~/') || module.startsWith('#');
    if (isProject && clause && !clause.isTypeOnly) {
      if (clause.name) this.projectImports.set(clause.name.text, { specifier: module, exportName: 'default' });
      const b = clause.namedBindings;
      if (b && ts.isNamedImports(b)) for (const e of b.elements) this.projectImports.set(e.name.text, { specifier: module, exportName: (e.propertyName ?? e.name).text });
      if (b && ts.isNamespaceImport(b)) this.projectImports.set(b.name.text, { specifier: module, exportName: '*' });
    }
    this.purchasedListLiteral(statement.moduleSpecifier as ts.StringLiteral);
    const ref = this.ref(module);
    if (!ref) return;
    if (ref.processor) this.facts.processorUses.push({ processorId: ref.processor.id, processorName: ref.processor.name, span: this.span(statement), form: 'import', label: `import '${module}'` });
    // an ad platform's SDK does much besides audience uploads (Conversions API, campaigns): only its upload calls count
    if (ref.dataSource && ref.dataSource.kind !== 'audience-upload') this.facts.dataSources.push({ sourceId: ref.dataSource.id, sourceName: ref.dataSource.name, kind: ref.dataSource.kind, span: this.span(statement), form: 'sdk-import', label: `import '${module}'`, confidence: 'medium' });
    if (!clause) return;
    if (clause.name) this.names.set(clause.name.text, ref);
    const b = clause.namedBindings;
    if (b && ts.isNamespaceImport(b)) this.names.set(b.name.text, ref);
    else if (b) for (const e of b.elements) this.names.set(e.name.text, ref);
  }

  // -------------------------------------------------------------------------------------------
  // Hooks called by the walk

  /** `const x = require('m')`, `const c = new Stripe(key)`, `const api = axios.create({ baseURL })`. */
  variable(declaration: ts.VariableDeclaration): void {
    const init = declaration.initializer;
    if (!init) return;
    if (ts.isIdentifier(declaration.name) && ts.isCallExpression(skipOuter(init))) this.declaredModel(declaration.name, skipOuter(init) as ts.CallExpression);
    let ref: ModuleRef | undefined;
    const required = requiredModule(init) ?? requiredCall(init);
    if (required !== undefined) {
      this.modules.add(required);
      ref = this.ref(required);
      if (ref) {
        if (ref.processor) this.facts.processorUses.push({ processorId: ref.processor.id, processorName: ref.processor.name, span: this.span(declaration), form: 'import', label: `require('${required}')` });
        if (ref.dataSource && ref.dataSource.kind !== 'audience-upload') this.facts.dataSources.push({ sourceId: ref.dataSource.id, sourceName: ref.dataSource.name, kind: ref.dataSource.kind, span: this.span(declaration), form: 'sdk-import', label: `require('${required}')`, confidence: 'medium' });
      }
      if (!ref && (required.startsWith('.') || required.startsWith('@/'))) this.bindProjectNames(declaration.name, required);
    } else {
      ref = this.instanceRef(init);
      const base = baseUrlOf(init);
      if (base && ts.isIdentifier(declaration.name)) {
        this.baseUrls.set(declaration.name.text, base.url);
        this.baseUrlUse(base.url, base.node);
      }
      const project = this.projectInstance(init);
      if (project && ts.isIdentifier(declaration.name)) this.projectMembers.set(declaration.name.text, project);
    }
    if (!ref) return;
    if (ref.processor && ts.isIdentifier(declaration.name)) {
      for (const exported of this.exported.get(declaration.name.text) ?? []) this.facts.exportedInstances![exported] = ref.processor.id;
    }
    const bind = (name: ts.BindingName): void => {
      if (ts.isIdentifier(name)) this.names.set(name.text, ref!);
      else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
    };
    bind(declaration.name);
  }

  private bindProjectNames(name: ts.BindingName, specifier: string): void {
    if (ts.isIdentifier(name)) this.projectImports.set(name.text, { specifier, exportName: '*' });
    else if (ts.isObjectBindingPattern(name)) {
      for (const e of name.elements) {
        const prop = e.propertyName ?? e.name;
        if (ts.isIdentifier(e.name) && ts.isIdentifier(prop)) this.projectImports.set(e.name.text, { specifier, exportName: prop.text });
      }
    }
  }

  /** `new Stripe(key)`, `stripe(key)`, `new hubspot.Client({…})`, `Clearbit(key)`: the module the instance comes from. */
  private instanceRef(init: ts.Expression): ModuleRef | undefined {
    let e = skipOuter(init);
    while (ts.isAwaitExpression(e)) e = skipOuter(e.expression);
    if (!ts.isCallExpression(e) && !ts.isNewExpression(e)) return undefined;
    const path = pathOf(e.expression);
    if (!path) return undefined;
    return path[0] === 'this' ? this.members.get(path[1] ?? '') : this.names.get(path[0]!);
  }

  /** `new UserService()` where UserService comes from a project module. */
  private projectInstance(init: ts.Expression): { specifier: string; exportName: string } | undefined {
    const e = skipOuter(init);
    if (!ts.isNewExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
    return this.projectImports.get(e.expression.text);
  }

  /**
   * A declared data model: `pgTable('customers', { email: text('email') })` (Drizzle, also mysqlTable/sqliteTable),
   * `mongoose.model('Customer', new Schema({ phone: String }))`, `sequelize.define('Lead', { … })`.
   */
  private declaredModel(name: ts.Identifier, call: ts.CallExpression): void {
    const path = pathOf(call.expression);
    const last = path?.[path.length - 1];
    if (!last || !MODEL_FACTORIES.has(last)) return;
    const first = call.arguments[0] && skipOuter(call.arguments[0]);
    if (!first || !ts.isStringLiteralLike(first)) return;
    // mongoose.model('Customer', schema): the schema is the second argument, maybe a variable holding new Schema({ … })
    let columns: ts.Expression | undefined = call.arguments[1] && skipOuter(call.arguments[1]);
    for (let i = 0; i < 3 && columns; i++) {
      if (ts.isIdentifier(columns)) {
        const binding = this.scope.resolve(columns.text, columns);
        columns = binding?.kind === 'variable' && binding.declaration.initializer ? skipOuter(binding.declaration.initializer) : undefined;
      } else if (ts.isNewExpression(columns) && columns.arguments?.[0]) columns = skipOuter(columns.arguments[0]);
      else break;
    }
    if (!columns || !ts.isObjectLiteralExpression(columns)) return;
    if (last === 'model' && !call.arguments[1]) return;
    const fields = columns.properties.flatMap((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : []));
    this.addModel(name.text, first.text, fields, name);
  }

  private addModel(name: string, model: string, fields: string[], node: ts.Node): void {
    if (this.models.has(name)) return;
    const fact: ModelFact = { name, model, exportNames: this.exported.get(name) ?? [], fields, person: this.isPersonModel(name, model, fields), span: this.span(node) };
    this.models.set(name, fact);
  }

  /** A person model by its name (last word: `customers`, `newsletterSubscriber`) or by declared contact fields (personal-data.ts). */
  private isPersonModel(name: string, model: string, fields: string[]): boolean {
    return isPersonRecord([model, name], fields, this.knowledge);
  }

  /** Class fields (`private stripe = new Stripe(key)`) and constructor parameters typed with an SDK or project class. */
  classMember(node: ts.PropertyDeclaration | ts.ParameterDeclaration): void {
    if (ts.isPropertyDeclaration(node)) this.entityOf(node);
    if (!ts.isIdentifier(node.name)) return;
    const member = node.name.text;
    if (ts.isParameter(node)) {
      const type = node.type && ts.isTypeReferenceNode(node.type) ? node.type.typeName : undefined;
      const typeName = type && ts.isIdentifier(type) ? type.text : type && ts.isQualifiedName(type) && ts.isIdentifier(type.left) ? type.left.text : undefined;
      if (!typeName) return;
      const ref = this.names.get(typeName);
      if (ref) {
        this.members.set(member, ref);
        this.names.set(member, ref);
      }
      const project = this.projectImports.get(typeName);
      if (project) this.projectMembers.set(member, project);
      return;
    }
    if (!node.initializer) return;
    const ref = this.instanceRef(node.initializer);
    if (ref) this.members.set(member, ref);
    const project = this.projectInstance(node.initializer);
    if (project) this.projectMembers.set(member, project);
  }

  /** `this.stripe = new Stripe(key)`, `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'`. */
  assignment(binary: ts.BinaryExpression): void {
    const left = binary.left;
    const root = writtenRoot(left);
    if (root) this.noteWrite(root, binary);
    if (binary.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(left)) return;
    if (left.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const ref = this.instanceRef(binary.right);
      if (ref) this.members.set(left.name.text, ref);
      const project = this.projectInstance(binary.right);
      if (project) this.projectMembers.set(left.name.text, project);
      return;
    }
    if (left.name.text === 'NODE_TLS_REJECT_UNAUTHORIZED') {
      const value = skipOuter(binary.right);
      if ((ts.isStringLiteralLike(value) && value.text === '0') || (ts.isNumericLiteral(value) && value.text === '0')) {
        this.facts.mailIssues.push({ kind: 'tls-unverified', library: 'node', span: this.span(binary), evidence: 'NODE_TLS_REJECT_UNAUTHORIZED = 0 switches off certificate checks for every TLS connection of the process', confidence: 'high' });
      }
    }
  }

  /** `source: 'purchased-list'` provenance in an object literal. */
  property(node: ts.PropertyAssignment): void {
    const vocabulary = this.knowledge.purchasedLists;
    const key = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : undefined;
    if (!key || !vocabulary.provenanceKeys.includes(key)) return;
    const value = skipOuter(node.initializer);
    if (!ts.isStringLiteralLike(value)) return;
    if (!boughtWords(value.text, this.knowledge, false)) return;
    this.facts.dataSources.push({ sourceId: 'purchased-list', sourceName: 'a bought list', kind: 'data-broker', span: this.span(node), form: 'provenance', label: `${key}: '${value.text}'`, confidence: 'medium' });
  }

  /** Every function-like node: its summary (for helpers and exports) and whether it is a deletion path. */
  functionLike(node: ts.FunctionDeclaration | ts.MethodDeclaration | ts.FunctionExpression | ts.ArrowFunction): void {
    const { name, nameNode, className } = functionName(node);
    const body = node.body;
    if (!body) return;
    const exportNames = name ? (this.exported.get(className ?? name) ?? []) : [];
    const summary: FunctionSummary = {
      name: name ?? '',
      qualifiedName: className && name ? `${className}.${name}` : name ?? '',
      exportNames,
      span: this.span(nameNode ?? node),
      body: this.span(body),
    };
    this.functionByNode.set(node, summary);
    if (name) this.facts.functions.push(summary);
    const route = routeOf(node, this.sourceFile);
    if (name && namesDeletion(name, className ? [className] : [])) {
      this.facts.deletions.push({ name: summary.qualifiedName, span: summary.span, body: summary.body, kind: 'named', soft: false, evidence: `named ${summary.qualifiedName}` });
    } else if (route) {
      this.facts.deletions.push({ name: route.label, span: this.span(route.anchor), body: summary.body, kind: 'route', soft: false, evidence: `route ${route.label}` });
    }
  }

  /** `@Entity() class Customer { @Column() email: string }` (TypeORM, MikroORM): noted at its first field. */
  private entityOf(member: ts.PropertyDeclaration): void {
    const cls = member.parent;
    if (!ts.isClassDeclaration(cls) || !cls.name || this.models.has(cls.name.text)) return;
    const decorators = ts.canHaveDecorators(cls) ? ts.getDecorators(cls) ?? [] : [];
    const entity = decorators.find((d) => {
      const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
      return ts.isIdentifier(e) && (e.text === 'Entity' || e.text === 'Table');
    });
    if (!entity) return;
    const arg = ts.isCallExpression(entity.expression) ? entity.expression.arguments[0] : undefined;
    const model = arg && ts.isStringLiteralLike(arg) ? arg.text : cls.name.text;
    const fields = cls.members.flatMap((m) => (ts.isPropertyDeclaration(m) && m.name && ts.isIdentifier(m.name) ? [m.name.text] : []));
    this.addModel(cls.name.text, model, fields, cls.name);
  }

  private noteWrite(name: string, node: ts.BinaryExpression | ts.CallExpression): void {
    const list = this.writes.get(name);
    if (list) list.push(node);
    else this.writes.set(name, [node]);
  }

  /** The hook for every call expression. */
  call(call: ts.CallExpression): void {
    const callee = skipOuter(call.expression);
    const path = pathOf(callee);
    // addContact(payload, user): a local helper may write into the object it is given
    if (ts.isIdentifier(callee)) {
      for (const arg of call.arguments) {
        const a = skipOuter(arg);
        if (!ts.isIdentifier(a)) continue;
        const list = this.argUses.get(a.text);
        if (list) list.push(call);
        else this.argUses.set(a.text, [call]);
      }
    }
    // Object.assign(payload, { email }): a write into payload
    if (path && path.length === 2 && path[0] === 'Object' && path[1] === 'assign' && call.arguments.length > 1) {
      const target = skipOuter(call.arguments[0]!);
      if (ts.isIdentifier(target)) this.noteWrite(target.text, call);
    }
    const sdk = matchSdkSink(call, this.scope, this.modules);
    if (sdk) this.sdkSinks.push({ call, ...sdk });
    for (const { entry, setting, label, property } of matchSdkSetting(call, this.scope)) {
      const tracker = entry.vendor ? this.knowledge.vendorById(entry.vendor) : undefined;
      const value = skipOuter(property.initializer);
      const fact: SdkSettingFact = { vendorId: tracker?.id ?? entry.id, vendorName: tracker?.name ?? entry.name, key: setting.key, text: property.getText(this.sourceFile).replace(/\s+/g, ' '), span: this.span(property), label, sends: setting.sends, off: { span: this.span(value), text: String(!setting.value) } };
      if (entry.recipient) fact.recipient = entry.recipient;
      (this.facts.sdkSettings ??= []).push(fact);
    }
    if (path) {
      if (path.length === 1 || (path.length === 2 && path[0] === 'this')) this.facts.localCalls!.push({ name: path[path.length - 1]!, span: this.span(call) });
      this.sdkCall(call, path);
      this.httpCall(call, path);
      this.ormDelete(call, path);
      this.memberCall(call, path);
    } else if (ts.isPropertyAccessExpression(callee)) {
      // new CustomAudience(id).createUser(…): a method on a fresh SDK instance
      const inner = skipOuter(callee.expression);
      const innerPath = ts.isNewExpression(inner) ? pathOf(inner.expression) : undefined;
      if (innerPath) this.sdkCall(call, [...innerPath, callee.name.text]);
      // knex('users').where(…).del(), supabase.from('users').delete(), db.delete(users).where(…)
      else this.chainedDelete(call, callee);
    }
    for (const arg of call.arguments) {
      const e = skipOuter(arg);
      if (ts.isStringLiteralLike(e)) this.purchasedListLiteral(e, path);
    }
  }

  /** `new SMTPClient({…})`, `new https.Agent({ rejectUnauthorized: false })`. */
  newExpression(node: ts.NewExpression): void {
    // new Rollbar({ payload: { person } }): an SDK sink made by its constructor
    const sdk = matchSdkSink(node, this.scope, this.modules);
    if (sdk) this.sdkSinks.push({ call: node, ...sdk });
    const path = pathOf(node.expression);
    if (!path) return;
    const ref = path[0] === 'this' ? undefined : this.names.get(path[0]!);
    if (ref?.module === 'emailjs' && path[path.length - 1] === 'SMTPClient') this.emailjsClient(node);
    if (path[path.length - 1] === 'Agent' && (path[0] === 'https' || path[0] === 'Agent' || path[0] === 'undici')) {
      const options = node.arguments?.[0] && this.objectOf(node.arguments[0]);
      const reject = options && prop(options, 'rejectUnauthorized');
      if (reject && skipOuter(reject.initializer).kind === ts.SyntaxKind.FalseKeyword) {
        this.facts.mailIssues.push({ kind: 'tls-unverified', library: 'https', span: this.span(reject), evidence: 'an HTTPS agent with rejectUnauthorized: false accepts any certificate', confidence: 'high' });
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // SDK calls: processor erasure, data-source methods, mail transports

  private moduleOfPath(path: string[]): { ref: ModuleRef; rest: string[] } | undefined {
    if (path[0] === 'this') {
      const ref = this.members.get(path[1] ?? '');
      return ref ? { ref, rest: path.slice(2) } : undefined;
    }
    const ref = this.names.get(path[0]!);
    return ref ? { ref, rest: path.slice(1) } : undefined;
  }

  private sdkCall(call: ts.CallExpression, path: string[]): void {
    const found = this.moduleOfPath(path);
    if (!found) return;
    const { ref, rest } = found;
    const method = rest.join('.');
    const label = path.join('.');
    if (ref.mail) this.mailTransport(call, ref.module, path);
    const p = ref.processor;
    if (p) {
      if (p.erasure?.methods?.some((m) => methodMatches(method, m))) {
        this.facts.erasureCalls.push({ processorId: p.id, span: this.span(call), label, erases: true });
      } else {
        const look = p.notErasure?.find((n) => n.methods?.some((m) => methodMatches(method, m)));
        if (look) this.facts.erasureCalls.push({ processorId: p.id, span: this.span(call), label, erases: false, note: look.note });
      }
    }
    const d = ref.dataSource;
    if (d && method) {
      const m = d.methods?.find((x) => methodMatches(method, x.path));
      if (m) {
        this.dataSourceSdkCalls.add(d.id);
        this.facts.dataSources.push({ sourceId: d.id, sourceName: d.name, kind: m.kind ?? d.kind, span: this.span(call), form: 'sdk-call', label, confidence: 'high' });
      }
    }
  }

  /** `this.crm.forgetContact(email)` on an injected project class: a call into another module. */
  private memberCall(call: ts.CallExpression, path: string[]): void {
    const imported = path.length >= 3 && path[0] !== 'this' ? this.projectImports.get(path[0]!) : undefined;
    if (imported) {
      // import { stripe } from './billing'; stripe.customers.del(id) — or import * as billing; billing.stripe.customers.del(id)
      const viaNamespace = imported.exportName === '*';
      const exportName = viaNamespace ? path[1]! : imported.exportName;
      const method = path.slice(viaNamespace ? 2 : 1).join('.');
      if (method) this.facts.importedCalls!.push({ specifier: imported.specifier, exportName, method, span: this.span(call), label: path.join('.') });
    }
    let target: { specifier: string; exportName: string } | undefined;
    let member: string | undefined;
    if (path[0] === 'this' && path.length === 3) {
      target = this.projectMembers.get(path[1]!);
      member = path[2];
    } else if (path.length === 2) {
      target = this.projectMembers.get(path[0]!);
      member = path[1];
    }
    if (target && member) this.facts.memberCalls.push({ ...target, member, span: this.span(call) });
  }

  // -------------------------------------------------------------------------------------------
  // HTTP requests: processors by host, erasure endpoints, data sources, plain http

  private httpCall(call: ts.CallExpression, path: string[]): void {
    const joined = path.join('.');
    const last = path[path.length - 1]!;
    let base: string | undefined;
    let method: string | undefined;
    if (this.knowledge.httpClients.has(joined) || (path.length === 2 && ['axios', 'got', 'ky', 'superagent', 'needle', 'ofetch', '$fetch'].includes(path[0]!) && HTTP_VERBS.has(last))) {
      method = HTTP_VERBS.get(last);
    } else if (path.length === 2 && this.baseUrls.has(path[0]!) && HTTP_VERBS.has(last)) {
      base = this.baseUrls.get(path[0]!);
      method = HTTP_VERBS.get(last);
    } else return;
    const first = call.arguments[0];
    if (!first) return;
    let urlNode: ts.Expression = first;
    let config: ts.ObjectLiteralExpression | undefined;
    const firstObject = this.objectOf(first);
    if (firstObject) {
      // axios({ method, url })
      const u = prop(firstObject, 'url');
      if (!u) return;
      urlNode = u.initializer;
      config = firstObject;
    } else {
      config = call.arguments[1] ? this.objectOf(call.arguments[1]) : undefined;
      // axios.post(url, data, config): the method is in the name; fetch(url, { method })
      if (call.arguments[2]) config = this.objectOf(call.arguments[2]) ?? config;
    }
    const methodProp = config && prop(config, 'method');
    const methodValue = methodProp && skipOuter(methodProp.initializer);
    if (methodValue && ts.isStringLiteralLike(methodValue)) method = methodValue.text.toUpperCase();
    method ??= 'GET';
    let url = urlPattern(urlNode, this.scope);
    if (url === undefined) return;
    if (base !== undefined && !/^[a-z]+:\/\//i.test(url)) url = base.replace(/\/$/, '') + (url.startsWith('/') ? url : `/${url}`);
    const label = `${joined}(${shorten(url)})`;
    const sdkEntry = sdkSinkForUrl(url, (pattern, u) => endpointMatches({ url: pattern }, u));
    if (sdkEntry) this.sdkSinks.push({ call, entry: sdkEntry, label, args: [1, 2].map((index) => ({ index, role: 'properties' as const })), host: hostOf(url) });
    const processor = this.knowledge.processorByUrl(url);
    if (processor) {
      this.facts.processorUses.push({ processorId: processor.id, processorName: processor.name, span: this.span(call), form: 'request', label });
      if (processor.erasure?.endpoints?.some((e) => (!e.method || e.method === method) && endpointMatches(e, url!))) {
        this.facts.erasureCalls.push({ processorId: processor.id, span: this.span(call), label: `${method} ${shorten(url)}`, erases: true });
      } else {
        const look = processor.notErasure?.find((n) => n.endpoints?.some((e) => (!e.method || e.method === method) && endpointMatches(e, url!)));
        if (look) this.facts.erasureCalls.push({ processorId: processor.id, span: this.span(call), label: `${method} ${shorten(url)}`, erases: false, note: look.note });
      }
    }
    const source = this.knowledge.matchDataSource(url);
    // a DELETE removes people from the source (an audience), it does not obtain or upload them
    if (source && method !== 'DELETE' && (!source.host.requiresBodyKey || hasKey(call, source.host.requiresBodyKey))) {
      this.facts.dataSources.push({ sourceId: source.source.id, sourceName: source.source.name, kind: source.kind, span: this.span(call), form: 'request', label, confidence: 'high' });
    }
    if (/^http:\/\//i.test(url)) {
      const host = hostOf(url);
      if (host && !isLocalHost(host)) {
        let literal = skipOuter(urlNode);
        while (ts.isBinaryExpression(literal) && literal.operatorToken.kind === ts.SyntaxKind.PlusToken) literal = skipOuter(literal.left);
        const fixable = ts.isStringLiteralLike(literal) || ts.isTemplateExpression(literal);
        const at = fixable ? literal.getStart(this.sourceFile) + 1 : undefined;
        this.facts.plainHttp.push({
          span: this.span(call),
          url: shorten(url),
          host,
          client: joined,
          keys: payloadKeys(call, urlNode),
          fix: at !== undefined && this.sourceFile.text.slice(at, at + 7).toLowerCase() === 'http://' ? { start: at, end: at + 7, text: 'https://' } : undefined,
          internal: isInternalHost(host),
        });
      }
    }
  }

  private baseUrlUse(url: string, node: ts.Node): void {
    const processor = this.knowledge.processorByUrl(url);
    if (processor) this.facts.processorUses.push({ processorId: processor.id, processorName: processor.name, span: this.span(node), form: 'request', label: `baseURL ${shorten(url)}` });
    const source = this.knowledge.matchDataSource(url) ?? this.knowledge.matchDataSource(`${url.replace(/\/$/, '')}/x`);
    if (source && !source.host.requiresBodyKey && source.source.hosts.every((h) => h.url.split('/').filter(Boolean).length <= 1)) {
      this.facts.dataSources.push({ sourceId: source.source.id, sourceName: source.source.name, kind: source.kind, span: this.span(node), form: 'request', label: `baseURL ${shorten(url)}`, confidence: 'high' });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Deletes of person records

  /** `prisma.user.delete`, `User.findByIdAndDelete`, `userRepository.delete`, `prisma.user.update({ data: { deletedAt } })`. */
  private ormDelete(call: ts.CallExpression, path: string[]): void {
    const last = path[path.length - 1]!;
    if (path.length < 2) return;
    const model = path[path.length - 2]!;
    const isUpdate = last === 'update' || last === 'updateOne' || last === 'findByIdAndUpdate' || last === 'findOneAndUpdate' || last === 'updateMany';
    if (!ORM_DELETE_METHODS.has(last) && !isUpdate) return;
    // supabase.auth.admin.deleteUser(id), admin.auth().deleteUser(uid): the auth account itself
    if ((last === 'deleteUser' || last === 'deleteUsers') && (path.includes('auth') || path.includes('admin'))) {
      this.noteDeleteIn(call, `${path.join('.')}()`, false);
      return;
    }
    if (!isSubjectModel(model)) return;
    if (isUpdate) {
      const soft = softDeleteKey(call);
      if (soft) this.noteDeleteIn(call, `${path.join('.')}({ ${soft} })`, true);
      return;
    }
    if (last === 'deleteUser' || last === 'deleteUsers') return;
    this.noteDeleteIn(call, `${path.join('.')}()`, false);
  }

  /** `knex('users').where(…).del()`, `supabase.from('users').delete()`, `db.delete(users)`. */
  private chainedDelete(call: ts.CallExpression, callee: ts.PropertyAccessExpression): void {
    const method = callee.name.text;
    if (method !== 'del' && method !== 'delete' && method !== 'update') return;
    let table: string | undefined;
    let e: ts.Expression = callee.expression;
    for (let i = 0; i < 6 && ts.isCallExpression(e); i++) {
      const inner = skipOuter(e.expression);
      const arg = e.arguments[0] && skipOuter(e.arguments[0]);
      const name = ts.isIdentifier(inner) ? inner.text : ts.isPropertyAccessExpression(inner) ? inner.name.text : undefined;
      if (arg && ts.isStringLiteralLike(arg) && (name === 'from' || name === 'table' || name === 'knex' || name === 'db' || name === 'into' || name === 'deleteFrom' || name === 'updateTable')) table = arg.text;
      if (!ts.isPropertyAccessExpression(inner)) break;
      e = inner.expression;
    }
    if (!table || !isSubjectModel(table)) return;
    if (method === 'update') {
      const soft = softDeleteKey(call);
      if (soft) this.noteDeleteIn(call, `${table}.update({ ${soft} })`, true);
      return;
    }
    this.noteDeleteIn(call, `delete from ${table}`, false);
  }

  /** Marks the innermost enclosing function as a deletion path (or notes a soft delete). */
  private noteDeleteIn(call: ts.CallExpression, evidence: string, soft: boolean): void {
    for (let n: ts.Node | undefined = call.parent; n; n = n.parent) {
      if (!(ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n))) continue;
      const summary = this.functionByNode.get(n);
      if (!summary) return;
      const existing = this.facts.deletions.find((d) => d.body.start === summary.body.start);
      if (existing) {
        existing.deletes ??= [];
        existing.deletes.push({ evidence, soft, span: this.span(call) });
        return;
      }
      // an anonymous callback (`.then(() => prisma.user.delete())`): keep looking for a named function
      if (!summary.name && !routeOf(n as ts.ArrowFunction, this.sourceFile)) continue;
      // deleteTestPartner, unseedUser, cleanupFixtures: removing test data the project created itself, which no processor ever received
      if (summary.name && words(summary.name).some((w) => TEST_DATA_WORDS.has(w))) return;
      // deleteWorkspaceCustomers: a step of deleting a tenant, which removes the tenant's records in bulk
      if (summary.name && words(summary.name).some((w) => TENANT_WORDS.has(w))) return;
      // a Next.js handler of a route nested under another resource (`app/api/workspaces/[id]/users/route.ts`)
      if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(summary.name)) {
        const m = /\/(?:app|pages)\/(.*)\/route\.[cm]?[jt]sx?$/.exec(this.sourceFile.fileName.replace(/\\/g, '/'));
        if (m && !routeSubject(m[1]!.split('/'))) return;
      }
      this.facts.deletions.push({
        name: summary.qualifiedName || 'handler',
        span: summary.span,
        body: summary.body,
        kind: 'orm',
        soft,
        evidence,
        deletes: [{ evidence, soft, span: this.span(call) }],
      });
      return;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Mail transports

  private mailTransport(call: ts.CallExpression, module: string, path: string[]): void {
    const last = path[path.length - 1]!;
    const options = call.arguments[0];
    if (module === '@nestjs-modules/mailer') {
      if (last !== 'forRoot' || !options) return;
      const o = this.objectOf(options);
      const transport = o && prop(o, 'transport');
      if (transport) this.nodemailerOptions(call, transport.initializer, 'MailerModule.forRoot transport');
      return;
    }
    if (module === 'nodemailer' && last !== 'createTransport') return;
    if (module === 'nodemailer-smtp-transport' && path.length !== 1) return;
    if (module === 'emailjs') return;
    if (!options) {
      const absent: Value = { kind: 'absent' };
      this.judgeNodemailer(call, { host: absent, port: absent, secure: absent, requireTLS: absent, ignoreTLS: absent, service: absent, rejectUnauthorized: absent }, undefined, 'nodemailer');
      return;
    }
    // createTransport(smtpTransport({…})): the inner call is judged on its own
    const inner = skipOuter(options);
    if (ts.isCallExpression(inner)) return;
    this.nodemailerOptions(call, options, module === 'nodemailer' ? 'nodemailer' : module);
  }

  private nodemailerOptions(call: ts.CallExpression, options: ts.Expression, library: string): void {
    const value = evaluate(options, this.scope);
    if (value.kind === 'string') {
      this.judgeUrl(call, value.value, value.node, value.fallback, library);
      return;
    }
    const object = this.objectOf(options);
    if (!object) return;
    const url = prop(object, 'url');
    if (url) {
      const u = evaluate(url.initializer, this.scope);
      if (u.kind === 'string') {
        const hasRequire = prop(object, 'requireTLS');
        if (!hasRequire) this.judgeUrl(call, u.value, u.node, u.fallback, library);
      }
      return;
    }
    this.judgeNodemailer(call, readOptions(object, this.scope), object, library);
  }

  private judgeUrl(call: ts.CallExpression, url: string, node: ts.Node, fallback: boolean, library: string): void {
    const m = /^(smtps?):\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?]*)/i.exec(url);
    if (!m) return;
    const scheme = m[1]!.toLowerCase();
    const host = m[2]!.toLowerCase();
    const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
    if (isLocalHost(host) || host === '' || host === 'x') return;
    if (/(^|&)ignoreTLS=true/i.test(query)) {
      this.facts.mailIssues.push({ kind: 'ignore-tls', library, span: this.span(node), evidence: `${shorten(url)} sets ignoreTLS=true: the mail goes out in plain text even when the server offers STARTTLS`, confidence: fallback ? 'medium' : 'high' });
      return;
    }
    if (scheme === 'smtp' && !/(^|&)(requireTLS|secure)=true/i.test(query)) {
      this.facts.mailIssues.push({ kind: 'smtp-url', library, span: this.span(node), evidence: `${shorten(url)} starts in plain text and only upgrades when the server offers STARTTLS${fallback ? ' (fallback value when the environment variable is unset)' : ''}`, confidence: 'medium' });
    }
  }

  private judgeNodemailer(call: ts.CallExpression, o: TransportOptions, object: ts.ObjectLiteralExpression | undefined, library: string): void {
    if (o.host.kind === 'string' && isLocalHost(o.host.value.toLowerCase())) return;
    // no host and no service: nodemailer connects to localhost
    if (o.host.kind === 'absent' && o.service.kind === 'absent') return;
    const confidence = (v: Value): 'high' | 'medium' => ('fallback' in v && v.fallback ? 'medium' : 'high');
    if (o.rejectUnauthorized.kind === 'boolean' && o.rejectUnauthorized.value === false) {
      this.facts.mailIssues.push({ kind: 'tls-unverified', library, span: this.span(o.rejectUnauthorized.node), evidence: 'tls.rejectUnauthorized: false accepts any certificate, so anyone on the network path can read the mail', confidence: confidence(o.rejectUnauthorized) });
    }
    if (o.secure.kind === 'unknown' || o.requireTLS.kind === 'unknown') return;
    let secure = o.secure.kind === 'boolean' && o.secure.value;
    if (o.secure.kind === 'absent' && o.port.kind === 'number' && o.port.value === 465) secure = true;
    if (secure) return;
    if (o.requireTLS.kind === 'boolean' && o.requireTLS.value) return;
    if (o.ignoreTLS.kind === 'boolean' && o.ignoreTLS.value) {
      const fix = object && o.ignoreTLS.node ? { title: 'Require STARTTLS instead (requireTLS: true)', edits: [{ start: o.ignoreTLS.node.getStart(this.sourceFile), end: o.ignoreTLS.node.getEnd(), text: 'requireTLS: true' }], safe: false } : undefined;
      this.facts.mailIssues.push({ kind: 'ignore-tls', library, span: this.span(o.ignoreTLS.node!), evidence: 'ignoreTLS: true never upgrades the connection, so every mail travels in plain text', confidence: confidence(o.ignoreTLS), fix });
      return;
    }
    if (o.ignoreTLS.kind === 'unknown') return;
    // a well-known service (`service: 'gmail'`) brings its own port and TLS settings (an explicit
    // `secure: false` with it makes the connection to the implicit-TLS port fail rather than go out in clear)
    if (o.service.kind !== 'absent') return;
    if (o.port.kind === 'unknown' && o.secure.kind === 'absent') return;
    const anchor = o.secure.kind === 'boolean' ? o.secure.node! : call;
    // the fix goes next to what the finding underlines: after `secure: false`, or at the end of the options of the call
    const secureProp = o.secure.kind === 'boolean' && o.secure.node && ts.isPropertyAssignment(o.secure.node) ? o.secure.node : undefined;
    const fix = object ? (secureProp ? insertAfter(object, secureProp, 'requireTLS: true', this.sourceFile) : insertProperty(object, 'requireTLS: true', this.sourceFile)) : undefined;
    const port = o.port.kind === 'number' ? ` on port ${o.port.value}` : '';
    this.facts.mailIssues.push({
      kind: 'opportunistic-tls',
      library,
      span: this.span(anchor),
      evidence: `${o.secure.kind === 'boolean' ? 'secure: false' : 'no secure option'}${port} without requireTLS: nodemailer upgrades with STARTTLS only when the server offers it, so an attacker on the path can strip the offer and read the mail in plain text`,
      confidence: 'medium',
      fix: fix && { title: 'Require STARTTLS (requireTLS: true)', edits: [fix], safe: false },
    });
  }

  /** emailjs `new SMTPClient({ host, ssl, tls })`: without `ssl` or `tls` it never encrypts. */
  private emailjsClient(node: ts.NewExpression): void {
    const options = node.arguments?.[0] && this.objectOf(node.arguments[0]);
    if (!options) return;
    const o = readOptions(options, this.scope);
    if (o.host.kind === 'string' && isLocalHost(o.host.value.toLowerCase())) return;
    if (o.host.kind === 'absent') return;
    const ssl = readValue(prop(options, 'ssl')?.initializer, this.scope);
    const tls = readValue(prop(options, 'tls')?.initializer, this.scope);
    if (ssl.kind === 'unknown' || tls.kind === 'unknown' || (ssl.kind === 'boolean' && ssl.value) || ssl.kind === 'object' || (tls.kind === 'boolean' && tls.value) || tls.kind === 'object') return;
    this.facts.mailIssues.push({ kind: 'opportunistic-tls', library: 'emailjs', span: this.span(node), evidence: 'emailjs uses neither SSL nor STARTTLS unless `ssl` or `tls` is set, so the mail travels in plain text', confidence: 'medium' });
  }

  // -------------------------------------------------------------------------------------------
  // Bought lists

  private purchasedListLiteral(literal: ts.StringLiteralLike, path?: string[]): void {
    const text = literal.text;
    if (text.length > 300) return;
    const dot = text.lastIndexOf('.');
    if (dot < 0) return;
    const ext = text.slice(dot + 1).toLowerCase();
    if (!this.knowledge.purchasedLists.extensions.includes(ext)) return;
    if (path && !READ_CALLS.has(path[path.length - 1]!) && !/read|load|import|parse|open/i.test(path[path.length - 1]!)) return;
    const base = text.slice(text.lastIndexOf('/') + 1, dot);
    if (!boughtWords(base, this.knowledge, true)) return;
    this.facts.dataSources.push({ sourceId: 'purchased-list', sourceName: 'a bought list', kind: 'data-broker', span: this.span(literal), form: 'bought-list', label: text, confidence: 'medium' });
  }

  /** Called once after the walk: drops SDK imports whose calls were reported, keeps lone imports. */
  /** The SDK sinks found, for the flows pass: the vendor of the tracker catalogue when the entry names one. */
  flowSinks(): FlowSink[] {
    return this.sdkSinks.map(({ call, entry, label, args, host }) => {
      const tracker = entry.vendor ? this.knowledge.vendorById(entry.vendor) : undefined;
      const vendor = tracker ? { id: tracker.id, name: tracker.name, kind: tracker.kind } : { id: entry.id, name: entry.name, kind: entry.kind ?? 'service' };
      return { node: call, vendor, form: host ? 'server-request' : 'sdk-call', label, span: this.span(call), host, args, recipient: entry.recipient, ignoreKeys: entry.ignoreKeys };
    });
  }

  finish(): DataHandlingFacts {
    if (this.models.size > 0) this.facts.models = [...this.models.values()];
    this.facts.dataSources = this.facts.dataSources.filter((d) => d.form !== 'sdk-import' || !this.dataSourceSdkCalls.has(d.sourceId));
    const named = new Set(this.facts.functions.map((f) => f.name));
    this.facts.localCalls = this.facts.localCalls!.filter((c) => named.has(c.name));
    this.facts.dataSources.sort((a, b) => a.span.start - b.span.start);
    return this.facts;
  }

  private objectOf(e: ts.Expression): ts.ObjectLiteralExpression | undefined {
    return objectOf(e, this.scope);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The variable an assignment writes into: `e` of `e = …`, `payload` of `payload.email = …` / `payload['email'] = …` (one level). */
function writtenRoot(left: ts.Expression): string | undefined {
  const l = skipOuter(left);
  if (ts.isIdentifier(l)) return l.text;
  if (ts.isPropertyAccessExpression(l) || (ts.isElementAccessExpression(l) && ts.isStringLiteralLike(l.argumentExpression))) {
    const owner = skipOuter(l.expression);
    if (ts.isIdentifier(owner)) return owner.text;
  }
  return undefined;
}

function shorten(url: string): string {
  return url.length > 70 ? `${url.slice(0, 67)}...` : url;
}

/** `require('clearbit')(key)`: the module whose export is called at once. */
function requiredCall(init: ts.Expression): string | undefined {
  const e = skipOuter(init);
  return ts.isCallExpression(e) ? requiredModule(e.expression) : undefined;
}

/** `customers.del` matches `customers.del` and `stripe.customers.del`'s rest; a one-segment method matches the last segment. */
function methodMatches(method: string, pattern: string): boolean {
  return method === pattern || method.endsWith(`.${pattern}`);
}

function prop(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name) return p;
  }
  return undefined;
}

function objectOf(e: ts.Expression, scope: ScopeResolver, depth = 0): ts.ObjectLiteralExpression | undefined {
  const x = skipOuter(e);
  if (ts.isObjectLiteralExpression(x)) return x;
  if (ts.isIdentifier(x) && depth < 3) {
    const b = scope.resolve(x.text, x);
    if (b?.kind === 'variable' && !b.propertyPath && b.declaration.initializer) return objectOf(b.declaration.initializer, scope, depth + 1);
  }
  return undefined;
}

/** A statically known value: literal, a const, an env variable with a literal fallback (`process.env.X ?? 587`). */
type Value =
  | { kind: 'absent' }
  | { kind: 'unknown'; node: ts.Node }
  | { kind: 'boolean'; value: boolean; node: ts.Node; fallback: boolean }
  | { kind: 'number'; value: number; node: ts.Node; fallback: boolean }
  | { kind: 'string'; value: string; node: ts.Node; fallback: boolean }
  | { kind: 'object'; node: ts.Node; fallback: boolean };

function isEnv(e: ts.Expression): boolean {
  const x = skipOuter(e);
  const path = pathOf(x);
  if (path && path[0] === 'process' && path[1] === 'env') return true;
  if (path && path[0] === 'import' && path[1] === 'meta' && path[2] === 'env') return true;
  // Number(process.env.X), parseInt(process.env.X, 10), env('X'), config.get('X')
  if (ts.isCallExpression(x)) return x.arguments.some((a) => isEnv(a)) || /^(env|getEnv|config\.get|configService\.get)$/.test(pathOf(x.expression)?.join('.') ?? '');
  return false;
}

function readValue(e: ts.Expression | undefined, scope: ScopeResolver, depth = 0): Value {
  if (!e) return { kind: 'absent' };
  const x = skipOuter(e);
  if (x.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'boolean', value: true, node: x, fallback: false };
  if (x.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', value: false, node: x, fallback: false };
  if (ts.isNumericLiteral(x)) return { kind: 'number', value: Number(x.text), node: x, fallback: false };
  if (ts.isStringLiteralLike(x)) return { kind: 'string', value: x.text, node: x, fallback: false };
  if (ts.isTemplateExpression(x)) return { kind: 'string', value: x.head.text + x.templateSpans.map((s) => `x${s.literal.text}`).join(''), node: x, fallback: false };
  if (ts.isObjectLiteralExpression(x)) return { kind: 'object', node: x, fallback: false };
  if (ts.isIdentifier(x) && depth < 3) {
    if (x.text === 'undefined') return { kind: 'absent' };
    const b = scope.resolve(x.text, x);
    if (b?.kind === 'variable' && b.isConst && !b.propertyPath && b.declaration.initializer) {
      const v = readValue(b.declaration.initializer, scope, depth + 1);
      return v.kind === 'absent' ? v : { ...v, node: x } as Value;
    }
    return { kind: 'unknown', node: x };
  }
  // process.env.SMTP_PORT ?? 587, Number(process.env.SMTP_PORT) || 587
  if (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || x.operatorToken.kind === ts.SyntaxKind.BarBarToken) && isEnv(x.left)) {
    const v = readValue(x.right, scope, depth + 1);
    return v.kind === 'absent' || v.kind === 'unknown' ? { kind: 'unknown', node: x } : ({ ...v, node: x, fallback: true } as Value);
  }
  return { kind: 'unknown', node: x };
}

function evaluate(e: ts.Expression, scope: ScopeResolver): Value {
  return readValue(e, scope);
}

interface TransportOptions {
  host: Value;
  port: Value;
  secure: Value;
  requireTLS: Value;
  ignoreTLS: Value;
  service: Value;
  rejectUnauthorized: Value;
}

function readOptions(object: ts.ObjectLiteralExpression, scope: ScopeResolver): TransportOptions {
  const spread = object.properties.some((p) => ts.isSpreadAssignment(p));
  const get = (name: string): Value => {
    const p = prop(object, name);
    if (p) {
      const v = readValue(p.initializer, scope);
      // the property itself is what a fix replaces
      return v.kind === 'boolean' ? { ...v, node: p } : v;
    }
    const shorthand = object.properties.find((q) => ts.isShorthandPropertyAssignment(q) && q.name.text === name);
    if (shorthand) return readValue((shorthand as ts.ShorthandPropertyAssignment).name, scope);
    return spread ? { kind: 'unknown', node: object } : { kind: 'absent' };
  };
  const tls = prop(object, 'tls');
  const tlsObject = tls && objectOf(tls.initializer, scope);
  let rejectUnauthorized: Value = { kind: 'absent' };
  if (tlsObject) {
    const r = prop(tlsObject, 'rejectUnauthorized');
    if (r) {
      const v = readValue(r.initializer, scope);
      rejectUnauthorized = v.kind === 'boolean' ? { ...v, node: r } : v;
    }
  }
  return { host: get('host'), port: get('port'), secure: get('secure'), requireTLS: get('requireTLS'), ignoreTLS: get('ignoreTLS'), service: get('service'), rejectUnauthorized };
}

/** An edit adding `text` as the last property of `object`, keeping its layout. */
function insertProperty(object: ts.ObjectLiteralExpression, text: string, sourceFile: ts.SourceFile): { start: number; end: number; text: string } | undefined {
  const props = object.properties;
  if (props.length === 0) return { start: object.getStart(sourceFile) + 1, end: object.getStart(sourceFile) + 1, text: ` ${text} ` };
  const last = props[props.length - 1]!;
  const src = sourceFile.text;
  const end = last.getEnd();
  const hasComma = props.hasTrailingComma;
  const lineStart = src.lastIndexOf('\n', last.getStart(sourceFile)) + 1;
  const multiline = src.slice(object.getStart(sourceFile), object.getEnd()).includes('\n');
  if (multiline) {
    const indent = /^[ \t]*/.exec(src.slice(lineStart))![0];
    const at = hasComma ? src.indexOf(',', end) + 1 : end;
    return { start: at, end: at, text: `${hasComma ? '' : ','}\n${indent}${text}${hasComma ? ',' : ''}` };
  }
  return { start: end, end, text: `, ${text}` };
}

/** An edit adding `text` as a property right after `after` (same layout as the object). */
function insertAfter(object: ts.ObjectLiteralExpression, after: ts.ObjectLiteralElementLike, text: string, sourceFile: ts.SourceFile): { start: number; end: number; text: string } {
  const props = object.properties;
  if (props[props.length - 1] === after) return insertProperty(object, text, sourceFile)!;
  const src = sourceFile.text;
  const comma = src.indexOf(',', after.getEnd());
  const multiline = src.slice(object.getStart(sourceFile), object.getEnd()).includes('\n');
  if (multiline) {
    const lineStart = src.lastIndexOf('\n', after.getStart(sourceFile)) + 1;
    const indent = /^[ \t]*/.exec(src.slice(lineStart))![0];
    return { start: comma + 1, end: comma + 1, text: `\n${indent}${text},` };
  }
  return { start: comma + 1, end: comma + 1, text: ` ${text},` };
}

/** Keys of object literals among the arguments (the request body, query params), lower depth first. */
function payloadKeys(call: ts.CallExpression, urlNode: ts.Expression): string[] {
  const keys: string[] = [];
  const visit = (node: ts.Node, depth: number): void => {
    if (depth > 6 || keys.length > 40) return;
    if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
      if (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) keys.push(node.name.text);
    }
    if (ts.isPropertyAccessExpression(node) && !(ts.isCallExpression(node.parent) && node.parent.expression === node)) keys.push(node.name.text);
    if (ts.isTemplateExpression(node)) for (const s of node.templateSpans) visit(s.expression, depth + 1);
    ts.forEachChild(node, (c) => visit(c, depth + 1));
  };
  for (const arg of call.arguments) visit(arg, 0);
  // query strings written into the URL (`?email=${email}`)
  visit(urlNode, 0);
  const literalText = (n: ts.Expression): string => {
    const e = skipOuter(n);
    if (ts.isStringLiteralLike(e)) return e.text;
    if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((s) => `x${s.literal.text}`).join('');
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return literalText(e.left) + literalText(e.right);
    return 'x';
  };
  const text = literalText(urlNode);
  for (const m of text.matchAll(/[?&]([A-Za-z_][\w]*)=/g)) keys.push(m[1]!);
  return [...new Set(keys)].filter((k) => k !== 'method' && k !== 'headers' && k !== 'body' && k !== 'url');
}

function hasKey(call: ts.CallExpression, keys: string[]): boolean {
  let found = false;
  const visit = (node: ts.Node, depth: number): void => {
    if (found || depth > 6) return;
    if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && keys.includes(node.name.text)) {
      found = true;
      return;
    }
    ts.forEachChild(node, (c) => visit(c, depth + 1));
  };
  for (const arg of call.arguments.slice(1)) visit(arg, 0);
  if (!found && call.arguments[0] && ts.isObjectLiteralExpression(skipOuter(call.arguments[0]))) visit(call.arguments[0], 0);
  return found;
}

function softDeleteKey(call: ts.CallExpression): string | undefined {
  let found: string | undefined;
  const visit = (node: ts.Node, depth: number): void => {
    if (found || depth > 5) return;
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && SOFT_DELETE_KEYS.has(node.name.text)) {
      const v = skipOuter(node.initializer);
      const name = node.name.text;
      const activeFalse = (name === 'active' || name === 'isActive' || name === 'is_active') && v.kind === ts.SyntaxKind.FalseKeyword;
      const setTrue = !name.toLowerCase().includes('active') && v.kind !== ts.SyntaxKind.FalseKeyword && v.kind !== ts.SyntaxKind.NullKeyword;
      if (activeFalse || setTrue) found = node.getText();
      return;
    }
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && node.name.text === 'status') {
      const v = skipOuter(node.initializer);
      if (ts.isStringLiteralLike(v) && /^(deleted|anonymi[sz]ed|geloescht|gelöscht|closed)$/i.test(v.text)) found = node.getText();
      return;
    }
    ts.forEachChild(node, (c) => visit(c, depth + 1));
  };
  for (const arg of call.arguments) visit(arg, 0);
  return found;
}

function boughtWords(text: string, knowledge: Knowledge, fileName: boolean): boolean {
  const v = knowledge.purchasedLists;
  const tokens = words(text);
  const joined = tokens.join('');
  if (tokens.some((t) => v.strong.includes(t)) || v.strong.some((s) => s.length >= 9 && joined.includes(s))) return true;
  const weak = tokens.some((t) => v.weak.includes(t));
  const list = tokens.some((t) => v.listWords.includes(t)) || (fileName && v.listWords.some((w) => w.length >= 5 && joined.includes(w)));
  return weak && list;
}

function hostOf(url: string): string | undefined {
  const m = /^[a-z]+:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url);
  return m?.[1]?.toLowerCase();
}

function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(host) || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.test') || host.endsWith('.example') || host.endsWith('.invalid') || /^127\./.test(host);
}

/** A private address, or a single-label name (a container or service on an internal network). */
function isInternalHost(host: string): boolean {
  return /^10\./.test(host) || /^192\.168\./.test(host) || /^172\.(1[6-9]|2\d|3[01])\./.test(host) || !host.includes('.') || host.endsWith('.internal') || host.endsWith('.svc') || host.endsWith('.cluster.local');
}

/** `axios.create({ baseURL: 'https://…' })`, `ky.create({ prefixUrl })`, `got.extend({ prefixUrl })`. */
function baseUrlOf(init: ts.Expression): { url: string; node: ts.Node } | undefined {
  const e = skipOuter(init);
  if (!ts.isCallExpression(e)) return undefined;
  const path = pathOf(e.expression);
  if (!path || path.length !== 2 || !['create', 'extend'].includes(path[1]!) || !['axios', 'ky', 'got'].includes(path[0]!)) return undefined;
  const o = e.arguments[0] && skipOuter(e.arguments[0]);
  if (!o || !ts.isObjectLiteralExpression(o)) return undefined;
  const p = prop(o, 'baseURL') ?? prop(o, 'prefixUrl');
  const v = p && skipOuter(p.initializer);
  return v && ts.isStringLiteralLike(v) ? { url: v.text, node: e } : undefined;
}

/** The name of a function-like node (declaration, method, const arrow, object property), and its class. */
function functionName(node: ts.Node): { name?: string; nameNode?: ts.Node; className?: string } {
  let name: string | undefined;
  let nameNode: ts.Node | undefined;
  if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) && node.name) {
    name = node.name.text;
    nameNode = node.name;
  } else if (ts.isMethodDeclaration(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) {
    name = node.name.text;
    nameNode = node.name;
  }
  let parent = node.parent;
  // export const DELETE = withSession(async (…) => {…}): the handler wrapped by a helper takes the variable's name
  if (!name && parent && ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression) && parent.parent && ts.isVariableDeclaration(parent.parent)) parent = parent.parent;
  if (!name && parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
    name = parent.name.text;
    nameNode = parent.name;
  } else if (!name && parent && (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) {
    name = parent.name.text;
    nameNode = parent.name;
  }
  let className: string | undefined;
  const owner = ts.isMethodDeclaration(node) || (parent && ts.isPropertyDeclaration(parent)) ? (ts.isMethodDeclaration(node) ? node.parent : parent!.parent) : undefined;
  if (owner && ts.isClassLike(owner) && owner.name) className = owner.name.text;
  return { name, nameNode, className };
}

/**
 * A route handler that deletes an account: `app.delete('/account', h)`, `router.post('/users/:id/delete', h)`,
 * Next.js `export async function DELETE()` in `app/api/account/route.ts`.
 */
function routeOf(node: ts.Node, sourceFile: ts.SourceFile): { label: string; anchor: ts.Node } | undefined {
  const wrapped = nextRouteConst(node);
  if ((ts.isFunctionDeclaration(node) && node.name?.text === 'DELETE' && hasExport(node)) || wrapped) {
    const file = sourceFile.fileName.replace(/\\/g, '/');
    const m = /\/(?:app|pages)\/(.*)\/route\.[cm]?[jt]sx?$/.exec(file);
    if (m && routeSubject(m[1]!.split('/'))) return { label: `DELETE /${m[1]}`, anchor: wrapped ?? (node as ts.FunctionDeclaration).name! };
    return undefined;
  }
  const call = node.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(node as ts.Expression)) return undefined;
  const path = pathOf(call.expression);
  if (!path || path.length < 2) return undefined;
  const method = path[path.length - 1]!.toLowerCase();
  if (!['delete', 'post', 'del', 'all'].includes(method)) return undefined;
  const first = call.arguments[0] && skipOuter(call.arguments[0]);
  if (!first || !ts.isStringLiteralLike(first)) return undefined;
  const segments = first.text.split('/').filter((s) => s && !s.startsWith(':') && !s.startsWith('{'));
  if (!routeSubject(first.text.split('/'))) return undefined;
  const deleting = method === 'delete' || method === 'del' || segments.some((s) => words(s).some((w) => DELETE_VERBS.includes(w)));
  if (!deleting) return undefined;
  // only the last function argument is the handler (earlier ones are middleware)
  const fns = call.arguments.filter((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
  if (fns[fns.length - 1] !== node) return undefined;
  return { label: `${method.toUpperCase()} ${first.text}`, anchor: call.expression };
}

/**
 * Does a route path address a person as its first resource (`/account`, `/api/users/:id`,
 * `app/api/user/route.ts`)? A person nested under another resource (`/workspaces/:id/users`,
 * `/teams/[id]/members`) is a membership being ended, not a person being deleted.
 */
function routeSubject(parts: string[]): boolean {
  const prefix = new Set(['api', 'v1', 'v2', 'v3', 'rest', 'admin', 'internal', 'me', 'self', 'delete', 'remove', 'erase', 'gdpr', 'dsgvo']);
  for (const raw of parts) {
    const seg = raw.replace(/^\[+\.*|\]+$/g, '');
    if (!seg || raw.startsWith(':') || raw.startsWith('{') || raw.startsWith('[') || /^\(.*\)$/.test(raw)) continue;
    if (isSubjectModel(seg) || SUBJECTS.includes(seg.toLowerCase())) return true;
    if (prefix.has(seg.toLowerCase())) continue;
    // the first other resource: anything after it is nested
    return false;
  }
  return false;
}

/** `export const DELETE = withSession(async () => {…})` (or `= async () => {…}`): the name node of the exported route constant. */
function nextRouteConst(node: ts.Node): ts.Identifier | undefined {
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return undefined;
  let p = node.parent;
  if (p && ts.isCallExpression(p) && p.arguments.includes(node)) p = p.parent;
  if (!p || !ts.isVariableDeclaration(p) || !ts.isIdentifier(p.name) || p.name.text !== 'DELETE') return undefined;
  const statement = p.parent?.parent;
  return statement && ts.isVariableStatement(statement) && hasExport(statement) ? p.name : undefined;
}

function hasExport(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Local name → export names, for functions and classes (`export function f`, `export { f as g }`, `export default f`). */
function exportedNames(sourceFile: ts.SourceFile): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (local: string, exported: string) => {
    const list = out.get(local);
    if (list) list.push(exported);
    else out.set(local, [exported]);
  };
  for (const s of sourceFile.statements) {
    const isDefault = ts.canHaveModifiers(s) && !!ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && hasExport(s)) {
      if (s.name) add(s.name.text, isDefault ? 'default' : s.name.text);
    } else if (ts.isVariableStatement(s) && hasExport(s)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) add(d.name.text, d.name.text);
    } else if (ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const e of s.exportClause.elements) add((e.propertyName ?? e.name).text, e.name.text);
    } else if (ts.isExportAssignment(s) && ts.isIdentifier(s.expression)) {
      add(s.expression.text, 'default');
    } else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      // module.exports = { a, b }; exports.a = a; module.exports.a = function a() {}
      const left = pathOf(s.expression.left);
      const right = skipOuter(s.expression.right);
      if (left && left.join('.') === 'module.exports' && ts.isObjectLiteralExpression(right)) {
        for (const p of right.properties) {
          if (ts.isShorthandPropertyAssignment(p)) add(p.name.text, p.name.text);
          else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) add(p.initializer.text, p.name.text);
        }
      } else if (left && (left[0] === 'exports' || (left[0] === 'module' && left[1] === 'exports')) && ts.isIdentifier(right)) {
        add(right.text, left[left.length - 1]!);
      }
    }
  }
  return out;
}

