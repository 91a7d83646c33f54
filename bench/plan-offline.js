import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSpecs } from './generate-specs.js';

const here = path.dirname(new URL(import.meta.url).pathname);

function runCli(args) {
  const report = path.join(os.tmpdir(), `specmesh-bench-${process.pid}-${Date.now()}.json`);
  const start = performance.now();
  execFileSync(process.execPath, [path.join(here, 'measure-cli.js'), report, ...args], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  const { maxRssKb, cpuMs, exitCode } = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(report, { force: true });
  if (exitCode !== 0) throw new Error(`specmesh ${args.join(' ')} exited ${exitCode}`);
  return { ms, maxRssKb, cpuMs };
}

/** Offline `specmesh plan` over generated specs: cold, warm (no spec changed), and the naive baseline. */
export async function benchPlanOffline({ specs = 1000, baselineSample = 200 } = {}) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'specmesh-bench-plan-'));
  const dir = generateSpecs(path.join(work, 'specs'), specs);
  const cacheDir = path.join(work, 'cache');
  const args = ['plan', '--spec', dir, '--format', 'json', '--cache-dir', cacheDir];
  const cold = runCli(args);
  const warm = runCli(args);
  const sample = Math.min(baselineSample, specs);
  const baselineRaw = JSON.parse(execFileSync(process.execPath, [path.join(here, 'baseline-parse.js'), dir, String(sample)], { encoding: 'utf8' }));
  const baselineMs = (baselineRaw.ms / baselineRaw.files) * specs;
  const baselineCpuMs = (baselineRaw.cpuMs / baselineRaw.files) * specs;
  rmSync(work, { recursive: true, force: true });
  return {
    name: 'offline plan',
    specs,
    channelsPerSpec: 10,
    coldMs: Math.round(cold.ms),
    warmMs: Math.round(warm.ms),
    coldPeakRssMb: Math.round(cold.maxRssKb / 1024),
    warmPeakRssMb: Math.round(warm.maxRssKb / 1024),
    baseline: `one @asyncapi/parser parse per spec in sequence: ${Math.round(baselineRaw.ms / baselineRaw.files)} ms/spec over ${baselineRaw.files} specs, x${specs / baselineRaw.files} = ${Math.round(baselineMs)} ms`,
    baselineMs: Math.round(baselineMs),
    coldVsBaseline: +(cold.ms / baselineMs).toFixed(3),
    warmVsBaseline: +(warm.ms / baselineMs).toFixed(4),
    // CPU time of every thread: steadier than wall time on a busy machine, and shows the cost of parallelism.
    coldCpuMs: Math.round(cold.cpuMs),
    warmCpuMs: Math.round(warm.cpuMs),
    baselineCpuMs: Math.round(baselineCpuMs),
    coldCpuVsBaselineCpu: +(cold.cpuMs / baselineCpuMs).toFixed(3),
    targets: { coldMs: 20000, warmMs: 3000, coldPeakRssMb: 500, coldVsBaseline: 0.1 },
  };
}
