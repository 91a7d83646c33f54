import { createRequire } from 'node:module';
import type * as OclifCore from '@oclif/core';

/**
 * oclif, from the single file the build bundles it into (dist/vendor/oclif-core.cjs): one file
 * instead of some 350 modules and their resolution, which is most of what a CLI start costs.
 * Run from the sources (tests), there is no bundle, and the package itself is used.
 */
const require = createRequire(import.meta.url);
function loadOclif(): typeof OclifCore {
  try {
    return require('../vendor/oclif-core.cjs') as typeof OclifCore;
  } catch (e) {
    if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND') throw e;
    return require('@oclif/core') as typeof OclifCore;
  }
}

const oclif = loadOclif();
export const Command = oclif.Command;
export type Command = OclifCore.Command;
export const Flags = oclif.Flags;
export const execute = oclif.execute;
export const settings = oclif.settings;
