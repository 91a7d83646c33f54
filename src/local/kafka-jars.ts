
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SpecmeshError } from '../core/errors.js';
import { runMaven } from './java.js';
import { isAlive, sleep } from './processes.js';

export const DEFAULT_KAFKA_VERSION = '3.9.1';

/** `$XDG_CACHE_HOME/specmesh` (default `~/.cache/specmesh`): jars are kept there between runs. */
export function userCacheDir(): string {
  return path.join(process.env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache'), 'specmesh');
}

export function checkKafkaVersion(version: string): void {
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    throw new SpecmeshError(`Bad Kafka version "${version}"`, { fix: 'Pass a released Apache Kafka version, e.g. --kafka-version 3.9.1 or 4.1.1.' });
  }
}

/** Where the jars of `version` are (or will be) under `cacheDir`. */
export function kafkaLibsDir(version: string, cacheDir: string = userCacheDir()): string {
  return path.join(cacheDir, `kafka-${version}`, 'libs');
}

/** Whether the jars of `version` are cached (no Maven needed then). */
export function kafkaJarsCached(version: string, cacheDir: string = userCacheDir()): boolean {
  return existsSync(path.join(kafkaLibsDir(version, cacheDir), '.complete'));
}

// Kafka 3.x logs through slf4j 1.7 + reload4j; 4.x through log4j2, and its kafka_2.13 pom names no
// logging backend at all, so one is added either way.
function pom(version: string): string {
  const major = Number(version.split('.')[0]);
  const dep = (g: string, a: string, v: string): string => `    <dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`;
  const logging =
    major >= 4
      ? [dep('org.apache.logging.log4j', 'log4j-api', '2.24.3'), dep('org.apache.logging.log4j', 'log4j-core', '2.24.3'), dep('org.apache.logging.log4j', 'log4j-slf4j-impl', '2.24.3')]
      : [dep('org.slf4j', 'slf4j-reload4j', '1.7.36'), dep('ch.qos.reload4j', 'reload4j', '1.2.25')];
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.specmesh</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
${[dep('org.apache.kafka', 'kafka_2.13', version), ...logging].join('\n')}
  </dependencies>
</project>
`;
}

/** One fetch per version at a time, across processes: a lock folder holding its owner's pid. */
export async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, '.lock');
  const ownerOf = (): number => {
    try {
      return Number(readFileSync(path.join(lock, 'pid'), 'utf8').trim()) || 0;
    } catch {
      return 0;
    }
  };
  let waitedForPid = 0;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = ownerOf();
    // The owner is gone, or never wrote its pid (a moment after mkdir it always has): take over.
    if ((owner && !isAlive(owner)) || (!owner && ++waitedForPid > 20)) {
      rmSync(lock, { recursive: true, force: true });
      waitedForPid = 0;
      continue;
    }
    await sleep(250);
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The libs dir of Kafka `version`, fetched with Maven into `cacheDir` on first use (its own local
 * repository there too: nothing is written to ~/.m2). Idempotent; a `.complete` marker says done.
 */
export async function ensureKafkaJars(version: string = DEFAULT_KAFKA_VERSION, cacheDir: string = userCacheDir(), log?: (line: string) => void): Promise<string> {
  checkKafkaVersion(version);
  const work = path.join(cacheDir, `kafka-${version}`);
  const libs = path.join(work, 'libs');
  if (existsSync(path.join(libs, '.complete'))) return libs;
  mkdirSync(path.join(cacheDir, 'm2'), { recursive: true });
  mkdirSync(work, { recursive: true });
  return withLock(work, async () => {
    if (existsSync(path.join(libs, '.complete'))) return libs;
    writeFileSync(path.join(work, 'pom.xml'), pom(version));
    const tmp = path.join(work, `libs.tmp.${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    log?.(`Fetching the jars of Apache Kafka ${version} from Maven Central into ${libs} (once)…`);
    const mvnLog = path.join(work, 'mvn.log');
    writeFileSync(mvnLog, '');
    const ok = await runMaven(
      [
        '-f',
        path.join(work, 'pom.xml'),
        `-Dmaven.repo.local=${path.join(cacheDir, 'm2')}`,
        'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${tmp}`,
      ],
      mvnLog,
    );
    if (!ok || !existsSync(path.join(tmp, `kafka_2.13-${version}.jar`))) {
      rmSync(tmp, { recursive: true, force: true });
      const tailLines = readFileSync(mvnLog, 'utf8').split('\n').filter((l) => /ERROR/.test(l)).slice(0, 5).join('\n');
      throw new SpecmeshError(`Maven could not fetch Apache Kafka ${version}${tailLines ? `:\n${tailLines}` : ''}`, {
        fix: `Check that ${version} is a released Kafka version and that Maven Central is reachable (full output: ${mvnLog}).`,
      });
    }
    rmSync(libs, { recursive: true, force: true });
    renameSync(tmp, libs);
    writeFileSync(path.join(libs, '.complete'), `${new Date().toISOString()}\n`);
    return libs;
  });
}
