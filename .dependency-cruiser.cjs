/**
 * Layer rules (docs/ARCHITECTURE.md, "Layers"). Checked by `npm run lint:layers`, which the test
 * command runs. Violations that existed when the rules came in are listed in
 * .dependency-cruiser-known-violations.json and shrink as code moves; a new one fails the build.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'Domain rules are pure functions: they import only other domain modules and Node computation (crypto, util), no I/O.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'domain-no-node-io',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(fs|node:fs|child_process|node:child_process|net|node:net|http|node:http)' },
    },
    {
      name: 'services-no-adapters',
      comment: 'Use cases reach I/O through ports and Deps, never an adapter directly.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'services-no-http',
      comment: 'Use cases know nothing of HTTP: no fastify, no routes.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: ['^src/http/', 'node_modules/(fastify|@fastify)/'] },
    },
    {
      name: 'adapters-no-services',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: ['^src/services/', '^src/http/'] },
    },
    {
      name: 'routes-no-adapters',
      comment: 'Routes call use cases; adapters are wired in src/app-context.ts only.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'contracts-no-services',
      comment: 'Contracts (request and response schemas) sit above the use cases: services and routes import them, never the other way.',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { path: ['^src/services/', '^src/adapters/', '^src/http/'] },
    },
    {
      name: 'web-only-domain-and-contracts',
      comment: 'The web client shares pure rules and contracts with the server, nothing else.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/contracts/', '^src/http/contracts/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
