#!/usr/bin/env node
// Bundles @oclif/core and its dependencies into dist/vendor/oclif-core.cjs, which src/cli/oclif.ts
// loads: a CLI start then reads one file instead of some 350, and takes about a third less time.
import { build } from 'esbuild';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
await build({
  entryPoints: [require.resolve('@oclif/core')],
  outfile: 'dist/vendor/oclif-core.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // oclif loads TypeScript only to run commands from .ts sources, which a built CLI never does.
  external: ['typescript', 'ts-node', 'tsx'],
  minifySyntax: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
