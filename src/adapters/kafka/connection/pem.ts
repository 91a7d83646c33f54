export interface PemBlock {
  type: string;
  text: string;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * The PEM blocks in a text, each re-wrapped into canonical form. Kafka accepts inline PEM values
 * joined onto one line (a properties continuation turns newlines into spaces); Node does not.
 */
export function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(BLOCK)].map((m) => {
    const type = m[1]!;
    const body = m[2]!;
    // Legacy encrypted keys carry "Proc-Type:" headers whose line breaks matter: keep them as they are.
    const lines = body.includes(':')
      ? body.split(/\r?\n/).map((l) => l.trim()).filter((l, i, all) => l !== '' || (i > 0 && i < all.length - 1))
      : (body.replace(/\s+/g, '').match(/.{1,64}/g) ?? []);
    return { type, text: [`-----BEGIN ${type}-----`, ...lines, `-----END ${type}-----`].join('\n') + '\n' };
  });
}

export const certificatesIn = (text: string): string | undefined => {
  const certs = pemBlocks(text).filter((b) => b.type.endsWith('CERTIFICATE'));
  return certs.length > 0 ? certs.map((b) => b.text).join('') : undefined;
};

export const privateKeyIn = (text: string): string | undefined =>
  pemBlocks(text).find((b) => b.type.endsWith('PRIVATE KEY'))?.text;
