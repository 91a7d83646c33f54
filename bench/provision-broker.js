// The benchmark's broker: test/servers/kafka-server.ts (the same broker the tests run), compiled
// once into .cache/bench-servers with the project's own tsc, because the benchmark runs plain node.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SOURCES = ['kafka-server.ts', 'kafka-admin-tools.ts', 'process-tools.ts', 'fetch-script.ts'].map((f) => path.join(root, 'test', 'servers', f));
const OUT = path.join(root, '.cache', 'bench-servers');

/** Imports the compiled kafka-server module ({ startKafka, ensureKafkaLibs, … }), compiling it when a source changed. */
export async function loadKafkaServer() {
  const stale = SOURCES.some((src) => {
    const out = path.join(OUT, path.basename(src).replace(/\.ts$/, '.js'));
    return !existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs;
  });
  if (stale) {
    execFileSync(process.execPath, [
      path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      '--noCheck', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
      '--rootDir', path.join(root, 'test', 'servers'), '--outDir', OUT, SOURCES[0],
    ], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return import(pathToFileURL(path.join(OUT, 'kafka-server.js')).href);
}

/** The tool jars (TopicCommand, and AclCommand from Kafka 4) next to the broker's libs. */
export function ensureKafkaToolsLibs(version) {
  const out = execFileSync('bash', [path.join(root, 'bench', 'fetch-kafka-tools.sh'), version], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop();
}
