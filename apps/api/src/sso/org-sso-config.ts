import {
  type OrgSso,
  SSO_CALLBACK_PATH,
  SSO_SCOPES,
  type updateOrgSsoRequestSchema,
} from '@resonance/contracts';
import type { Db, Prisma } from '@resonance/db';
import type { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import type { AuthUser } from '../auth/auth-plugin';
import type { BallotKeys } from '../ballot-box/ballot-keys';
import { AppError } from '../errors/problem';
import { discoverIssuer, IssuerDiscoveryError } from './discover-issuer';
import type { IssuerFetchPolicy } from './issuer-fetch';

/** Fixed by the API from WEB_URL, never taken from a client: the provider sends the code only here. */
export function ssoRedirectUri(webUrl: string): string {
  return `${webUrl.replace(/\/+$/, '')}${SSO_CALLBACK_PATH}`;
}

const providerSelect = {
  issuerUrl: true,
  clientId: true,
  clientSecretSealed: true,
  allowedDomains: true,
  enabled: true,
  ssoOnly: true,
  updatedAt: true,
} satisfies Prisma.OrganisationSsoSelect;

type StoredProvider = Prisma.OrganisationSsoGetPayload<{ select: typeof providerSelect }>;

function toView(webUrl: string, stored: StoredProvider | null): OrgSso {
  return {
    redirectUri: ssoRedirectUri(webUrl),
    scopes: SSO_SCOPES,
    provider: stored && {
      issuerUrl: stored.issuerUrl,
      clientId: stored.clientId,
      hasClientSecret: stored.clientSecretSealed !== null,
      allowedDomains: stored.allowedDomains,
      enabled: stored.enabled,
      ssoOnly: stored.ssoOnly,
      updatedAt: stored.updatedAt.toISOString(),
    },
  };
}

export async function getOrgSso({ db, webUrl, orgId }: { db: Db; webUrl: string; orgId: string }) {
  const stored = await db.organisationSso.findUnique({ where: { orgId }, select: providerSelect });
  return toView(webUrl, stored);
}

/** Turns a failed discovery into the admin's 422, worded by us: nothing fetched is echoed. */
export function discoveryProblem(error: IssuerDiscoveryError): AppError {
  const code = {
    refused: 'sso-issuer-refused',
    mismatch: 'sso-issuer-mismatch',
    unreachable: 'sso-issuer-unreachable',
  }[error.reason];
  return new AppError('unprocessable', error.message, {
    code,
    errors: [{ field: 'body.issuerUrl', message: error.message, code: code.replaceAll('-', '_') }],
  });
}

/**
 * Saves the organisation's identity provider after checking it by discovery. The client secret is
 * sealed for this organisation; omitted, the stored one stays — but only for the same provider and
 * client, so pointing the configuration at another server cannot carry the secret there.
 */
export async function putOrgSso({
  db,
  keys,
  webUrl,
  policy,
  actor,
  input,
}: {
  db: Db;
  keys: BallotKeys;
  webUrl: string;
  policy: IssuerFetchPolicy;
  actor: AuthUser;
  input: z.output<typeof updateOrgSsoRequestSchema>;
}): Promise<OrgSso> {
  const { orgId } = actor;
  const existing = await db.organisationSso.findUnique({ where: { orgId }, select: providerSelect });
  const sameClient = existing?.issuerUrl === input.issuerUrl && existing.clientId === input.clientId;
  if (input.clientSecret === undefined && existing?.clientSecretSealed && !sameClient) {
    throw new AppError('validation', 'Enter the client secret again for a new issuer or client id.', {
      code: 'sso-secret-required',
      errors: [{ field: 'body.clientSecret', message: 'is required when the issuer or client id changes' }],
    });
  }
  try {
    await discoverIssuer({
      issuerUrl: input.issuerUrl,
      clientId: input.clientId,
      clientSecret: null,
      policy,
    });
  } catch (error) {
    if (error instanceof IssuerDiscoveryError) throw discoveryProblem(error);
    throw error;
  }

  const clientSecretSealed =
    input.clientSecret === undefined
      ? (existing?.clientSecretSealed ?? null)
      : input.clientSecret === null
        ? null
        : Uint8Array.from(keys.sealConfigSecret(input.clientSecret, orgId));
  const data = {
    issuerUrl: input.issuerUrl,
    clientId: input.clientId,
    clientSecretSealed,
    allowedDomains: input.allowedDomains,
    enabled: input.enabled,
    ssoOnly: input.ssoOnly,
  };
  const saved = await db.$transaction(async (tx) => {
    const saved = await tx.organisationSso.upsert({
      where: { orgId },
      create: { orgId, ...data },
      update: data,
      select: providerSelect,
    });
    await recordAudit(tx, {
      orgId,
      actor,
      action: 'org.sso_changed',
      target: { type: 'organisation', id: orgId },
      details: ssoChanges(existing, saved, input.clientSecret !== undefined),
    });
    return saved;
  });
  return toView(webUrl, saved);
}

/** `{ field: { from, to } }` for each changed setting; of the secret only that it changed. */
function ssoChanges(before: StoredProvider | null, after: StoredProvider, secretGiven: boolean) {
  const changes: Record<string, Prisma.InputJsonValue> = {};
  for (const field of ['issuerUrl', 'clientId', 'allowedDomains', 'enabled', 'ssoOnly'] as const) {
    const from = before?.[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(after[field])) changes[field] = { from, to: after[field] };
  }
  if (secretGiven) changes.clientSecret = { changed: true };
  return changes;
}

/** Removes single sign-on: passwords work again, sign-ins in progress are dropped. */
export async function deleteOrgSso({ db, actor }: { db: Db; actor: AuthUser }) {
  const { orgId } = actor;
  await db.$transaction(async (tx) => {
    const existing = await tx.organisationSso.findUnique({ where: { orgId }, select: { issuerUrl: true } });
    if (!existing) throw new AppError('notFound', 'Single sign-on is not configured.');
    await tx.organisationSso.delete({ where: { orgId }, select: { orgId: true } });
    await tx.ssoLoginState.deleteMany({ where: { orgId } });
    await recordAudit(tx, {
      orgId,
      actor,
      action: 'org.sso_removed',
      target: { type: 'organisation', id: orgId },
      details: { issuerUrl: existing.issuerUrl },
    });
  });
}
