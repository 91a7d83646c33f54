// The root of the specmesh library. It loads no client library (kafkajs, the AWS SDK, undici) and
// no parser: the functions that need them import them when called. Adapters have subpaths of
// their own: specmesh/kafka, specmesh/aws, specmesh/schema-registry.
import type { LoadOptions, LoadResult } from './spec/load/load-specs.js';
import type { PlanSpecsOptions, PlanSpecsResult } from './orchestrate/plan-specs.js';
import type { ApplyOptions, ApplyResult, ProvisionOptions, ProvisionResult } from './orchestrate/provision-specs.js';
import type { Plan } from './core/change.js';
import type { LiveState } from './state/live-state.js';
import type { KafkaAdminPort } from './kafka/kafka-admin-port.js';
import type { ReadLiveOptions } from './orchestrate/read-live-state.js';
import type { Session } from './orchestrate/session.js';
import type { UsageOptions } from './orchestrate/usage-specs.js';
import type { ConsumptionReport, StorageReport } from './report/usage-report.js';
import type { ExportOptions, ExportResult } from './orchestrate/export-domains.js';

/** Loads and validates specs: every problem in every file, with file:line:column and the fix. */
export async function loadSpecs(inputs: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  return (await import('./spec/load/load-specs.js')).loadSpecs(inputs, options);
}

/** Load specs → read what exists (through the session, when given) → diff. */
export async function planSpecs(inputs: readonly string[], options: PlanSpecsOptions): Promise<PlanSpecsResult> {
  return (await import('./orchestrate/plan-specs.js')).planSpecs(inputs, options);
}

/** Plan against the live cluster, then apply. Invalid specs or plan errors change nothing. */
export async function provisionSpecs(inputs: readonly string[], options: ProvisionOptions): Promise<ProvisionResult> {
  return (await import('./orchestrate/provision-specs.js')).provisionSpecs(inputs, options);
}

/** Applies a plan through the session's ports, then waits until the brokers serve what was created. */
export async function applySpecPlan(plan: Plan, session: Session, options: ApplyOptions = {}): Promise<ApplyResult> {
  return (await import('./orchestrate/provision-specs.js')).applySpecPlan(plan, session, options);
}

/** Reads the planned domains' topics and the cluster's ACLs through a Kafka admin port, in a fixed number of round trips. */
export async function readLiveState(admin: KafkaAdminPort, domains: readonly string[], options: ReadLiveOptions = {}): Promise<LiveState> {
  return (await import('./orchestrate/read-live-state.js')).readLiveState(admin, domains, options);
}

/** Messages (offset span) and bytes on disk of each topic the specs' domains own, per domain and in total. */
export async function storageReport(inputs: readonly string[], options: UsageOptions): Promise<StorageReport> {
  return (await import('./orchestrate/usage-specs.js')).storageOfSpecs(inputs, options);
}

/** The consumer groups reading each topic the specs' domains own: members and lag. */
export async function consumptionReport(inputs: readonly string[], options: UsageOptions): Promise<ConsumptionReport> {
  return (await import('./orchestrate/usage-specs.js')).consumptionOfSpecs(inputs, options);
}

export type { UsageOptions, StorageReport, ConsumptionReport };
export type { TopicStorage, DomainTotal, GroupConsumption } from './report/usage-report.js';
export { renderStorage, renderConsumption, USAGE_FORMATS, type UsageFormat } from './render/render-usage.js';
export type { KafkaUsagePort, PartitionOffsets, ReplicaLogSize, GroupDescription, CommittedOffset } from './kafka/kafka-admin-port.js';
export type { LoadOptions, LoadResult, PlanSpecsOptions, PlanSpecsResult, ProvisionOptions, ProvisionResult, ApplyOptions, ApplyResult, ReadLiveOptions };
export { Session, openSession, type SessionOptions } from './orchestrate/session.js';
export type { Visibility } from './orchestrate/await-visible.js';

export type { Domain, OwnedTopic, ConsumedTopic, SchemaRef, SchemaFormat, Visibility as ChannelVisibility, SourceLocation } from './spec/model.js';
export type { Diagnostic, Severity } from './core/diagnostic.js';
export { formatLocation, hasErrors } from './core/diagnostic.js';
export { KAFKA_VARIANTS, type KafkaVariant } from './spec/kafka-variant.js';

