import assert from 'node:assert/strict';
import { buildKnowledge } from './index';
import { CONFIG_FILES, FRAMEWORK_PLUGINS, configFileOf } from '../facts/framework-config';

describe('knowledge: framework-config.json', () => {
  const k = buildKnowledge();

  it('names a source for every configuration file and plugin', () => {
    for (const c of CONFIG_FILES) assert.match(c.source, /https:\/\//, `${c.id}: source`);
    for (const p of FRAMEWORK_PLUGINS) assert.ok(p.source.length > 0 && p.source.every((s) => /https:\/\//.test(s)), `${p.package}: source`);
  });

  it('maps every plugin onto catalogued vendors of known frameworks', () => {
    const frameworks = new Set(CONFIG_FILES.map((c) => c.id));
    for (const p of FRAMEWORK_PLUGINS) {
      assert.ok(p.frameworks.length > 0 && p.frameworks.every((f) => frameworks.has(f)), `${p.package}: frameworks`);
      const ids = [...(p.vendor ? [p.vendor] : []), ...Object.values(p.subVendors ?? {}).filter((id): id is string => !!id)];
      assert.ok(ids.length > 0, `${p.package}: no vendor`);
      for (const id of ids) assert.ok(k.vendorById(id), `${p.package}: unknown vendor ${id}`);
      // a consent option either gates through gatedWhen or is the plugin's design; never a bare promise
      if (p.consentOption) assert.ok(p.gatedWhen?.length, `${p.package}: consentOption without gatedWhen`);
      for (const g of p.gatedWhen ?? []) assert.ok(typeof g.equals === 'string' || typeof g.equals === 'boolean', `${p.package}: ${g.option}`);
    }
  });

  it('recognises configuration files by name and folder only', () => {
    assert.equal(configFileOf('site/nuxt.config.ts')?.id, 'nuxt');
    assert.equal(configFileOf('gatsby-config.js')?.id, 'gatsby');
    assert.equal(configFileOf('C:\\web\\docusaurus.config.js')?.id, 'docusaurus');
    assert.equal(configFileOf('docs/.vitepress/config.mts')?.id, 'vitepress');
    assert.equal(configFileOf('docs/.vuepress/config.js')?.id, 'vuepress');
    assert.equal(configFileOf('src/config.ts'), undefined);
    assert.equal(configFileOf('src/nuxt.config.helpers.ts'), undefined);
  });
});

describe('tracking-without-consent documentation: framework configuration', () => {
  it('names every catalogued plugin and framework', async () => {
    const { rule } = await import('../rules/tracking-without-consent');
    const { description } = rule.meta;
    for (const p of FRAMEWORK_PLUGINS) assert.ok(description.includes(`\`${p.package}\``), `description does not name ${p.package}`);
    for (const c of CONFIG_FILES) assert.ok(description.includes(c.name), `description does not name ${c.name}`);
    for (const p of FRAMEWORK_PLUGINS) for (const g of p.gatedWhen ?? []) assert.ok(description.includes(g.option), `description does not name ${p.package}'s ${g.option}`);
  });
});
