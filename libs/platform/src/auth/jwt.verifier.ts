import { ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  importSPKI,
  JWTPayload,
  jwtVerify,
  JWTVerifyOptions,
} from 'jose';
import type { BaseConfig } from '../config';
import { isRole, Principal, Role } from './roles';

export type JwtAlgorithm = 'HS256' | 'RS256';

export interface JwtVerifierOptions {
  algorithm: JwtAlgorithm;
  /** HS256: the shared secret (at least 32 characters). */
  secret?: string;
  /** RS256: where the identity provider publishes its keys. Wins over publicKey when both are set. */
  jwksUrl?: string;
  /** RS256: the SPKI public key as PEM (`-----BEGIN PUBLIC KEY-----`). Literal `\n` are accepted. */
  publicKey?: string;
  issuer: string;
  audience?: string;
  /** Allowed clock skew between the token issuer and us, in seconds. */
  clockToleranceSeconds?: number;
}

export type AuthErrorCode =
  | 'TOKEN_MISSING'
  | 'TOKEN_MALFORMED'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_BAD_SIGNATURE'
  | 'TOKEN_BAD_ALGORITHM'
  | 'TOKEN_UNKNOWN_KEY'
  | 'TOKEN_INVALID_CLAIMS';

/**
 * A 401 with a reason the caller can act on, and the RFC 6750 challenge. Reasons are fixed texts
 * (plus at most a claim or role name): nothing of the verifier's internals.
 */
export function unauthorized(code: AuthErrorCode, reason: string): UnauthorizedException {
  const challenge =
    code === 'TOKEN_MISSING'
      ? 'Bearer'
      : `Bearer error="invalid_token", error_description="${reason.replace(/["\\]/g, "'")}"`;
  return new UnauthorizedException({ message: reason, code, wwwAuthenticate: challenge });
}

const MAX_VERIFIED_TOKENS = 10_000;
const KEEP_VERIFIED_SECONDS = 300;

type Key = Uint8Array | Awaited<ReturnType<typeof importSPKI>> | ReturnType<typeof createRemoteJWKSet>;

function claimReason(claim: string, reason: string): string {
  if (reason === 'missing') return `token has no "${claim}" claim`;
  switch (claim) {
    case 'iss':
      return 'token issuer is not accepted';
    case 'aud':
      return 'token audience is not accepted';
    case 'nbf':
      return 'token is not valid yet';
    case 'iat':
      return 'token issue time is in the future';
    default:
      return `token "${claim}" claim is invalid`;
  }
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) {
    throw unauthorized('TOKEN_INVALID_CLAIMS', `token "${name}" claim must be a non-empty string`);
  }
  return value;
}

/** Reads our claims from a verified payload. */
export function principalFromClaims(payload: JWTPayload): Principal {
  const sub = stringClaim(payload, 'sub');
  if (!sub) throw unauthorized('TOKEN_INVALID_CLAIMS', 'token has no "sub" claim');

  const raw: unknown[] = [];
  if (payload.role !== undefined) raw.push(payload.role);
  if (payload.roles !== undefined) {
    if (!Array.isArray(payload.roles)) {
      throw unauthorized('TOKEN_INVALID_CLAIMS', 'token "roles" claim must be an array of role names');
    }
    raw.push(...(payload.roles as unknown[]));
  }
  if (raw.length === 0) throw unauthorized('TOKEN_INVALID_CLAIMS', 'token has no "role" or "roles" claim');
  const roles: Role[] = [];
  for (const r of raw) {
    if (!isRole(r)) {
      const shown = typeof r === 'string' ? `"${r.slice(0, 40)}"` : `of type ${typeof r}`;
      throw unauthorized('TOKEN_INVALID_CLAIMS', `token has an unknown role ${shown}`);
    }
    if (!roles.includes(r)) roles.push(r);
  }

  const dept = stringClaim(payload, 'dept');
  if (roles.includes('lead') && !dept) {
    throw unauthorized('TOKEN_INVALID_CLAIMS', 'token with role "lead" has no "dept" claim');
  }
  const principal: Principal = { sub, roles };
  if (dept) principal.dept = dept;
  const storeId = stringClaim(payload, 'storeId');
  if (storeId) principal.storeId = storeId;
  const name = stringClaim(payload, 'name');
  if (name) principal.name = name;
  return principal;
}

/**
 * Verifies bearer tokens: HS256 with a shared secret (development, tests, simple installs) or
 * RS256 with the identity provider's JWKS or a PEM public key (production). Checks signature,
 * algorithm, issuer, audience (when configured), exp (required), nbf, and our claims.
 */
export class JwtVerifier {
  private readonly key: Key | Promise<Key>;
  /**
   * Tokens verified lately, by their exact text: integrating systems send the same bearer token with
   * every request, and its signature and claims give the same answer every time. Only the time claims
   * are checked again on a hit. An entry lives until the token expires or for 5 minutes at most (a
   * key withdrawn from the JWKS stops its tokens within that), and the oldest go first above 10,000.
   * Refused tokens are never kept.
   */
  private readonly verified = new Map<
    string,
    { principal: Principal; exp: number; nbf?: number; keepUntil: number }
  >();

