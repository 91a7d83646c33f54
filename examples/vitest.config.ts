// The examples' own vitest config, as another team's project has one: `npx vitest run --root examples`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000 },
});
