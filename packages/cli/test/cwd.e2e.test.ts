// Configuration and module resolution follow the file, not the working directory (DESIGN,
// Decisions): the CLI run on a sample from the repository root, from inside the sample, and
// from an unrelated folder with an absolute path reports the same findings.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, makeProject, removeProject, runCli } from './helpers';

interface JsonFinding {
  ruleId: string;
  file: string;
  range: { start: { line: number; column: number } };
  severity: string;
  message: string;
  trace?: string[];
}

/** Findings as comparable lines, files relative to `base`. */
function findings(stdout: string, cwd: string, base: string): string[] {
  const report = JSON.parse(stdout) as { findings: JsonFinding[]; configProblems?: unknown[] };
  return report.findings
    .map((f) => `${path.relative(base, path.resolve(cwd, f.file)).split(path.sep).join('/')}:${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.severity} ${f.message}`)
    .sort();
}

const SAMPLES = fs.readdirSync(path.join(REPO_ROOT, 'samples')).filter((name) => fs.existsSync(path.join(REPO_ROOT, 'samples', name, 'expected.json')));

describe('CLI: findings do not depend on the working directory', function () {
  this.timeout(120_000);
  const elsewhere = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-elsewhere-')));
  after(() => removeProject(elsewhere));

  for (const name of SAMPLES) {
    it(`samples/${name}: repository root = inside the sample = another folder with an absolute path`, () => {
      const sample = path.join(REPO_ROOT, 'samples', name);
      const fromRoot = runCli(['check', `samples/${name}`, '--format', 'json'], REPO_ROOT);
      const inside = runCli(['check', '.', '--format', 'json'], sample);
      const absolute = runCli(['check', sample, '--format', 'json'], elsewhere);
      for (const r of [fromRoot, inside, absolute]) assert.ok(r.code === 0 || r.code === 1, r.stderr);
      const expected = findings(inside.stdout, sample, sample);
      assert.ok(expected.length > 0, 'the sample has findings');
      assert.deepEqual(findings(fromRoot.stdout, REPO_ROOT, sample), expected);
      assert.deepEqual(findings(absolute.stdout, elsewhere, sample), expected);
    });
  }

  it("uses the checked project's creepyline.json and tsconfig paths when run from elsewhere", () => {
    const site = makeProject({
      'creepyline.json': '{ "consent": { "hooks": ["useConsent"] } }',
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] } } }',
      'src/lib/analytics.ts': "export function track(name: string) {\n  gtag('event', name);\n}\n",
      'src/app/page.tsx':
        "import { track } from '@/lib/analytics';\nimport { useConsent } from '@/lib/consent';\nexport default function Page() {\n  const { statistics } = useConsent();\n  if (statistics) track('view');\n  return null;\n}\n",
      'src/lib/consent.ts': 'export function useConsent() { return { statistics: false }; }\n',
    });
    try {
      const inside = runCli(['check', '.', '--format', 'json'], site);
      const outside = runCli(['check', site, '--format', 'json'], elsewhere);
      assert.equal(inside.code, 0, inside.stdout);
      assert.equal(outside.code, 0, outside.stdout);
      assert.deepEqual(findings(outside.stdout, elsewhere, site), findings(inside.stdout, site, site));
    } finally {
      removeProject(site);
    }
  });

  it('"why flagged" says when an import alias could not be resolved', () => {
    const site = makeProject({
      'src/lib/analytics.ts': "export function track(name: string) {\n  gtag('event', name);\n}\n",
      'src/app/page.tsx': "import { track } from '@/lib/analytics';\nexport function Page({ ok }: { ok: boolean }) {\n  if (ok) track('view');\n}\n",
    });
    try {
      const r = runCli(['check', '.', '--format', 'json'], site);
      const report = JSON.parse(r.stdout) as { findings: JsonFinding[] };
      const finding = report.findings.find((f) => f.ruleId === 'tracking-without-consent');
      assert.ok(finding, r.stdout);
      const trace = (finding.trace ?? []).join('\n');
      assert.match(trace, /page\.tsx:3 uses it through the import '@\/lib\/analytics', but the import alias '@\/lib\/analytics' cannot be resolved/);
      assert.doesNotMatch(trace, /No other analysed file uses/);
    } finally {
      removeProject(site);
    }
  });
});
