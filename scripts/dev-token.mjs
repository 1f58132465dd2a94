// Development bearer tokens (HS256), as the services accept them with their default config: used by
// `npm run token` (scripts/token.mjs) and by the console server's development sign-in. Never for
// production: real tokens come from the identity provider.
// Plain ESM without a build step: the role list and the default secret mirror
// libs/platform/src/auth/roles.ts and DEV_JWT_SECRET in libs/platform/src/config/config.ts
// (auth/token.spec.ts fails when they drift apart).
import { SignJWT } from 'jose';

export const ROLES = ['system', 'agent', 'technician', 'auditor', 'lead', 'admin'];
const DEV_JWT_SECRET = 'cx-dev-only-jwt-secret-change-me-0123456789';

/** What is wrong with the claims of a development token, or null when nothing is. */
export function devClaimsProblem({ role, dept }) {
  if (!role) return '--role is required';
  if (!ROLES.includes(role)) return `unknown role "${role}": use one of ${ROLES.join(', ')}`;
  if (role === 'lead' && !dept) return '--role lead needs --dept <service>';
  if (dept !== undefined && !/^[a-z][a-z0-9-]*$/.test(dept)) return `--dept "${dept}" is not a service name`;
  return null;
}

/**
 * Signs a token with JWT_SECRET (or the development default), issuer JWT_ISSUER (or cx-platform),
 * audience JWT_AUDIENCE when set. Throws on claims devClaimsProblem refuses.
 */
export async function mintDevToken({ role, dept, sub, storeId, name, ttlSeconds }, env = process.env) {
  const problem = devClaimsProblem({ role, dept });
  if (problem) throw new Error(problem);
  const secret = env.JWT_SECRET || DEV_JWT_SECRET;
  if (secret.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
  const claims = { role };
  if (dept) claims.dept = dept;
  if (storeId) claims.storeId = storeId;
  if (name) claims.name = name;
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub ?? `dev-${role}`)
    .setIssuer(env.JWT_ISSUER || 'cx-platform')
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds);
  if (env.JWT_AUDIENCE) jwt.setAudience(env.JWT_AUDIENCE);
  return jwt.sign(new TextEncoder().encode(secret));
}
