import { error, type Diagnostic, type SourceLocation } from '../core/diagnostic.js';
import { legacyOwnedChannel, withoutLeadingDots } from './legacy-names.js';
import type { YamlSource } from './yaml-locator.js';

/** The `grant-access:` targets among a channel's tags, leading dots dropped. */
export const grantTargetsOf = (tags: readonly { name: string }[]): string[] =>
  tags.flatMap((t) => {
    const m = /^grant-access:(.*)$/.exec(t.name);
    return m ? [withoutLeadingDots(m[1]!.trim()).name] : [];
  });

/**
 * A produced channel specmesh cannot own: SpecMesh's early `public.x`, a custom visibility name, or
 * no visibility segment at all. Each gets its own code and the exact rename, never `produce-foreign`.
 */
export function legacyChannelProblem(domain: string, channel: string, topic: string, grants: readonly string[], location: SourceLocation): Diagnostic {
  const legacy = legacyOwnedChannel(topic, grants);
  const renamed = `${domain}.${legacy.rename}`;
  const move = `The topic becomes "${renamed}" (SpecMesh's was "${domain}.${topic}"): move its data and clients, or keep the old topic until they have moved.`;
  switch (legacy.kind) {
    case 'visibility-typo':
      return error('channel-visibility-typo',
        `Channel "${channel}" starts with "${legacy.segment}", which is not a visibility segment: did you mean ${legacy.rename}?`,
        location, `Rename the channel to \`${legacy.rename}\` (topic "${renamed}").`);
    case 'legacy-visibility':
      return error('channel-legacy-visibility',
        `Channel "${channel}" uses SpecMesh's early visibility name "${legacy.segment}"; specmesh owns only channels that start with "_public", "_protected" or "_private"`,
        location, `Rename the channel to \`${legacy.rename}\`. ${move}`);
    case 'custom-visibility':
      return error('channel-custom-visibility',
        `Channel "${channel}" starts with "${legacy.segment}", a custom visibility name (SpecMesh's \`specmesh.${legacy.visibility}\` setting); specmesh knows only "_${legacy.visibility}"`,
        location, `Rename the channel to \`${legacy.rename}\`. ${move}`);
    case 'no-visibility': {
      const why = legacy.visibility === 'public' ? 'it grants `_public`' : legacy.visibility === 'protected' ? `it grants ${grants.map((g) => `\`${g}\``).join(', ')}` : 'it grants no one';
      return error('channel-visibility-missing',
        `Channel "${channel}" has no visibility segment: SpecMesh owned it as "${domain}.${topic}" with access only from its \`grant-access\` tags, which specmesh's ACLs do not cover`,
        location, `Rename the channel to \`${legacy.rename}\` (${why}). ${move}`);
    }
  }
}

/** `asyncapi` that is not a `2.x.y`/`3.x.y` string: null, missing, a number (`asyncapi: 2.6`), a mapping. */
export function asyncapiVersionProblem(raw: unknown, src: YamlSource): Diagnostic {
  const at = src.locate(raw === undefined ? [] : ['asyncapi']);
  const fix = 'Set `asyncapi` to a quoted 2.x or 3.0 version, e.g. `asyncapi: \'2.6.0\'`.';
  if (raw === undefined) return error('asyncapi-version', 'The document has no `asyncapi` version', at, fix);
  if (raw === null) return error('asyncapi-version', '`asyncapi` is empty (null)', at, fix);
  if (typeof raw === 'number') {
    const guess = /^[23]\.\d+$/.test(String(raw)) ? `'${raw}.0'` : "'2.6.0'";
    return error('asyncapi-version', `\`asyncapi\` is the number ${raw}; it must be a version string`, at, `Quote it with the patch number: \`asyncapi: ${guess}\`.`);
  }
  if (typeof raw !== 'string') return error('asyncapi-version', `\`asyncapi\` must be a version string (got ${Array.isArray(raw) ? 'a list' : typeof raw === 'object' ? 'a mapping' : JSON.stringify(raw)})`, at, fix);
  return error('asyncapi-version', `Unsupported \`asyncapi\` version ${JSON.stringify(raw)}`, at, fix);
}
