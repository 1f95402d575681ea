#!/usr/bin/env bash
# Makes the real clients of the e2e tests available before `npm run test:e2e`:
#   - Debian packages chromium and neovim (+ libkrb5-dev for code-server's native modules):
#     installed automatically only under CI=true as root; otherwise the missing command is printed
#     and the run fails (a real-client test never skips silently);
#   - node@24 + code-server in tools/e2e (a local folder, idempotent, see tools/e2e/install.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "${CI:-}" = "true" ] && [ "$(id -u)" -eq 0 ]; then
    echo "e2e: installing ${missing[*]} (apt)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" </dev/null
  else
    echo "e2e: missing Debian packages: ${missing[*]}" >&2
    echo "e2e: install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
bash tools/e2e/install.sh
