import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'jsonc-parser';
import { loadConfig, type LoadConfigOptions } from './load';
import type { ConfigRule } from './resolve';
import { buildConfigSchema, writeConfigSchema } from './schema';
import { defaultConfigTemplate } from './template';
import type { RawConfig } from './types';

const RULES: ConfigRule[] = [
  { id: 'tracking-without-consent', meta: { defaultSeverity: 'error', title: 'Disallow tracking without consent', schema: {} }, defaultOptions: [{}] },
  {
    id: 'excessive-form-fields',
    meta: {
      defaultSeverity: 'warning',
      title: 'Disallow form fields beyond the purpose',
      schema: { type: 'object', additionalProperties: false, properties: { allowOptional: { type: 'boolean' } } },
    },
    defaultOptions: [{ allowOptional: true }],
  },
  { id: 'pii-to-third-party', meta: { defaultSeverity: 'warning', title: 'Disallow personal data to third parties', schema: {} }, defaultOptions: {} },
];

let root: string;

function write(rel: string, text: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function load(extra: Partial<LoadConfigOptions> = {}) {
  return loadConfig({ root, rules: RULES, ...extra });
}

/** 1-based line of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in text`);
  return text.slice(0, at).split('\n').length;
}

describe('config/loadConfig', () => {
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-config-'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('uses defaults when there is no configuration', () => {
    const { config, problems, files } = load();
    assert.deepEqual(problems, []);
    assert.deepEqual(files, []);
    assert.equal(config.configFile, undefined);
    const resolved = config.forFile(path.join(root, 'src/app.ts'));
    assert.deepEqual(resolved.rules['tracking-without-consent'], { level: 'error', options: {} });
    assert.deepEqual(resolved.rules['excessive-form-fields'], { level: 'warning', options: { allowOptional: true } });
    assert.equal(resolved.consent.consentModeAdvanced, 'report');
    assert.equal(resolved.requireJustification, false);
  });

  it('reads a valid config with JSONC comments and trailing commas', () => {
    const file = write(
      'creepyline.json',
      `{
  // team policy
  "rules": {
    "tracking-without-consent": "warning",
    "excessive-form-fields": ["error", { "allowOptional": false }], /* strict */
  },
  "consent": { "functions": ["hasConsent", { "name": "consent.allows", "categoryMap": { "stats": "measurement" } }], "consentModeAdvanced": "accept", },
  "requireJustification": true,
}`,
    );
    const { config, problems, files } = load();
    assert.deepEqual(problems, []);
    assert.deepEqual(files, [file]);
    assert.equal(config.configFile, file);
    const resolved = config.forFile(path.join(root, 'src/app.ts'));
    assert.equal(resolved.rules['tracking-without-consent'].level, 'warning');
    assert.deepEqual(resolved.rules['excessive-form-fields'], { level: 'error', options: { allowOptional: false } });
    assert.deepEqual(resolved.consent.functions, [
      { name: 'hasConsent', category: 'fromArg' },
      { name: 'consent.allows', category: 'fromArg', categoryMap: { stats: 'measurement' } },
    ]);
    assert.equal(resolved.consent.consentModeAdvanced, 'accept');
    assert.equal(resolved.requireJustification, true);
  });

  it('finds .creepylinerc.json and an explicit configPath', () => {
    write('.creepylinerc.json', '{ "rules": { "pii-to-third-party": "off" } }');
    assert.equal(load().config.forFile(path.join(root, 'a.ts')).rules['pii-to-third-party'].level, 'off');
    const other = write('policy/strict.json', '{ "rules": { "pii-to-third-party": "error" } }');
    const { config, files } = load({ configPath: 'policy/strict.json' });
    assert.deepEqual(files, [other]);
    assert.equal(config.forFile(path.join(root, 'a.ts')).rules['pii-to-third-party'].level, 'error');
  });

  it('reports a missing explicit config file and runs with defaults', () => {
    const { problems, config } = load({ configPath: 'nope.json' });
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /not found.*default settings/);
    assert.equal(config.forFile(path.join(root, 'a.ts')).rules['tracking-without-consent'].level, 'error');
  });

  const syntaxCases: { name: string; text: string; line: number }[] = [
    { name: 'missing comma', text: '{\n  "rules": {\n    "tracking-without-consent": "off"\n    "pii-to-third-party": "off"\n  }\n}', line: 4 },
    { name: 'unclosed object', text: '{\n  "requireJustification": true,\n', line: 3 },
    { name: 'not an object', text: '// comment\n["rules"]', line: 2 },
  ];
  for (const c of syntaxCases) {
    it(`syntax error (${c.name}) → problem on line ${c.line}, whole file falls back`, () => {
      const file = write('creepyline.json', c.text);
      const { problems, config } = load();
      assert.ok(problems.length >= 1);
      assert.equal(problems[0].file, file);
      assert.equal(problems[0].line, c.line);
      assert.match(problems[0].message, /analysis runs with default settings/);
      const resolved = config.forFile(path.join(root, 'a.ts'));
      assert.equal(resolved.rules['tracking-without-consent'].level, 'error');
      assert.equal(resolved.requireJustification, false);
    });
  }

  it('treats an empty or comment-only file as empty configuration', () => {
    write('creepyline.json', '// nothing yet\n');
    assert.deepEqual(load().problems, []);
  });

  const schemaCases: { name: string; text: string; needle: string; key: string; message: RegExp }[] = [
    {
      name: 'wrong severity',
      text: '{\n  "rules": {\n    "pii-to-third-party": "eror",\n    "tracking-without-consent": "warning"\n  }\n}',
      needle: '"eror"',
      key: 'rules.pii-to-third-party',
      message: /"eror" is not a valid rule setting.*default settings/,
    },
    {
      name: 'wrong option',
      text: '{\n  "rules": {\n    "tracking-without-consent": "warning",\n    "excessive-form-fields": ["error", { "allowOptionl": true }]\n  }\n}',
      needle: '"allowOptionl"',
      key: 'rules.excessive-form-fields[1].allowOptionl',
      message: /unknown setting "allowOptionl"; did you mean "allowOptional"\?/,
    },
    {
      name: 'unknown top-level key',
      text: '{\n  "rules": { "tracking-without-consent": "warning" },\n  "requireJustifcation": true\n}',
      needle: '"requireJustifcation"',
      key: 'requireJustifcation',
      message: /unknown setting "requireJustifcation"; did you mean "requireJustification"\?/,
    },
    {
      name: 'wrong consent mode',
      text: '{\n  "rules": { "tracking-without-consent": "warning" },\n  "consent": { "consentModeAdvanced": "yes" }\n}',
      needle: '"yes"',
      key: 'consent.consentModeAdvanced',
      message: /"yes" is not allowed; use one of "report", "accept"/,
    },
    {
      name: 'misspelt catalogue under knowledge',
      text: '{\n  "rules": { "tracking-without-consent": "warning" },\n  "knowledge": { "optInVocabulary": { "optIn": [] } }\n}',
      needle: '"optInVocabulary"',
      key: 'knowledge.optInVocabulary',
      message: /unknown setting "optInVocabulary"; did you mean "optinVocabulary"\?/,
    },
  ];
  for (const c of schemaCases) {
    it(`schema error (${c.name}) → problem naming key and line; the rest still applies`, () => {
      write('creepyline.json', c.text);
      const { problems, config } = load();
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0].key, c.key);
      assert.equal(problems[0].line, lineOf(c.text, c.needle));
      assert.equal(problems[0].column, c.text.split('\n')[problems[0].line - 1].indexOf(c.needle) + 1);
      assert.match(problems[0].message, c.message);
      const resolved = config.forFile(path.join(root, 'a.ts'));
      assert.equal(resolved.rules['tracking-without-consent'].level, 'warning');
      assert.equal(resolved.rules['pii-to-third-party'].level, 'warning'); // default kept
      assert.deepEqual(resolved.rules['excessive-form-fields'].options, { allowOptional: true });
    });
  }

  it('reports an unknown rule id with the closest known id', () => {
    const text = '{\n  "rules": {\n    "tracking-withot-consent": "off"\n  },\n  "overrides": [{ "files": ["*.html"], "rules": { "zzz": "off" } }]\n}';
    write('creepyline.json', text);
    const { problems, config } = load();
    assert.equal(problems.length, 2);
    assert.equal(problems[0].key, 'rules.tracking-withot-consent');
    assert.equal(problems[0].line, 3);
    assert.equal(problems[0].column, 5);
    assert.match(problems[0].message, /unknown rule id "tracking-withot-consent"; did you mean "tracking-without-consent"\?/);
    assert.equal(problems[1].key, 'overrides[0].rules.zzz');
    assert.doesNotMatch(problems[1].message, /did you mean/);
    assert.equal(config.forFile(path.join(root, 'a.ts')).rules['tracking-without-consent'].level, 'error');
  });

  it('an override without files is dropped, others still apply', () => {
    const text = '{\n  "overrides": [\n    { "rules": { "pii-to-third-party": "off" } },\n    { "files": ["legacy/**"], "rules": { "pii-to-third-party": "info" } }\n  ]\n}';
    write('creepyline.json', text);
    const { problems, config } = load();
    assert.equal(problems.length, 1);
    assert.equal(problems[0].key, 'overrides[0]');
    assert.equal(problems[0].line, 3);
    assert.match(problems[0].message, /missing required setting "files"/);
    assert.equal(config.forFile(path.join(root, 'src/a.ts')).rules['pii-to-third-party'].level, 'warning');
    assert.equal(config.forFile(path.join(root, 'legacy/a.ts')).rules['pii-to-third-party'].level, 'info');
  });

  it('applies overrides by glob, in order, honouring excludedFiles', () => {
    write(
      'creepyline.json',
      JSON.stringify({
        rules: { 'excessive-form-fields': ['error', { allowOptional: false }] },
        consent: { functions: ['hasConsent'] },
        overrides: [
          { files: ['src/legacy/**'], excludedFiles: ['**/*.keep.ts'], rules: { 'excessive-form-fields': 'info' }, requireJustification: true },
          { files: ['*.html'], rules: { 'tracking-without-consent': 'warning' }, consent: { components: ['ConsentGate'] } },
          { files: ['src/legacy/old/**'], rules: { 'excessive-form-fields': 'off' } },
        ],
      }),
    );
    const { config, problems } = load();
    assert.deepEqual(problems, []);
    const table: { file: string; form: string; tracking: string; justification: boolean; components: number }[] = [
      { file: 'src/app.ts', form: 'error', tracking: 'error', justification: false, components: 0 },
      { file: 'src/legacy/a.ts', form: 'info', tracking: 'error', justification: true, components: 0 },
      { file: 'src/legacy/a.keep.ts', form: 'error', tracking: 'error', justification: false, components: 0 },
      { file: 'src/legacy/old/b.ts', form: 'off', tracking: 'error', justification: true, components: 0 },
      { file: 'public/deep/index.html', form: 'error', tracking: 'warning', justification: false, components: 1 },
    ];
    for (const row of table) {
      const resolved = config.forFile(path.join(root, row.file));
      assert.equal(resolved.rules['excessive-form-fields'].level, row.form, row.file);
      assert.equal(resolved.rules['tracking-without-consent'].level, row.tracking, row.file);
      assert.equal(resolved.requireJustification, row.justification, row.file);
      assert.equal(resolved.consent.components.length, row.components, row.file);
      assert.equal(resolved.consent.functions.length, 1, row.file);
    }
    // A level alone keeps options configured before.
    assert.deepEqual(config.forFile(path.join(root, 'src/legacy/a.ts')).rules['excessive-form-fields'].options, { allowOptional: false });
  });

  it('ignores default and configured globs relative to the config folder', () => {
    write('creepyline.json', '{ "ignore": ["**/*.test.*", "generated", "src/vendor/**"] }');
    const { config } = load();
    const table: [string, boolean][] = [
      ['src/app.ts', false],
      ['node_modules/pkg/index.js', true],
      ['packages/web/dist/main.js', true],
      ['.next/server/page.js', true],
      ['public/jquery.min.js', true],
      ['src/app.test.tsx', true],
      ['src/generated/types.ts', true],
      ['src/vendor/lib.js', true],
      ['lib/vendor/lib.js', false],
      ['src/builder.ts', false],
      // folders' answers are cached: files beside and below an ignored or kept folder
      ['packages/web/dist/sub/chunk.js', true],
      ['packages/web/src/dist.ts', false],
      ['packages/web/main.ts', false],
      ['src/generated/deep/more.ts', true],
      ['src/generator/x.ts', false],
    ];
    for (const [file, ignored] of table) assert.equal(config.isIgnored(path.join(root, file)), ignored, file);
  });

  it('merges .vscode/settings.json and editor settings below creepyline.json', () => {
    const settingsText = `{
  "editor.tabSize": 2,
  // creepyline keys, flat as VS Code writes them
  "creepyline.rules": { "pii-to-third-party": "info", "excessive-form-fields": "off" },
  "creepyline.consent.hooks": ["useConsent"],
  "creepyline.requireJustification": true,
  "creepyline.trace.server": "verbose",
}`;
    const settingsFile = write('.vscode/settings.json', settingsText);
    const configFile = write('creepyline.json', '{ "rules": { "excessive-form-fields": "warning" } }');
    const editor: RawConfig = { rules: { 'pii-to-third-party': 'error', 'tracking-without-consent': 'info' }, requireJustification: false };
    const table: { name: string; settings?: RawConfig; pii: string; form: string; tracking: string; justification: boolean }[] = [
      // settings.json < creepyline.json
      { name: 'settings file only', pii: 'info', form: 'warning', tracking: 'error', justification: true },
      // editor settings win over settings.json, creepyline.json wins over both
      { name: 'with editor settings', settings: editor, pii: 'error', form: 'warning', tracking: 'info', justification: false },
    ];
    for (const row of table) {
      const { config, problems, files } = load({ settings: row.settings });
      assert.deepEqual(problems, [], row.name);
      assert.deepEqual(files, [settingsFile, configFile], row.name);
      const resolved = config.forFile(path.join(root, 'src/a.ts'));
      assert.equal(resolved.rules['pii-to-third-party'].level, row.pii, row.name);
      assert.equal(resolved.rules['excessive-form-fields'].level, row.form, row.name);
      assert.equal(resolved.rules['tracking-without-consent'].level, row.tracking, row.name);
      assert.equal(resolved.requireJustification, row.justification, row.name);
      assert.deepEqual(resolved.consent.hooks, [{ name: 'useConsent', category: 'fromArg' }], row.name);
    }
  });

  it('reports problems in .vscode/settings.json at the settings key', () => {
    const text = '{\n  "creepyline.consent": { "functions": ["hasConsent"] },\n  "creepyline.consent.consentModeAdvanced": "sometimes",\n  "creepyline.rules": { "pii-to-thirdparty": "off" }\n}';
    const file = write('.vscode/settings.json', text);
    const { problems, config } = load({ settings: { rules: { 'tracking-without-consent': 'nope' as never } } });
    assert.deepEqual(
      problems.map((p) => [p.file, p.line, p.key]),
      [
        [file, 4, 'rules.pii-to-thirdparty'],
        [file, 3, 'consent.consentModeAdvanced'],
        ['VS Code settings (creepyline.*)', 1, 'rules.tracking-without-consent'],
      ],
    );
    assert.match(problems[0].message, /did you mean "pii-to-third-party"/);
    const resolved = config.forFile(path.join(root, 'a.ts'));
    assert.deepEqual(resolved.consent.functions, [{ name: 'hasConsent', category: 'fromArg' }]);
    assert.equal(resolved.consent.consentModeAdvanced, 'report');
  });

  describe('follows the file, not the working directory', () => {
    const put = (rel: string, text: string) => {
      const file = path.join(root, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return file;
    };

    it("each file gets the nearest creepyline.json above it; a package's file replaces the root's (no cascade)", () => {
      const rootConfig = put('creepyline.json', '{ "rules": { "tracking-without-consent": "warning" }, "consent": { "functions": ["rootConsent"] } }');
      const pkgConfig = put('packages/shop/creepyline.json', '{ "consent": { "hooks": ["useShopConsent"] } }');
      const { config, files } = load();
      assert.equal(config.configFile, rootConfig);
      const atRoot = config.forFile(path.join(root, 'src/app.ts'));
      assert.equal(atRoot.rules['tracking-without-consent'].level, 'warning');
      assert.deepEqual(atRoot.consent.functions.map((f) => f.name), ['rootConsent']);
      const inPkg = config.forFile(path.join(root, 'packages/shop/app/page.tsx'));
      assert.equal(inPkg.rules['tracking-without-consent'].level, 'error', 'the root file does not cascade into the package');
      assert.deepEqual(inPkg.consent.hooks.map((h) => h.name), ['useShopConsent']);
      assert.deepEqual(inPkg.consent.functions, []);
      assert.deepEqual(files, [rootConfig, pkgConfig], 'nested files are listed once read');
    });

    it("a nested file's ignore globs are relative to its own folder; its problems are reported once", () => {
      put('packages/blog/creepyline.json', '{\n  "ignore": ["drafts/**"],\n  "rules": { "no-such-rule": "off" }\n}');
      const { config, problems } = load();
      assert.equal(config.configFile, undefined);
      assert.ok(config.isIgnored(path.join(root, 'packages/blog/drafts/post.ts')));
      assert.ok(!config.isIgnored(path.join(root, 'drafts/post.ts')));
      config.forFile(path.join(root, 'packages/blog/index.ts'));
      config.forFile(path.join(root, 'packages/blog/lib/a.ts'));
      assert.equal(problems.length, 1);
      assert.equal(problems[0].file, path.join(root, 'packages/blog/creepyline.json'));
      assert.equal(problems[0].line, 3);
    });

    it('files outside the workspace folder get their own nearest config, without the folder\'s .vscode settings', () => {
      const site = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-site-'));
      try {
        fs.writeFileSync(path.join(site, 'creepyline.json'), '{ "consent": { "functions": ["siteConsent"] } }');
        put('.vscode/settings.json', '{ "creepyline.rules": { "tracking-without-consent": "info" } }');
        const { config } = load();
        const inside = config.forFile(path.join(root, 'a.ts'));
        assert.equal(inside.rules['tracking-without-consent'].level, 'info');
        const outside = config.forFile(path.join(site, 'app/page.ts'));
        assert.deepEqual(outside.consent.functions.map((f) => f.name), ['siteConsent']);
        assert.equal(outside.rules['tracking-without-consent'].level, 'error', "the working folder's editor settings stay in it");
      } finally {
        fs.rmSync(site, { recursive: true, force: true });
      }
    });

    it('an explicit configPath applies to every file', () => {
      const team = put('team.json', '{ "consent": { "functions": ["teamConsent"] } }');
      put('packages/shop/creepyline.json', '{ "consent": { "functions": ["shopConsent"] } }');
      const { config } = load({ configPath: team });
      assert.deepEqual(config.forFile(path.join(root, 'packages/shop/a.ts')).consent.functions.map((f) => f.name), ['teamConsent']);
    });
  });

  it('never executes configuration: a .js config is not looked up', () => {
    write('creepyline.config.js', 'throw new Error("executed")');
    write('creepyline.js', 'throw new Error("executed")');
    const { files, problems } = load();
    assert.deepEqual(files, []);
    assert.deepEqual(problems, []);
  });
});

describe('config/schema', () => {
  it('the generated schema is valid draft-07 under strict Ajv and validates the template', () => {
    // [level] and [level, options] share one tuple schema, hence strictTuples off.
    const ajv = new Ajv({ allErrors: true, strict: true, strictTuples: false });
    ajv.addKeyword('markdownDescription');
    ajv.addKeyword('enumDescriptions');
    const validate = ajv.compile(buildConfigSchema(RULES));
    const template = parse(defaultConfigTemplate(), [], { allowTrailingComma: true });
    assert.ok(validate(template), JSON.stringify(validate.errors));
    assert.equal(validate({ rules: { 'not-a-rule': 'off' } }), false);
    assert.equal(validate({ rules: { 'excessive-form-fields': ['warning', { allowOptional: 1 }] } }), false);
    assert.equal(validate({ overrides: [{ files: ['x'], rules: { 'tracking-without-consent': ['info'] } }] }), true);
  });

  it('the template loads without problems and sets the test ignores', () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-config-'));
    try {
      write('creepyline.json', defaultConfigTemplate());
      const { config, problems } = load();
      assert.deepEqual(problems, []);
      assert.ok(config.isIgnored(path.join(root, 'src/__tests__/a.ts')));
      assert.ok(config.isIgnored(path.join(root, 'test/fixtures/page.html')));
      assert.equal(config.forFile(path.join(root, 'a.ts')).requireJustification, true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('every property of the base schema has a description with an example', () => {
    const schema = buildConfigSchema(RULES) as { properties: Record<string, { description?: string; $ref?: string }>; definitions: Record<string, { description?: string }> };
    for (const [key, prop] of Object.entries(schema.properties)) {
      const described = prop.$ref ? schema.definitions[prop.$ref.split('/').pop()!] : prop;
      assert.match(described.description ?? '', /Example/, key);
    }
  });

  it('writeConfigSchema writes the generated schema', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-schema-'));
    try {
      const out = path.join(dir, 'schema', 'creepyline.schema.json');
      writeConfigSchema(out, RULES);
      const written = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.deepEqual(written.definitions.rules.propertyNames.enum, ['excessive-form-fields', 'pii-to-third-party', 'tracking-without-consent']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
