// Calls to the services' REST/JSON surface (gRPC JSON transcoding), with the user's bearer token.

export type Service = 'tariff' | 'negotiation';

export const serviceLabel: Record<Service, string> = { tariff: 'tariff', negotiation: 'negotiation' };

/** What /dashboard/config.json says: each service's address, "" for this page's own origin, null when unknown. */
export interface DashboardConfig {
  host: Service;
  tariff: string | null;
  negotiation: string | null;
}

/** A google.rpc.Status as protobuf's JSON mapping writes it. */
export interface RpcStatus {
  code: number;
  message: string;
  details?: RpcDetail[];
}

export interface RpcDetail {
  '@type': string;
  reason?: string;
  domain?: string;
  metadata?: Record<string, string>;
  fieldViolations?: { field: string; description: string; reason?: string }[];
  violations?: { type?: string; subject?: string; description?: string }[];
}

export const grpcCodes = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS',
  'UNAUTHENTICATED',
];

/** A call that failed: the service answered with an error, did not answer, or is not configured. */
export class ApiError extends Error {
  constructor(
    readonly kind: 'status' | 'network' | 'unconfigured',
    readonly service: Service,
    readonly address: string,
    readonly status: RpcStatus | null = null,
    readonly httpStatus = 0,
  ) {
    super(status?.message ?? `${kind} error calling the ${service} service`);
  }

  get code(): string {
    return this.status ? grpcCodes[this.status.code] ?? `code ${this.status.code}` : '';
  }

  detail(type: string): RpcDetail | undefined {
    return this.status?.details?.find((d) => d['@type'].endsWith(`/google.rpc.${type}`));
  }

  get reason(): string {
    return this.detail('ErrorInfo')?.reason ?? '';
  }
}

const tokenKey = 'tradegrpc.dashboard.token';
let config: DashboardConfig = { host: 'tariff', tariff: '', negotiation: null };

/** Every service whose status a call has just shown, told to whoever listens (the header's status line). */
type Listener = (service: Service, outcome: ApiError | null) => void;
const listeners: Listener[] = [];

export function onCallOutcome(listener: Listener): void {
  listeners.push(listener);
}

function tell(service: Service, outcome: ApiError | null): void {
  for (const listener of listeners) {
    listener(service, outcome);
  }
}

export async function loadConfig(): Promise<DashboardConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  config = (await response.json()) as DashboardConfig;
  return config;
}

/** The address the page calls a service at: "" for its own origin, null when it does not know. */
export function serviceAddress(service: Service): string | null {
  return config[service];
}

/** The address as the page shows it. */
export function shownAddress(service: Service): string {
  const address = serviceAddress(service);
  return address === '' ? window.location.origin : address ?? '(not configured)';
}

export function getToken(): string {
  return sessionStorage.getItem(tokenKey) ?? '';
}

export function setToken(token: string): void {
  if (token) {
    sessionStorage.setItem(tokenKey, token);
  } else {
    sessionStorage.removeItem(tokenKey);
  }
}

function request(service: Service, path: string, init: RequestInit): Promise<Response> {
  const address = serviceAddress(service);
  if (address === null) {
    throw new ApiError('unconfigured', service, '');
  }
  const headers = new Headers(init.headers);
  const token = getToken();
  if (token) {
    headers.set('authorization', `Bearer ${token}`);
  }
  return fetch(`${address}${path}`, { ...init, headers, credentials: 'omit', cache: 'no-store' }).catch((error: unknown) => {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError('network', service, shownAddress(service));
  });
}

async function failure(service: Service, response: Response): Promise<ApiError> {
  let status: RpcStatus;
  try {
    status = (await response.json()) as RpcStatus;
    if (typeof status.code !== 'number') {
      throw new Error('not a status');
    }
  } catch {
    status = { code: response.status === 503 ? 14 : 2, message: `HTTP ${response.status} ${response.statusText}` };
  }
  return new ApiError('status', service, shownAddress(service), status, response.status);
}

/** A unary call: GET with the query, or POST with the body. */
export async function call<T>(service: Service, method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  try {
    const init: RequestInit = { method, signal: signal ?? null };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const response = await request(service, path, init);
    if (!response.ok) {
      throw await failure(service, response);
    }
    const result = (await response.json()) as T;
    tell(service, null);
    return result;
  } catch (error) {
    if (error instanceof ApiError) {
      tell(service, error);
    }
    throw error;
  }
}

export function get<T>(service: Service, path: string, query: Record<string, string | number | undefined> = {}, signal?: AbortSignal): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return call<T>(service, 'GET', search ? `${path}?${search}` : path, undefined, signal);
}

export function post<T>(service: Service, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return call<T>(service, 'POST', path, body, signal);
}

/** Every item of a list method, page after page. */
export async function listAll<T>(service: Service, path: string, field: string, query: Record<string, string | number | undefined> = {}, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let pageToken = '';
  do {
    const page = await get<Record<string, unknown>>(service, path, { ...query, pageSize: 1000, pageToken }, signal);
    items.push(...((page[field] as T[] | undefined) ?? []));
    pageToken = (page.nextPageToken as string | undefined) ?? '';
  } while (pageToken);
  return items;
}

/**
 * A server-streaming call over REST: one JSON object per line as the service sends it. A stream that
 * fails after it started ends with a google.rpc.Status line, thrown here as an ApiError.
 */
export async function* stream<T>(service: Service, path: string, signal: AbortSignal): AsyncGenerator<T> {
  const response = await request(service, path, { method: 'GET', signal });
  if (!response.ok || !response.body) {
    const error = await failure(service, response);
    tell(service, error);
    throw error;
  }
  tell(service, null);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      buffer += value;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) {
          yield parseLine<T>(service, line);
        }
        newline = buffer.indexOf('\n');
      }
    }
    if (buffer.trim()) {
      yield parseLine<T>(service, buffer.trim());
    }
  } finally {
    reader.releaseLock();
  }
}

function parseLine<T>(service: Service, line: string): T {
  const item = JSON.parse(line) as Record<string, unknown>;
  if (typeof item.code === 'number' && typeof item.message === 'string' && !('sequence' in item)) {
    throw new ApiError('status', service, shownAddress(service), item as unknown as RpcStatus, 200);
  }
  return item as T;
}

/** What the token says about its holder, read without checking it (the services check it). */
export interface TokenClaims {
  sub?: string;
  org?: string;
  party?: string;
  roles: string[];
  exp?: number;
}

export function readClaims(token: string): TokenClaims | null {
  const payload = token.split('.')[1];
  if (!payload) {
    return null;
  }
  try {
    const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const claims = JSON.parse(json) as Record<string, unknown>;
    const roles = claims.roles ?? claims.role ?? [];
    return {
      sub: claims.sub as string | undefined,
      org: claims.org as string | undefined,
      party: claims.party as string | undefined,
      roles: Array.isArray(roles) ? roles.map(String) : [String(roles)],
      exp: claims.exp as number | undefined,
    };
  } catch {
    return null;
  }
}
