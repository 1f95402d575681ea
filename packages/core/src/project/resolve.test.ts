import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModuleResolver, mayBeProjectModule } from './resolve';

describe('ModuleResolver', () => {
  let root: string;
  const write = (rel: string, text = '') => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-resolve-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('resolves relative specifiers with extensions and index files', () => {
    const analytics = write('lib/analytics.ts');
    const index = write('lib/consent/index.tsx');
    const importer = write('app/page.tsx');
    const resolver = new ModuleResolver(root);
    assert.equal(resolver.resolve('../lib/analytics', importer), analytics);
    assert.equal(resolver.resolve('../lib/analytics.js', importer), analytics, 'ESM-style .js specifier finds the .ts source');
    assert.equal(resolver.resolve('../lib/consent', importer), index);
    assert.equal(resolver.resolve('../lib/missing', importer), undefined);
  });

  it('follows tsconfig paths (JSONC, longest prefix first) from the nearest config up to the root', () => {
    write('tsconfig.json', '{\n  // Next.js default\n  "compilerOptions": { "paths": { "@/*": ["./*"], "@/lib/*": ["./src/lib/*"], }, },\n}\n');
    const inSrc = write('src/lib/analytics.ts');
    const atRoot = write('components/Tags.tsx');
    const importer = write('app/checkout/page.tsx');
    const resolver = new ModuleResolver(root);
    assert.equal(resolver.resolve('@/lib/analytics', importer), inSrc);
    assert.equal(resolver.resolve('@/components/Tags', importer), atRoot);
    assert.equal(resolver.resolve('react', importer), undefined, 'bare npm specifiers are not project files');
  });

  it('looks tsconfig up from the importing file, above the workspace folder too (the CLI may run from anywhere)', () => {
    write('site/jsconfig.json', '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } } }');
    const target = write('site/src/lib/analytics.js');
    const importer = write('site/src/app/page.jsx');
    const elsewhere = path.join(root, 'elsewhere');
    fs.mkdirSync(elsewhere);
    const resolver = new ModuleResolver(elsewhere);
    assert.equal(resolver.resolve('@/lib/analytics', importer), target);
  });

  it('follows extends (relative and from node_modules); paths are relative to the config that declares them', () => {
    write('tsconfig.base.json', '{ "compilerOptions": { "paths": { "@acme/lib/*": ["./packages/lib/src/*"] } } }');
    write('apps/web/tsconfig.json', '{ "extends": "../../tsconfig.base.json", "compilerOptions": { "strict": true } }');
    write('node_modules/@acme/tsconfig/next.json', '{ "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["./app/*"] } } }');
    write('apps/site/tsconfig.json', '{ "extends": "@acme/tsconfig/next.json" }');
    const lib = write('packages/lib/src/track.ts');
    const webImporter = write('apps/web/app/page.tsx');
    const resolver = new ModuleResolver(root);
    assert.equal(resolver.resolve('@acme/lib/track', webImporter), lib);
    const siteImporter = write('apps/site/app/page.tsx');
    const inPackageDir = write('node_modules/@acme/tsconfig/app/x.ts');
    assert.equal(resolver.resolve('~/x', siteImporter), inPackageDir, 'baseUrl is relative to the config declaring it');
  });

  it('stops on extends cycles', () => {
    write('a.json', '{ "extends": "./b.json" }');
    write('b.json', '{ "extends": "./a.json", "compilerOptions": { "paths": { "@/*": ["./*"] } } }');
    write('tsconfig.json', '{ "extends": "./a.json" }');
    const target = write('lib/x.ts');
    assert.equal(new ModuleResolver(root).resolve('@/lib/x', write('app/p.ts')), target);
  });

  it('says why an alias did not resolve', () => {
    const importer = write('app/page.tsx');
    const resolver = new ModuleResolver(root);
    assert.match(resolver.explainUnresolved('@/lib/analytics', importer) ?? '', /no tsconfig\.json or jsconfig\.json with "paths"/);
    assert.equal(resolver.explainUnresolved('react', importer), undefined);
    write('tsconfig.json', '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }');
    const fresh = new ModuleResolver(root);
    assert.match(fresh.explainUnresolved('@/lib/analytics', importer) ?? '', /matches "paths" in .*tsconfig\.json but no file exists there/);
    assert.match(fresh.explainUnresolved('~/lib/analytics', importer) ?? '', /is not declared in the "paths"/);
  });

  it('uses files known only in memory (editor overlays)', () => {
    const importer = write('app/page.ts');
    const unsaved = path.join(root, 'lib', 'new.ts');
    const resolver = new ModuleResolver(root, (file) => file === unsaved);
    assert.equal(resolver.resolve('../lib/new', importer), unsaved);
  });

  it('tells project specifiers from npm packages', () => {
    assert.ok(mayBeProjectModule('./a') && mayBeProjectModule('../a') && mayBeProjectModule('@/lib/a') && mayBeProjectModule('~/a'));
    assert.ok(!mayBeProjectModule('react') && !mayBeProjectModule('@segment/analytics-next'));
  });
});
