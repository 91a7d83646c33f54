// The architecture's boundaries, checked by `npm run lint`.
// Pure core: everything under src/ except src/spec/load (reads files, runs the AsyncAPI parser),
// src/adapters (talk to the outside world), src/orchestrate (wires them), src/local (runs a broker
// on this machine) and src/cli.
const PURE = '^src/(?!spec/load/|adapters/|orchestrate/|local/|cli/|index\\.ts$)';
const IO_PACKAGES = '(^|node_modules/)(kafkajs|undici|@aws-sdk|@smithy|@oclif|aws-msk-iam-sasl-signer-js|@asyncapi|fast-glob|tinyglobby)($|/)';
const IO_BUILTINS = '^(node:)?(fs|fs/promises|child_process|net|tls|http|https|worker_threads|dgram|dns)$';

module.exports = {
  forbidden: [
    { name: 'core-imports-no-adapter', severity: 'error', comment: 'The pure core reaches the outside world only through ports: no adapter, orchestration or CLI code.',
      from: { path: PURE }, to: { path: '^src/(adapters|orchestrate|cli|spec/load)/' } },
    { name: 'core-imports-no-client-library', severity: 'error', comment: 'The pure core imports no client library, parser or file system.',
      from: { path: PURE }, to: { path: IO_PACKAGES } },
    { name: 'core-imports-no-io-builtin', severity: 'error', comment: 'The pure core does no I/O of its own.',
      from: { path: PURE }, to: { path: IO_BUILTINS, dependencyTypes: ['core'] } },
    { name: 'adapters-import-no-cli', severity: 'error', comment: 'Adapters serve the library; the CLI sits on top.',
      from: { path: '^src/(adapters|orchestrate|local|spec/load)/' }, to: { path: '^src/cli/' } },
    { name: 'adapters-import-no-orchestration', severity: 'error', comment: 'Adapters implement ports; the orchestration layer uses them, not the other way round.',
      from: { path: '^src/adapters/' }, to: { path: '^src/orchestrate/' } },
    { name: 'no-circular', severity: 'error', comment: 'No import cycles between modules.',
      from: { path: '^src/' }, to: { circular: true } },
    { name: 'src-imports-no-tests', severity: 'error', from: { path: '^src/' }, to: { path: '^(test|bench|examples)/' } },
    { name: 'no-dev-dependencies-in-src', severity: 'error', comment: 'The production build uses production dependencies only (iam-simulate is AGPL, for tests).',
      from: { path: '^src/' }, to: { dependencyTypes: ['npm-dev'] } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.d.ts'] },
  },
};