  constructor(private readonly options: JwtVerifierOptions) {
    if (!options.issuer) throw new Error('JwtVerifier: issuer is required');
    if (options.algorithm === 'HS256') {
      if (!options.secret || options.secret.length < 32) {
        throw new Error('JwtVerifier: HS256 needs a secret of at least 32 characters (JWT_SECRET)');
      }
      // Imported once: given the raw bytes, jose imports the key again (WebCrypto) on every verify.
      this.key = crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode(options.secret),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['verify'],
      );
    } else if (options.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl));
    } else if (options.publicKey) {
      const pem = options.publicKey.replace(/\\n/g, '\n');
      const imported = importSPKI(pem, 'RS256');
      // Observed here so an invalid key is not an unhandled rejection before the first request.
      imported.catch(() => undefined);
      this.key = imported;
    } else {
      throw new Error('JwtVerifier: RS256 needs JWT_JWKS_URL or JWT_PUBLIC_KEY');
    }
  }

  /** Builds the verifier from the service config and checks a PEM key now, so a bad one fails at start. */
  static async fromConfig(
    config: Pick<
      BaseConfig,
      'JWT_ALGORITHM' | 'JWT_SECRET' | 'JWT_JWKS_URL' | 'JWT_PUBLIC_KEY' | 'JWT_ISSUER' | 'JWT_AUDIENCE'
    >,
  ): Promise<JwtVerifier> {
    const verifier = new JwtVerifier({
      algorithm: config.JWT_ALGORITHM,
      secret: config.JWT_SECRET,
      jwksUrl: config.JWT_JWKS_URL,
      publicKey: config.JWT_PUBLIC_KEY,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    });
    await verifier.ready();
    return verifier;
  }

  /** Resolves once the key is usable; rejects with a configuration error for an invalid PEM key. */
  async ready(): Promise<void> {
    await this.resolveKey();
  }

  private async resolveKey(): Promise<Key> {
    try {
      return await this.key;
    } catch (error) {
      throw new Error(
        `JwtVerifier: JWT_PUBLIC_KEY is not a valid SPKI PEM public key (${(error as Error).message})`,
      );
    }
  }

  /** Tokens currently kept as verified (see `verified`). */
  get cachedTokens(): number {
    return this.verified.size;
  }

  /** The principal of a valid token; otherwise an UnauthorizedException naming the reason. */
  async verify(token: string): Promise<Principal> {
    const now = Date.now() / 1000;
    const tolerance = this.options.clockToleranceSeconds ?? 5;
    const kept = this.verified.get(token);
    if (kept) {
      if (now < kept.keepUntil) {
        // The same checks as jose's: expired once exp <= now - tolerance, early while nbf > now + tolerance.
        if (kept.exp <= now - tolerance) throw unauthorized('TOKEN_EXPIRED', 'token has expired');
        if (kept.nbf !== undefined && kept.nbf > now + tolerance)
          throw unauthorized('TOKEN_INVALID_CLAIMS', claimReason('nbf', 'check_failed'));
        return { ...kept.principal, roles: [...kept.principal.roles] };
      }
      this.verified.delete(token);
    }
    const principal = await this.verifyFully(token);
    return principal;
  }

  private async verifyFully(token: string): Promise<Principal> {
    if (!token || token.split('.').length !== 3) throw unauthorized('TOKEN_MALFORMED', 'token is malformed');
    const key = await this.resolveKey();
    let payload: JWTPayload;
    try {
      const options: JWTVerifyOptions = {
        algorithms: [this.options.algorithm],
        issuer: this.options.issuer,
        audience: this.options.audience,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
      };
      ({ payload } =
        typeof key === 'function'
          ? await jwtVerify(token, key, options)
          : await jwtVerify(token, key, options));
    } catch (error) {
      throw this.translate(error);
    }
    const principal = principalFromClaims(payload);
    if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, {
      principal: { ...principal, roles: [...principal.roles] },
      exp: payload.exp!, // required above
      nbf: payload.nbf,
      keepUntil: Date.now() / 1000 + KEEP_VERIFIED_SECONDS,
    });
    return principal;
  }

  private translate(error: unknown): Error {
    if (error instanceof joseErrors.JWTExpired) return unauthorized('TOKEN_EXPIRED', 'token has expired');
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      return unauthorized('TOKEN_INVALID_CLAIMS', claimReason(error.claim, error.reason));
    }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
      return unauthorized('TOKEN_BAD_SIGNATURE', 'token signature is invalid');
    }
    if (error instanceof joseErrors.JOSEAlgNotAllowed) {
      return unauthorized('TOKEN_BAD_ALGORITHM', `token must be signed with ${this.options.algorithm}`);
    }
    if (
      error instanceof joseErrors.JWKSNoMatchingKey ||
      error instanceof joseErrors.JWKSMultipleMatchingKeys
    ) {
      return unauthorized('TOKEN_UNKNOWN_KEY', 'token is signed with an unknown key');
    }
    if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) {
      return new ServiceUnavailableException(
        { message: 'token keys are unavailable: try again later', code: 'AUTH_KEYS_UNAVAILABLE' },
        { cause: error },
      );
    }
    if (error instanceof joseErrors.JOSEError) return unauthorized('TOKEN_MALFORMED', 'token is malformed');
    if (this.options.jwksUrl) {
      // Fetching the JWKS failed (fetch throws a TypeError, not a JOSE error): not the caller's fault.
      return new ServiceUnavailableException(
        { message: 'token keys are unavailable: try again later', code: 'AUTH_KEYS_UNAVAILABLE' },
        { cause: error },
      );
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}
