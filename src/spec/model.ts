import type { CompatibilityLevel } from './compatibility-level.js';

/** Where something came from in an input file. Lines and columns are 1-based. */
import type { SourceLocation } from '../core/diagnostic.js';

export type { SourceLocation } from '../core/diagnostic.js';

export type Visibility = 'public' | 'protected' | 'private';

/** A payload or key schema a produced channel declares (resolved path, not yet loaded). */
export interface SchemaRef {
  /** Absolute path of the schema file, when the payload is a `$ref` to a file. */
  file?: string;
  /** `avro`, `protobuf` or `json`. */
  format: SchemaFormat;
  /** The inline schema when the payload is not a file reference. */
  inline?: unknown;
  /** The `$ref`'s file as written, when it is absolute (SpecMesh's `/schema/x.avsc`). */
  absoluteRef?: string;
  /** Where the `$ref` (or inline schema) is written in the spec. */
  location?: SourceLocation;
}

export type SchemaFormat = 'avro' | 'protobuf' | 'json';

/** A topic this domain owns and produces to. */
export interface OwnedTopic {
  /** Full Kafka topic name, `<domain>.<visibility>.<name>`. */
  name: string;
  /** The channel name as written in the spec. */
  channel: string;
  visibility: Visibility;
  partitions: number;
  /** Where `partitions` is written in the channel's Kafka binding, when it is. */
  partitionsLocation?: SourceLocation;
  /** Absent: the broker's `default.replication.factor`. */
  replicationFactor?: number;
  /** Dynamic topic configs, values as strings (Kafka's wire form). */
  configs: Record<string, string>;
  /** Domains granted read access to a `_protected` topic; `_public` means everyone. */
  grants: string[];
  valueSchema?: SchemaRef;
  keySchema?: SchemaRef;
  /** SpecMesh `schemaLookupStrategy` from the message binding, when given. */
  schemaLookupStrategy?: string;
  /** `x-specmesh-compatibility` of the message or channel Kafka binding, when set. */
  compatibility?: CompatibilityLevel;
  location: SourceLocation;
}

/** A topic of another domain that this domain consumes. */
export interface ConsumedTopic {
  name: string;
  /** The domain that owns it, derived from the name (the segments before the visibility segment). */
  owner: string;
  visibility: Visibility;
  location: SourceLocation;
}

/** One data product, as described by one spec file. */
export interface Domain {
  /** Dot-separated id, e.g. `acme.retail.orders`. */
  id: string;
  file: string;
  title?: string;
  asyncapiVersion: string;
  produces: OwnedTopic[];
  consumes: ConsumedTopic[];
  /** The document's `x-specmesh-compatibility`, for its subjects that set none of their own. */
  compatibility?: CompatibilityLevel;
  location: SourceLocation;
}
