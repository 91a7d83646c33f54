// `npm run bench [startup|plan|render|local|provision|usage ...]`: runs the benchmarks and prints their figures as JSON lines.
import { benchPlanOffline } from './plan-offline.js';
import { benchProvision } from './provision.js';
import { benchStartup } from './startup.js';
import { benchRender } from './render.js';
import { benchLocal } from './local.js';
import { benchUsage } from './usage.js';

const benches = {
  startup: () => benchStartup({ runs: Number(process.env.BENCH_STARTUP_RUNS ?? 15) }),
  plan: () => benchPlanOffline({ specs: Number(process.env.BENCH_SPECS ?? 1000), baselineSample: Number(process.env.BENCH_BASELINE_SAMPLE ?? 200) }),
  render: () => benchRender({ specs: Number(process.env.BENCH_SPECS ?? 1000), rounds: Number(process.env.BENCH_RENDER_ROUNDS ?? 7) }),
  local: () => benchLocal({ trials: Number(process.env.BENCH_LOCAL_TRIALS ?? 3) }),
  provision: () => benchProvision({ domains: Number(process.env.BENCH_DOMAINS ?? 1000), toolSample: Number(process.env.BENCH_TOOL_SAMPLE ?? 5), version: process.env.BENCH_KAFKA_VERSION ?? process.env.SPECMESH_TEST_KAFKA_VERSION ?? '3.9.1', provisionTimeoutMs: Number(process.env.BENCH_PROVISION_TIMEOUT_MS ?? 1_800_000), trials: Number(process.env.BENCH_TRIALS ?? 3), warmupDomains: Number(process.env.BENCH_WARMUP_DOMAINS ?? 200) }),
  usage: () => benchUsage({ domains: Number(process.env.BENCH_DOMAINS ?? 1000), trials: Number(process.env.BENCH_TRIALS ?? 3), version: process.env.BENCH_KAFKA_VERSION ?? process.env.SPECMESH_TEST_KAFKA_VERSION ?? '3.9.1' }),
};
const selected = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(benches);
for (const name of selected) {
  const bench = benches[name];
  if (!bench) throw new Error(`unknown benchmark ${name}; choose from ${Object.keys(benches).join(', ')}`);
  const result = await bench();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
