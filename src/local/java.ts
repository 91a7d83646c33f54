// The JVM programs a local cluster runs: how to find Java and Maven, and how to run a Java tool.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SpecmeshError } from '../core/errors.js';

/** `SPECMESH_JAVA`, else `$JAVA_HOME/bin/java`, else `java` from the PATH. */
export function javaCommand(): string {
  const own = process.env['SPECMESH_JAVA'];
  if (own) return own;
  const home = process.env['JAVA_HOME'];
  if (home && existsSync(path.join(home, 'bin', 'java'))) return path.join(home, 'bin', 'java');
  return 'java';
}

/** `SPECMESH_MVN`, else `mvn` from the PATH. */
export function mavenCommand(): string {
  return process.env['SPECMESH_MVN'] ?? process.env['MVN'] ?? 'mvn';
}

export interface Requirement {
  name: 'Java 17+' | 'Maven';
  /** What was found (`17.0.13`), undefined when it is missing or too old. */
  found?: string;
  problem?: string;
  install?: string;
}

/** The major version `java -version` reports (`1.8.0_392` is 8). */
export function javaMajor(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m) return undefined;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
}

/**
 * Java 17+ and Maven, checked before anything starts: each missing one named with what to install.
 * (Maven is needed only while the broker's jars are not cached yet.)
 */
export function checkRequirements(options: { needMaven?: boolean } = {}): Requirement[] {
  const java = spawnSync(javaCommand(), ['-version'], { encoding: 'utf8', timeout: 30_000 });
  const out = `${java.stderr ?? ''}${java.stdout ?? ''}`;
  const major = java.error ? undefined : javaMajor(out);
  const version = /version "([^"]+)"/.exec(out)?.[1];
  const javaReq: Requirement = { name: 'Java 17+' };
  if (major === undefined) {
    javaReq.problem = `no Java found (ran \`${javaCommand()} -version\`)`;
    javaReq.install = 'Install a Java 17 or newer runtime (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17), or set JAVA_HOME.';
  } else if (major < 17) {
    javaReq.found = version;
    javaReq.problem = `Java ${version} is too old: Kafka needs 17 or newer`;
    javaReq.install = 'Install a Java 17 or newer runtime and put it first on the PATH, or set JAVA_HOME to it.';
  } else {
    javaReq.found = version;
  }
  const reqs = [javaReq];
  if (options.needMaven !== false) {
    const mvn = spawnSync(mavenCommand(), ['--version'], { encoding: 'utf8', timeout: 60_000 });
    const mvnReq: Requirement = { name: 'Maven' };
    if (mvn.error || mvn.status !== 0) {
      mvnReq.problem = `no Maven found (ran \`${mavenCommand()} --version\`); it fetches Kafka's jars from Maven Central, once`;
      mvnReq.install = 'Install Maven 3 (Debian/Ubuntu: apt-get install maven; macOS: brew install maven), or set SPECMESH_MVN.';
    } else {
      mvnReq.found = /Apache Maven (\S+)/.exec(mvn.stdout)?.[1] ?? 'found';
    }
    reqs.push(mvnReq);
  }
  return reqs;
}

/** Throws one error naming every missing requirement and what to install. */
export function assertRequirements(options: { needMaven?: boolean } = {}): void {
  const missing = checkRequirements(options).filter((r) => r.problem);
  if (!missing.length) return;
  throw new SpecmeshError(`A local cluster needs ${missing.map((r) => r.name).join(' and ')}: ${missing.map((r) => r.problem).join('; ')}`, {
    fix: missing.map((r) => r.install).join(' '),
  });
}

/**
 * Runs Maven in batch mode, appending its output to `logFile`; true when it exits 0. A Maven that
 * cannot be started is an error naming what to install.
 */
export function runMaven(args: readonly string[], logFile: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(mavenCommand(), ['-B', '-Dstyle.color=never', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', (e) => reject(new SpecmeshError(`Could not run Maven (${mavenCommand()}): ${e.message}`, { fix: 'Install Maven 3 (Debian/Ubuntu: apt-get install maven), or set SPECMESH_MVN.' })));
    child.on('close', (code) => {
      writeFileSync(logFile, out, { flag: 'a' });
      resolve(code === 0);
    });
  });
}

export interface JavaResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `java -cp <classpath> <mainClass> <args>` to completion, collecting its output. */
export function runJava(
  classpath: string,
  mainClass: string,
  args: readonly string[],
  opts: { jvmArgs?: readonly string[]; stdin?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<JavaResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(javaCommand(), [...(opts.jvmArgs ?? []), '-cp', classpath, mainClass, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${mainClass} timed out after ${opts.timeoutMs ?? 120_000} ms\n${stderr}`));
    }, opts.timeoutMs ?? 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? '');
  });
}

/** Short-lived tools: C1 only and a small heap start noticeably faster. */
export const TOOL_JVM_ARGS = ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Djava.awt.headless=true'];

/** Kafka 4.x logs through log4j2 (log4j-core in the libs dir), 3.x through reload4j. */
export function usesLog4j2(libsDir: string): boolean {
  return readdirSync(libsDir).some((f) => /^log4j-core-.*\.jar$/.test(f));
}

/**
 * Logging config for short-lived tools: warnings and errors to stderr only. Written next to the
 * libs dir; Kafka 3.x logs through reload4j (log4j 1 syntax), 4.x through log4j2.
 */
export function toolLogConfigArgs(libsDir: string): string[] {
  const dir = path.join(path.dirname(libsDir), 'tools');
  mkdirSync(dir, { recursive: true });
  if (usesLog4j2(libsDir)) {
    const file = path.join(dir, 'tools-log4j2.properties');
    if (!existsSync(file)) {
      writeFileSync(
        file,
        [
          'status = error',
          'appender.err.type = Console',
          'appender.err.name = STDERR',
          'appender.err.target = SYSTEM_ERR',
          'appender.err.layout.type = PatternLayout',
          'appender.err.layout.pattern = [%d] %p %m (%c)%n',
          'rootLogger.level = warn',
          'rootLogger.appenderRef.err.ref = STDERR',
          '',
        ].join('\n'),
      );
    }
    return [`-Dlog4j2.configurationFile=${file}`];
  }
  const file = path.join(dir, 'tools-log4j.properties');
  if (!existsSync(file)) {
    writeFileSync(
      file,
      [
        'log4j.rootLogger=WARN, stderr',
        'log4j.appender.stderr=org.apache.log4j.ConsoleAppender',
        'log4j.appender.stderr.Target=System.err',
        'log4j.appender.stderr.layout=org.apache.log4j.PatternLayout',
        'log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n',
        '',
      ].join('\n'),
    );
  }
  return [`-Dlog4j.configuration=file:${file}`];
}
