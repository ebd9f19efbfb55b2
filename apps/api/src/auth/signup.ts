import type { Session } from '@resonance/contracts';
import { type Db, isPrismaError, PrismaErrorCode } from '@resonance/db';
import type { Locale } from '@resonance/domain';
import { issueSession, sessionUserSelect } from './issue-session';
import { hashPassword } from './password';
import type { AccessTokenSigner } from './tokens';

export interface SignupInput {
  organisationName: string;
  name: string;
  email: string;
  password: string;
  locale: Locale;
}

/** Creates an organisation with its first admin (a person in the org chart and a user) and logs them in. */
export async function signup({
  db,
  signAccessToken,
  input,
}: {
  db: Db;
  signAccessToken: AccessTokenSigner;
  input: SignupInput;
}): Promise<Session> {
  const passwordHash = await hashPassword(input.password);
  const base = slugify(input.organisationName);
  for (let attempt = 0; ; attempt++) {
    const slug = await freeSlug(db, base, attempt);
    try {
      const user = await db.$transaction(async (tx) => {
        const org = await tx.organisation.create({
          data: { name: input.organisationName, slug, defaultLocale: input.locale },
          select: { id: true },
        });
        const person = await tx.person.create({
          data: { orgId: org.id, email: input.email, name: input.name, role: 'admin', locale: input.locale },
          select: { id: true },
        });
        return tx.user.create({
          data: {
            orgId: org.id,
            personId: person.id,
            email: input.email,
            role: 'admin',
            passwordHash,
            locale: input.locale,
          },
          select: sessionUserSelect,
        });
      });
      return await issueSession({ db, signAccessToken, user });
    } catch (error) {
      // Two signups raced for the same slug: try the next one.
      if (isPrismaError(error, PrismaErrorCode.uniqueViolation) && attempt < 5) continue;
      throw error;
    }
  }
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/ß/g, 'ss')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return slug || 'organisation';
}

async function freeSlug(db: Db, base: string, attempt: number): Promise<string> {
  const taken = await db.organisation.findMany({
    where: { slug: { startsWith: base } },
    select: { slug: true },
  });
  const used = new Set(taken.map((org) => org.slug));
  for (let suffix = 1 + attempt; ; suffix++) {
    const candidate = suffix === 1 ? base : `${base}-${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}
