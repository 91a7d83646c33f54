import { ownerOfTopic } from '../spec/naming.js';
import type { AclBinding } from './acl-binding.js';

/** SpecMesh's own binding: ALLOW on PREFIXED `<d>` without a trailing dot. */
const isLoosePrefix = (b: AclBinding): boolean =>
  b.permission === 'ALLOW' && b.patternType === 'PREFIXED' && b.resourceName !== '' && !b.resourceName.endsWith('.') && b.resourceType !== 'CLUSTER';

/**
 * What deleting SpecMesh's bindings (PREFIXED `<d>`, no trailing dot) takes away that the bounded
 * bindings do not give back: the client names that lose access, and how to rename them. One line
 * per principal, resource type and prefix, with the operations lost.
 */
export function accessLostBy(deleted: readonly AclBinding[]): string[] {
  const groups = new Map<string, { b: AclBinding; operations: string[] }>();
  // `<d>._public` without the dot loses only names like `<d>._publicx`, which no domain owns.
  for (const b of deleted.filter((x) => isLoosePrefix(x) && !(x.resourceType === 'TOPIC' && ownerOfTopic(x.resourceName)))) {
    const key = `${b.principal}|${b.resourceType}|${b.resourceName}`;
    const entry = groups.get(key) ?? { b, operations: [] };
    entry.operations.push(b.operation);
    groups.set(key, entry);
  }
  return [...groups.values()].map(({ b, operations }) => {
    const d = b.resourceName;
    const ops = operations.sort().join(', ');
    const others = `\`${d}-…\` or \`${d}x…\` (any name starting "${d}" but not "${d}.")`;
    switch (b.resourceType) {
      case 'GROUP':
        return `consumer groups named ${others} lose ${ops} for ${b.principal}: rename them to \`${d}.…\` (a group named exactly \`${d}\` keeps READ)`;
      case 'TRANSACTIONAL_ID':
        return `transactional ids named \`${d}\`, ${others} lose ${ops} for ${b.principal}: rename them to \`${d}.…\``;
      default:
        return `topics named \`${d}.…\` outside \`${d}._public.\`, \`${d}._protected.\` and \`${d}._private.\` (SpecMesh's grant-only topics such as \`${d}.attendee\`), and ${others}, lose ${ops} for ${b.principal}: move such topics of "${d}" under a visibility segment`;
    }
  });
}
