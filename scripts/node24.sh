#!/usr/bin/env sh
# Runs `node "$@"` on Node 24 or newer. Where the machine's node is older (Node 20 is end-of-life
# but still the default on some machines), Node 24 is installed once from the npm registry into
# ~/.cache/node24 and used from there.
set -eu
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -ge 24 ]; then exec node "$@"; fi
prefix="${ECHOTRACE_NODE_PREFIX:-$HOME/.cache/node24}"
if [ ! -x "$prefix/node_modules/.bin/node" ]; then
  echo "echotrace: node $(node --version 2>/dev/null || echo missing) is too old; installing Node 24 into $prefix" >&2
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error node@24 >&2
fi
exec "$prefix/node_modules/.bin/node" "$@"
