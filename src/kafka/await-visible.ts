import { aclKey } from '../acl/acl-binding.js';
import type { ApplyReport } from '../plan/apply-plan.js';
import type { KafkaAdminPort } from './kafka-admin-port.js';

/**
 * Kafka accepts creates before every broker serves them: new ACLs are enforced, and new topics
 * listed, a moment later (seconds for thousands). Waits, within a bound, until what was created
 * is visible, so the next plan (or client) sees the provisioned state. Returns whether it is.
 */
export async function awaitVisible(admin: KafkaAdminPort, report: ApplyReport, timeoutMs = 120_000): Promise<boolean> {
  const created = report.results.filter((r) => r.status === 'ok' && r.action === 'create');
  const topics = new Set(created.filter((r) => r.kind === 'topic').map((r) => r.id));
  const acls = new Set(created.filter((r) => r.kind === 'acl').map((r) => r.id));
  if (topics.size === 0 && acls.size === 0) return true;
  const deadline = Date.now() + timeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
    const [names, bindings] = await Promise.all([
      topics.size ? admin.listTopics() : Promise.resolve([]),
      acls.size ? admin.describeAcls() : Promise.resolve([]),
    ]);
    const liveTopics = new Set(names);
    const liveAcls = new Set(bindings.map(aclKey));
    if ([...topics].every((t) => liveTopics.has(t)) && [...acls].every((a) => liveAcls.has(a))) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, delay));
  }
}
