// MSK IAM on the test broker: two more listeners (SASL_SSL with OAUTHBEARER, as MSK's port 9098
// serves IAM) whose tokens are checked by test/servers/java/MskIamValidator.java and whose requests
// are authorized by IAM policies (MskIamAuthorizer.java, which keeps Kafka's StandardAuthorizer
// and its ACLs for the SCRAM listener). Both read what AWS would know from one JSON state file the
// tests write (msk-iam-control.ts), and log their decisions to an events file.
//
// `IAM` re-authenticates sessions when their token expires, as MSK does; `IAMREAUTH` is the same
// with a short connections.max.reauth.ms, for tests of re-authentication.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileJavaSources } from './kafka-admin-tools.js';
import type { StartKafkaOptions } from './kafka-server.js';
import { makeTestCertificates } from './test-ca.js';

export const IAM_LISTENER = 'IAM';
export const IAM_REAUTH_LISTENER = 'IAMREAUTH';
/** connections.max.reauth.ms of the IAMREAUTH listener. */
export const SHORT_REAUTH_MS = 8_000;
/** Of the IAM listener: an hour, so a session lasts as long as its token (at most 15 minutes), as on MSK. */
const REAUTH_MS = 3_600_000;

const JAVA_SOURCES = ['IamPolicyEvaluator.java', 'MskIamState.java', 'MskIamValidator.java', 'MskIamAuthorizer.java']
  .map((f) => fileURLToPath(new URL(`./java/${f}`, import.meta.url)));

/** What tests need to reach the IAM listeners and to drive their state (plain, serializable). */
export interface MskIamTestInfo {
  /** `127.0.0.1:<port>` of the IAM listener (SASL_SSL, OAUTHBEARER with MSK IAM tokens). */
  bootstrap: string;
  /** The same with connections.max.reauth.ms = {@link SHORT_REAUTH_MS}. */
  reauthBootstrap: string;
  reauthMs: number;
  /** PEM file of the CA that signed the listeners' certificate (for 127.0.0.1). */
  caFile: string;
  /** The JSON state the validator and authorizer read (msk-iam-control.ts writes it). */
  stateFile: string;
  /** JSON lines: authenticated, refused, throttled, denied. */
  eventsFile: string;
  /** Wall time of compiling the Java classes (0 when cached) and of making the certificates. */
  setupMs: number;
}

export interface MskIamListeners {
  /** What startKafka needs for the listeners (merge into its options). */
  startOptions: Pick<StartKafkaOptions, 'extraListeners' | 'brokerProperties' | 'classpath' | 'jvmArgs'>;
  info(server: { listenerPort(name: string): number }): MskIamTestInfo;
  /** Removes the state, events and certificates. */
  cleanUp(): void;
}

/** Compiles the validator and authorizer against the broker's jars and makes the listeners' TLS material. */
export async function prepareMskIamListeners(libsDir: string): Promise<MskIamListeners> {
  const t0 = Date.now();
  const classDir = await compileJavaSources(libsDir, 'msk-iam', JAVA_SOURCES);
  const dir = mkdtempSync(join(tmpdir(), 'specmesh-msk-iam-'));
  const certs = makeTestCertificates(dir, 'the broker\'s MSK IAM listeners', 7);
  const stateFile = join(dir, 'state.json');
  const eventsFile = join(dir, 'events.jsonl');
  writeFileSync(stateFile, '{}\n');
  writeFileSync(eventsFile, '');
  const setupMs = Date.now() - t0;
  const listenerProperties = (name: string, reauthMs: number): Record<string, string | number> => {
    const p = `listener.name.${name.toLowerCase()}`;
    return {
      [`${p}.sasl.enabled.mechanisms`]: 'OAUTHBEARER',
      [`${p}.oauthbearer.sasl.jaas.config`]: `org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="broker" specmeshListener="${name}";`,
      [`${p}.oauthbearer.sasl.server.callback.handler.class`]: 'MskIamValidator',
      [`${p}.oauthbearer.connections.max.reauth.ms`]: reauthMs,
      [`${p}.ssl.keystore.type`]: 'PEM',
      [`${p}.ssl.keystore.location`]: certs.keyAndCertFile,
    };
  };
  return {
    startOptions: {
      extraListeners: [{ name: IAM_LISTENER, protocol: 'SASL_SSL' }, { name: IAM_REAUTH_LISTENER, protocol: 'SASL_SSL' }],
      classpath: [classDir],
      jvmArgs: [`-Dspecmesh.iam.state=${stateFile}`, `-Dspecmesh.iam.events=${eventsFile}`, `-Dspecmesh.iam.listeners=${IAM_LISTENER},${IAM_REAUTH_LISTENER}`],
      brokerProperties: {
        'authorizer.class.name': 'MskIamAuthorizer',
        ...listenerProperties(IAM_LISTENER, REAUTH_MS),
        ...listenerProperties(IAM_REAUTH_LISTENER, SHORT_REAUTH_MS),
      },
    },
    info: (server) => ({
      bootstrap: `127.0.0.1:${server.listenerPort(IAM_LISTENER)}`,
      reauthBootstrap: `127.0.0.1:${server.listenerPort(IAM_REAUTH_LISTENER)}`,
      reauthMs: SHORT_REAUTH_MS,
      caFile: certs.caFile,
      stateFile,
      eventsFile,
      setupMs,
    }),
    cleanUp: () => rmSync(dir, { recursive: true, force: true }),
  };
}
