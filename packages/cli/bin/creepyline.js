#!/usr/bin/env node
'use strict';
// Runs the bundled CLI (dist/cli.js, built by `npm run build`); in a fresh checkout
// without a build, or with CREEPYLINE_FROM_SOURCE=1 (tests, development), it runs the
// TypeScript sources through tsx instead.
//
// The bundle (16 MB) is compiled through a V8 code cache kept in the cache folder
// (`code-v1/<node version>-<bundle size>-<bundle time>.bin` under `--cache-location`, else
// `$XDG_CACHE_HOME/creepyline`, else `~/.cache/creepyline`): compiling it costs about 0.3 s CPU at
// every start, reading the cache a tenth of that. The cache is written once, after the first
// run, so it also holds the functions that run compiled; `--no-cache` neither reads nor writes
// it. V8 checks the cache against the source and its own version and flags, and a cache it
// rejects or cannot read is only slower; one that cannot be written is never an error.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The code cache file for `bundle`, or undefined when the command line turns caching off. */
function codeCacheFile(bundle, argv, env) {
  let dir;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg === '--no-cache') return undefined;
    if (arg === '--cache-location' && i + 1 < argv.length) dir = path.resolve(argv[i + 1]);
    else if (arg.startsWith('--cache-location=')) dir = path.resolve(arg.slice('--cache-location='.length));
  }
  if (dir === undefined) {
    const xdg = env.XDG_CACHE_HOME;
    dir = path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache'), 'creepyline');
  }
  const stat = fs.statSync(bundle);
  return path.join(dir, 'code-v1', `${process.version}-${stat.size}-${Math.round(stat.mtimeMs)}.bin`);
}

/** Loads the bundle as CommonJS like `require` does, compiled with the code cache; returns its exports and a saver. */
function loadCached(bundle, cacheFile) {
  const vm = require('node:vm');
  const Module = require('node:module');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(path.dirname(bundle));
  require.cache[bundle] = mod;
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  mod.loaded = true;
  const save = cachedData !== undefined && !script.cachedDataRejected ? () => {} : () => {
    try {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, cacheFile);
    } catch {
      // a cache that cannot be written only makes the next start slower
    }
  };
  return { exports: mod.exports, save };
}

function load() {
  const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
  if (process.env.CREEPYLINE_FROM_SOURCE !== '1' && fs.existsSync(bundle)) {
    let cacheFile;
    try {
      cacheFile = codeCacheFile(bundle, process.argv.slice(2), process.env);
    } catch {
      cacheFile = undefined;
    }
    if (cacheFile === undefined) return { exports: require(bundle), save: () => {} };
    return loadCached(bundle, cacheFile);
  }
  require('tsx/cjs/api').register();
  return { exports: require(path.join(__dirname, '..', 'src', 'main.ts')), save: () => {} };
}

/** Waits until everything written to a stream reached the OS (pipes may be async). */
function flush(stream) {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

(async () => {
  const { exports: { main }, save } = load();
  const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  save();
  process.exit(code);
})().catch((error) => {
  process.stderr.write(`creepyline: internal error\n${(error && error.stack) || error}\n`);
  process.exit(2);
});
