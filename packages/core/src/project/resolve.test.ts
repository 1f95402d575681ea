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
