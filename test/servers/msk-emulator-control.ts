// Drives an MSK emulator through its /_emulator routes, from any process (global setup may have
// started it elsewhere).
import type { EmulatedRequest } from './msk-emulator.js';

export type { EmulatedRequest } from './msk-emulator.js';

export interface EmulatedUser {
  username: string;
  secretArn: string;
}

export class MskEmulatorControl {
  constructor(readonly endpoint: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.endpoint}${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
    const text = await res.text();
    if (!res.ok) throw new Error(`MSK emulator ${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /**
   * A new cluster (SASL/SCRAM on unless `scram: false`; a `serverless` one has IAM only, and refuses
   * the SCRAM routes as MSK does); `seedAssociations` stand-in users count towards MSK's limit.
   */
  async createCluster(opts: { name?: string; scram?: boolean; serverless?: boolean; seedAssociations?: number } = {}): Promise<string> {
    return (await this.call<{ clusterArn: string }>('POST', '/_emulator/clusters', opts)).clusterArn;
  }

  /** The SCRAM users the cluster has (one per associated secret; seeded stand-ins excluded). */
  async users(clusterArn: string): Promise<EmulatedUser[]> {
    return (await this.call<{ users: EmulatedUser[] }>('GET', `/_emulator/clusters/${encodeURIComponent(clusterArn)}/users`)).users;
  }

  /** MSK's periodic re-read of associated secrets (rotated passwords reach the broker), of one cluster or all; returns how many changed. */
  async sync(clusterArn?: string): Promise<number> {
    const path = clusterArn ? `/_emulator/clusters/${encodeURIComponent(clusterArn)}/sync` : '/_emulator/sync';
    return (await this.call<{ updated: number }>('POST', path)).updated;
  }

  /** Actions (e.g. `kafka:BatchAssociateScramSecret`) answered with 403 until changed; [] clears. */
  async deny(actions: string[]): Promise<void> {
    await this.call('PUT', '/_emulator/deny', { actions });
  }

  /** Checks every MSK call against the caller's IAM policies in moto (as moto does for its services once it enforces IAM). */
  async enforceIam(enabled = true): Promise<void> {
    await this.call('PUT', '/_emulator/enforce-iam', { enabled });
  }

  /** The next `count` MSK calls are answered 429 TooManyRequestsException, as MSK throttles; resets the served count. */
  async throttle(count: number): Promise<void> {
    await this.call('PUT', '/_emulator/throttle', { count });
  }

  /** Throttling replies still to serve (`pending`) and served since the last {@link throttle} call. */
  async throttled(): Promise<{ pending: number; served: number }> {
    return this.call('GET', '/_emulator/throttle');
  }

  /** Every MSK API request the emulator answered so far, in order, with its status (of one cluster, if given). */
  async requests(clusterArn?: string): Promise<EmulatedRequest[]> {
    const all = (await this.call<{ requests: EmulatedRequest[] }>('GET', '/_emulator/requests')).requests;
    return clusterArn ? all.filter((r) => r.clusterArn === clusterArn) : all;
  }

  async calls(): Promise<{ op: string; clusterArn: string; count: number }[]> {
    return (await this.call<{ calls: { op: string; clusterArn: string; count: number }[] }>('GET', '/_emulator/calls')).calls;
  }
}
