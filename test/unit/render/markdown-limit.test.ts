import { describe, expect, it } from 'vitest';
import type { AclBinding } from '../../../src/acl/acl-binding.js';
import { aclKey } from '../../../src/acl/acl-binding.js';
import { summarize, type Change, type Plan } from '../../../src/core/change.js';
import { COMMENT_LIMIT, renderMarkdown } from '../../../src/render/render-markdown.js';

const read = (principal: string, patternType: 'LITERAL' | 'PREFIXED', resourceName: string): AclBinding =>
  ({ principal, operation: 'READ', resourceType: 'TOPIC', patternType, resourceName, permission: 'ALLOW', host: '*' });
const create = (b: AclBinding, domain: string): Change => ({ kind: 'acl', action: 'create', id: aclKey(b), after: b, domain });
const planOf = (changes: Change[], domains: string[]): Plan => ({
  formatVersion: 1, specs: domains.map((d) => ({ file: `${d}.yaml`, domain: d })), liveSource: 'live', changes, warnings: [], summary: summarize(changes),
});

/** The benchmark estate's shape: 1,000 domains, each readable by everyone and read by two neighbours through grants. */
function largePlan(n = 1000): Plan {
  const domains = Array.from({ length: n }, (_, i) => `acme.estate.domain${String(i).padStart(4, '0')}`);
  const changes = domains.flatMap((d, i) => [
    create(read('User:*', 'PREFIXED', `${d}._public.`), d),
    create(read(`User:${domains[(i + 1) % n]}`, 'LITERAL', `${d}._protected.events_for_neighbours`), d),
    create(read(`User:${domains[(i + 2) % n]}`, 'LITERAL', `${d}._protected.events_for_neighbours`), d),
  ]);
  return planOf(changes, domains);
}

describe('the markdown comment of a plan with more widenings than one comment holds', () => {
  const md = renderMarkdown(largePlan());

  it('stays under GitHub\'s limit', () => {
    expect(md.length).toBeLessThan(COMMENT_LIMIT);
  });

  it('keeps the widening count, counts them by flag and principal, lists as many as fit and says how many more there are', () => {
    expect(md).toContain('**3000 widenings, 0 losses of access, 0 deletions**');
    expect(md).toMatch(/\*\*Widenings\*\* \(3,000: more than one comment holds, so counted by group first; [\d,]+ listed\)/);
    expect(md).toContain('| everyone | 1,000 |');
    expect(md).toContain('| reads a protected topic | 2,000 |');
    expect(md).toContain('| `everyone (User:*)` | 1,000 |');
    expect(md).toMatch(/\| `User:acme\.estate\.domain\d{4}` \| 2 \|/);
    expect(md).toContain('| 991 more | 1,982 |');
    const listed = md.split('\n').filter((l) => l.startsWith('- ⚠️ ')).length;
    expect(listed).toBeGreaterThan(100);
    // New readers of protected topics are listed before everyone's reads of public ones.
    expect(md.split('\n').find((l) => l.startsWith('- ⚠️ '))).toContain('reads a protected topic');
    expect(md).toContain(`- … and ${(3000 - listed).toLocaleString('en-US')} more widenings (every one is in \`specmesh plan --format json\` under \`access\`, and in the text output)`);
    expect(md).toContain(`it leaves out the changes of 1,000 of 1,000 domains`);
    expect(md).toContain(`${(3000 - listed).toLocaleString('en-US')} of 3,000 widenings (counted above, not listed one by one)`);
  });

  it('leaves the access diagram out of a plan with many edges, in one line', () => {
    expect(md).not.toContain('```mermaid');
  });

  it('shares the room between sections: a short section of deletions stays whole beside the widenings', () => {
    const plan = largePlan();
    const deletions: Change[] = ['a', 'b'].map((x) => ({ kind: 'topic', action: 'delete', id: `acme.estate.domain0000._public.${x}`, domain: 'acme.estate.domain0000',
      before: { name: `acme.estate.domain0000._public.${x}`, partitions: 1, replicationFactor: 1, configs: {} } }) as Change);
    const withDeletions = renderMarkdown(planOf([...plan.changes, ...deletions], plan.specs.map((s) => s.domain)));
    expect(withDeletions.length).toBeLessThan(COMMENT_LIMIT);
    expect(withDeletions).toContain('**Deletions**\n\n- 🔴 topic `acme.estate.domain0000._public.a`\n- 🔴 topic `acme.estate.domain0000._public.b`\n');
    expect(withDeletions).toContain('more widenings');
  });

  it('summarises widenings, lost access and deletions together when none fits, under the limit asked for too', () => {
    const plan = largePlan();
    const domains = plan.specs.map((s) => s.domain);
    const more: Change[] = domains.flatMap((d) => [
      { kind: 'acl', action: 'delete', id: `lost-${d}`, domain: d, before: read(`User:${d}`, 'PREFIXED', `${d}.`) } as Change,
      { kind: 'topic', action: 'delete', id: `${d}._public.old`, domain: d, before: { name: `${d}._public.old`, partitions: 1, replicationFactor: 1, configs: {} } } as Change,
    ]);
    const all = planOf([...plan.changes, ...more], domains);
    for (const limit of [COMMENT_LIMIT, 20_000]) {
      const md = renderMarkdown(all, { limit });
      expect(md.length).toBeLessThanOrEqual(limit);
      expect(md).toMatch(/- … and [\d,]+ more widenings/);
      expect(md).toMatch(/- … and [\d,]+ more losses of access/);
      expect(md).toMatch(/- … and [\d,]+ more deletions/);
      expect(md).toMatch(/[\d,]+ of 1,000 deletions \(counted above, not listed one by one\)/);
    }
  });
});
