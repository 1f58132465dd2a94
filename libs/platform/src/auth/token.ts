import { SignJWT } from 'jose';
import { isRole, Role, ROLES } from './roles';

export interface MintTokenOptions {
  role: Role;
  /** Required with role 'lead': the service (department) led. */
  dept?: string;
  /** Defaults to `dev-<role>`. */
  sub?: string;
  storeId?: string;
  name?: string;
  /** '30s', '30m', '8h', '7d', '2w', or seconds. Default '8h'. */
  ttl?: string | number;
  secret: string;
  issuer: string;
  audience?: string;
}

const TTL = /^(\d+)(s|m|h|d|w)$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** '30m' -> 1800; a positive integer is seconds already. */
export function ttlSeconds(ttl: string | number): number {
  if (typeof ttl === 'number') {
    if (Number.isInteger(ttl) && ttl > 0) return ttl;
    throw new Error('ttl in seconds must be a positive integer');
  }
  const match = TTL.exec(ttl);
  if (!match || Number(match[1]) <= 0) throw new Error(`ttl "${ttl}" is not a duration like 30m, 8h, 7d`);
  return Number(match[1]) * UNIT_SECONDS[match[2]];
}

/**
 * An HS256 token for development and tests, with the claims JwtVerifier reads. Production tokens
 * come from the identity provider, never from here.
 */
export async function mintToken(options: MintTokenOptions): Promise<string> {
  const { role, dept, storeId, name, secret, issuer, audience } = options;
  if (!isRole(role)) throw new Error(`unknown role "${String(role)}": use one of ${ROLES.join(', ')}`);
  if (role === 'lead' && !dept) throw new Error('role lead needs a dept (the service they lead)');
  if (!secret || secret.length < 32) throw new Error('secret must be at least 32 characters');
  const ttl = ttlSeconds(options.ttl ?? '8h');
  const now = Math.floor(Date.now() / 1000);

  const claims: Record<string, string> = { role };
  if (dept) claims.dept = dept;
  if (storeId) claims.storeId = storeId;
  if (name) claims.name = name;
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub ?? `dev-${role}`)
    .setIssuer(issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl);
  if (audience) jwt.setAudience(audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
