#!/usr/bin/env node
// Writes dist/build-id.json: a hash of every module of the build. The spec cache keys its entries
// by it, so a changed build never gets an older build's results, without statting every file at
// each start.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = 'dist';
const hash = createHash('sha256');
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full);
    else if (/\.(c?js)$/.test(e.name)) hash.update(`${path.relative(root, full)}\0`).update(readFileSync(full));
  }
};
walk(root);
writeFileSync(path.join(root, 'build-id.json'), `${JSON.stringify({ id: hash.digest('hex').slice(0, 32) })}\n`);
