// Runs the specmesh CLI in this process and reports its peak memory (worker threads included).
import { writeFileSync } from 'node:fs';

const [reportFile, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], new URL('../bin/run.js', import.meta.url).pathname, ...args];
// maxRSS is the process's peak resident set: worker threads share it. CPU time counts every thread.
process.on('exit', () => {
  const usage = process.resourceUsage();
  writeFileSync(reportFile, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, exitCode: process.exitCode ?? 0 }));
});
const { execute } = await import('@oclif/core');
await execute({ dir: new URL('../bin/run.js', import.meta.url).href, args });
