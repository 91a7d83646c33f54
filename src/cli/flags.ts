import { Flags } from './oclif.js';
import { KAFKA_VARIANTS } from '../spec/kafka-variant.js';

export const specFlags = {
  spec: Flags.string({ char: 's', summary: 'AsyncAPI spec: a file, a folder, or a glob. Repeatable (or `spec:` in the config file).', multiple: true }),
  config: Flags.string({ summary: 'Config file (default: specmesh.config.yaml in this folder or the nearest parent holding one).', env: 'SPECMESH_CONFIG' }),
  profile: Flags.string({ summary: 'Profile of the config file to use (its connection, emitters, cluster ARN, role template, registry, env).', env: 'SPECMESH_PROFILE' }),
  env: Flags.string({ summary: 'Environment: keep only topics whose `envs` list it (topics without `envs` exist everywhere).' }),
  'kafka-variant': Flags.string({ summary: 'Target cluster kind; msk-serverless rejects topic configs MSK Serverless refuses.', options: [...KAFKA_VARIANTS], default: 'apache' }),
  verbose: Flags.boolean({ char: 'v', summary: 'Also show the AsyncAPI parser\'s style lints and unchanged resources.' }),
  'cache-dir': Flags.string({ summary: 'Folder for the cache of validated specs (default: $XDG_CACHE_HOME/specmesh or ~/.cache/specmesh).', env: 'SPECMESH_CACHE_DIR' }),
  'no-cache': Flags.boolean({ summary: 'Parse every spec again, ignoring and not writing the cache.' }),
};
