// Runs the specmesh CLI in this process and reports its peak memory (worker threads included).
import { writeFileSync } from 'node:fs';

const [reportFile, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], new URL('../bin/run.js', import.meta.url).pathname, ...args];
process.on('exit', () => writeFileSync(reportFile, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, exitCode: process.exitCode ?? 0 })));
const { execute } = await import('@oclif/core');
await execute({ dir: new URL('../bin/run.js', import.meta.url).href, args });
