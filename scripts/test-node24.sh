#!/usr/bin/env bash
# The unit and SQLite integration suites once more under Node 24 LTS (Node 20 reached end of
# life in April 2026; this machine and CI still run 20, so the rest of the suite runs there).
#
# Node 24 comes from the npm registry's `node@24` package, kept in test-output/. The suites run
# in this tree: its native modules are Node-API builds that need no rebuild for Node 24 —
# sharp's, and better-sqlite3 13 (the `better-sqlite3-13` alias), which the app loads on
# Node-API 10 instead of 12 (src/adapters/db/better-sqlite3.ts; docs/ARCHITECTURE.md, "Runtime").
# Writes test-output/vitest-node24.json; exits non-zero when a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

tools=${NODE24_DIR:-$root/test-output/node24-runtime}
mkdir -p "$tools"
if [ ! -x "$tools/node_modules/node/bin/node" ]; then
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error node@24 >/dev/null
fi
export PATH=$tools/node_modules/node/bin:$PATH

node --import tsx --input-type=module -e '
  const { BetterSqlite3, betterSqlite3Package } = await import("./src/adapters/db/better-sqlite3.ts");
  const { createRequire } = await import("node:module");
  const { version } = createRequire(import.meta.url)(`${betterSqlite3Package}/package.json`);
  if (!version.startsWith("13.")) throw new Error(`better-sqlite3 ${version} under ${process.version}, expected 13.x`);
  new BetterSqlite3(":memory:").prepare("select 1").get();
  await import("sharp");
  console.log(`Node ${process.version}: better-sqlite3 ${version} and sharp load`);
'

TEST_DBS=sqlite npx vitest run --project unit --project integration \
  --passWithNoTests --reporter=default --reporter=json --outputFile.json="$root/test-output/vitest-node24.json" "$@"
