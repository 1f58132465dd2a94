// A tiny typed fetch client over the generated types: `getJson('training', '/api/v1/admin/company-scorecard',
// { query: { from } })` answers the 200 body's type. Requests go to the console's own origin, whose server
// proxies /api/<service>/... to the service's /api/... (server.mjs), with the signed-in bearer token.
import type { paths as AftersalesPaths } from './aftersales';
import type { paths as ComplaintsPaths } from './complaints';
import type { paths as CrmPaths } from './crm';
import type { paths as SurveysPaths } from './surveys';
import type { paths as TrainingPaths } from './training';

export interface ServicePaths {
  crm: CrmPaths;
  complaints: ComplaintsPaths;
  aftersales: AftersalesPaths;
  surveys: SurveysPaths;
  training: TrainingPaths;
}
export type Service = keyof ServicePaths;
export const SERVICES: readonly Service[] = ['crm', 'complaints', 'aftersales', 'surveys', 'training'];

type GetOf<S extends Service, P extends keyof ServicePaths[S]> = ServicePaths[S][P] extends { get: infer O }
  ? O
  : never;
type PostOf<S extends Service, P extends keyof ServicePaths[S]> = ServicePaths[S][P] extends { post: infer O }
  ? O
  : never;
/** The paths of a service that answer GET. */
export type GetPath<S extends Service> = {
  [P in keyof ServicePaths[S]]: ServicePaths[S][P] extends { get: object } ? P : never;
}[keyof ServicePaths[S]] &
  string;
/** The paths of a service that answer POST. */
export type PostPath<S extends Service> = {
  [P in keyof ServicePaths[S]]: ServicePaths[S][P] extends { post: object } ? P : never;
}[keyof ServicePaths[S]] &
  string;
type ParamsOf<O> = O extends { parameters: infer P } ? P : never;
// A required query or path in the document is required here too (`{} extends` tells optional apart).
type QueryPart<O> =
  ParamsOf<O> extends { query: infer Q }
    ? { query: Q }
    : { query?: NonNullable<ParamsOf<O> extends { query?: infer Q } ? Q : never> };
type PathPart<O> = ParamsOf<O> extends { path: infer P } ? { path: P } : { path?: undefined };
type JsonOf<O> = O extends { responses: { 200: { content: { 'application/json': infer J } } } } ? J : never;
type CreatedOf<O> = O extends { responses: { 201: { content: { 'application/json': infer J } } } }
  ? J
  : JsonOf<O>;
type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

export type Answer<S extends Service, P extends GetPath<S>> = JsonOf<GetOf<S, P>>;
export type RequestParts<S extends Service, P extends GetPath<S>> = QueryPart<GetOf<S, P>> &
  PathPart<GetOf<S, P>>;
export type Posted<S extends Service, P extends PostPath<S>> = CreatedOf<PostOf<S, P>>;
export type PostBody<S extends Service, P extends PostPath<S>> = BodyOf<PostOf<S, P>>;
export type PostParts<S extends Service, P extends PostPath<S>> = PathPart<PostOf<S, P>>;
/** The request parts as arguments: optional when nothing in them is required. */
type PartsArgument<S extends Service, P extends GetPath<S>> =
  object extends RequestParts<S, P> ? [parts?: RequestParts<S, P>] : [parts: RequestParts<S, P>];

/** An answer other than 2xx, with the problem details' title and detail when the service sent them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let bearer: string | null = null;
let onUnauthorized: () => void = () => {};

/** The token every request carries, and what to do when a service answers 401 (sign in again). */
export function authorize(token: string | null, unauthorized: () => void): void {
  bearer = token;
  onUnauthorized = unauthorized;
}

/** `/api/v1/admin/x/{id}` of `service` as the console's URL `/api/<service>/v1/admin/x/7?from=...`. */
export function urlOf(
  service: Service,
  path: string,
  parts: { query?: unknown; path?: unknown } = {},
): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String((parts.path as Record<string, string | number> | undefined)?.[name] ?? '')),
  );
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(
    (parts.query ?? {}) as Record<string, string | number | boolean | null | undefined>,
  ))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const query = search.toString();
  return `/api/${service}${filled.replace(/^\/api/, '')}${query ? `?${query}` : ''}`;
}

async function send(url: string, accept: string, body?: unknown): Promise<Response> {
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      accept,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.ok) return res;
  if (res.status === 401) onUnauthorized();
  let message = `${res.status} ${res.statusText}`;
  try {
    const problem = (await res.json()) as { title?: string; detail?: string };
    message = [problem.title, problem.detail].filter(Boolean).join(': ') || message;
  } catch {
    /* not problem+json */
  }
  throw new ApiError(res.status, message);
}

export async function getJson<S extends Service, P extends GetPath<S>>(
  service: S,
  path: P,
  ...[parts]: PartsArgument<S, P>
): Promise<Answer<S, P>> {
  const res = await send(urlOf(service, path, parts), 'application/json');
  return (await res.json()) as Answer<S, P>;
}

/** POSTs a JSON body (typed by the document) and answers the 201 (or 200) body's type. */
export async function postJson<S extends Service, P extends PostPath<S>>(
  service: S,
  path: P,
  body: PostBody<S, P>,
  ...[parts]: object extends PostParts<S, P> ? [parts?: PostParts<S, P>] : [parts: PostParts<S, P>]
): Promise<Posted<S, P>> {
  const res = await send(urlOf(service, path, parts), 'application/json', body);
  return (await res.json()) as Posted<S, P>;
}

/** Fetches a file (a CSV export, a PDF) with the bearer token and hands it to the browser as a download. */
export async function download<S extends Service, P extends GetPath<S>>(
  service: S,
  path: P,
  parts: RequestParts<S, P>,
  fileName: string,
  accept: 'text/csv' | 'application/pdf',
): Promise<void> {
  const res = await send(urlOf(service, path, parts), accept);
  const href = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(href);
}
