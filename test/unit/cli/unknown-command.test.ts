import { describe, expect, it } from 'vitest';
import { editDistance, renderUnknownCommand, suggestCommand } from '../../../src/cli/unknown-command.js';

const commands = [
  { id: 'plan', summary: 'Show what provisioning the specs would change.' },
  { id: 'iam:tool-policy', summary: 'Print the IAM policy specmesh itself needs.' },
  { id: 'local:start', summary: 'Start a governed Kafka on this machine.' },
  { id: 'local:status', summary: 'Say whether the local cluster runs.' },
  { id: 'local:stop', summary: 'Stop the local cluster.' },
  { id: 'autocomplete', description: 'Display autocomplete installation instructions.\nMore detail.' },
  { id: 'autocomplete:script', description: 'outputs autocomplete config script', hidden: true },
];
const ids = commands.filter((c) => !c.hidden).map((c) => c.id);

describe('unknown command', () => {
  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(editDistance('plna', 'plan')).toBe(1);
    expect(editDistance('local strat', 'local start')).toBe(1);
    expect(editDistance('plan', 'plan')).toBe(0);
  });

  it('suggests the one command a near miss meant, and nothing for an unrelated word or a tie', () => {
    expect(suggestCommand('plna', ids)).toBe('plan');
    expect(suggestCommand('plann', ids)).toBe('plan');
    expect(suggestCommand('local:strat', ids)).toBe('local start');
    expect(suggestCommand('local:stp', ids)).toBe('local stop');
    expect(suggestCommand('deploy', ids)).toBeUndefined();
    expect(suggestCommand('pl', ids)).toBeUndefined();
    expect(suggestCommand('local:sta', ids)).toBeUndefined();
  });

  it('lists commands as users type them, in a column wider than the longest id, each with its summary', () => {
    const text = renderUnknownCommand('plna', commands, 'specmesh');
    expect(text).toContain('error: unknown command "plna"\nDid you mean "plan"?\n');
    expect(text).toContain('\n  iam tool-policy  Print the IAM policy');
    expect(text).toContain('\n  local status     Say whether');
    expect(text).toContain('\n  autocomplete     Display autocomplete installation instructions.\n');
    expect(text).not.toMatch(/\w:\w/);
    expect(text).not.toContain('autocomplete script');
    expect(renderUnknownCommand('deploy', commands, 'specmesh')).not.toContain('Did you mean');
  });
});
