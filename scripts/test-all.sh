#!/usr/bin/env bash
# The whole suite: type check, build (server + web client), then the unit and
# integration suites (SQLite and PostgreSQL), then the end-to-end suite in Chromium on
# its own so browsers do not compete with the database tests for the cores, then the
# cluster fault test (3 node processes + HAProxy + s3rver + Redis on PostgreSQL), all on the
# machine's Node (20 here), then the unit and SQLite integration suites once more under Node 24
# LTS (scripts/test-node24.sh; docs/ARCHITECTURE.md, "Runtime").
# Layer rules are checked right after the type check (.dependency-cruiser.cjs).
# Ends with the line "N passed, N failed" for CI.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-output
rm -f test-output/vitest-*.json

summary() {
  node -e '
    const fs = require("fs");
    let passed = 0, failed = 0;
    for (const f of ["test-output/vitest-main.json", "test-output/vitest-e2e.json", "test-output/vitest-cluster.json", "test-output/vitest-node24.json"]) {
      if (!fs.existsSync(f)) { failed += 1; continue; }
      const r = JSON.parse(fs.readFileSync(f, "utf8"));
      passed += r.numPassedTests;
      failed += r.numFailedTests + (r.numFailedTestSuites || 0);
    }
    console.log(`${passed} passed, ${failed} failed`);
  '
}

echo "== type check"
if ! npx tsc -p tsconfig.json --noEmit || ! npx tsc -p web/tsconfig.json --noEmit; then
  echo "0 passed, 1 failed"; exit 1
fi

echo "== layer rules (dependency-cruiser; docs/ARCHITECTURE.md, Layers)"
npm run --silent lint:layers || { echo "0 passed, 1 failed"; exit 1; }

echo "== build"
npm run --silent build || { echo "0 passed, 1 failed"; exit 1; }

echo "== unit + integration (databases: ${TEST_DBS:-sqlite,postgres})"
npx vitest run --project unit --project integration --passWithNoTests --reporter=default --reporter=json --outputFile.json=test-output/vitest-main.json "$@"
main=$?

echo "== end to end (Chromium)"
npx vitest run --project e2e --passWithNoTests --reporter=default --reporter=json --outputFile.json=test-output/vitest-e2e.json "$@"
e2e=$?

echo "== cluster (3 nodes behind HAProxy, with faults)"
npx vitest run --project cluster --passWithNoTests --reporter=default --reporter=json --outputFile.json=test-output/vitest-cluster.json "$@"
cluster=$?

echo "== unit + integration (SQLite) under Node 24"
bash scripts/test-node24.sh "$@"
node24=$?

summary
[ $main -eq 0 ] && [ $e2e -eq 0 ] && [ $cluster -eq 0 ] && [ $node24 -eq 0 ]
