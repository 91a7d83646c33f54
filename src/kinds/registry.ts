import type { ChangeApplier } from '../core/apply-plan.js';
import { isKind, type Change, type ChangeKind, type ChangeOfKind } from '../core/change.js';
import { aclKind } from './acl.js';
import { iamPolicyKind } from './iam-policy.js';
import { asChangeApplier, type Ports, type PreflightProblem, type ResourceKind } from './kind.js';
import { kmsKeyKind } from './kms-key.js';
import { mskClusterPolicyKind } from './msk-cluster-policy.js';
import { schemaKind } from './schema.js';
import { scramSecretKind } from './scram-secret.js';
import { topicKind } from './topic.js';

/**
 * Every kind of resource specmesh plans, one line each. The type holds the list complete: a kind
 * module that adds itself to `KindStates` and is missing here does not compile.
 */
export const KINDS: { readonly [K in ChangeKind]: ResourceKind<K> } = {
  topic: topicKind,
  schema: schemaKind,
  'kms-key': kmsKeyKind,
  'scram-secret': scramSecretKind,
  acl: aclKind,
  'iam-policy': iamPolicyKind,
  'msk-cluster-policy': mskClusterPolicyKind,
};

/** A kind's module as the planner, the renderers and the apply see it: any change in, checked against its kind. */
export interface KindModule {
  readonly kind: ChangeKind;
  readonly order: { readonly create: number; readonly delete: number };
  subject(change: Change): string;
  detail(change: Change): string;
  applier(ports: Ports): Promise<ChangeApplier | undefined>;
  /** Checks before the apply (see ResourceKind.preflight); it receives only changes of its kind. */
  preflight?(changes: readonly Change[], ports: Ports): Promise<PreflightProblem[]>;
}

export function kindModule<K extends ChangeKind>(k: ResourceKind<K>): KindModule {
  const own = (c: Change): ChangeOfKind<K> => {
    if (!isKind(c, k.kind)) throw new Error(`A ${c.kind} change reached the ${k.kind} module: this is a bug`);
    return c;
  };
  return {
    kind: k.kind,
    order: k.order,
    subject: (c) => k.subject(own(c)),
    detail: (c) => k.detail(own(c)),
    applier: async (ports) => {
      const applier = await k.applier(ports);
      return applier && asChangeApplier(k.kind, applier);
    },
    ...(k.preflight ? { preflight: (changes, ports) => k.preflight!(changes.filter((c): c is ChangeOfKind<K> => isKind(c, k.kind)), ports) } : {}),
  };
}

const BUILTIN_MODULES: readonly KindModule[] = (Object.keys(KINDS) as ChangeKind[]).map((name) => moduleOf(name));
function moduleOf<K extends ChangeKind>(name: K): KindModule {
  return kindModule(KINDS[name]);
}

/** The kinds a plan, a renderer or an apply works with; a test may add a kind of its own. */
export interface KindRegistry {
  /** The module of a kind. */
  kindOf(kind: ChangeKind): KindModule;
  kinds(): readonly KindModule[];
}

export function kindRegistry(extra: readonly KindModule[] = []): KindRegistry {
  const byName = new Map<string, KindModule>(BUILTIN_MODULES.map((k) => [k.kind, k]));
  for (const k of extra) byName.set(k.kind, k);
  return {
    kindOf(kind) {
      const found = byName.get(kind);
      if (!found) throw new Error(`No module for resource kind ${JSON.stringify(kind)}: this is a bug`);
      return found;
    },
    kinds: () => [...byName.values()],
  };
}

export const BUILTIN_KINDS: KindRegistry = kindRegistry();

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Apply order: creates and updates by kind, then deletes by kind; then by domain and id (code-point order: the same on every machine and locale). */
export function orderChanges<C extends Change>(changes: readonly C[], registry: KindRegistry = BUILTIN_KINDS): C[] {
  const rank = (c: C): number => {
    const { order } = registry.kindOf(c.kind);
    return c.action === 'delete' ? 100 + order.delete : order.create;
  };
  const ranked = changes.map((c) => ({ c, r: rank(c), d: c.domain ?? '' }));
  ranked.sort((a, b) => a.r - b.r || byCodePoint(a.d, b.d) || byCodePoint(a.c.id, b.c.id));
  return ranked.map((x) => x.c);
}

/** The resource a change is about, in one line. */
export function describeSubject(c: Change, registry: KindRegistry = BUILTIN_KINDS): string {
  return registry.kindOf(c.kind).subject(c);
}

/** What the change does to it, in one line (empty when the subject says it all). */
export function describeDetail(c: Change, registry: KindRegistry = BUILTIN_KINDS): string {
  return registry.kindOf(c.kind).detail(c);
}

/** Every kind's checks before the apply, on the plan's pending changes of that kind: what the outside systems would refuse now. */
export async function preflightProblems(changes: readonly Change[], ports: Ports, registry: KindRegistry = BUILTIN_KINDS): Promise<PreflightProblem[]> {
  const out: PreflightProblem[] = [];
  for (const kind of registry.kinds()) {
    const mine = changes.filter((c) => c.kind === kind.kind && c.action !== 'no-op');
    if (kind.preflight && mine.length) out.push(...await kind.preflight(mine, ports));
  }
  return out;
}

/** The appliers of every kind the session's ports can apply. */
export async function appliersFor(ports: Ports, registry: KindRegistry = BUILTIN_KINDS): Promise<ChangeApplier[]> {
  const out: ChangeApplier[] = [];
  for (const kind of registry.kinds()) {
    const applier = await kind.applier(ports);
    if (applier) out.push(applier);
  }
  return out;
}
