#!/usr/bin/env node
import { execute, settings } from '@oclif/core';

// The AWS SDK warns on every run about its future Node requirement; it is not the user's concern here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// This runs the compiled dist/. With NODE_ENV=development or test, oclif would look for the TypeScript
// sources instead, and warn where it cannot compile them (in every installed copy).
settings.enableAutoTranspile = false;

await execute({ dir: import.meta.url });
