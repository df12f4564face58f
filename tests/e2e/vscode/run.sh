#!/bin/bash
# Start code-server with the newslint .vsix installed, open a corpus, and run check.mjs.
# Usage: run.sh CORPUS_DIR VSIX SHOT_DIR [PLATFORM_VSIX]   (tools from scripts/install-vscode.sh)
# `newslint` must be on PATH. It is given to the extension as newslint.server.path: VS Code's
# extension host takes PATH from a login shell, not from the process that started it.
# Two sessions: one with the server (findings, hover), one with newslint.server.path pointing
# nowhere (the install hint), one for the reader's features (reading.mjs), one accepting a finding
# through its code action (review.mjs, on a copy of the corpus); with PLATFORM_VSIX, a third with that .vsix alone, no
# newslint on PATH and no server.path: the bundled binary must serve. Prints check.mjs's JSON lines; exit 0 when every check passed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../../scripts/lib.sh"
corpus=$(realpath "$1"); vsix=$(realpath "$2"); shots=$3; platform_vsix=${4:+$(realpath "$4")}
mkdir -p "$shots"
server=$(command -v newslint) || { echo "newslint is not on PATH" >&2; exit 2; }
for f in "$CODE_SERVER_BIN" "$NODE24_HOME/bin/node" /usr/bin/chromium; do
  [ -x "$f" ] || { echo "missing $f: run scripts/install-vscode.sh" >&2; exit 2; }
done
run=$(mktemp -d); pgid=""
cleanup() {
  # code-server keeps its extension host (and so our server) alive after the tab closes:
  # it runs in its own process group, which goes as a whole.
  [ -n "$pgid" ] && kill -- "-$pgid" 2>/dev/null || true
  rm -rf "$run"
}
trap cleanup EXIT
mkdir -p "$run/exts" "$run/xdg"
export PATH="$NODE24_HOME/bin:$PATH" XDG_CONFIG_HOME="$run/xdg" XDG_DATA_HOME="$run/xdg" XDG_CACHE_HOME="$run/xdg"
"$CODE_SERVER_BIN" --extensions-dir "$run/exts" --user-data-dir "$run/ud-install" --install-extension "$vsix" >"$run/install.log" 2>&1 \
  || { cat "$run/install.log" >&2; exit 1; }

# session NAME SERVER_PATH MODE [EXTENSIONS_DIR [PATH]]: a fresh user profile, code-server on
# a free port, check.mjs.
session() {
  local name=$1 server_path=$2 mode=$3 exts=${4:-$run/exts} path=${5:-$PATH} ud=$run/ud-$1 rc=0
  local folder=${SESSION_CORPUS:-$corpus} script=${CHECK_SCRIPT:-check.mjs}
  mkdir -p "$ud/User"
  cat > "$ud/User/settings.json" <<JSON
{ "newslint.server.path": "$server_path", "newslint.trace.server": "messages",
  "workbench.startupEditor": "none", "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off", "update.mode": "none", "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false, "chat.disableAIFeatures": true, "workbench.tips.enabled": false }
JSON
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  PATH=$path setsid "$CODE_SERVER_BIN" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
    --disable-workspace-trust --disable-getting-started-override \
    --user-data-dir "$ud" --extensions-dir "$exts" "$folder" > "$run/cs-$name.log" 2>&1 &
  pgid=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  CS_URL="http://127.0.0.1:$port" CS_FOLDER="$folder" CS_FILE=03-visit.txt CS_MODE=$mode SHOT_DIR="$shots" \
    CS_LABEL=$([ "$name" = bundled ] && echo bundled) NEWSLINT="$server" \
    PW_MODULE="$PLAYWRIGHT_HOME/node_modules/playwright-core" node "$here/${CS_CHECK:-$script}" || rc=$?
  kill -- "-$pgid" 2>/dev/null || true; pgid=""
  # Keep the extension's output (the newslint channel, with the LSP trace) beside the screenshots.
  find "$ud/logs" -name '*newslint*.log' -exec cat {} + > "$shots/vscode-$name-output.log" 2>/dev/null || true
  if [ $rc -ne 0 ]; then
    echo "--- code-server log (tail)" >&2; tail -20 "$run/cs-$name.log" >&2
    echo "--- newslint output (tail)" >&2; tail -40 "$shots/vscode-$name-output.log" >&2
  fi
  return $rc
}
rc=0
session server "$server" running-server || rc=1
# The reader's features (reading.mjs) on a fresh copy of the corpus: it edits articles.
reading_corpus=$run/reading-corpus; cp -r "$corpus" "$reading_corpus"
corpus=$reading_corpus CS_CHECK=reading.mjs session reading "$server" running-server || rc=1
corpus=$(realpath "$1")
# With E2E_DMITRIEV (a copy of the shared Dmitriev story as a corpus): its card fits too.
if [ -n "${E2E_DMITRIEV:-}" ]; then
  corpus=$(realpath "$E2E_DMITRIEV") CS_CHECK=reading.mjs CS_CASE=card CS_CARD_FILE=05.txt session dmitriev "$server" running-server || rc=1
  corpus=$(realpath "$1")
fi
session missing "$corpus/no-such-newslint" missing-server || rc=1
# The desk's workflow (review.mjs) changes its corpus: it gets a copy.
cp -r "$corpus" "$run/review-corpus"
SESSION_CORPUS=$run/review-corpus CHECK_SCRIPT=review.mjs session review "$server" running-server || rc=1
if [ -n "$platform_vsix" ]; then
  "$CODE_SERVER_BIN" --extensions-dir "$run/exts-bundled" --user-data-dir "$run/ud-install-bundled" \
    --install-extension "$platform_vsix" >"$run/install-bundled.log" 2>&1 || { cat "$run/install-bundled.log" >&2; exit 1; }
  # PATH without any newslint, so that only the bundled binary can serve.
  bare=$(printf '%s' "$PATH" | tr ':' '\n' | while read -r d; do [ -n "$d" ] && [ ! -e "$d/newslint" ] && printf '%s:' "$d"; done)
  session bundled "" running-server "$run/exts-bundled" "${bare%:}" || rc=1
fi
exit $rc
