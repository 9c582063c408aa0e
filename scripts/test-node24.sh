#!/usr/bin/env bash
# The unit and SQLite integration suites once more under Node 24 LTS, the runtime we
# declare for production (Node 20 reached end of life in April 2026; this machine still
# runs 20, so the rest of the suite runs there).
#
# Node 24 comes from the npm registry's `node@24` package (it ships the headers that
# node-gyp needs, so nothing is downloaded from elsewhere). Native modules are rebuilt for
# it in a copy of the tree, so the Node 20 build in ./node_modules stays as it is.
# Writes test-output/vitest-node24.json; exits non-zero when a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

tools=${NODE24_DIR:-$root/test-output/node24-runtime}
copy=$root/test-output/node24-tree
mkdir -p "$tools"
if [ ! -x "$tools/node_modules/node/bin/node" ]; then
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error node@24 >/dev/null
fi
bin=$tools/node_modules/node/bin
headers=$(dirname "$(dirname "$(dirname "$(find "$tools/node_modules" -path '*/include/node/node.h' -print -quit)")")")
echo "Node $("$bin/node" --version), headers in $headers"

# A copy of the tree (hard links where the file system allows) whose native modules are rebuilt.
rm -rf "$copy"
mkdir -p "$copy"
tar --exclude=./test-output --exclude=./data --exclude=./.git -cf - . | tar -xf - -C "$copy"
cd "$copy"
PATH=$bin:$PATH npm rebuild better-sqlite3 --nodedir="$headers" --loglevel=error >/dev/null
PATH=$bin:$PATH node -e 'const D = require("better-sqlite3"); new D(":memory:").prepare("select 1").get(); console.log("better-sqlite3 loads under", process.version)'

# Not part of `npm test` yet: better-sqlite3 12 on Node 24 aborts processes in a Statement
# finalizer run by the garbage collector ("Assertion failed: (env) != nullptr" in
# RemoveEnvironmentCleanupHook, upstream); docs/ARCHITECTURE.md, "Runtime". --retry=1 keeps a
# run readable meanwhile; a test that fails for any other reason fails twice.
status=0
PATH=$bin:$PATH TEST_DBS=sqlite npx vitest run --project unit --project integration --retry=1 \
  --passWithNoTests --reporter=default --reporter=json --outputFile.json="$root/test-output/vitest-node24.json" "$@" || status=$?
cd "$root"
rm -rf "$copy"
exit $status
