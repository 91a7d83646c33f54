import { describe, expect, it } from 'vitest';
import { visibilityWarning } from '../../../src/cli/visibility-warning.js';

const served = { visible: true, notServed: { topics: [], acls: [] }, created: { topics: 3, acls: 12 } };

describe('the warning when brokers do not serve what was created', () => {
  it('says nothing when everything is served', () => {
    expect(visibilityWarning(served, 120_000)).toBe('');
  });

  it('counts what is missing of each kind, names a few, and gives the wait', () => {
    const text = visibilityWarning({
      visible: false,
      notServed: { topics: ['a._public.t1'], acls: ['User:a|ALLOW|READ|TOPIC|LITERAL|b._public.x|*', 'User:a|ALLOW|WRITE|TOPIC|LITERAL|b._public.x|*'] },
      created: { topics: 3, acls: 12_500 },
    }, 120_000);
    expect(text).toContain('1 of 3 new topics and 2 of 12,500 new ACL bindings were not served by the brokers 2 minutes after Kafka accepted them');
    expect(text).toContain('  - a._public.t1\n');
    expect(text).toContain('Restart or fail over the active controller');
  });

  it('leaves out the controller advice when only topics are missing', () => {
    const text = visibilityWarning({ visible: false, notServed: { topics: ['t'], acls: [] }, created: { topics: 1, acls: 0 } }, 8_000);
    expect(text).toContain('1 of 1 new topic was not served by the brokers 8 seconds after');
    expect(text).not.toContain('controller');
  });

  it('says the check itself failed when there is no report', () => {
    expect(visibilityWarning(undefined, 120_000)).toMatch(/could not check that the brokers serve/);
  });
});
