import { editDistance } from '../core/nearest-names.js';
import type { Visibility } from './model.js';

/**
 * SpecMesh's releases accepted names that specmesh does not, and gave them access specmesh's ACL
 * model cannot express. Each is reported with the exact rename; none is guessed into a topic.
 */
export type LegacyChannel =
  /** `public.x`: SpecMesh's earliest releases gave `public` the access of `_public`. */
  | { kind: 'legacy-visibility'; segment: string; visibility: Visibility; rename: string }
  /** `zzpublic.x`: a visibility name set by SpecMesh's `specmesh.public` (…) system property. */
  | { kind: 'custom-visibility'; segment: string; visibility: Visibility; rename: string }
  /** `_pubic.x`, `protcted.x`: a visibility segment mistyped, meant as `_public.x`; no topic to migrate. */
  | { kind: 'visibility-typo'; segment: string; visibility: Visibility; rename: string }
  /** `attendee`: owned by SpecMesh as `<d>.attendee`, reachable only through `grant-access` tags. */
  | { kind: 'no-visibility'; visibility: Visibility; rename: string };

const WORDS: readonly Visibility[] = ['public', 'protected', 'private'];

/**
 * What a produced channel that specmesh cannot own was meant to be, and its modern name.
 * `grants` are the channel's `grant-access:` targets: a channel without a visibility segment is
 * `_public` when it grants `_public`, `_protected` when it grants domains, else `_private`.
 */
export function legacyOwnedChannel(channel: string, grants: readonly string[]): LegacyChannel {
  const segments = channel.split('.');
  const first = segments[0] ?? '';
  const rest = segments.slice(1).join('.');
  const word = WORDS.find((w) => first.toLowerCase() === w);
  if (word && rest !== '') return { kind: 'legacy-visibility', segment: first, visibility: word, rename: `_${word}.${rest}` };
  const suffixed = WORDS.find((w) => first.toLowerCase().endsWith(w) && first.length > w.length);
  if (suffixed && rest !== '') return { kind: 'custom-visibility', segment: first, visibility: suffixed, rename: `_${suffixed}.${rest}` };
  const typo = mistypedVisibility(first);
  if (typo && rest !== '') return { kind: 'visibility-typo', segment: first, visibility: typo, rename: `_${typo}.${rest}` };
  const visibility: Visibility = grants.includes('_public') ? 'public' : grants.length > 0 ? 'protected' : 'private';
  return { kind: 'no-visibility', visibility, rename: `_${visibility}.${channel}` };
}

/**
 * The visibility a segment was meant to be when it is a near miss of one (`_pubic`, `_privte`,
 * `protcted`). A leading "_" says a visibility was meant, so two edits are allowed then; without
 * it only one (`privacy` is not `private`).
 */
export function mistypedVisibility(segment: string): Visibility | undefined {
  const lower = segment.toLowerCase();
  const underscored = lower.startsWith('_');
  const bare = lower.replace(/^_+/, '');
  const max = underscored ? 2 : 1;
  const scored = WORDS.map((w) => ({ w, d: editDistance(bare, w) })).filter((x) => x.d <= max && (x.d > 0 || underscored));
  scored.sort((a, b) => a.d - b.d);
  return scored[0]?.w;
}

/** A consumed `a.b._pubic.x` as the owner most likely named it (`a.b._public.x`), if one segment is a near miss of a visibility. */
export function correctedForeignName(topic: string): string | undefined {
  const segments = topic.split('.');
  for (let n = 1; n < segments.length - 1; n++) {
    const meant = mistypedVisibility(segments[n]!);
    if (meant) return [...segments.slice(0, n), `_${meant}`, ...segments.slice(n + 1)].join('.');
  }
  return undefined;
}

/** The owner's modern topic name for a consumed `a.b.public.x` (SpecMesh's earliest naming), if it is one. */
export function modernForeignName(topic: string): string | undefined {
  const segments = topic.split('.');
  const i = segments.findIndex((s, n) => n > 0 && n < segments.length - 1 && (WORDS as readonly string[]).includes(s.toLowerCase()));
  if (i < 0) return undefined;
  return [...segments.slice(0, i), `_${segments[i]!.toLowerCase()}`, ...segments.slice(i + 1)].join('.');
}

/** `.acme.retail` (SpecMesh's releases up to 0.5 wrote grants and ids so): the name without its leading dots. */
export function withoutLeadingDots(name: string): { name: string; stripped: boolean } {
  const trimmed = name.replace(/^\.+/, '');
  return { name: trimmed, stripped: trimmed !== name };
}
