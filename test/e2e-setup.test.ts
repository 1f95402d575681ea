// The e2e set-up scripts must work when reached through npm scripts (`npm test` → test:e2e →
// ensure-clients.sh → tools/e2e/install.sh): the outer npm's environment must not reach the inner
// npm calls (code-server's postinstall reads the Node version from npm_config_user_agent).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

describe('e2e set-up scripts', () => {
  it('clean-npm-env.sh removes the outer npm environment and keeps the rest', () => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
      npm_lifecycle_event: 'test:e2e',
      npm_package_name: 'creepyline-monorepo',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_CACHE: '/tmp/npm-cache',
      NODE: '/usr/bin/node',
      INIT_CWD: root,
      NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca.pem',
      NODE_OPTIONS: '--max-old-space-size=4096',
      KEEP_ME: 'yes',
    };
    const r = spawnSync('bash', ['-c', 'source tools/e2e/clean-npm-env.sh && env'], { cwd: root, env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const names = new Set(r.stdout.split('\n').map((line) => line.split('=')[0]));
    for (const gone of ['npm_config_user_agent', 'npm_lifecycle_event', 'npm_package_name', 'npm_config_nodedir', 'NPM_CONFIG_CACHE', 'NODE', 'INIT_CWD']) {
      assert.ok(!names.has(gone), `${gone} should be unset`);
    }
    for (const kept of ['KEEP_ME', 'NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS', 'PATH', 'HOME']) {
      assert.ok(names.has(kept), `${kept} should be kept`);
    }
  });

  it('install.sh sources the cleaning before any npm call', () => {
    const r = spawnSync('grep', ['-n', '-E', '^(source ./clean-npm-env.sh|npm |PATH=.* npm )', 'tools/e2e/install.sh'], { cwd: root, encoding: 'utf8' });
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0] ?? '', /source \.\/clean-npm-env\.sh/, 'the first npm-related line must be the cleaning');
    assert.ok(lines.length > 1, 'install.sh still calls npm');
  });
});
