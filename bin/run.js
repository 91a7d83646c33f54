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

// The command is done and its output written: what a client library may still run behind it (kafkajs
// retrying a lookup after the command already failed on it) must not keep the process alive. Once the
// event loop should have emptied, exit with the command's code, after stdout and stderr have drained.
const exitWhenDrained = () => {
  if (process.stdout.writableLength > 0 || process.stderr.writableLength > 0) setTimeout(exitWhenDrained, 50).unref();
  else process.exit();
};
setTimeout(exitWhenDrained, 1000).unref();
