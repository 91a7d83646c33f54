/**
 * Mermaid's rules for ids and labels. An id is letters, digits and `_` (a `.` or `-` would be read
 * as an edge or a class); the domain id itself goes in the quoted label, where `"` ends the label
 * and `<`, `>`, `#`, `` ` `` mean markup: each is written as Mermaid's entity code instead.
 */
export function mermaidLabel(text: string): string {
  const escaped = text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;')
    .replace(/`/g, '#96;').replace(/[\r\n]+/g, ' ');
  return `"${escaped}"`;
}

/**
 * Gives each name a valid, distinct Mermaid id with the given prefix: `acme.retail` → `d_acme_retail`.
 * Names that sanitize alike (`a.b`, `a_b`) get a numbered suffix, in the order they are first asked
 * for, so callers that ask in sorted order get the same ids every run.
 */
export function mermaidIds(prefix: string): (name: string) => string {
  const byName = new Map<string, string>();
  const taken = new Set<string>();
  return (name) => {
    const known = byName.get(name);
    if (known) return known;
    const base = `${prefix}${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    byName.set(name, id);
    return id;
  };
}
