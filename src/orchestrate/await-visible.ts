import { aclKey } from '../acl/acl-binding.js';
import type { ApplyReport } from '../core/apply-plan.js';
import type { KafkaAdminPort } from '../kafka/kafka-admin-port.js';
import type { ProgressListener } from '../core/progress.js';

export interface Visibility {
  /** Whether the brokers served everything created before the time ran out. */
  visible: boolean;
  /** Created (the controller said ok) yet not served when the time ran out: topic names and ACL ids. */
  notServed: { topics: string[]; acls: string[] };
  /** How many of each were created. */
  created: { topics: number; acls: number };
}

/**
 * Kafka accepts creates before every broker serves them: new ACLs are enforced, and new topics
 * listed, a moment later (seconds for thousands). Waits, within a bound, until what was created
 * is visible, so the next plan (or client) sees the provisioned state, and says what is not.
 */
export async function awaitVisible(admin: KafkaAdminPort, report: ApplyReport, timeoutMs = 120_000, onProgress?: ProgressListener): Promise<Visibility> {
  const created = report.results.filter((r) => r.status === 'ok' && r.action === 'create');
  const topics = created.filter((r) => r.kind === 'topic').map((r) => r.id);
  const acls = created.filter((r) => r.kind === 'acl').map((r) => r.id);
  const counts = { topics: topics.length, acls: acls.length };
  const deadline = Date.now() + timeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
    const [names, bindings] = await Promise.all([
      topics.length ? admin.listTopics() : Promise.resolve([]),
      acls.length ? admin.describeAcls() : Promise.resolve([]),
    ]);
    const liveTopics = new Set(names);
    const liveAcls = new Set(bindings.map(aclKey));
    const notServed = { topics: topics.filter((t) => !liveTopics.has(t)), acls: acls.filter((a) => !liveAcls.has(a)) };
    const visible = notServed.topics.length === 0 && notServed.acls.length === 0;
    const total = topics.length + acls.length;
    onProgress?.({ stage: 'visible', done: total - notServed.topics.length - notServed.acls.length, total });
    if (visible || Date.now() > deadline) return { visible, notServed, created: counts };
    await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(0, deadline - Date.now()) + 1)));
  }
}
