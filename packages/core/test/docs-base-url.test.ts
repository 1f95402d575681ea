/**
 * `docsBaseUrl` in creepyline.json: validated (http(s) only, the problem names the key),
 * resolved per file, and the only source of a finding's documentation link.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../src/index';
import { Workspace } from '../src/workspace';

describe('docsBaseUrl', () => {
  let root: string;
  beforeEach(() => { root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-docs-url-'))); });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function findingsWith(config: string) {
    fs.writeFileSync(path.join(root, 'creepyline.json'), config);
    const loaded = loadConfig({ root });
    const workspace = new Workspace({ root, config: loaded.config });
    return { problems: loaded.problems, findings: workspace.analyzeFile(path.join(root, 'a.js'), "gtag('event', 'x');\n").findings };
  }

  it('without it, findings carry no link', () => {
    const { problems, findings } = findingsWith('{}');
    assert.deepEqual(problems, []);
    assert.ok(findings.length > 0);
    assert.ok(findings.every((f) => f.docsUrl === undefined));
  });

  it('with it, findings link to <base>/<rule>.md or the {rule} template', () => {
    let { problems, findings } = findingsWith('{ "docsBaseUrl": "https://docs.example.com/creepyline/rules/" }');
    assert.deepEqual(problems, []);
    assert.equal(findings[0].docsUrl, `https://docs.example.com/creepyline/rules/${findings[0].ruleId}.md`);
    ({ problems, findings } = findingsWith('{ "docsBaseUrl": "https://wiki.example.com/privacy/{rule}" }'));
    assert.equal(findings[0].docsUrl, `https://wiki.example.com/privacy/${findings[0].ruleId}`);
  });

  it('rejects anything but an http(s) URL, naming the key', () => {
    for (const bad of ['"javascript:alert(1)"', '"docs/rules"', '42']) {
      const { problems, findings } = findingsWith(`{\n  "docsBaseUrl": ${bad}\n}`);
      assert.equal(problems.length, 1, bad);
      assert.equal(problems[0].key, 'docsBaseUrl');
      assert.equal(problems[0].line, 2);
      assert.ok(findings.every((f) => f.docsUrl === undefined), 'the bad value is dropped');
    }
  });
});
