// The benchmark's broker: the product's local broker (dist/local, the same one the tests and
// `specmesh local` run), from jars cached in .cache/ like the tests'.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CACHE = path.join(root, '.cache');

/** { startKafka, ensureKafkaLibs } over the built dist/local modules (`npm run bench` builds first). */
export async function loadKafkaServer() {
  const { startKafkaBroker } = await import(pathToFileURL(path.join(root, 'dist', 'local', 'kafka-broker.js')).href);
  const { ensureKafkaJars } = await import(pathToFileURL(path.join(root, 'dist', 'local', 'kafka-jars.js')).href);
  return {
    ensureKafkaLibs: (version) => ensureKafkaJars(version, CACHE),
    startKafka: (options) => startKafkaBroker({ runsDir: path.join(CACHE, 'kafka-runs'), ...options }),
  };
}

/** The tool jars (TopicCommand, and AclCommand from Kafka 4) next to the broker's libs. */
export function ensureKafkaToolsLibs(version) {
  const out = execFileSync('bash', [path.join(root, 'bench', 'fetch-kafka-tools.sh'), version], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop();
}
