import {
  AttachRolePolicyCommand, CreatePolicyCommand, CreatePolicyVersionCommand, DeletePolicyCommand, DeletePolicyVersionCommand,
  DetachGroupPolicyCommand, DetachRolePolicyCommand, DetachUserPolicyCommand, GetPolicyCommand, GetPolicyVersionCommand, IAMClient,
  ListEntitiesForPolicyCommand, ListPoliciesCommand, ListPolicyVersionsCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { awsClientConfig, type AwsOptions } from '../aws/aws-options.js';
import { callAws, callAwsOrMissing } from '../aws/call-aws.js';
import type { IamPort, ManagedPolicy } from './iam-port.js';

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
        () => this.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: 'Role', ...(Marker ? { Marker } : {}) })));
      for (const r of page.PolicyRoles ?? []) if (r.RoleName) out.push(r.RoleName);
      Marker = page.IsTruncated ? page.Marker : undefined;
    } while (Marker);
    return out.sort();
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
      const oldest = versions.filter((v) => !v.IsDefaultVersion).sort((a, b) => (a.CreateDate?.getTime() ?? 0) - (b.CreateDate?.getTime() ?? 0))[0];
      if (oldest?.VersionId) {
        await callAws(this.site('iam:DeletePolicyVersion', arn), () => this.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: oldest.VersionId })));
      }
    }
    await callAws(this.site('iam:CreatePolicyVersion', arn), () => this.iam.send(new CreatePolicyVersionCommand({
      PolicyArn: arn, PolicyDocument: JSON.stringify(document), SetAsDefault: true,
    })));
  }

  async attachRolePolicy(roleName: string, arn: string): Promise<void> {
    await callAws(this.site('iam:AttachRolePolicy', roleName), () => this.iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn })));
  }

  async detachRolePolicy(roleName: string, arn: string): Promise<void> {
    await callAwsOrMissing(this.site('iam:DetachRolePolicy', roleName), ['NoSuchEntityException', 'NoSuchEntity'],
      () => this.iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn })));
  }

  async deletePolicy(arn: string): Promise<void> {
    let Marker: string | undefined;
    do {
      const page = await callAwsOrMissing(this.site('iam:ListEntitiesForPolicy', arn), ['NoSuchEntityException', 'NoSuchEntity'],
        () => this.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, ...(Marker ? { Marker } : {}) })));
      if (!page) return;
      for (const r of page.PolicyRoles ?? []) {
        await callAws(this.site('iam:DetachRolePolicy', r.RoleName), () => this.iam.send(new DetachRolePolicyCommand({ RoleName: r.RoleName, PolicyArn: arn })));
      }
      for (const u of page.PolicyUsers ?? []) {
        await callAws(this.site('iam:DetachUserPolicy', u.UserName), () => this.iam.send(new DetachUserPolicyCommand({ UserName: u.UserName, PolicyArn: arn })));
      }
      for (const g of page.PolicyGroups ?? []) {
        await callAws(this.site('iam:DetachGroupPolicy', g.GroupName), () => this.iam.send(new DetachGroupPolicyCommand({ GroupName: g.GroupName, PolicyArn: arn })));
      }
      Marker = page.IsTruncated ? page.Marker : undefined;
    } while (Marker);
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
