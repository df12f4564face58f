#!/bin/bash
# Drive a real Helix (hx) in tmux with the shipped editors/helix/languages.toml against
# `newslint lsp` on PATH, and read the rendered screen (colour codes never reach it:
# tmux capture-pane prints text only).
# Usage: check.sh CORPUS_DIR   Env: HX (default hx), E2E_TIMEOUT (seconds per step, default 20),
#        OUTDIR (screen captures; default a temp dir).
# Checks: the diagnostic text of the name variant shows in 03-visit.txt; the hover card on
# Dmitriyev names the entity and fits in 15 lines; references list the other articles.
# Prints one JSON line {checks: [{name, ok, detail}]}; exit 0 when every check passed.
set -u
corpus=$(realpath "$1"); here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../../.." && pwd)
HX=${HX:-hx}; T=${E2E_TIMEOUT:-20}
tmp=$(mktemp -d); OUTDIR=${OUTDIR:-$tmp}; mkdir -p "$OUTDIR" "$tmp/cfg/helix"
sock="$tmp/tmux.sock"; sess=newslint
cleanup() { tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
cp "$repo/editors/helix/languages.toml" "$tmp/cfg/helix/languages.toml"
cat > "$tmp/cfg/helix/config.toml" <<TOML
[editor]
end-of-line-diagnostics = "hint"
[editor.inline-diagnostics]
cursor-line = "warning"
TOML
export XDG_CONFIG_HOME="$tmp/cfg" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data"
checks=()
record() { # record NAME OK DETAIL
  local detail; detail=$(printf '%s' "$3" | tail -c 600 | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')
  checks+=("{\"name\":\"$1\",\"ok\":$2,\"detail\":$detail}")
}
cap() { tmux -S "$sock" capture-pane -p -t "$sess" > "$OUTDIR/$1.txt"; cat "$OUTDIR/$1.txt"; }
waitfor() { # waitfor NAME NEEDLE: poll the screen until NEEDLE shows
  local end=$(( $(date +%s) + T )); while [ "$(date +%s)" -lt "$end" ]; do
    cap "$1" | grep -qF -- "$2" && return 0; sleep 0.2; done; return 1; }
keys() { tmux -S "$sock" send-keys -t "$sess" "$@"; sleep 0.3; }
cd "$corpus"
tmux -S "$sock" -f /dev/null new-session -d -s "$sess" -x 160 -y 45 \
  "env TERM=xterm-256color $(printf '%q' "$HX") 03-visit.txt; sleep 30" \; set -s escape-time 0
if waitfor diag "corpus spells this name"; then record "diagnostic text shows" true ""; else record "diagnostic text shows" false "$(cat "$OUTDIR/diag.txt")"; fi
# Search selects the word; Escape (alone: Escape+key reads as Alt+key), then Space k hovers.
keys "/Dmitriyev walked" Enter; keys Escape; keys Space; keys k
if waitfor hover "Kirill Dmitriev"; then
  # The popup's rows: from the card's first line to the last line of its quotations.
  first=$(grep -n "Kirill Dmitriev" "$OUTDIR/hover.txt" | head -1 | cut -d: -f1)
  last=$(grep -nE "(01-terminal|02-fund|03-visit)\.(txt|md):[0-9]" "$OUTDIR/hover.txt" | tail -1 | cut -d: -f1)
  height=$(( ${last:-0} - ${first:-0} + 1 ))
  record "hover card names the entity" true ""
  if [ "${last:-0}" -gt 0 ] && [ "$height" -le 15 ]; then record "hover card fits in 15 lines" true "$height"; else record "hover card fits in 15 lines" false "$(cat "$OUTDIR/hover.txt")"; fi
else
  record "hover card names the entity" false "$(cat "$OUTDIR/hover.txt")"
fi
keys Escape
keys g; keys r
if waitfor refs "01-terminal.txt"; then record "references reach the other articles" true ""; else record "references reach the other articles" false "$(cat "$OUTDIR/refs.txt")"; fi
keys Escape; keys ":q!" Enter
all=true; for c in "${checks[@]}"; do [[ $c == *'"ok":true'* ]] || all=false; done
echo "{\"ok\":$all,\"checks\":[$(IFS=,; echo "${checks[*]}")]}"
$all
