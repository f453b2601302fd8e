#!/usr/bin/env bash
# Builds the WebAssembly modules into www/pkg: cargo (profile `wasm` in
# Cargo.toml) → wasm-bindgen (ES module for the page) → wasm-opt → a load check.
# Four modules: the engine (www/pkg/gapscope*.{js,wasm}, loaded with the page),
# the workbook reader (www/pkg/workbook/, loaded only when a workbook is opened
# or an XLSX is downloaded), the method functions (www/pkg/methods/, loaded
# only when the weighting workspace computes AHP, entropy/CRITIC, combined
# weights or fuzzy evaluation) and the client report (www/pkg/document/,
# loaded after the first results are shown).
#
#   WASM_OPT=-O3|-Os|-Oz|none   wasm-opt level (default -Os; see bench/README.md)
#   WASM_OPT_BIN=/path/wasm-opt  another binaryen (default: wasm-opt on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."

opt_level=${WASM_OPT:--Os}
# binaryen from npm (package.json) first: Debian 12's 108 cannot be used (below).
if [ -z "${WASM_OPT_BIN:-}" ] && [ -x node_modules/.bin/wasm-opt ]; then
    WASM_OPT_BIN=node_modules/.bin/wasm-opt
fi
opt_bin=${WASM_OPT_BIN:-wasm-opt}
out=www/pkg
wasm=${out}/gapscope_bg.wasm
wb_out=${out}/workbook
wb_wasm=${wb_out}/gapscope_workbook_bg.wasm
me_out=${out}/methods
me_wasm=${me_out}/gapscope_methods_bg.wasm
do_out=${out}/document
do_wasm=${do_out}/gapscope_document_bg.wasm
st_out=${out}/stream
st_wasm=${st_out}/gapscope_stream_bg.wasm

cargo build --lib --target wasm32-unknown-unknown --profile wasm
cargo build -p gapscope-workbook --lib --target wasm32-unknown-unknown --profile wasm
# Its own cargo call: built together with the engine, feature unification would
# switch on the engine's `Evaluator` binding in it too.
cargo build -p gapscope-methods --lib --target wasm32-unknown-unknown --profile wasm
cargo build -p gapscope-document --lib --target wasm32-unknown-unknown --profile wasm
# The stream module for speed (opt-level 3, wasm-opt -O3): it is loaded only
# for a large file, where a row's cost is what counts (bench/README.md).
cargo build -p gapscope-stream --lib --target wasm32-unknown-unknown --profile wasm-speed
wasm-bindgen --target web --out-dir "${out}" \
    target/wasm32-unknown-unknown/wasm/gapscope.wasm
wasm-bindgen --target web --out-dir "${wb_out}" \
    target/wasm32-unknown-unknown/wasm/gapscope_workbook.wasm
wasm-bindgen --target web --out-dir "${me_out}" \
    target/wasm32-unknown-unknown/wasm/gapscope_methods.wasm
wasm-bindgen --target web --out-dir "${do_out}" \
    target/wasm32-unknown-unknown/wasm/gapscope_document.wasm
wasm-bindgen --target web --out-dir "${st_out}" \
    target/wasm32-unknown-unknown/wasm-speed/gapscope_stream.wasm

# The module must load and answer; run after wasm-opt, it catches an optimiser
# that breaks the module without failing (it has happened: see below).
check_module() {
    node --input-type=module -e '
        import { readFileSync } from "node:fs";
        import { pathToFileURL } from "node:url";
        const m = await import(pathToFileURL(process.argv[1] + "/gapscope.js"));
        m.initSync({ module: readFileSync(process.argv[1] + "/gapscope_bg.wasm") });
        const r = new m.Evaluator().analyze("E1,P1\n6,5\n7,5\n");
        if (typeof m.version() !== "string" || r.respondents.analysed !== 2) process.exit(1);
    ' "${out}" 2>/dev/null
}

# The workbook module must write a workbook and read it back.
check_workbook() {
    node --input-type=module -e '
        import { readFileSync } from "node:fs";
        import { pathToFileURL } from "node:url";
        const m = await import(pathToFileURL(process.argv[1] + "/gapscope_workbook.js"));
        m.initSync({ module: readFileSync(process.argv[1] + "/gapscope_workbook_bg.wasm") });
        const x = m.writeXlsx([{ name: "data", rows: [["E1", "P1"], ["6", "5"]] }]);
        const s = m.readSheet(x);
        if (m.sheets(x)[0] !== "data" || s.rows[1][1] !== "5") process.exit(1);
    ' "${wb_out}" 2>/dev/null
}

# The methods module must answer an AHP request, and must not carry the engine.
check_methods() {
    node --input-type=module -e '
        import { readFileSync } from "node:fs";
        import { pathToFileURL } from "node:url";
        const m = await import(pathToFileURL(process.argv[1] + "/gapscope_methods.js"));
        m.initSync({ module: readFileSync(process.argv[1] + "/gapscope_methods_bg.wasm") });
        const o = m.ahp({ matrices: [[[1, 3], [1 / 3, 1]]] });
        if (Math.abs(o.result.weights[0] - 0.75) > 1e-9 || "Evaluator" in m) process.exit(1);
    ' "${me_out}" 2>/dev/null
}