export { buildPlan, withChanges, type PlanOptions, type PlanInput } from './plan/build-plan.js';
export { EMITTERS, EMITTER_DEFINITIONS, needsAcls, kindsOf, type Emitter, type EmitterName } from './emitters/registry.js';
export type { EmitterDefinition, KindPlanner, PlanContext, EmitterSettings } from './emitters/emitter.js';
export { KINDS, kindRegistry, kindModule, orderChanges, describeSubject, describeDetail, appliersFor, type KindRegistry, type KindModule } from './kinds/registry.js';
export type { ResourceKind, KindApplier, Ports } from './kinds/kind.js';
export type { Plan, Change, ChangeOf, ChangeOfKind, ChangeKind, ChangeAction, KindStates, PlanSummary, PlanWarning } from './core/change.js';
export { hasPendingChanges, isKind, summarize } from './core/change.js';
export type { LiveState, LiveTopic, LiveIamPolicy, ClusterPolicyState } from './state/live-state.js';
export type { TopicState } from './kafka/topic-state.js';
export type { KafkaAdminPort, ItemErrors } from './kafka/kafka-admin-port.js';
export { renderText, type TextRenderOptions } from './render/render-text.js';
export { renderMarkdown, COMMENT_LIMIT, type MarkdownRenderOptions } from './render/render-markdown.js';
export { summarizeAccess } from './access/summarize-access.js';
export { buildEstateGraph, type EstateGraph, type GraphDomain, type GraphTopic, type GraphEdge, type GraphEdgeKind } from './render/estate-graph.js';
export { GRAPH_FORMATS, renderGraphDot, renderGraphMermaid, type GraphFormat } from './render/render-graph.js';
export { buildBackstageCatalog, DEFAULT_OWNER_TEMPLATE, type BackstageApi, type BackstageCatalog, type BackstageComponent, type BackstageEntity, type BackstageMetadata, type CatalogOptions, type CatalogSpec } from './render/backstage-catalog.js';
export { backstageName } from './render/backstage-names.js';
export { CATALOG_FORMATS, renderCatalogJson, renderCatalogYaml, type CatalogFormat } from './render/render-catalog.js';
export type { AccessSummary, AccessEntry, AccessFlag, AccessResourceType, OwnerAccess, AccessDeletion } from './core/access-summary.js';
export { renderJson } from './render/render-json.js';
export { IAM_FORMATS, plannedIam, renderIamAsCode, type IamFile, type IamFormat, type PlannedIam } from './render/render-iam-as-code.js';
export { renderResults } from './render/render-results.js';
export { applyPlan, combineAppliers, type ApplyReport, type ChangeResult, type ChangeApplier } from './core/apply-plan.js';
export type { Planner, PlannerContext } from './core/planner.js';

export type { AclBinding, ResourceType, PatternType, AclOperation, AclPermission } from './acl/acl-binding.js';
export { buildDomainAcls } from './acl/build-acls.js';
export { buildIamPolicies, buildToolPolicy, type IamOptions, type ToolPolicyOptions } from './iam/index.js';
export type { SchemaSubjectState, SchemaReference, SchemaType } from './schema/schema-subject.js';
export type { ScramSecretState, KmsKeyState } from './scram/scram-change.js';

// Every error specmesh throws: a name, `retriable`, `fix` and `cause`.
export { SpecmeshError, InvalidInputError, ConnectionError, ConnectionConfigError, MskIamTokenError } from './core/errors.js';
export { AwsError } from './aws/aws-error.js';
export { SchemaRegistryError, type SchemaRegistryErrorKind } from './schema/schema-registry-error.js';

/** Writes each domain's spec (and schema files) from the live cluster and registry, so that planning them shows no changes. */
export async function exportDomains(options: ExportOptions): Promise<ExportResult> {
  return (await import('./orchestrate/export-domains.js')).exportDomains(options);
}
export type { ExportOptions, ExportResult, ExportedDomain } from './orchestrate/export-domains.js';
export { buildDomainSpec, ASYNCAPI_VERSIONS, type AsyncApiVersion, type DomainExportInput, type ExportedSchema, type ExportedFile } from './export/build-domain-spec.js';
