import jwt from '@fastify/jwt';
import { type UserRole, userRoleSchema } from '@resonance/contracts';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { AppError } from '../errors/problem';
import { ACCESS_TOKEN_TTL_SECONDS, type AccessTokenClaims, type AccessTokenSigner } from './tokens';

/** Who is calling, as established from a verified token and re-checked against the database. */
export interface AuthUser {
  userId: string;
  /** The tenant of every query this request makes. */
  orgId: string;
  role: UserRole;
  /** The caller's entry in the org chart (a leader's results are keyed by it). */
  personId: string;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessTokenClaims;
    user: AuthUser;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: 401 unless a valid access token of a still-active user with the current token version. */
    authenticate: onRequestHookHandler;
    /** onRequest hook (after `authenticate`): 403 unless the caller has one of the roles. */
    requireRole(...roles: UserRole[]): onRequestHookHandler;
    /**
     * onRequest hook (after `authenticate`): admins pass; a leader passes only for their own
     * person id, taken from the request by `leaderIdOf`. Anyone else gets 404, as if the id did not exist.
     */
    requireAdminOrLeader(leaderIdOf: (request: FastifyRequest) => string | undefined): onRequestHookHandler;
    signAccessToken: AccessTokenSigner;
  }
}

const claimsSchema = z.object({
  sub: z.uuid(),
  org: z.uuid(),
  role: userRoleSchema,
  ver: z.int().min(0),
});

const unauthenticated = (detail: string, code = 'unauthenticated') =>
  new AppError('unauthenticated', detail, { code });

/** True when the caller may see data about this leader (their own, or everyone's as an admin). */
export function canAccessLeader(user: AuthUser, leaderId: string): boolean {
  return user.role === 'admin' || user.personId === leaderId;
}

/**
 * JWT access tokens (HS256 only, issuer, audience, exp and iat required) and the guards every
 * protected route folder installs as onRequest hooks.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    const { JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE } = app.config;
    await app.register(jwt, {
      secret: JWT_SECRET,
      sign: {
        algorithm: 'HS256',
        iss: JWT_ISSUER,
        aud: JWT_AUDIENCE,
        expiresIn: `${ACCESS_TOKEN_TTL_SECONDS}s`,
      },
      verify: {
        // Pinned: never let the token's header choose the algorithm (alg=none, HS/RS confusion).
        algorithms: ['HS256'],
        allowedIss: JWT_ISSUER,
        allowedAud: JWT_AUDIENCE,
        requiredClaims: ['sub', 'org', 'role', 'ver', 'iss', 'aud', 'iat', 'exp'],
      },
    });

    app.decorate('signAccessToken', (claims: AccessTokenClaims) => app.jwt.sign({ ...claims }));

    app.decorate('authenticate', async function authenticate(request: FastifyRequest) {
      const header = request.headers.authorization;
      const match = header?.match(/^Bearer ([A-Za-z0-9_\-.]+)$/);
      if (!match?.[1]) {
        throw unauthenticated('Send an access token in the Authorization header: Bearer <token>.');
      }
      let claims: z.infer<typeof claimsSchema>;
      try {
        claims = claimsSchema.parse(app.jwt.verify(match[1]));
      } catch {
        throw unauthenticated('The access token is invalid or has expired.', 'invalid-token');
      }
      // Checked on every request so a deactivation, role change or password change bites at once.
      // Plain SQL on the shared pool: on every authenticated request the ORM's per-query cost was
      // the largest part of a stored dashboard read.
      const { rows } = await app.db.pool.query<{
        id: string;
        org_id: string;
        role: UserRole;
        person_id: string;
        active: boolean;
        token_version: number;
        person_active: boolean;
      }>(
        `SELECT u.id, u.org_id, u.role, u.person_id, u.active, u.token_version, p.active AS person_active
         FROM users u JOIN people p ON p.id = u.person_id WHERE u.id = $1`,
        [claims.sub],
      );
      const user = rows[0];
      if (
        !user?.active ||
        !user.person_active ||
        user.org_id !== claims.org ||
        user.token_version !== claims.ver
      ) {
        throw unauthenticated('This session is no longer valid. Log in again.', 'session-revoked');
      }
      request.user = { userId: user.id, orgId: user.org_id, role: user.role, personId: user.person_id };
    });

    app.decorate('requireRole', (...roles: UserRole[]): onRequestHookHandler => {
      return async function requireRole(request: FastifyRequest) {
        if (!request.user) throw unauthenticated('Log in first.');
        if (!roles.includes(request.user.role)) {
          throw new AppError('forbidden', `Only ${roles.join(' or ')} users may do this.`);
        }
      };
    });

    app.decorate(
      'requireAdminOrLeader',
      (leaderIdOf: (request: FastifyRequest) => string | undefined): onRequestHookHandler => {
        return async function requireAdminOrLeader(request: FastifyRequest) {
          if (!request.user) throw unauthenticated('Log in first.');
          const leaderId = leaderIdOf(request);
          if (!leaderId || !canAccessLeader(request.user, leaderId)) {
            throw new AppError('notFound', 'No such leader.');
          }
        };
      },
    );
  },
  { name: 'auth', dependencies: ['error-handler'] },
);
