/** The IAM policy language version every document here uses. */
export const POLICY_VERSION = '2012-10-17';

export type Effect = 'Allow' | 'Deny';

/**
 * One statement. `Principal` appears only in resource policies (the MSK cluster policy).
 * Actions and resources are always lists, sorted, so documents compare and diff stably.
 */
export interface PolicyStatement {
  Sid: string;
  Effect: Effect;
  Principal?: { AWS: string };
  Action: string[];
  Resource: string[];
  /** Only in the tool policy: e.g. which policies a role may be attached. */
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: typeof POLICY_VERSION;
  Statement: PolicyStatement[];
}

export const policyDocument = (statements: PolicyStatement[]): PolicyDocument => ({ Version: POLICY_VERSION, Statement: statements });

/** Code-unit order, independent of the locale. */
export const sortStrings = (values: Iterable<string>): string[] => [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function statement(Sid: string, Effect: Effect, actions: Iterable<string>, resources: Iterable<string>): PolicyStatement {
  return { Sid, Effect, Action: sortStrings(actions), Resource: sortStrings(resources) };
}

/** IAM counts a policy's characters without whitespace. */
export const policySize = (value: PolicyDocument | PolicyStatement): number => JSON.stringify(value).replace(/\s/g, '').length;

/** Sids may hold only ASCII letters and digits: `acme.retail-orders` → `AcmeRetailOrders`. */
export const sidWord = (text: string): string =>
  text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
