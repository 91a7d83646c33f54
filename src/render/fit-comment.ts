/** One flagged part of the access summary (widenings, lost access, deletions): never left out of a comment. */
export interface FlaggedSection {
  title: string;
  /** What one line is, plural: `widenings`. */
  noun: string;
  lines: string[];
  /** The same lines, those a reviewer must see first at the top: listed instead when not all fit. */
  mostNotable?: () => string[];
  /** Counts by group (flag, principal, domain), as markdown tables: shown when the lines do not all fit. */
  tables: () => string[];
}

export interface CommentParts {
  head: string[];
  flagged: FlaggedSection[];
  other: string[];
  diagram: string[];
  changesHead: string[];
  details: string[];
  detailsTotal: number;
  warnings: string[];
}

const size = (lines: readonly string[]): number => lines.reduce((n, l) => n + l.length + 1, 0);
const count = (n: number): string => n.toLocaleString('en-US');

export const renderSection = (s: FlaggedSection): string[] => (s.lines.length ? [`**${s.title}**`, '', ...s.lines, ''] : []);

/** A section too long for its room: its counts by group, the first lines that fit, and how many more there are. */
function summarizeSection(s: FlaggedSection, room: number, tables: string[]): { lines: string[]; shown: number } {
  const skeleton = (shown: number): string[] => [
    `**${s.title}** (${count(s.lines.length)}: more than one comment holds${tables.length ? ', so counted by group first' : ''}; ${count(shown)} listed)`, '',
    ...tables,
  ];
  const more = (shown: number): string => `- … and ${count(s.lines.length - shown)} more ${s.noun} (every one is in \`specmesh plan --format json\` under \`access\`, and in the text output)`;
  let left = room - size(skeleton(s.lines.length)) - more(0).length - 2;
  let shown = 0;
  const lines = s.mostNotable?.() ?? s.lines;
  for (const line of lines) {
    if (line.length + 1 > left) break;
    left -= line.length + 1;
    shown++;
  }
  return { lines: [...skeleton(shown), ...lines.slice(0, shown), more(shown), ''], shown };
}

/**
 * The flagged sections in `room`: whole where they fit, else summarised. The room is shared out
 * smallest section first, so a short section stays whole beside a long one.
 */
function fitFlagged(sections: readonly FlaggedSection[], room: number): { lines: string[]; summarized: { section: FlaggedSection; shown: number }[] } {
  const full = sections.map(renderSection);
  if (size(full.flat()) <= room) return { lines: full.flat(), summarized: [] };
  const tables = new Map(sections.map((s) => [s, s.tables()]));
  const withTables = size([...tables.values()].flat()) + sections.length * 300 < room / 2;
  const order = sections.map((_, i) => i).filter((i) => sections[i]!.lines.length).sort((a, b) => size(full[a]!) - size(full[b]!));
  const out: string[][] = sections.map(() => []);
  const summarized: { section: FlaggedSection; shown: number }[] = [];
  let left = room;
  order.forEach((i, k) => {
    const share = Math.floor(left / (order.length - k));
    const whole = full[i]!;
    const s = sections[i]!;
    if (size(whole) <= share) out[i] = whole;
    else {
      const summary = summarizeSection(s, share, withTables ? tables.get(s) ?? [] : []);
      out[i] = summary.lines;
      summarized.push({ section: s, shown: summary.shown });
    }
    left -= size(out[i]!);
  });
  summarized.sort((a, b) => sections.indexOf(a.section) - sections.indexOf(b.section));
  return { lines: out.flat(), summarized };
}

/**
 * Everything when it fits `limit`; else the head and the flagged access sections (summarised with
 * counts when even they do not fit), then the diagram, the other access lines, the warnings and as
 * many domains' details as fit, with a note saying what was left out and where the rest is.
 */
export function fitComment(p: CommentParts, limit: number): string {
  const flaggedFull = p.flagged.flatMap(renderSection);
  const all = [...p.head, ...flaggedFull, ...p.other, ...p.diagram, ...p.changesHead, ...p.details, ...p.warnings];
  if (p.details.length === p.detailsTotal && size(all) <= limit) return all.join('\n');
  // Room for the note that says what was cut.
  const noteRoom = 800;
  let room = limit - noteRoom - size(p.head);
  const flagged = fitFlagged(p.flagged, room);
  room -= size(flagged.lines);
  const kept: string[] = [...p.head, ...flagged.lines];
  const diagramKept = p.diagram.length > 0 && size(p.diagram) <= room - size(p.changesHead);
  if (diagramKept) room -= size(p.diagram);
  let otherCut = 0;
  const otherLines = p.other.filter((l) => l.startsWith('- '));
  const otherKept: string[] = [];
  for (const line of otherLines) {
    if (line.length + 1 <= room - size(p.changesHead) - 40) { otherKept.push(line); room -= line.length + 1; } else otherCut++;
  }
  if (otherKept.length) { kept.push('**Other access changes**', '', ...otherKept, ''); room -= 40; }
  if (diagramKept) kept.push(...p.diagram);
  let warningsKept = false;
  if (size(p.warnings) <= room - size(p.changesHead)) { room -= size(p.warnings); warningsKept = true; }
  kept.push(...p.changesHead);
  room -= size(p.changesHead);
  let detailsKept = 0;
  for (const block of p.details) {
    if (block.length + 1 > room) break;
    kept.push(block);
    room -= block.length + 1;
    detailsKept++;
  }
  if (warningsKept) kept.push(...p.warnings);
  const cut = [
    ...(detailsKept < p.detailsTotal ? [`the changes of ${count(p.detailsTotal - detailsKept)} of ${count(p.detailsTotal)} domains`] : []),
    ...(otherCut ? [`${count(otherCut)} other access lines`] : []),
    ...(p.diagram.length && !diagramKept ? ['the access diagram'] : []),
    ...(!warningsKept && p.warnings.length ? ['the warnings'] : []),
    ...flagged.summarized.map(({ section: s, shown }) => `${count(s.lines.length - shown)} of ${count(s.lines.length)} ${s.noun} (counted above, not listed one by one)`),
  ];
  kept.push('> [!NOTE]', `> This comment is cut to GitHub's limit of ${count(limit)} characters: it leaves out ${cut.join(', ')}. The full plan is in \`specmesh plan --format json\` (under \`access\` and \`changes\`) and the text output.`, '');
  return kept.join('\n');
}
