import Catalog from './catalog.js';
import Export from './export.js';
import Graph from './graph.js';
import IamToolPolicy from './iam-tool-policy.js';
import { LocalStart, LocalStatus, LocalStop } from './local.js';
import Plan from './plan.js';
import Provision from './provision.js';
import Validate from './validate.js';
import { Consumption, Storage } from './usage.js';

export const commands = {
  plan: Plan,
  provision: Provision,
  validate: Validate,
  graph: Graph,
  catalog: Catalog,
  export: Export,
  'iam:tool-policy': IamToolPolicy,
  'local:start': LocalStart,
  'local:status': LocalStatus,
  'local:stop': LocalStop,
  storage: Storage,
  consumption: Consumption,
};
