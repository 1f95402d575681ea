/**
 * tracking-without-consent on framework configuration split across files: the configuration
 * imports its plugin list, a list entry or a plugin's options from another project file. The
 * finding sits at the entry where the tracker is configured (in the imported file); a consent
 * option in either file gates it; an entry no configuration imports is just data.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runRuleTests } from '../testing/rule-tester';
import { rule } from './tracking-without-consent';
import { rules } from './index';
import { Workspace } from '../workspace';
import { LayeredConfigSet } from '../config';

const NUXT_IMPORTS_MODULES = "import { modules } from './config/modules';\nexport default defineNuxtConfig({ modules });\n";
const GATSBY_REQUIRES_PLUGINS = "const plugins = require('./config/plugins');\nmodule.exports = { siteMetadata: { title: 'Shop' }, plugins };\n";

runRuleTests(rule, {
  valid: [
    // nuxt-gtag held until initialize(): the option in the entry's own options
    { code: "export const modules = ['@nuxt/image', ['nuxt-gtag', { id: 'G-1', initMode: 'manual' }]];\n", filename: 'config/modules.ts', files: { 'nuxt.config.ts': NUXT_IMPORTS_MODULES } },
    // ... or in the configuration's own `gtag` key
    { code: "export const modules = ['nuxt-gtag'];\n", filename: 'config/modules.ts', files: { 'nuxt.config.ts': "import { modules } from './config/modules';\nexport default defineNuxtConfig({ modules, gtag: { id: 'G-1', initMode: 'manual' } });\n" } },
    // a plugin list no configuration imports is just data
    { code: "export const modules = ['nuxt-gtag'];\n", filename: 'config/modules.ts', files: { 'nuxt.config.ts': "export default defineNuxtConfig({ modules: ['@nuxt/image'] });\n" } },
    // a list imported by a configuration of another framework: its plugin names mean nothing there
    { code: "module.exports = ['nuxt-gtag'];\n", filename: 'config/plugins.js', files: { 'gatsby-config.js': GATSBY_REQUIRES_PLUGINS } },
    // gatsby-plugin-gdpr-cookies waits for its consent cookies
    { code: "module.exports = [{ resolve: 'gatsby-plugin-gdpr-cookies', options: { googleAnalytics: { trackingId: 'G-1' } } }];\n", filename: 'config/plugins.js', files: { 'gatsby-config.js': GATSBY_REQUIRES_PLUGINS } },
    // the configuration imports the options object, which holds the tracker until consent
    { code: "import { gtag } from './config/gtag';\nexport default defineNuxtConfig({ modules: ['nuxt-gtag'], gtag });\n", filename: 'nuxt.config.ts', files: { 'config/gtag.ts': "export const gtag = { id: 'G-1', initMode: 'manual' };\n" } },
    { code: "import gtmOptions from './gtm';\nexport default { modules: [['@nuxtjs/gtm', gtmOptions]] };\n", filename: 'nuxt.config.js', files: { 'gtm.js': "export default { id: 'GTM-1', autoInit: false };\n" } },
    // a page's gtag() call inherits the gating of the plugin a configuration takes from another file
    {
      code: "export function trackSignup() {\n  window.gtag('event', 'sign_up');\n}\n",
      filename: 'src/track.js',
      files: {
        'package.json': '{ "name": "site" }',
        'gatsby-config.js': GATSBY_REQUIRES_PLUGINS,
        'config/plugins.js': "module.exports = [{ resolve: 'gatsby-plugin-gdpr-cookies', options: { googleAnalytics: { trackingId: 'G-1' } } }];\n",
      },
    },
    // head entries imported: a consent tool's blocking markup gates the script; a CDN script is no tracker
    { code: "module.exports = [['script', { type: 'text/plain', 'data-cookieconsent': 'statistics', src: 'https://www.googletagmanager.com/gtag/js?id=G-1' }], ['script', { src: 'https://cdn.jsdelivr.net/npm/katex/dist/katex.min.js' }]];\n", filename: 'docs/.vuepress/config/head.js', files: { 'docs/.vuepress/config.js': "module.exports = { head: require('./config/head') };\n" } },
    // a head list in a shape the framework does not read (a VuePress head takes tuples, not { src } objects)
    { code: "module.exports = [{ src: 'https://www.googletagmanager.com/gtag/js?id=G-1' }];\n", filename: 'docs/.vuepress/config/head.js', files: { 'docs/.vuepress/config.js': "module.exports = { head: require('./config/head') };\n" } },
    // the same script list imported by no configuration
    { code: "export default [['script', { src: 'https://www.googletagmanager.com/gtag/js?id=G-1' }]];\n", filename: 'src/head.ts' },
  ],
  invalid: [
    {
      // ... and its loader runs without consent when the imported plugin has no consent option
      code: "export function trackSignup() {\n  window.gtag('event', 'sign_up');\n}\n",
      filename: 'src/track.js',
      files: {
        'package.json': '{ "name": "site" }',
        'gatsby-config.js': GATSBY_REQUIRES_PLUGINS,
        'config/plugins.js': "module.exports = ['gatsby-plugin-google-gtag'];\n",
      },
      errors: [{ messageId: 'notGated', line: 2 }],
    },
    {
      // VuePress: `head: require('./config/head')` (found on real VuePress docs sites)
      code: "module.exports = [\n  ['link', { rel: 'icon', href: '/favicon.ico' }],\n  ['script', { async: true, src: 'https://hm.baidu.com/hm.js?abc' }],\n  ['script', { src: 'https://www.googletagmanager.com/gtag/js?id=G-1' }],\n];\n",
      filename: 'docs/.vuepress/config/head.js',
      files: { 'docs/.vuepress/config.js': "const head = require('./config/head');\nmodule.exports = { title: 'Docs', head };\n" },
      errors: [
        { messageId: 'configNotGated', line: 3, message: 'VuePress configuration' },
        { messageId: 'configNotGated', line: 4, message: 'Google Analytics' },
      ],
    },
    {
      // Nuxt: `app: { head: { script } }` with the script list imported
      code: "export const script = [{ src: 'https://connect.facebook.net/en_US/fbevents.js', async: true }];\n",
      filename: 'config/head.ts',
      files: { 'nuxt.config.ts': "import { script } from './config/head';\nexport default defineNuxtConfig({ app: { head: { script } } });\n" },
      errors: [{ messageId: 'configNotGated', line: 1, message: 'Meta Pixel' }],
    },
    {
      // Nuxt: `modules` imported from another file (found as `import { modules, … } from './config'` on real Nuxt 3 configs)
      code: "export const modules = [\n  '@nuxt/image',\n  'nuxt-gtag',\n];\n",
      filename: 'config/modules.ts',
      files: { 'nuxt.config.ts': NUXT_IMPORTS_MODULES },
      errors: [{ messageId: 'configNotGated', line: 3, column: 3, endColumn: 14, message: 'Nuxt configuration' }],
    },
    {
      // through a barrel: `import { modules } from './config'` with `export * from './modules'`
      code: "export const modules = [['@nuxtjs/gtm', { id: 'GTM-1' }]];\n",
      filename: 'config/modules.ts',
      files: { 'config/index.ts': "export * from './modules';\n", 'nuxt.config.ts': "import { modules } from './config';\nexport default defineNuxtConfig({ modules });\n" },
      errors: [{ messageId: 'configNotGated', line: 1, message: 'Google Tag Manager' }],
    },
    {
      // Gatsby: `const plugins = require('./config/plugins')` (found on real Gatsby starters)
      code: "module.exports = [\n  'gatsby-plugin-image',\n  { resolve: 'gatsby-plugin-google-gtag', options: { trackingIds: ['G-1'] } },\n];\n",
      filename: 'config/plugins.js',
      files: { 'gatsby-config.js': GATSBY_REQUIRES_PLUGINS },
      errors: [{ messageId: 'configNotGated', line: 3, message: 'Gatsby configuration' }],
    },
    {
      // Gatsby: `plugins: require('./config/plugins')` directly, the module exporting an object of lists
      code: "const analytics = ['gatsby-plugin-hotjar'];\nmodule.exports = { plugins: [...analytics, 'gatsby-plugin-sharp'] };\n",
      filename: 'config/gatsby.js',
      files: { 'gatsby-config.js': "module.exports = { plugins: require('./config/gatsby').plugins };\n" },
      errors: [{ messageId: 'configNotGated', line: 1, message: 'Hotjar' }],
    },
    {
      // Gatsby: a spread of an imported function's result
      code: "export function analyticsPlugins(env) {\n  return env === 'production' ? [{ resolve: 'gatsby-plugin-facebook-pixel', options: { pixelId: '1' } }] : [];\n}\n",
      filename: 'src/config/analytics.mjs',
      files: { 'gatsby-config.mjs': "import { analyticsPlugins } from './src/config/analytics.mjs';\nexport default { plugins: ['gatsby-plugin-image', ...analyticsPlugins(process.env.NODE_ENV)] };\n" },
      errors: [{ messageId: 'configNotGated', line: 2, message: 'Meta Pixel' }],
    },
    {
      // one list entry imported (`plugins: [gtagPlugin]`)
      code: "export const gtagPlugin = { resolve: 'gatsby-plugin-google-analytics', options: { trackingId: 'UA-1' } };\n",
      filename: 'plugins/gtag.ts',
      files: { 'gatsby-config.ts': "import { gtagPlugin } from './plugins/gtag';\nexport default { plugins: [gtagPlugin] };\n" },
      errors: [{ messageId: 'configNotGated', line: 1, message: 'Google Analytics' }],
    },
    {
      // Docusaurus: preset-classic's options object imported; its gtag key switches the plugin on
      code: "export default {\n  docs: { sidebarPath: './sidebars.js' },\n  gtag: { trackingID: 'G-1' },\n};\n",
      filename: 'config/preset.js',
      files: { 'docusaurus.config.js': "import presetOptions from './config/preset.js';\nexport default { presets: [['classic', presetOptions]] };\n" },
      errors: [{ messageId: 'configNotGated', line: 3, column: 3, endColumn: 7, message: 'Docusaurus configuration' }],
    },
    {
      // Astro: the integrations list imported
      code: "import matomo from '@jop-software/astro-matomo';\nexport const integrations = [matomo({ baseUrl: 'https://stats.example.com/', siteId: 1 })];\n",
      filename: 'src/integrations.ts',
      files: { 'astro.config.mjs': "import { defineConfig } from 'astro/config';\nimport { integrations } from './src/integrations';\nexport default defineConfig({ integrations });\n" },
      errors: [{ messageId: 'exemptVendor', line: 2, severity: 'info' }],
    },
    {
      // options imported without a consent option: the configuration entry stays reported
      code: "import { gtag } from './config/gtag';\nexport default defineNuxtConfig({ modules: ['nuxt-gtag'], gtag });\n",
      filename: 'nuxt.config.ts',
      files: { 'config/gtag.ts': "export const gtag = { id: 'G-1' };\n" },
      errors: [{ messageId: 'configNotGated', line: 2 }],
    },
  ],
});

describe('framework configuration split across files: inventory', () => {
  it('lists the tracker at the entry in the file that writes it, with its verdict', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'creepyline-split-'));
    try {
      fs.mkdirSync(path.join(root, 'config'));
      fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "shop" }');
      fs.writeFileSync(path.join(root, 'gatsby-config.js'), GATSBY_REQUIRES_PLUGINS);
      fs.writeFileSync(path.join(root, 'config', 'plugins.js'), "module.exports = [\n  'gatsby-plugin-image',\n  'gatsby-plugin-hotjar',\n];\n");
      const workspace = new Workspace({ root, config: new LayeredConfigSet(root, rules, [{ raw: {}, baseDir: root }]) });
      const files = [path.join(root, 'gatsby-config.js'), path.join(root, 'config', 'plugins.js')];
      const result = workspace.analyzeFiles(files);
      const hotjar = workspace.inventory(files, result.findings).vendors.find((v) => v.id === 'hotjar');
      assert.ok(hotjar, 'Hotjar is listed');
      assert.deepEqual(hotjar!.sites.map((s) => [path.relative(root, s.file), s.line, s.form, s.consent.status]), [[path.join('config', 'plugins.js'), 3, 'config', 'not-gated']]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
