import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

export type Outcome = 'allowed' | 'denied';

const DENIED = /AUTHORIZATION_FAILED|not authorized|Not authorized/;

/**
 * Runs an action as some principal and says whether Kafka allowed it; other failures are thrown.
 * kafkajs reports a refused FindCoordinator (GROUP_/TRANSACTIONAL_ID_AUTHORIZATION_FAILED) only as
 * "Failed to find group coordinator", so the broker's actual answer is read from kafkajs's debug log.
 */
async function outcomeOf(action: () => Promise<unknown>, log: string[]): Promise<Outcome> {
  for (let attempt = 1; ; attempt++) {
    log.length = 0;
    try {
      await action();
      return 'allowed';
    } catch (e) {
      const text = [describe(e), ...log].join(' | ');
      if (DENIED.test(text)) return 'denied';
      // A coordinator still loading its partition of __consumer_offsets on a busy broker is neither answer: ask again.
      if (attempt < TRANSIENT_TRIES && TRANSIENT.test(text)) {
        await new Promise((r) => setTimeout(r, 500 * attempt));
        continue;
      }
      throw new Error(`neither allowed nor refused: ${text.slice(0, 2000)}`);
    }
  }
}

const TRANSIENT = /COORDINATOR_NOT_AVAILABLE|COORDINATOR_LOAD_IN_PROGRESS|NOT_COORDINATOR|coordinator (is )?not available|REBALANCE_IN_PROGRESS/i;
const TRANSIENT_TRIES = 4;

function describe(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    const x = cur as { type?: string; message?: string; cause?: unknown; originalError?: unknown; errors?: unknown[] };
    parts.push(`${x.type ?? ''} ${x.message ?? ''}`);
    for (const inner of x.errors ?? []) parts.push(describe(inner));
    cur = x.cause ?? x.originalError;
  }
  return parts.join(' | ');
}

/** Real client operations as one principal. */
export class PrincipalClient {
  private readonly kafka: Kafka;
  private readonly log: string[] = [];
  constructor(config: KafkaConfig) {
    const log = this.log;
    this.kafka = new Kafka({
      ...config,
      retry: { retries: 1, initialRetryTime: 100 },
      logLevel: logLevel.DEBUG,
      logCreator: () => ({ log: entry }) => {
        const error = (entry as { error?: unknown }).error;
        if (error) log.push(describe(error));
      },
    });
  }

  produce(topic: string): Promise<Outcome> {
    return this.outcome(async () => {
      const producer = this.kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 1 } });
      await producer.connect();
      try {
        await producer.send({ topic, messages: [{ key: 'k', value: `probe ${Date.now()}` }] });
      } finally {
        await producer.disconnect();
      }
    });
  }

  /** Produces with an idempotent producer (InitProducerId without a transactional id). */
  produceIdempotently(topic: string): Promise<Outcome> {
    return this.outcome(async () => {
      const producer = this.kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1, retry: { retries: 1 } });
      await producer.connect();
      try {
        await producer.send({ topic, messages: [{ key: 'k', value: `probe ${Date.now()}` }] });
      } finally {
        await producer.disconnect();
      }
    });
  }

  /** Joins `group`, reads `topic` from the beginning and commits; denied if the group or topic is refused. */
  consume(topic: string, group: string, timeoutMs = 20_000): Promise<Outcome> {
    return this.outcome(async () => {
      const consumer = this.kafka.consumer({ groupId: group, retry: { retries: 1 } });
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no message on ${topic} within ${timeoutMs} ms`)), timeoutMs);
          consumer.on(consumer.events.CRASH, (e) => {
            if (e.payload.restart && !DENIED.test(describe(e.payload.error))) return;
            clearTimeout(timer);
            reject(e.payload.error);
          });
          consumer.run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
              clearTimeout(timer);
              resolve();
            },
          }).catch((e: unknown) => { clearTimeout(timer); reject(e); });
        });
      } finally {
        await consumer.disconnect();
      }
    });
  }

  /** Starts and commits a transaction under `transactionalId`, writing to `topic`. */
  transact(transactionalId: string, topic: string): Promise<Outcome> {
    return this.outcome(async () => {
      const producer = this.kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1, retry: { retries: 1 } });
      await producer.connect();
      try {
        const tx = await producer.transaction();
        await tx.send({ topic, messages: [{ value: 'in a transaction' }] });
        await tx.commit();
      } finally {
        await producer.disconnect();
      }
    });
  }

  private outcome(action: () => Promise<unknown>): Promise<Outcome> {
    return outcomeOf(action, this.log);
  }

  createTopic(topic: string): Promise<Outcome> {
    return this.outcome(async () => {
      const admin = this.kafka.admin({ retry: { retries: 0 } });
      await admin.connect();
      try {
        await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      } finally {
        await admin.disconnect();
      }
    });
  }
}
