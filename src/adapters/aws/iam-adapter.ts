import {
  AttachRolePolicyCommand, CreatePolicyCommand, CreatePolicyVersionCommand, DeletePolicyCommand, DeletePolicyVersionCommand,
  DetachGroupPolicyCommand, DetachRolePolicyCommand, DetachUserPolicyCommand, GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, IAMClient, TagPolicyCommand,
  ListEntitiesForPolicyCommand, ListPoliciesCommand, ListPolicyVersionsCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { awsClientConfig, type AwsOptions } from './aws-options.js';
import { callAws, callAwsOrMissing } from './call-aws.js';
import type { IamPort, ManagedPolicy } from '../../iam/manage/iam-port.js';

/** IAM keeps at most five versions of a managed policy. */
const MAX_VERSIONS = 5;

/** IAM returns policy documents URL-encoded. */
const decodeDocument = (text: string | undefined): unknown => (text ? JSON.parse(decodeURIComponent(text)) : undefined);

/** The IamPort over the AWS SDK. IAM is global: the region only picks the endpoint. */
export class IamAdapter implements IamPort {
  private readonly iam: IAMClient;
  private readonly sts: STSClient;
  private readonly endpoint: string | undefined;
  private account?: Promise<string>;

  constructor(options: AwsOptions = {}) {
    const config = awsClientConfig({ region: 'us-east-1', ...options });
    this.iam = new IAMClient(config);
    this.sts = new STSClient(config);
    this.endpoint = options.endpoint;
  }

  private site(action: string, resource?: string) {
    return { action, ...(resource ? { resource } : {}), ...(this.endpoint ? { endpoint: this.endpoint } : {}) };
  }

  callerAccount(): Promise<string> {
    this.account ??= callAws(this.site('sts:GetCallerIdentity'), () => this.sts.send(new GetCallerIdentityCommand({})))
      .then((out) => out.Account ?? '');
    return this.account;
  }

  async getPolicy(arn: string): Promise<ManagedPolicy | undefined> {
    const out = await callAwsOrMissing(this.site('iam:GetPolicy', arn), ['NoSuchEntityException', 'NoSuchEntity'],
      () => this.iam.send(new GetPolicyCommand({ PolicyArn: arn })));
    const policy = out?.Policy;
    if (!policy?.DefaultVersionId) return undefined;
    const version = await callAws(this.site('iam:GetPolicyVersion', arn),
      () => this.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.DefaultVersionId })));
    return {
      arn,
      document: decodeDocument(version.PolicyVersion?.Document),
      tags: Object.fromEntries((policy.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
    };
  }

  async listPolicies(pathPrefix: string): Promise<{ arn: string; name: string }[]> {
    const out: { arn: string; name: string }[] = [];
    let Marker: string | undefined;
    do {
      const page = await callAws(this.site('iam:ListPolicies'), () => this.iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: pathPrefix, ...(Marker ? { Marker } : {}) })));
      for (const p of page.Policies ?? []) if (p.Arn && p.PolicyName) out.push({ arn: p.Arn, name: p.PolicyName });
      Marker = page.IsTruncated ? page.Marker : undefined;
    } while (Marker);
    return out;
  }

  async policyRoles(arn: string): Promise<string[]> {
    const out: string[] = [];
    let Marker: string | undefined;
    do {
      const page = await callAws(this.site('iam:ListEntitiesForPolicy', arn),
        () => this.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: 'Role', PolicyUsageFilter: 'PermissionsPolicy', ...(Marker ? { Marker } : {}) })));
      for (const r of page.PolicyRoles ?? []) if (r.RoleName) out.push(r.RoleName);
      Marker = page.IsTruncated ? page.Marker : undefined;
    } while (Marker);
    return out.sort();
  }

  async roleExists(roleName: string): Promise<boolean> {
    const out = await callAwsOrMissing(this.site('iam:GetRole', roleName), ['NoSuchEntityException', 'NoSuchEntity'],
      () => this.iam.send(new GetRoleCommand({ RoleName: roleName })));
    return out !== undefined;
  }

  async tagPolicy(arn: string, tags: Record<string, string>): Promise<void> {
    await callAws(this.site('iam:TagPolicy', arn), () => this.iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) })));
  }

  async createPolicy(input: { name: string; path: string; document: unknown; description: string; tags: Record<string, string> }): Promise<string> {
    const out = await callAws(this.site('iam:CreatePolicy', input.name), () => this.iam.send(new CreatePolicyCommand({
      PolicyName: input.name, Path: input.path, PolicyDocument: JSON.stringify(input.document), Description: input.description,
      Tags: Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value })),
    })));
    return out.Policy?.Arn ?? '';
  }

  async setPolicyDocument(arn: string, document: unknown): Promise<void> {
    const versions = (await callAws(this.site('iam:ListPolicyVersions', arn), () => this.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn })))).Versions ?? [];
    if (versions.length >= MAX_VERSIONS) {
      const number = (v: { VersionId?: string }) => Number((v.VersionId ?? '').replace(/^v/, '')) || 0;
      const oldest = versions.filter((v) => !v.IsDefaultVersion)
        .sort((a, b) => (a.CreateDate?.getTime() ?? 0) - (b.CreateDate?.getTime() ?? 0) || number(a) - number(b))[0];
      if (oldest?.VersionId) {
        await callAws(this.site('iam:DeletePolicyVersion', arn), () => this.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: oldest.VersionId })));
      }
    }
    await callAws(this.site('iam:CreatePolicyVersion', arn), () => this.iam.send(new CreatePolicyVersionCommand({
      PolicyArn: arn, PolicyDocument: JSON.stringify(document), SetAsDefault: true,
    })));
  }

  /**
   * IAM is eventually consistent: a policy created a moment ago may not be found yet by
   * AttachRolePolicy, so "no such policy" is retried for a while (a missing role is not).
   */
  async attachRolePolicy(roleName: string, arn: string): Promise<void> {
    for (let attempt = 0, delay = 500; ; attempt++, delay = Math.min(delay * 2, 5_000)) {
      try {
        await this.iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn }));
        return;
      } catch (e) {
        const err = e as { name?: string; message?: string };
        const policyNotYet = /NoSuchEntity/.test(err.name ?? '') && /polic/i.test(err.message ?? '') && !/role/i.test(err.message ?? '');
        if (!policyNotYet || attempt >= 6) {
          await callAws(this.site('iam:AttachRolePolicy', roleName), () => Promise.reject(e));
        }
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  async detachRolePolicy(roleName: string, arn: string): Promise<void> {
    await callAwsOrMissing(this.site('iam:DetachRolePolicy', roleName), ['NoSuchEntityException', 'NoSuchEntity'],
      () => this.iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn })));
  }

  async deletePolicy(arn: string): Promise<void> {
    // Listed whole first: detaching while paging through the same list would skip entries.
    const roles: string[] = [];
    const users: string[] = [];
    const groups: string[] = [];
    let Marker: string | undefined;
    do {
      const page = await callAwsOrMissing(this.site('iam:ListEntitiesForPolicy', arn), ['NoSuchEntityException', 'NoSuchEntity'],
        () => this.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: 'PermissionsPolicy', ...(Marker ? { Marker } : {}) })));
      if (!page) return;
      roles.push(...(page.PolicyRoles ?? []).flatMap((r) => (r.RoleName ? [r.RoleName] : [])));
      users.push(...(page.PolicyUsers ?? []).flatMap((u) => (u.UserName ? [u.UserName] : [])));
      groups.push(...(page.PolicyGroups ?? []).flatMap((g) => (g.GroupName ? [g.GroupName] : [])));
      Marker = page.IsTruncated ? page.Marker : undefined;
    } while (Marker);
    for (const RoleName of roles) await this.detachRolePolicy(RoleName, arn);
    for (const UserName of users) {
      await callAws(this.site('iam:DetachUserPolicy', UserName), () => this.iam.send(new DetachUserPolicyCommand({ UserName, PolicyArn: arn })));
    }
    for (const GroupName of groups) {
      await callAws(this.site('iam:DetachGroupPolicy', GroupName), () => this.iam.send(new DetachGroupPolicyCommand({ GroupName, PolicyArn: arn })));
    }
    const versions = (await callAws(this.site('iam:ListPolicyVersions', arn), () => this.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn })))).Versions ?? [];
    for (const v of versions) {
      if (v.IsDefaultVersion || !v.VersionId) continue;
      await callAws(this.site('iam:DeletePolicyVersion', arn), () => this.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v.VersionId })));
    }
    await callAwsOrMissing(this.site('iam:DeletePolicy', arn), ['NoSuchEntityException', 'NoSuchEntity'], () => this.iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
  }

  destroy(): void {
    this.iam.destroy();
    this.sts.destroy();
  }
}
