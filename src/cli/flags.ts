import { Flags } from './oclif.js';
import { KAFKA_VARIANTS } from '../spec/kafka-variant.js';

export const specFlags = {
  spec: Flags.string({ char: 's', summary: 'AsyncAPI spec: a file, a folder, or a glob. Repeatable.', multiple: true, required: true }),
  env: Flags.string({ summary: 'Environment: keep only topics whose `envs` list it (topics without `envs` exist everywhere).' }),
  'kafka-variant': Flags.string({ summary: 'Target cluster kind; msk-serverless rejects topic configs MSK Serverless refuses.', options: [...KAFKA_VARIANTS], default: 'apache' }),
  verbose: Flags.boolean({ char: 'v', summary: 'Also show the AsyncAPI parser\'s style lints and unchanged resources.' }),
  'cache-dir': Flags.string({ summary: 'Folder for the cache of validated specs (default: $XDG_CACHE_HOME/specmesh or ~/.cache/specmesh).', env: 'SPECMESH_CACHE_DIR' }),
  'no-cache': Flags.boolean({ summary: 'Parse every spec again, ignoring and not writing the cache.' }),
};
