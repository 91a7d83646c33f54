// `npm run bench [plan|provision ...]`: runs the benchmarks and prints their figures as JSON lines.
import { benchPlanOffline } from './plan-offline.js';

const benches = { plan: () => benchPlanOffline({ specs: Number(process.env.BENCH_SPECS ?? 1000), baselineSample: Number(process.env.BENCH_BASELINE_SAMPLE ?? 200) }) };
const selected = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(benches);
for (const name of selected) {
  const bench = benches[name];
  if (!bench) throw new Error(`unknown benchmark ${name}; choose from ${Object.keys(benches).join(', ')}`);
  const result = await bench();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
