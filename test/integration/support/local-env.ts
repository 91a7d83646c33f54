// The environment of a program that starts its own local cluster (the demo, the library example):
// its temp files, its state folder and its user cache in temp folders of this test file, so it
// leaves nothing behind; the cache holds only a link to the Kafka jars the test run keeps in .cache/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_KAFKA_VERSION } from '../../../src/local/kafka-jars.js';
import { ensureKafkaLibs } from '../../servers/kafka-server.js';
import { writeTempFiles } from '../../support/temp-specs.js';
import { cliEnv } from './cli.js';

export interface LocalEnv {
  /** TMPDIR of the program: where its cluster folder is made. */
  tmp: string;
  env: NodeJS.ProcessEnv;
}

/** Fetches the default Kafka version's jars into .cache/ if needed, and links the user cache to them. */
export async function localEnv(extra: Record<string, string> = {}): Promise<LocalEnv> {
  const libs = await ensureKafkaLibs(DEFAULT_KAFKA_VERSION);
  const tmp = writeTempFiles({});
  const xdg = writeTempFiles({});
  mkdirSync(path.join(xdg, 'cache', 'specmesh'), { recursive: true });
  symlinkSync(path.dirname(libs), path.join(xdg, 'cache', 'specmesh', `kafka-${DEFAULT_KAFKA_VERSION}`));
  // A vitest started by this one must not take this worker's settings for its own.
  const env = Object.fromEntries(Object.entries(cliEnv(extra)).filter(([k]) => !k.startsWith('VITEST')));
  return {
    tmp,
    env: { ...env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, XDG_CACHE_HOME: path.join(xdg, 'cache'), XDG_STATE_HOME: path.join(xdg, 'state'), ...extra },
  };
}

/** The command lines of running processes that name `text` (a broker names its run folder). */
export function processesNaming(text: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(text) && !l.startsWith('ps '));
}
