// "What teams do without this tool": a script that calls Kafka's own CLI tools once per topic and
// once per ACL (principal, resource) pair, each call a fresh JVM as kafka-topics.sh / kafka-acls.sh
// start it (kafka-run-class.sh's default heap and JVM flags), run from the broker's own jars.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// kafka-run-class.sh: KAFKA_HEAP_OPTS and KAFKA_JVM_PERFORMANCE_OPTS defaults.
const JVM_FLAGS = ['-Xmx256M', '-server', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35',
  '-XX:+ExplicitGCInvokesConcurrent', '-XX:MaxInlineLevel=15', '-Djava.awt.headless=true'];

/** AclCommand's spelling of Kafka's operation names. */
const OPERATION = {
  ALL: 'All', READ: 'Read', WRITE: 'Write', CREATE: 'Create', DELETE: 'Delete', ALTER: 'Alter', DESCRIBE: 'Describe',
  CLUSTER_ACTION: 'ClusterAction', DESCRIBE_CONFIGS: 'DescribeConfigs', ALTER_CONFIGS: 'AlterConfigs', IDEMPOTENT_WRITE: 'IdempotentWrite',
};

/** Whether a Kafka jar in `jarDir` holds `cls` (a jar's zip directory lists entry names uncompressed). */
const hasClass = (jarDir, cls) => readdirSync(jarDir).some((f) => f.startsWith('kafka') && f.endsWith('.jar')
  && readFileSync(path.join(jarDir, f)).toString('latin1').includes(`${cls.replaceAll('.', '/')}.class`));

/** The kafka-topics.sh / kafka-acls.sh entry points of this Kafka version. */
export function toolClasses(libsDir, toolsLibsDir) {
  const topic = 'org.apache.kafka.tools.TopicCommand';
  const acl = hasClass(libsDir, 'kafka.admin.AclCommand') ? 'kafka.admin.AclCommand' : 'org.apache.kafka.tools.AclCommand';
  if (!hasClass(toolsLibsDir, topic)) throw new Error(`${topic} not found in ${toolsLibsDir}`);
  return { topic, acl };
}

/** One kafka-acls.sh call per (principal, permission, resource, pattern, host), with all its operations. */
export function aclCalls(bindings) {
  const calls = new Map();
  for (const b of bindings) {
    const key = [b.principal, b.permission, b.resourceType, b.patternType, b.resourceName, b.host].join('|');
    const call = calls.get(key) ?? { ...b, operations: [] };
    call.operations.push(b.operation);
    calls.set(key, call);
  }
  return [...calls.values()];
}

function aclArgs(call) {
  const resource = {
    TOPIC: ['--topic', call.resourceName],
    GROUP: ['--group', call.resourceName],
    TRANSACTIONAL_ID: ['--transactional-id', call.resourceName],
    CLUSTER: ['--cluster'],
  }[call.resourceType];
  return [
    '--add', call.permission === 'DENY' ? '--deny-principal' : '--allow-principal', call.principal,
    ...(call.host !== '*' ? [call.permission === 'DENY' ? '--deny-host' : '--allow-host', call.host] : []),
    ...call.operations.flatMap((o) => ['--operation', OPERATION[o]]),
    ...resource, '--resource-pattern-type', call.patternType.toLowerCase(),
  ];
}

function topicArgs(t) {
  return [
    '--create', '--topic', t.name, '--partitions', String(t.partitions),
    ...(t.replicationFactor !== undefined ? ['--replication-factor', String(t.replicationFactor)] : []),
    ...Object.entries(t.configs).flatMap(([k, v]) => ['--config', `${k}=${v}`]),
  ];
}

function logConfigArgs(libsDir, dir) {
  if (readdirSync(libsDir).some((f) => /^log4j-core-.*\.jar$/.test(f))) {
    const file = path.join(dir, 'tools-log4j2.properties');
    writeFileSync(file, 'status = error\nappender.err.type = Console\nappender.err.name = STDERR\nappender.err.target = SYSTEM_ERR\n'
      + 'appender.err.layout.type = PatternLayout\nappender.err.layout.pattern = [%d] %p %m (%c)%n\nrootLogger.level = warn\nrootLogger.appenderRef.err.ref = STDERR\n');
    return [`-Dlog4j2.configurationFile=${file}`];
  }
  const file = path.join(dir, 'tools-log4j.properties');
  writeFileSync(file, 'log4j.rootLogger=WARN, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\nlog4j.appender.stderr.Target=System.err\n'
    + 'log4j.appender.stderr.layout=org.apache.log4j.PatternLayout\nlog4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n\n');
  return [`-Dlog4j.configuration=file:${file}`];
}

function runJava(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.SPECMESH_JAVA ?? 'java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.at(-1)}… exited ${code}:\n${out.slice(-2000)}`))));
  });
}

/**
 * Creates `topics` and `acls` with one JVM per topic and per ACL call, in sequence, as a shell loop
 * over kafka-topics.sh and kafka-acls.sh would. Returns the time per kind.
 */
export async function runCliTools({ libsDir, toolsLibsDir, bootstrap, adminPassword, workDir, topics, acls }) {
  mkdirSync(workDir, { recursive: true });
  const classes = toolClasses(libsDir, toolsLibsDir);
  const commandConfig = path.join(workDir, 'admin.properties');
  writeFileSync(commandConfig, 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n'
    + `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${adminPassword}";\n`, { mode: 0o600 });
  const base = [...JVM_FLAGS, ...logConfigArgs(libsDir, workDir), '-cp', `${path.join(libsDir, '*')}:${path.join(toolsLibsDir, '*')}`];
  const connection = ['--bootstrap-server', bootstrap, '--command-config', commandConfig];
  let t = performance.now();
  for (const topic of topics) await runJava([...base, classes.topic, ...connection, ...topicArgs(topic)]);
  const topicMs = performance.now() - t;
  const calls = aclCalls(acls);
  t = performance.now();
  for (const call of calls) await runJava([...base, classes.acl, ...connection, ...aclArgs(call)]);
  const aclMs = performance.now() - t;
  return { classes, topicCalls: topics.length, aclCalls: calls.length, topicMs, aclMs };
}