# The document module must render a report, and must not carry the engine.
check_document() {
    node --input-type=module -e '
        import { readFileSync } from "node:fs";
        import { pathToFileURL } from "node:url";
        const e = await import(pathToFileURL(process.argv[1] + "/gapscope.js"));
        e.initSync({ module: readFileSync(process.argv[1] + "/gapscope_bg.wasm") });
        const r = new e.Evaluator().analyze("E1,P1\n6,5\n7,5\n5,5\n");
        const m = await import(pathToFileURL(process.argv[1] + "/document/gapscope_document.js"));
        m.initSync({ module: readFileSync(process.argv[1] + "/document/gapscope_document_bg.wasm") });
        const o = JSON.parse(m.renderDocument(JSON.stringify(r), "{}"));
        if (!o.html.startsWith("<!DOCTYPE html>") || o.document.n !== 3 || "Evaluator" in m) process.exit(1);
    ' "${out}" 2>/dev/null
}

# The stream module must read a file pushed in pieces, and must not carry the engine.
check_stream() {
    node --input-type=module -e '
        import { readFileSync } from "node:fs";
        import { pathToFileURL } from "node:url";
        const m = await import(pathToFileURL(process.argv[1] + "/gapscope_stream.js"));
        m.initSync({ module: readFileSync(process.argv[1] + "/gapscope_stream_bg.wasm") });
        const s = new m.StreamAnalyzer();
        for (const c of ["E1,P1\n6,5\n7", ",5\n5,5\n"]) s.push(new TextEncoder().encode(c));
        const r = s.finish();
        if (r.respondents.total !== 3 || r.items[0].gap.n !== 3 || "Evaluator" in m) process.exit(1);
    ' "${st_out}" 2>/dev/null
}

opt_version=$("${opt_bin}" --version 2>/dev/null | sed -nE 's/.*version[[:space:]]+([0-9]+).*/\1/p' | head -n 1)
if [ "${opt_level}" = none ]; then
    echo "build-wasm: wasm-opt skipped (WASM_OPT=none)"
elif [ -z "${opt_version}" ]; then
    echo "build-wasm: warning: ${opt_bin} not found; the modules are not optimised" >&2
    opt_level=none
elif [ "${opt_version}" -lt 110 ]; then
    # binaryen < 110 writes every table export as table 0 (binaryen#4711, fixed
    # in 110). wasm-bindgen exports its externref table, the second one, so the
    # page would die at start-up. Debian 12 ships 108.
    echo "build-wasm: binaryen ${opt_version} < 110 mis-writes table exports; wasm-opt skipped" \
        "(set WASM_OPT_BIN to a binaryen >= 110 to optimise)" >&2
    opt_level=none
fi

# optimise FILE CHECK [LEVEL]: wasm-opt FILE in place (at LEVEL, default the
# chosen one), kept only if CHECK still passes.
optimise() {
    local file=$1 check=$2 level=${3:-${opt_level}}
    [ "${opt_level}" = none ] && return 0
    cp "${file}" "${file}.orig"
    # Every feature rustc (>= 1.82) emits for wasm32-unknown-unknown is named:
    # with explicit flags binaryen enables only those, and without
    # reference-types it would rewrite wasm-bindgen's externref table.
    # --low-memory-unused: rustc puts the stack first, growing down to address
    # 0 from 1 MiB, and the data above it, so the low 1 KiB is touched only by
    # a stack already overflowed. With --converge, 4 KB smaller gzipped than
    # -O3 alone and no slower (bench/README.md).
    "${opt_bin}" "${level}" --low-memory-unused --converge \
        --enable-bulk-memory --enable-sign-ext \
        --enable-nontrapping-float-to-int --enable-mutable-globals \
        --enable-reference-types --enable-multivalue \
        "${file}" -o "${file}.opt"
    mv "${file}.opt" "${file}"
    if "${check}"; then
        rm -f "${file}.orig"
    else
        echo "build-wasm: warning: ${file} from ${opt_bin} ${level} does not load;" \
            "keeping the unoptimised one" >&2
        mv "${file}.orig" "${file}"
    fi
}
optimise "${wasm}" check_module
optimise "${wb_wasm}" check_workbook
optimise "${me_wasm}" check_methods
optimise "${do_wasm}" check_document
optimise "${st_wasm}" check_stream -O3
if ! check_module; then
    echo "build-wasm: error: ${wasm} does not load in Node" >&2
    exit 1
fi
if ! check_workbook; then
    echo "build-wasm: error: ${wb_wasm} does not load in Node" >&2
    exit 1
fi
if ! check_methods; then
    echo "build-wasm: error: ${me_wasm} does not load in Node" >&2
    exit 1
fi
if ! check_document; then
    echo "build-wasm: error: ${do_wasm} does not load in Node" >&2
    exit 1
fi
if ! check_stream; then
    echo "build-wasm: error: ${st_wasm} does not load in Node" >&2
    exit 1
fi

# size FILE [LEVEL]: raw and gzip -9 bytes, one line.
size() {
    local raw gz o=${2:-${opt_level}}
    [ "${opt_level}" = none ] && o=none
    raw=$(wc -c <"$1")
    gz=$(gzip -9 -c "$1" | wc -c)
    awk -v f="$1" -v o="${o}" -v r="${raw}" -v g="${gz}" 'BEGIN {
        printf "build-wasm: %s (wasm-opt %s): %d bytes, %d bytes gzipped (%.1f KiB)\n", f, o, r, g, g / 1024 }'
}
size "${wasm}"
size "${wb_wasm}"
size "${me_wasm}"
size "${do_wasm}"
size "${st_wasm}" -O3
