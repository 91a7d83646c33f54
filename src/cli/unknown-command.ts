/** What the listing of an unknown command needs of a command: oclif's ids use `:` between words. */
export interface ListedCommand {
  id: string;
  summary?: string | undefined;
  description?: string | undefined;
  hidden?: boolean | undefined;
}

/** A command id as users type it and the README writes it: `local start`, not `local:start`. */
export function displayId(id: string): string {
  return id.replace(/:/g, ' ');
}

/** Edit distance with adjacent transpositions counted as one edit (`plna` is one from `plan`). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(a.length, b.length);
}

/**
 * The one command a typo most likely meant: the nearest within two edits (one for ids of up to four
 * letters, so `plan` is never offered for an unrelated short word), and only when no other is as near.
 */
export function suggestCommand(attempt: string, ids: readonly string[]): string | undefined {
  const typed = displayId(attempt);
  const near = ids
    .map((id) => ({ id: displayId(id), distance: editDistance(typed, displayId(id)) }))
    .filter((c) => c.distance > 0 && c.distance <= (c.id.length <= 4 ? 1 : 2))
    .sort((x, y) => x.distance - y.distance);
  const [best, next] = near;
  if (!best || (next && next.distance === best.distance)) return undefined;
  return best.id;
}

/** The visible commands, one a line: id in a column as wide as the longest id plus two, then its summary. */
export function renderCommandList(commands: readonly ListedCommand[]): string {
  const visible = commands.filter((c) => !c.hidden);
  const width = Math.max(0, ...visible.map((c) => displayId(c.id).length)) + 2;
  return visible
    .map((c) => {
      const summary = c.summary ?? c.description?.split('\n')[0] ?? '';
      return `  ${displayId(c.id).padEnd(width)}${summary}`.trimEnd();
    })
    .join('\n');
}

/** The usage error for a command that does not exist, with the near miss when there is one. */
export function renderUnknownCommand(attempt: string, commands: readonly ListedCommand[], bin: string): string {
  const suggestion = suggestCommand(
    attempt,
    commands.filter((c) => !c.hidden).map((c) => c.id),
  );
  return [
    `error: unknown command ${JSON.stringify(displayId(attempt))}`,
    ...(suggestion ? [`Did you mean ${JSON.stringify(suggestion)}?`] : []),
    `Usage: ${bin} <command> [flags]`,
    'Commands:',
    renderCommandList(commands),
    `${bin} <command> --help lists its flags.`,
    '',
  ].join('\n');
}
