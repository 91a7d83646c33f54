/** Maps a domain to its Kafka principal: `User:<domain>` unless a mapping renames it. */
export type PrincipalResolver = (domain: string) => string;

export function principalResolver(mapping: Record<string, string> = {}): PrincipalResolver {
  return (domain) => {
    const mapped = mapping[domain];
    if (!mapped) return `User:${domain}`;
    return mapped.includes(':') ? mapped : `User:${mapped}`;
  };
}
