import { unknownRegionProblem } from '../../../aws/regions.js';
import { ConnectionConfigError } from './connection-config-error.js';
import type { Sourced } from './setting-reader.js';

/** A region AWS does not have signs tokens no broker accepts: refused before dialling. */
export function checkKnownRegion(region: Sourced, allowUnknown: boolean): void {
  const problem = unknownRegionProblem(region.value, allowUnknown);
  if (problem) {
    throw new ConnectionConfigError(`Invalid AWS region: ${problem} (${region.source})`,
      'use the cluster\'s region code, e.g. eu-west-1; if AWS opened this region after this release, set SPECMESH_ALLOW_UNKNOWN_REGIONS=1');
  }
}
