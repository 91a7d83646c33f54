import type { Outcome, PrincipalClient } from './access-probes.js';

/**
 * The two access models of DESIGN §4–5: `acl` (the acl and scram emitters) and `iam` (MSK IAM
 * policies). They differ on purpose in one place: Kafka ACLs let every principal read `_public`
 * topics, while an IAM policy grants reads only on what the role's own spec consumes.
 */
export type AccessModel = 'acl' | 'iam';

export interface EstateProbe {
  name: string;
  expected: Record<AccessModel, Outcome>;
  run: (as: (domain: string) => PrincipalClient) => Promise<Outcome>;
}

const both = (o: Outcome): Record<AccessModel, Outcome> => ({ acl: o, iam: o });

/**
 * What each principal of `writeEstate`'s estate may and may not do, one table for every emitter.
 * `outsider` is a principal that no spec names; its rows are left out when there is none.
 */
export function estateProbes(domains: readonly string[], outsider?: string): EstateProbe[] {
  const [retail, orders, payments, user, userprops] = domains as [string, string, string, string, string];
  const t = (d: string, rest: string) => `${d}.${rest}`;
  const rows: (EstateProbe | false)[] = [
    // Owners write all their own topics; nobody else writes them.
    { name: 'orders produces to its public topic', expected: both('allowed'), run: (as) => as(orders).produce(t(orders, '_public.order_placed')) },
    { name: 'orders produces to its protected topic', expected: both('allowed'), run: (as) => as(orders).produce(t(orders, '_protected.order_paid')) },
    { name: 'orders produces to its private topic', expected: both('allowed'), run: (as) => as(orders).produce(t(orders, '_private.order_state')) },
    { name: "payments produces to orders' public topic", expected: both('denied'), run: (as) => as(payments).produce(t(orders, '_public.order_placed')) },
    { name: "the parent retail produces to its child's topic", expected: both('denied'), run: (as) => as(retail).produce(t(orders, '_public.order_placed')) },
    { name: "userprops produces to user's topic", expected: both('denied'), run: (as) => as(userprops).produce(t(user, '_public.signed_up')) },
    { name: "user produces to userprops' topic", expected: both('denied'), run: (as) => as(user).produce(t(userprops, '_public.profile')) },
    !!outsider && { name: 'an outsider produces to a public topic', expected: both('denied'), run: (as) => as(outsider).produce(t(orders, '_public.order_placed')) },
    // Reads: protected to grantees, private to the owner, public as the model says; groups only under one's own prefix.
    {
      name: 'payments consumes the protected topic granted to it',
      expected: both('allowed'),
      run: (as) => as(payments).consume(t(orders, '_protected.order_paid'), t(payments, 'paid-reader')),
    },
    {
      name: "retail consumes its child's public topic, which its spec consumes",
      expected: both('allowed'),
      run: (as) => as(retail).consume(t(orders, '_public.order_placed'), t(retail, 'order-reader')),
    },
    {
      name: "user consumes userprops' protected topic granted to it",
      expected: both('allowed'),
      run: (as) => as(user).consume(t(userprops, '_protected.prefs'), t(user, 'prefs-reader')),
    },
    { name: 'orders consumes its private topic', expected: both('allowed'), run: (as) => as(orders).consume(t(orders, '_private.order_state'), t(orders, 'state-reader')) },
    {
      name: "payments consumes orders' public topic, which its spec does not consume",
      expected: { acl: 'allowed', iam: 'denied' },
      run: (as) => as(payments).consume(t(orders, '_public.order_placed'), t(payments, 'placed-reader')),
    },
    {
      name: "the parent retail consumes its child's protected topic",
      expected: both('denied'),
      run: (as) => as(retail).consume(t(orders, '_protected.order_paid'), t(retail, 'paid-reader')),
    },
    {
      name: "payments consumes orders' private topic",
      expected: both('denied'),
      run: (as) => as(payments).consume(t(orders, '_private.order_state'), t(payments, 'state-reader')),
    },
    { name: "the parent retail uses its child's consumer group", expected: both('denied'), run: (as) => as(retail).consume(t(retail, '_public.store_opened'), t(orders, 'svc')) },
    // A group named exactly the domain id is the domain's own; the parent's `retail.` prefix or `retail.*` must not reach it.
    { name: 'orders consumes with the group named exactly its domain id', expected: both('allowed'), run: (as) => as(orders).consume(t(orders, '_private.order_state'), orders) },
    { name: "the parent retail uses its child's exact group id", expected: both('denied'), run: (as) => as(retail).consume(t(retail, '_public.store_opened'), orders) },
    { name: "user uses userprops' consumer group", expected: both('denied'), run: (as) => as(user).consume(t(user, '_public.signed_up'), t(userprops, 'svc')) },
    { name: "userprops consumes user's private topic", expected: both('denied'), run: (as) => as(userprops).consume(t(user, '_private.sessions'), t(userprops, 'sessions')) },
    !!outsider && {
      name: 'an outsider consumes a public topic without a group of its own',
      expected: both('denied'),
      run: (as) => as(outsider).consume(t(user, '_public.signed_up'), 'outsider-group'),
    },
    // Transactions under one's own prefix only.
    {
      name: 'orders commits a transaction with its own transactional id',
      expected: both('allowed'),
      run: (as) => as(orders).transact(t(orders, 'tx-1'), t(orders, '_public.order_placed')),
    },
    {
      name: 'userprops commits a transaction with its own transactional id',
      expected: both('allowed'),
      run: (as) => as(userprops).transact(t(userprops, 'tx-1'), t(userprops, '_public.profile')),
    },
    {
      name: "the parent retail uses its child's transactional id",
      expected: both('denied'),
      run: (as) => as(retail).transact(t(orders, 'tx-parent'), t(retail, '_public.store_opened')),
    },
    // The exact id `<d>` is granted to no one (transactional ids live under `<d>.`), and the parent is kept off the child's.
    { name: 'orders uses the transactional id named exactly its domain id', expected: both('denied'), run: (as) => as(orders).transact(orders, t(orders, '_public.order_placed')) },
    { name: "the parent retail uses its child's exact transactional id", expected: both('denied'), run: (as) => as(retail).transact(orders, t(retail, '_public.store_opened')) },
    { name: "user uses userprops' transactional id", expected: both('denied'), run: (as) => as(user).transact(t(userprops, 'tx-1'), t(user, '_public.signed_up')) },
    // Topic creation: only _private, only one's own (Kafka Streams internal topics).
    { name: 'orders creates a _private topic', expected: both('allowed'), run: (as) => as(orders).createTopic(t(orders, '_private.app-store-changelog')) },
    { name: 'orders creates a _public topic', expected: both('denied'), run: (as) => as(orders).createTopic(t(orders, '_public.unplanned')) },
    { name: 'the parent retail creates a _private topic of its child', expected: both('denied'), run: (as) => as(retail).createTopic(t(orders, '_private.sneaky')) },
    { name: 'user creates a _private topic of userprops', expected: both('denied'), run: (as) => as(user).createTopic(t(userprops, '_private.sneaky')) },
  ];
  return rows.filter((r): r is EstateProbe => r !== false);
}

/**
 * Runs every probe as the principals `as` gives and returns what happened beside what the model
 * expects, both keyed by probe name, ready for one `toEqual`.
 */
export async function probeEstate(
  probes: EstateProbe[],
  model: AccessModel,
  as: (domain: string) => PrincipalClient,
  options: { oneAtATime?: boolean } = {},
): Promise<{ actual: Record<string, Outcome>; expected: Record<string, Outcome> }> {
  const actual: Record<string, Outcome> = {};
  if (options.oneAtATime) for (const p of probes) actual[p.name] = await p.run(as);
  else for (const [name, outcome] of await Promise.all(probes.map(async (p) => [p.name, await p.run(as)] as const))) actual[name] = outcome;
  return { actual, expected: Object.fromEntries(probes.map((p) => [p.name, p.expected[model]])) };
}
