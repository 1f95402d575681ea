#!/usr/bin/env bash
# Installs the pinned real clients for test/e2e into tools/e2e/node_modules (gitignored):
# Node 24.21.0 (npm package `node`) and code-server 4.139.1 (VS Code 1.139.1).
# Idempotent: does nothing when the stamp matches package-lock.json.
# code-server's postinstall must run under Node 24 (it refuses Node 20) and compiles native
# modules (kerberos needs libkrb5-dev); node-gyp must use local headers, never download them.
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=clean-npm-env.sh
source ./clean-npm-env.sh
STAMP=node_modules/.creepyline-e2e-installed
WANT="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] \
   && [ -x node_modules/node/bin/node ] && [ -d node_modules/code-server/lib/vscode/node_modules ]; then
  echo "tools/e2e: already installed (node $(node_modules/node/bin/node -v), code-server $(node -p "require('./node_modules/code-server/package.json').version"))"
  exit 0
fi
export npm_config_nodedir="${npm_config_nodedir:-/usr}" npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
t0=$SECONDS
echo "tools/e2e: npm ci --ignore-scripts (unpack node@24 + code-server)"
npm ci --ignore-scripts --no-audit --no-fund
echo "tools/e2e: npm rebuild node (fetches the Node 24 binary package)"
npm rebuild node
echo "tools/e2e: npm rebuild code-server under $(node_modules/node/bin/node -v) (installs VS Code's modules, ~1-3 min)"
PATH="$PWD/node_modules/node/bin:$PATH" npm rebuild code-server
echo "$WANT" > "$STAMP"
echo "tools/e2e: installed in $((SECONDS - t0)) s"
