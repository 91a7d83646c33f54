import type { Diagnostic } from '../core/diagnostic.js';
import type { Domain } from '../spec/model.js';
import { kafkaResourceArn, type ClusterArn } from './cluster-arn.js';
import { decideConsumedRead } from './consumed-reads.js';
import { kafkaAction, type KafkaClusterAction } from './kafka-actions.js';
import { statement, type Effect, type PolicyStatement } from './policy-document.js';
import { PUBLIC_TOPICS_PATTERN } from './public-pattern-overlap.js';

export interface DomainStatementsInput {
  cluster: ClusterArn;
  /** Every domain in the input, by id: consumed protected topics are checked against their owner's grants. */
  owners: ReadonlyMap<string, Domain>;
  widenPublicReads: boolean;
  /** Non-public topics `*._public.*` matches (see publicPatternOverlaps); used only when widening. */
  publicOverlaps: readonly { topic: string; owner: string }[];
  /** Domains nested in this one that need its explicit Deny (in the input or only on the cluster, with a role of their own). */
  nested: readonly string[];
}

const VISIBILITIES = ['_public', '_protected', '_private'] as const;
const TOPIC_OWNER: KafkaClusterAction[] = ['DescribeTopic', 'ReadData', 'WriteData'];
const TOPIC_READER: KafkaClusterAction[] = ['DescribeTopic', 'ReadData'];
const GROUP: KafkaClusterAction[] = ['AlterGroup', 'DescribeGroup'];
const TRANSACTIONAL_ID: KafkaClusterAction[] = ['AlterTransactionalId', 'DescribeTransactionalId'];

const make = (sid: string, effect: Effect, actions: KafkaClusterAction[], resources: string[]): PolicyStatement =>
  statement(sid, effect, actions.map(kafkaAction), resources);

/**
 * The statements of one domain's identity policy, unsplit, in a fixed order. Every pattern ends in
 * `.` before `*`, so `acme.user.*` never matches `acme.userprops.…`. Group and transactional-id
 * patterns `<d>.*` do match a nested domain's (`acme.retail.*` matches `acme.retail.orders.svc`
 * and the child's exact id `acme.retail.orders`), so the parent gets explicit Deny statements on
 * each nested domain it is given, on `<child>` and `<child>.*`: in IAM an explicit Deny wins over
 * any Allow, across all of the role's policies. The groups and transactional ids granted are those
 * of the ACL model: the exact group id `<d>` besides `<d>.*`, transactional ids under `<d>.` only.
 */
export function buildDomainStatements(domain: Domain, input: DomainStatementsInput): { statements: PolicyStatement[]; diagnostics: Diagnostic[] } {
  const { cluster } = input;
  const d = domain.id;
  const topic = (name: string): string => kafkaResourceArn(cluster, 'topic', name);
  const diagnostics: Diagnostic[] = [];

  const statements = [
    make('Cluster', 'Allow', ['Connect', 'DescribeCluster', 'WriteDataIdempotently'], [cluster.arn]),
    make('OwnTopics', 'Allow', TOPIC_OWNER, VISIBILITIES.map((v) => topic(`${d}.${v}.*`))),
    // Kafka Streams creates its changelog and repartition topics under _private.
    make('CreatePrivateTopics', 'Allow', ['CreateTopic'], [topic(`${d}._private.*`)]),
    // A consumer whose group.id is exactly the domain id keeps working, as under the ACL model.
    make('OwnGroups', 'Allow', GROUP, [kafkaResourceArn(cluster, 'group', d), kafkaResourceArn(cluster, 'group', `${d}.*`)]),
    make('OwnTransactionalIds', 'Allow', TRANSACTIONAL_ID, [kafkaResourceArn(cluster, 'transactional-id', `${d}.*`)]),
  ];

  if (input.widenPublicReads) statements.push(make('ReadPublicTopics', 'Allow', TOPIC_READER, [topic(PUBLIC_TOPICS_PATTERN)]));

  const reads = new Set<string>();
  for (const consumed of domain.consumes) {
    if (consumed.owner === d) continue;
    const decision = decideConsumedRead(d, consumed, input.owners);
    if (!decision.read) diagnostics.push(decision.diagnostic);
    else if (!(input.widenPublicReads && consumed.visibility === 'public')) reads.add(consumed.name);
  }
  if (reads.size > 0) statements.push(make('ReadConsumedTopics', 'Allow', TOPIC_READER, [...reads].map(topic)));

  const children = input.nested;
  if (children.length > 0) {
    const idAndBelow = (kind: 'group' | 'transactional-id', c: string): string[] =>
      [kafkaResourceArn(cluster, kind, c), kafkaResourceArn(cluster, kind, `${c}.*`)];
    statements.push(make('DenyNestedDomainGroups', 'Deny', GROUP, children.flatMap((c) => idAndBelow('group', c))));
    statements.push(make('DenyNestedDomainTransactionalIds', 'Deny', TRANSACTIONAL_ID, children.flatMap((c) => idAndBelow('transactional-id', c))));
  }

  if (input.widenPublicReads) {
    const shut = input.publicOverlaps.filter((o) => o.owner !== d && !reads.has(o.topic)).map((o) => topic(o.topic));
    if (shut.length > 0) statements.push(make('DenyNonPublicTopics', 'Deny', TOPIC_READER, shut));
  }
  return { statements, diagnostics };
}
