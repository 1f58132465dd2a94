// Sign-in. Production: OpenID Connect authorization code with PKCE (S256), state and nonce, against the
// issuer /config.json names; the access token it returns is the bearer the services verify (RS256, JWKS).
// Development (/config.json says mode "dev"): a pasted development token, or one the console server mints
// for a chosen role and department with the development secret.
export type AuthConfig =
  { mode: 'oidc'; issuer: string; clientId: string; scope: string; audience?: string } | { mode: 'dev' };

export interface Session {
  token: string;
  sub: string;
  name?: string;
  roles: string[];
  dept?: string;
  /** Seconds since the epoch. */
  exp?: number;
  /** OIDC: the provider's refresh token, when it gave one; the console trades it for a new access token. */
  refreshToken?: string;
}

const SESSION_KEY = 'cx-console.session';
const PENDING_KEY = 'cx-console.oidc';

export async function loadConfig(): Promise<AuthConfig> {
  const res = await fetch('/config.json');
  if (!res.ok) throw new Error(`/config.json: ${res.status}`);
  return ((await res.json()) as { auth: AuthConfig }).auth;
}

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) =>
    c.charCodeAt(0),
  );
  return new TextDecoder().decode(bytes);
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The claims of a JWT, unverified: only to decide what to show; the services verify every request. */
function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(base64UrlDecode(payload)) as Record<string, unknown>;
}

/** A session from a bearer token: its subject, roles (`role` or `roles`, as the services read them) and dept. */
export function sessionOf(token: string): Session {
  const claims = claimsOf(token.trim());
  const roles = [
    ...(typeof claims.role === 'string' ? [claims.role] : []),
    ...(Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : []),
  ];
  if (typeof claims.sub !== 'string' || roles.length === 0) throw new Error('the token has no sub or role');
  return {
    token: token.trim(),
    sub: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : undefined,
    roles,
    dept: typeof claims.dept === 'string' ? claims.dept : undefined,
    exp: typeof claims.exp === 'number' ? claims.exp : undefined,
  };
}

export function storedSession(): Session | null {
  const raw = sessionStorage.getItem(SESSION_KEY);
  if (!raw) return null;
  const session = JSON.parse(raw) as Session;
  // An expired session that can be refreshed is kept: the app refreshes it before showing a page.
  if (isExpired(session) && !session.refreshToken) {
    sessionStorage.removeItem(SESSION_KEY);
    return null;
  }
  return session;
}

export const isExpired = (session: Session, now = Date.now()) =>
  session.exp !== undefined && session.exp * 1000 <= now;

/**
 * When to refresh a session's access token, in ms from now: a minute before it expires, or halfway
 * through what is left of a short-lived one; null when it cannot be refreshed.
 */
export function refreshDelay(session: Session, now = Date.now()): number | null {
  if (!session.refreshToken || session.exp === undefined) return null;
  const left = session.exp * 1000 - now;
  return left > 120_000 ? left - 60_000 : Math.max(0, left / 2);
}

export function keepSession(session: Session | null): void {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

/** Development only: the console server mints a token (it refuses unless it runs in dev mode). */
export async function mintDevToken(role: string, dept?: string, storeId?: string): Promise<string> {
  const res = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, dept, storeId }),
  });
  if (!res.ok) throw new Error(`/dev/token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`OpenID discovery at ${issuer}: ${res.status}`);
  return (await res.json()) as Discovery;
}

const randomString = () => base64Url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => `${location.origin}/callback`;

/** Sends the browser to the identity provider (authorization code, PKCE S256, state and nonce). */
export async function startOidcSignIn(config: Extract<AuthConfig, { mode: 'oidc' }>, returnTo: string) {
  const discovery = await discover(config.issuer);
  const verifier = randomString();
  const challenge = base64Url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const state = randomString();
  const nonce = randomString();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, nonce, returnTo }));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(config.audience ? { audience: config.audience } : {}),
  }).toString();
  location.assign(url.toString());
}

/** On /callback: checks state, trades the code (with the PKCE verifier), checks the ID token's nonce. */
export async function finishOidcSignIn(
  config: Extract<AuthConfig, { mode: 'oidc' }>,
  params: URLSearchParams,
): Promise<{ session: Session; returnTo: string }> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    nonce: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PENDING_KEY);
  if (params.get('error'))
    throw new Error(`${params.get('error')}: ${params.get('error_description') ?? ''}`);
  if (!pending || params.get('state') !== pending.state) throw new Error('sign-in state does not match');
  const code = params.get('code');
  if (!code) throw new Error('no authorization code');
  const tokens = await tokenRequest(config, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri(),
    code_verifier: pending.verifier,
  });
  if (!tokens.id_token || claimsOf(tokens.id_token).nonce !== pending.nonce)
    throw new Error('the ID token does not carry our nonce');
  return { session: withRefresh(sessionOf(tokens.access_token), tokens), returnTo: pending.returnTo };
}

interface TokenAnswer {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
}

/** A grant at the provider's token endpoint, as the public client (its id, no secret). */
async function tokenRequest(
  config: Extract<AuthConfig, { mode: 'oidc' }>,
  grant: Record<string, string>,
): Promise<TokenAnswer> {
  const discovery = await discover(config.issuer);
  const res = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...grant, client_id: config.clientId }),
  });
  if (!res.ok) throw new Error(`token endpoint: ${res.status}`);
  return (await res.json()) as TokenAnswer;
}

const withRefresh = (session: Session, tokens: TokenAnswer, previous?: string): Session => {
  const refreshToken = tokens.refresh_token ?? previous;
  return refreshToken ? { ...session, refreshToken } : session;
};

/**
 * Trades the session's refresh token for a new access token (grant refresh_token, the public client's
 * id); a provider that rotates refresh tokens answers a new one, which replaces the old.
 */
export async function refreshOidcSession(
  config: Extract<AuthConfig, { mode: 'oidc' }>,
  session: Session,
): Promise<Session> {
  if (!session.refreshToken) throw new Error('the session has no refresh token');
  const tokens = await tokenRequest(config, {
    grant_type: 'refresh_token',
    refresh_token: session.refreshToken,
  });
  return withRefresh(sessionOf(tokens.access_token), tokens, session.refreshToken);
}
