#!/usr/bin/env node
import { execute } from '@oclif/core';

// The AWS SDK warns on every run about its future Node requirement; it is not the user's concern here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

await execute({ dir: import.meta.url });
