/**
 * tracking-without-consent on trackers switched on in framework configuration files: Nuxt
 * modules and head scripts, Gatsby plugins, Docusaurus presets/plugins/scripts, VitePress and
 * VuePress head entries and plugins. A plugin's own consent option set in the configuration gates
 * it; environment switches do not.
 */
import { runRuleTests } from '../testing/rule-tester';
import { rule } from './tracking-without-consent';

runRuleTests(rule, {
  valid: [
    // nuxt-gtag waits for initialize() after consent
    { code: "export default defineNuxtConfig({\n  modules: ['nuxt-gtag'],\n  gtag: { id: 'G-1', initMode: 'manual' },\n});\n", filename: 'nuxt.config.ts' },
    // inline module options, switched off
    { code: "export default defineNuxtConfig({\n  modules: [['nuxt-gtag', { id: 'G-1', enabled: false }]],\n});\n", filename: 'nuxt.config.ts' },
    // @nuxtjs/gtm without automatic init
    { code: "export default {\n  modules: ['@nuxtjs/gtm'],\n  gtm: { id: 'GTM-1', autoInit: false },\n};\n", filename: 'nuxt.config.js' },
    // gatsby-plugin-gdpr-cookies waits for its consent cookies by design
    { code: "module.exports = {\n  plugins: [\n    {\n      resolve: 'gatsby-plugin-gdpr-cookies',\n      options: { googleAnalytics: { trackingId: 'G-1' }, facebookPixel: { pixelId: '123' } },\n    },\n  ],\n};\n", filename: 'gatsby-config.js' },
    // Segment snippet without the automatic load
    { code: "module.exports = {\n  plugins: [{ resolve: 'gatsby-plugin-segment-js', options: { prodKey: 'KEY', manualLoad: true } }],\n};\n", filename: 'gatsby-config.js' },
    // the same list outside a configuration file is just data
    { code: "export default { plugins: ['gatsby-plugin-google-gtag'], modules: ['nuxt-gtag'] };\n", filename: 'src/plugin-list.ts' },
    // a preset without tracker options, a preset option switched off
    { code: "const config = {\n  presets: [['classic', { docs: { sidebarPath: './sidebars.js' }, gtag: undefined }]],\n};\nexport default config;\n", filename: 'docusaurus.config.ts' },
    // a head script blocked by the consent tool's markup
    { code: "export default {\n  head: [['script', { type: 'text/plain', 'data-cookieconsent': 'statistics', src: 'https://www.googletagmanager.com/gtag/js?id=G-1' }]],\n};\n", filename: 'docs/.vitepress/config.mts' },
    // Partytown moves scripts to a worker; by itself it loads no tracker
    { code: "import { defineConfig } from 'astro/config';\nimport partytown from '@astrojs/partytown';\nexport default defineConfig({ integrations: [partytown({ config: { forward: ['dataLayer.push'] } })] });\n", filename: 'astro.config.mjs' },
    // a head script from a CDN that is no tracker
    { code: "export default defineNuxtConfig({\n  app: { head: { script: [{ src: 'https://cdn.jsdelivr.net/npm/alpinejs@3/dist/cdn.min.js', defer: true }] } },\n});\n", filename: 'nuxt.config.ts' },
    // a page's gtag() call inherits the gating of the plugin that loads gtag.js
    {
      code: "export function trackSignup() {\n  window.gtag('event', 'sign_up');\n}\n",
      filename: 'src/track.js',
      files: {
        'package.json': '{ "name": "site" }',
        'gatsby-config.js': "module.exports = { plugins: [{ resolve: 'gatsby-plugin-gdpr-cookies', options: { googleAnalytics: { trackingId: 'G-1' } } }] };\n",
      },
    },
  ],
  invalid: [
    {
      // an Astro integration that adds Matomo to every page (Matomo: info, exempt only when configured so)
      code: "import { defineConfig } from 'astro/config';\nimport matomo from '@jop-software/astro-matomo';\nexport default defineConfig({\n  integrations: [matomo({ baseUrl: 'https://analytics.example.com/', siteId: 1 })],\n});\n",
      filename: 'astro.config.mjs',
      output: null,
      errors: [{ messageId: 'exemptVendor', line: 4, column: 18, severity: 'info' }],
    },
    {
      // nuxt-gtag loads gtag.js when the app starts; the fix names initMode
      code: "export default defineNuxtConfig({\n  modules: ['@nuxt/image', 'nuxt-gtag'],\n  gtag: { id: 'G-1', enabled: process.env.NODE_ENV === 'production' },\n});\n",
      filename: 'nuxt.config.ts',
      // the quick fix writes the plugin's consent option into the options it reads
      output: "export default defineNuxtConfig({\n  modules: ['@nuxt/image', 'nuxt-gtag'],\n  gtag: { id: 'G-1', enabled: process.env.NODE_ENV === 'production', initMode: 'manual' },\n});\n",
      errors: [{ messageId: 'configNotGated', line: 2, column: 28, endColumn: 39, message: 'Nuxt configuration', severity: 'error' }],
    },
    {
      // the fix sets an existing option to its consent value
      code: "export default defineNuxtConfig({\n  modules: ['nuxt-gtag'],\n  gtag: { initMode: 'auto', id: 'G-1' },\n});\n",
      filename: 'nuxt.config.ts',
      output: "export default defineNuxtConfig({\n  modules: ['nuxt-gtag'],\n  gtag: { initMode: 'manual', id: 'G-1' },\n});\n",
      errors: [{ messageId: 'configNotGated', line: 2 }],
    },
    {
      // ... or adds it to the module's inline options (an empty object too); a plugin without a consent option gets no fix
      code: "export default {\n  modules: [['@nuxtjs/gtm', {}]],\n};\n",
      filename: 'nuxt.config.js',
      output: "export default {\n  modules: [['@nuxtjs/gtm', { autoInit: false }]],\n};\n",
      errors: [{ messageId: 'configNotGated', line: 2 }],
    },
    {
      code: "module.exports = { plugins: ['gatsby-plugin-hotjar'] };\n",
      filename: 'gatsby-config.js',
      output: null,
      errors: [{ messageId: 'configNotGated', line: 1 }],
    },
    {
      // inline module options (Nuxt 2 buildModules)
      code: "export default {\n  buildModules: [['@nuxtjs/gtm', { id: 'GTM-1' }], '@nuxtjs/google-analytics'],\n  googleAnalytics: { id: 'UA-1' },\n};\n",
      filename: 'nuxt.config.js',
      errors: [
        { messageId: 'configNotGated', line: 2, message: 'Google Tag Manager' },
        { messageId: 'configNotGated', line: 2, message: 'Google Analytics' },
      ],
    },
    {
      // Gatsby plugins by name and as { resolve, options }, one behind an environment switch
      code: "const isProd = process.env.NODE_ENV === 'production';\nmodule.exports = {\n  plugins: [\n    { resolve: `gatsby-plugin-google-gtag`, options: { trackingIds: ['G-1'] } },\n    { resolve: 'gatsby-plugin-facebook-pixel', options: { pixelId: '123' } },\n    ...(isProd ? ['gatsby-plugin-hotjar'] : []),\n  ],\n};\n",
      filename: 'gatsby-config.js',
      errors: [
        { messageId: 'configNotGated', line: 4, message: 'Google Analytics' },
        { messageId: 'configNotGated', line: 5, message: 'Meta Pixel' },
        { messageId: 'configNotGated', line: 6, message: 'Hotjar' },
      ],
    },
    {
      // Docusaurus: preset-classic's gtag option, a plugin tuple, and a scripts entry
      code: "import type { Config } from '@docusaurus/types';\nconst config: Config = {\n  presets: [['classic', { docs: {}, gtag: { trackingID: 'G-1', anonymizeIP: true } }]],\n  plugins: [['@docusaurus/plugin-google-tag-manager', { containerId: 'GTM-1' }]],\n  scripts: [{ src: 'https://static.hotjar.com/c/hotjar-123.js?sv=6', async: true }],\n};\nexport default config;\n",
      filename: 'docusaurus.config.ts',
      errors: [
        { messageId: 'configNotGated', line: 3, column: 37, endColumn: 41, message: 'Google Analytics' },
        { messageId: 'configNotGated', line: 4, message: 'Google Tag Manager' },
        { messageId: 'configNotGated', line: 5, message: 'Hotjar' },
      ],
    },
    {
      // VitePress head entry loading gtag.js
      code: "import { defineConfig } from 'vitepress';\nexport default defineConfig({\n  head: [\n    ['script', { async: '', src: 'https://www.googletagmanager.com/gtag/js?id=G-1' }],\n    ['script', {}, \"window.dataLayer = window.dataLayer || [];\"],\n  ],\n});\n",
      filename: 'docs/.vitepress/config.mts',
      errors: [{ messageId: 'configNotGated', line: 4, message: 'VitePress configuration' }],
    },
    {
      // VuePress: Baidu Tongji plugins, by name with options, by short name, as a plugin call, and the combined plugin's options
      code: "const { baiduTongjiPlugin } = require('@renovamen/vuepress-plugin-baidu-tongji');\nmodule.exports = {\n  plugins: [\n    ['vuepress-plugin-baidu-tongji', { hm: 'abc' }],\n    ['baidu-tongji', { hm: 'abc' }],\n    baiduTongjiPlugin({ id: 'abc' }),\n    ['vuepress-plugin-baidu-google-analytics', { hm: 'abc', ga: 'UA-1' }],\n  ],\n};\n",
      filename: 'docs/.vuepress/config.js',
      errors: [
        { messageId: 'configNotGated', line: 4, message: 'Baidu' },
        { messageId: 'configNotGated', line: 5, message: 'Baidu' },
        { messageId: 'configNotGated', line: 6, message: 'Baidu' },
        { messageId: 'configNotGated', line: 7, message: 'Baidu' },
        { messageId: 'configNotGated', line: 7, message: 'Google Analytics' },
      ],
    },
    {
      // VuePress 2 plugin call imported from the package
      code: "import { defineUserConfig } from 'vuepress';\nimport { googleAnalyticsPlugin } from '@vuepress/plugin-google-analytics';\nexport default defineUserConfig({ plugins: [googleAnalyticsPlugin({ id: 'G-1' })] });\n",
      filename: 'docs/.vuepress/config.ts',
      errors: [{ messageId: 'configNotGated', line: 3, message: 'VuePress configuration' }],
    },
    {
      // Nuxt head script with the Meta Pixel loader, the config in a constant returned by a function
      code: "const head = { script: [{ src: 'https://connect.facebook.net/en_US/fbevents.js', async: true }] };\nexport default defineNuxtConfig({ app: { head } });\n",
      filename: 'nuxt.config.ts',
      errors: [{ messageId: 'configNotGated', line: 1, message: 'Meta Pixel' }],
    },
    {
      // entries pushed onto the plugin list behind an environment switch (found on dvc.org's gatsby-config)
      code: "const plugins = ['gatsby-plugin-image'];\nif (process.env.CONTEXT === 'production') {\n  plugins.push({ resolve: 'gatsby-plugin-google-analytics', options: { trackingId: process.env.GA_ID } });\n}\nmodule.exports = { plugins };\n",
      filename: 'gatsby-config.js',
      errors: [{ messageId: 'configNotGated', line: 3, message: 'Google Analytics' }],
    },
    {
      // a module added to the exported object's list (`nuxtConfig.buildModules.unshift(…)`)
      code: "const nuxtConfig = { buildModules: [], modules: [] };\nif (process.env.GA_ID) nuxtConfig.buildModules.unshift('@nuxtjs/google-analytics');\nexport default nuxtConfig;\n",
      filename: 'nuxt.config.js',
      errors: [{ messageId: 'configNotGated', line: 2, message: 'Google Analytics' }],
    },
    {
      // a head script URL built with + (found on a Nuxt 2 config)
      code: "export default {\n  head: { script: [{ src: 'https://www.googletagmanager.com/gtag/js?id=' + process.env.GTAG_ID, async: true }] },\n};\n",
      filename: 'nuxt.config.js',
      errors: [{ messageId: 'configNotGated', line: 2, message: 'Google Analytics' }],
    },
    {
      // head entries returned by a function of the file
      code: "export default defineConfig({ head: [...analyticsHead()] });\nfunction analyticsHead() {\n  return process.env.NODE_ENV === 'production'\n    ? [['script', { async: true, src: 'https://www.googletagmanager.com/gtag/js?id=G-1' }]]\n    : [];\n}\n",
      filename: 'docs/.vuepress/config.ts',
      errors: [{ messageId: 'configNotGated', line: 4, message: 'VuePress configuration' }],
    },
    {
      // a page's gtag() call: the loader from gatsby-config runs without consent
      code: "export function trackSignup() {\n  window.gtag('event', 'sign_up');\n}\n",
      filename: 'src/track.js',
      files: {
        'package.json': '{ "name": "site" }',
        'gatsby-config.js': "module.exports = { plugins: ['gatsby-plugin-google-gtag'] };\n",
      },
      errors: [{ messageId: 'notGated', line: 2 }],
    },
  ],
});
