# Sourced by .ci/run (and usable by hand: `source scripts/use-node24.sh`): makes `node` on PATH
# Node 24 or newer. When the machine's Node is older, installs the npm registry's `node` package
# (which brings the official binary) into $NODE24_HOME (default ~/.cache/ark-asa-node24) once, and
# puts its .bin first on PATH. npm itself stays the machine's npm, run by the new node.
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
NODE24_HOME="${NODE24_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/ark-asa-node24}"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  if [ ! -x "$NODE24_HOME/node_modules/.bin/node" ] ||
    [ "$("$NODE24_HOME/node_modules/.bin/node" -p 'process.versions.node')" != "$NODE24_VERSION" ]; then
    echo "Node $(node --version 2>/dev/null || echo none) is older than 24: installing node@$NODE24_VERSION into $NODE24_HOME"
    mkdir -p "$NODE24_HOME"
    # --ignore-scripts=false: the package's preinstall script is what fetches the binary package.
    npm install --prefix "$NODE24_HOME" --no-save --no-audit --no-fund --no-package-lock \
      --ignore-scripts=false "node@$NODE24_VERSION" >&2
  fi
  export PATH="$NODE24_HOME/node_modules/.bin:$PATH"
fi
echo "Using Node $(node --version) ($(command -v node)), npm $(npm --version)"
