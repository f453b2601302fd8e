#!/usr/bin/env bash
# Installs everything the build, the browser tests and the benchmarks need on a
# Debian machine that has Rust (rustup), node 20 and npm. Idempotent: each step
# checks first, so a second run takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }

# --- Rust: the wasm target and the lint/format components -------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
    # A minimal rustup profile has neither; `make test` needs both.
    if ! rustup component list --installed | grep -q "^${component}-"; then
        say "adding the rustup component ${component}"
        rustup component add "${component}"
    fi
done

# --- wasm-bindgen CLI: must be exactly the library version pinned in Cargo.toml
# (the CLI refuses modules made by any other version).
bindgen_version=$(sed -nE \
    -e 's/^wasm-bindgen[[:space:]]*=[[:space:]]*"=([0-9][0-9.]*)".*/\1/p' \
    -e 's/^wasm-bindgen[[:space:]]*=[[:space:]]*\{.*version[[:space:]]*=[[:space:]]*"=([0-9][0-9.]*)".*/\1/p' \
    Cargo.toml | head -n 1)
if [ -z "${bindgen_version}" ]; then
    echo 'setup: Cargo.toml pins no wasm-bindgen = "=X.Y.Z"' >&2
    exit 1
fi
installed_bindgen=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "${installed_bindgen}" != "${bindgen_version}" ]; then
    say "installing wasm-bindgen-cli ${bindgen_version} (was: ${installed_bindgen:-none})"
    # Not --locked: the CLI's own lock file pins crates that newer toolchains reject.
    cargo install wasm-bindgen-cli --version "${bindgen_version}"
fi

# --- Debian packages: Chromium for the browser tests, binaryen for wasm-opt,
# poppler-utils (pdftotext: the printed report is read back) and a CJK font
# (the Chinese report printed to PDF) --
missing=()
for pkg in chromium binaryen poppler-utils fonts-wqy-microhei; do
    if ! dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("${pkg}")
    fi
done
if [ "${#missing[@]}" -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update
    "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

# --- npm: playwright-core only, driving Debian's Chromium (no browser download).
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
stamp=node_modules/.gapscope-lock.sha256
want=$(sha256sum package-lock.json | awk '{print $1}')
if [ "$(cat "${stamp}" 2>/dev/null || true)" != "${want}" ]; then
    say "npm ci"
    npm ci --no-audit --no-fund
    echo "${want}" >"${stamp}"
fi

# --- PyPI: DuckDB, the independent engine of the warehouse test
# (tests/scale/duckdb_summaries.py: `gapscope sql` runs in it). A wheel, no build.
duckdb_version=2.0.1
if ! python3 -c "import duckdb, sys; sys.exit(duckdb.__version__ != '${duckdb_version}')" 2>/dev/null; then
    say "installing the duckdb ${duckdb_version} Python package"
    python3 -m pip install --quiet --disable-pip-version-check "duckdb==${duckdb_version}" \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "duckdb==${duckdb_version}"
fi

# build-wasm.sh prefers npm's binaryen (Debian 12's 108 mis-writes table exports).
opt_bin=wasm-opt
[ -x node_modules/.bin/wasm-opt ] && opt_bin=node_modules/.bin/wasm-opt
say "ready (wasm-bindgen ${bindgen_version}, $("${opt_bin}" --version | head -n 1), $(chromium --version 2>/dev/null | head -n 1))"
