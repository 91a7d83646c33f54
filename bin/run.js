#!/usr/bin/env node
import module from 'node:module';

// Node 22+ keeps the compiled code of modules between runs, which shortens every start after the first.
module.enableCompileCache?.();
// The AWS SDK warns on every run about its future Node requirement; it is not the user's concern here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// This runs the compiled dist/: main() turns oclif's TypeScript auto-transpiling off (with NODE_ENV=development
// or test it would look for the sources and warn in every installed copy).
const { main } = await import('../dist/cli/oclif.js');
await main(import.meta.url);
