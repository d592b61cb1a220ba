#!/usr/bin/env bash
# Sets up what the end-to-end suite (test/e2e/run.mjs) needs, idempotently: skips whatever is already there.
#   - Debian packages: chromium (the browser), ripgrep (offline stand-in for @vscode/ripgrep's download),
#     libkrb5-dev + pkg-config (code-server's `kerberos` native module needs gssapi/gssapi.h)
#   - code-server@4.99.4 (VS Code 1.99.3; the last release whose engines.node is 20) and playwright-core,
#     installed in a cache folder of their own, NOT in the extension's package.json (users must not pay for them)
# Recipe: ../shared/reference/e2e-real-editor.md. Cache folder: $TRAINLINT_E2E_CACHE (default ~/.cache/trainlint-e2e).
set -euo pipefail

CODE_SERVER_VERSION=4.99.4
PLAYWRIGHT_VERSION=1.65.1
RIPGREP_PKG_VERSION=1.15.11            # @vscode/ripgrep version bundled by code-server 4.99.4
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
CACHE="${TRAINLINT_E2E_CACHE:-$HOME/.cache/trainlint-e2e}"
start=$(date +%s)

log() { printf '[setup-e2e] %s\n' "$*"; }

# 1. Debian packages
need_pkgs=()
for p in chromium ripgrep libkrb5-dev pkg-config; do
  dpkg -s "$p" >/dev/null 2>&1 || need_pkgs+=("$p")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${need_pkgs[*]} (run as root: apt-get install -y ${need_pkgs[*]})"; exit 1
  fi
  log "installing Debian packages: ${need_pkgs[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
else
  log "Debian packages present: chromium ripgrep libkrb5-dev pkg-config"
fi

# 2. code-server + playwright-core in their own folder
installed_version() { # $1 = package name
  node -e 'try{console.log(require(process.argv[1]+"/node_modules/"+process.argv[2]+"/package.json").version)}catch{}' "$CACHE" "$1"
}
if [ "$(installed_version code-server)" = "$CODE_SERVER_VERSION" ] && [ "$(installed_version playwright-core)" = "$PLAYWRIGHT_VERSION" ] \
   && [ -x "$CACHE/node_modules/.bin/code-server" ]; then
  log "code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION present in $CACHE"
else
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$node_major" != 20 ]; then
    log "code-server $CODE_SERVER_VERSION needs Node 20 (found $(node -v))"; exit 1
  fi
  # @vscode/ripgrep downloads rg from GitHub at install (fails offline); it first looks in this cache.
  rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  if [ ! -s "$rg_cache/$RIPGREP_ASSET" ]; then
    log "seeding $rg_cache/$RIPGREP_ASSET with Debian's rg"
    mkdir -p "$rg_cache"
    tar -czf "$rg_cache/$RIPGREP_ASSET" -C "$(dirname "$(command -v rg)")" rg
  fi
  mkdir -p "$CACHE"
  [ -f "$CACHE/package.json" ] || echo '{ "name": "trainlint-e2e-tools", "private": true }' > "$CACHE/package.json"
  log "installing code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION into $CACHE (a few minutes: native modules build from source)"
  # npm_config_yes: node-pty's post-install runs `npx node-gyp`, which would otherwise prompt.
  (cd "$CACHE" && npm_config_yes=true npm install --unsafe-perm --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION")
  [ -x "$CACHE/node_modules/.bin/code-server" ] || { log "code-server did not install"; exit 1; }
fi

"$CACHE/node_modules/.bin/code-server" --version 2>/dev/null | tail -1 | sed 's/^/[setup-e2e] code-server /'
log "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
log "ready in $(( $(date +%s) - start ))s (cache: $CACHE)"
