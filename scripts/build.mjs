#!/usr/bin/env node
/**
 * Bundles the shipped JavaScript with esbuild (Node API):
 *   client/src/extension.ts  → client/dist/client.js   (the VS Code extension; `vscode` external)
 *   server/src/server.ts     → server/dist/server.js   (runnable: `node server/dist/server.js --stdio`)
 *                            → client/dist/server.js   (the same bundle, shipped inside the extension)
 *   packages/cli/src/main.ts → packages/cli/dist/cli.js (when the CLI exists)
 *   packages/cli/src/worker.ts → packages/cli/dist/worker.js (its worker threads, `check --jobs N`)
 * and copies the configuration JSON schema into client/schema/ for `jsonValidation`.
 *
 * ts-morph (and the TypeScript compiler it carries) is bundled: its default lib .d.ts files
 * are embedded in @ts-morph/common's JavaScript, so nothing else is needed at run time. The CLI
 * bundles take only the compiler (scripts/ts-morph-shim.cjs): core never builds a ts-morph Project.
 * No type-checking here (`npm run typecheck` does that). Quiet on success; exits non-zero
 * on errors. Flags: --production (minify, no source maps), --watch.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rel = (...parts) => path.join(repo, ...parts);

/** Candidate locations of the config schema, first existing wins. */
const SCHEMA_SOURCES = ['packages/core/schema/creepyline.schema.json', 'packages/core/src/config/schema.json'];

/** Shared options: Node 20, CommonJS, source maps unless production. */
function common(production) {
  return {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: !production,
    sourcesContent: false,
    minify: production,
    logLevel: 'silent',
    // UMD builds (jsonc-parser) hide their internal requires from the bundler: prefer ESM entries
    mainFields: ['module', 'main'],
    legalComments: 'none',
  };
}

/** The build targets present in this checkout. */
function targets(production) {
  const list = [
    { name: 'client', entryPoints: [rel('client/src/extension.ts')], outfile: rel('client/dist/client.js'), external: ['vscode'] },
    { name: 'server', entryPoints: [rel('server/src/server.ts')], outfile: rel('server/dist/server.js') },
    // built, not copied: the source map's relative paths depend on the output folder
    { name: 'server (extension copy)', entryPoints: [rel('server/src/server.ts')], outfile: rel('client/dist/server.js') },
  ];
  if (fs.existsSync(rel('packages/cli/src/main.ts'))) {
    // only TypeScript from ts-morph (scripts/ts-morph-shim.cjs): 4 MB less to load at every start
    const alias = { 'ts-morph': rel('scripts/ts-morph-shim.cjs') };
    list.push({ name: 'cli', entryPoints: [rel('packages/cli/src/main.ts')], outfile: rel('packages/cli/dist/cli.js'), alias });
    // the worker threads of `check --jobs N`, found next to the CLI bundle at run time (pool.ts)
    if (fs.existsSync(rel('packages/cli/src/worker.ts'))) {
      list.push({ name: 'cli worker', entryPoints: [rel('packages/cli/src/worker.ts')], outfile: rel('packages/cli/dist/worker.js'), alias });
    }
  }
  return list.map(({ name, ...options }) => ({ name, options: { ...common(production), ...options } }));
}

/** Copies the configuration schema next to the extension manifest (for `jsonValidation`). */
function copyArtifacts() {
  const schema = SCHEMA_SOURCES.map((p) => rel(p)).find((p) => fs.existsSync(p));
  if (schema) {
    fs.mkdirSync(rel('client/schema'), { recursive: true });
    fs.copyFileSync(schema, rel('client/schema/creepyline.schema.json'));
  }
}

/** Prints esbuild messages in its usual format. */
async function print(kind, messages) {
  if (messages.length === 0) return;
  const lines = await esbuild.formatMessages(messages, { kind, color: process.stderr.isTTY });
  process.stderr.write(lines.join(''));
}

/**
 * Builds every target once. Returns the number of errors (0 = success).
 * @param {{ production?: boolean }} [options]
 */
export async function build(options = {}) {
  const production = options.production === true;
  const results = await Promise.all(targets(production).map(async ({ name, options: opts }) => {
    try {
      const result = await esbuild.build(opts);
      // warnings inside third-party bundles (TypeScript's own dynamic requires) are not ours to fix
      await print('warning', result.warnings.filter((w) => !w.location?.file.includes('node_modules')));
      return 0;
    } catch (error) {
      if (error && Array.isArray(error.errors)) {
        process.stderr.write(`build: ${name} failed\n`);
        await print('error', error.errors);
        return error.errors.length || 1;
      }
      process.stderr.write(`build: ${name} failed: ${error}\n`);
      return 1;
    }
  }));
  const failures = results.reduce((a, b) => a + b, 0);
  if (failures === 0) copyArtifacts();
  return failures;
}

/** Rebuilds on change (`--watch`), copying the schema after each successful build. */
async function watch() {
  const contexts = await Promise.all(targets(false).map(({ name, options }) => esbuild.context({
    ...options,
    plugins: [{
      name: 'report',
      setup(b) {
        b.onEnd(async (result) => {
          await print('error', result.errors);
          if (result.errors.length === 0) {
            copyArtifacts();
            process.stderr.write(`[watch] ${name} built ${new Date().toLocaleTimeString()}\n`);
          }
        });
      },
    }],
  })));
  await Promise.all(contexts.map((c) => c.watch()));
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = new Set(process.argv.slice(2));
  if (args.has('--watch')) {
    await watch();
  } else {
    const failures = await build({ production: args.has('--production') });
    if (failures > 0) process.exit(1);
  }
}
