// The naive loop: one @asyncapi/parser parse per spec, in sequence, Avro parser registered.
// Runs in its own process so nothing specmesh changes in the parser's modules helps it.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Parser, fromFile } from '@asyncapi/parser';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';

const [dir, sampleArg] = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('-api.yaml')).sort().slice(0, Number(sampleArg));
const parser = new Parser();
parser.registerSchemaParser(AvroSchemaParser());
const start = performance.now();
const cpuStart = process.cpuUsage();
for (const f of files) await fromFile(parser, path.join(dir, f)).parse();
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(JSON.stringify({ files: files.length, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS }));
