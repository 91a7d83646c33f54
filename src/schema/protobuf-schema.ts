import protobuf from 'protobufjs';
import { stableJson } from './stable-json.js';

export type ProtobufParse =
  | { ok: true; canonical: string; packageName?: string; firstMessage?: string; imports: string[] }
  | { ok: false; problem: string };

/**
 * Parses `.proto` text. The canonical form is the parsed definitions (comments, whitespace and
 * declaration order gone; names, numbers, types and options kept), so reformatting is no change.
 */
export function parseProtobuf(text: string): ProtobufParse {
  let parsed: protobuf.IParserResult;
  try {
    parsed = protobuf.parse(text, { keepCase: true, alternateCommentMode: true });
  } catch (e) {
    return { ok: false, problem: e instanceof Error ? e.message : String(e) };
  }
  // protobufjs does not report `syntax`, yet proto2 and proto3 differ in field presence.
  const syntax = /^\s*(syntax|edition)\s*=\s*"([^"]+)"/m.exec(text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''));
  const root = parsed.root.toJSON();
  const imports = [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])];
  const canonical = stableJson({ syntax: syntax ? `${syntax[1]}=${syntax[2]}` : 'syntax=proto2', package: parsed.package ?? '', imports: [...imports].sort(), root });
  const pkg = parsed.package;
  const ns = pkg ? parsed.root.lookup(pkg) : parsed.root;
  const first = ns && 'nestedArray' in ns ? (ns as protobuf.Namespace).nestedArray.find((n) => n instanceof protobuf.Type) : undefined;
  return {
    ok: true,
    canonical,
    imports,
    ...(pkg ? { packageName: pkg } : {}),
    ...(first ? { firstMessage: pkg ? `${pkg}.${first.name}` : first.name } : {}),
  };
}
