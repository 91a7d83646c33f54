import type { Visibility } from '../orchestrate/await-visible.js';

const n = (x: number): string => x.toLocaleString('en-US');
const plural = (x: number, one: string, many: string): string => `${n(x)} ${x === 1 ? one : many}`;

/**
 * The warning `provision` prints when the brokers did not serve everything the controller said it
 * created; empty when they did. Without a visibility report (the wait itself failed), says so.
 */
export function visibilityWarning(visibility: Visibility | undefined, waitedMs: number): string {
  const minutes = waitedMs >= 60_000 ? plural(Math.round(waitedMs / 60_000), 'minute', 'minutes') : plural(Math.round(waitedMs / 1000), 'second', 'seconds');
  if (!visibility) return 'warning: could not check that the brokers serve the new topics and ACLs; a plan run now may still list them.\n';
  if (visibility.visible) return '';
  const { notServed, created } = visibility;
  const parts = [
    ...(notServed.topics.length ? [`${n(notServed.topics.length)} of ${plural(created.topics, 'new topic', 'new topics')}`] : []),
    ...(notServed.acls.length ? [`${n(notServed.acls.length)} of ${plural(created.acls, 'new ACL binding', 'new ACL bindings')}`] : []),
  ];
  const examples = [...notServed.topics, ...notServed.acls].slice(0, 3).map((x) => `  - ${x}\n`).join('');
  const verb = notServed.topics.length + notServed.acls.length === 1 ? 'was' : 'were';
  let text = `warning: ${parts.join(' and ')} ${verb} not served by the brokers ${minutes} after Kafka accepted them; a plan run now may still list them.\n${examples}`;
  if (notServed.acls.length > 0) {
    text += '  If plans keep listing these bindings although each provision reports them created, the active KRaft controller\n'
      + '  holds them while no broker serves them: Kafka 3.9\'s controller keeps the bindings of a CreateAcls it refused for\n'
      + '  exceeding 10,000 records. Restart or fail over the active controller, then provision again.\n';
  }
  return text;
}
