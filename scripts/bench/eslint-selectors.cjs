'use strict';
// Child process of `npm run bench -- --repo`, measurement (d): what a team would hand-roll instead
// of Creepyline: ESLint 9 with @typescript-eslint/parser and `no-restricted-syntax` selectors for
// the same tracker calls, embeds and tracker scripts (tools/bench pins the versions; they need
// TypeScript < 6.1, the monorepo uses 7). Lints the files in the list (one absolute path a line)
// through the ESLint API, no config lookup, no cache. Prints one JSON line.
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const t0 = performance.now();
const tools = createRequire(path.join(__dirname, '..', '..', 'tools', 'bench', 'package.json'));
const { ESLint } = tools('eslint');
const parser = tools('@typescript-eslint/parser');
const [listFile, cwd] = process.argv.slice(2);
const files = fs.readFileSync(listFile, 'utf8').split('\n').filter((f) => /\.(m|c)?(t|j)sx?$/i.test(f));

const GLOBALS = 'gtag|fbq|ttq|_paq|lintrk|twq|rdt|pintrk|snaptr|hj|clarity|plausible|uetq|_hsq';
const SDKS = 'mixpanel|posthog|analytics|amplitude|heap|segment|rudderanalytics|Intercom|FS|LogRocket|klaviyo|_learnq';
const HOSTS = 'googletagmanager\\.com|google-analytics\\.com|connect\\.facebook\\.net|static\\.hotjar\\.com|snap\\.licdn\\.com|analytics\\.tiktok\\.com|cdn\\.segment\\.com|js\\.hs-scripts\\.com';
const EMBEDS = 'youtube\\.com|youtube-nocookie\\.com|player\\.vimeo\\.com|google\\.com.maps|fonts\\.googleapis\\.com';
const message = 'Tracking or third-party call: check consent first.';
const selectors = [
  `CallExpression[callee.name=/^(${GLOBALS})$/]`,
  `CallExpression[callee.object.name='window'][callee.property.name=/^(${GLOBALS})$/]`,
  `CallExpression[callee.object.name=/^(${SDKS})$/][callee.property.name=/^(track|capture|identify|page|init|logEvent|people|alias|group|push)$/]`,
  `CallExpression[callee.object.object.name=/^(${SDKS})$/][callee.property.name=/^(set|set_once|track|identify)$/]`,
  "CallExpression[callee.property.name='push'][callee.object.name='dataLayer']",
  "CallExpression[callee.property.name='push'][callee.object.property.name='dataLayer']",
  `JSXOpeningElement[name.name=/^(script|Script)$/] > JSXAttribute[name.name='src'][value.value=/${HOSTS}/]`,
  `JSXOpeningElement[name.name='iframe'] > JSXAttribute[name.name='src'][value.value=/${EMBEDS}/]`,
  `Literal[value=/${HOSTS}/]`,
].map((selector) => ({ selector, message }));

(async () => {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    cache: false,
    overrideConfig: [{
      files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
      languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } },
      rules: { 'no-restricted-syntax': ['error', ...selectors] },
    }],
  });
  const t1 = performance.now();
  const results = await eslint.lintFiles(files);
  const t2 = performance.now();
  const messages = results.reduce((n, r) => n + r.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length, 0);
  const fatal = results.reduce((n, r) => n + r.messages.filter((m) => m.fatal).length, 0);
  process.stdout.write(JSON.stringify({ files: results.length, messages, fatal, loadMs: t1 - t0, lintMs: t2 - t1, eslint: ESLint.version, selectors: selectors.length }) + '\n');
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + '\n');
  process.exit(2);
});
