#!/usr/bin/env bash
# Makes the real clients of the e2e tests available before `npm run test:e2e`, so that `npm test`
# on a fresh machine needs nothing done first:
#   - Debian packages chromium and neovim (+ libkrb5-dev, build-essential, pkg-config, python3 for
#     code-server's native modules): run as root (a fresh machine, a container, CI), the missing ones
#     are installed with apt-get, non-interactively, saying what is installed; run as another user,
#     the exact command is printed and the run fails (a real-client test never skips silently);
#   - node@24 + code-server in tools/e2e (a local folder, idempotent, see tools/e2e/install.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
for pkg in libkrb5-dev build-essential pkg-config python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "e2e: installing Debian packages for the real-client tests: ${missing[*]} (apt-get, ~1-2 min)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null
    apt-get install -y -qq "${missing[@]}" </dev/null
    echo "e2e: installed ${missing[*]}"
  else
    echo "e2e: missing Debian packages: ${missing[*]}" >&2
    echo "e2e: install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
bash tools/e2e/install.sh
