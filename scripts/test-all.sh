#!/usr/bin/env bash
# The whole suite: type check, build (server + web client), then unit, integration
# (SQLite and PostgreSQL) and end-to-end tests in one vitest run. Ends with the line
# "N passed, N failed" for CI.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-output

echo "== type check"
npx tsc -p tsconfig.json --noEmit || { echo "0 passed, 1 failed"; exit 1; }
npx tsc -p web/tsconfig.json --noEmit || { echo "0 passed, 1 failed"; exit 1; }

echo "== build"
npm run --silent build || { echo "0 passed, 1 failed"; exit 1; }

echo "== tests (databases: ${TEST_DBS:-sqlite,postgres})"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-output/vitest.json "$@"
status=$?

node -e '
  const r = JSON.parse(require("fs").readFileSync("test-output/vitest.json", "utf8"));
  const failed = r.numFailedTests + (r.numFailedTestSuites || 0);
  console.log(`${r.numPassedTests} passed, ${failed} failed`);
' || echo "0 passed, 1 failed"
exit $status
