/**
 * The console's only way to the API. Every error the API answers with is an RFC 9457 problem document
 * (src/platform/http/problem.ts); it becomes a `ProblemError` so pages can show the message and put each
 * field error at its field.
 */

export interface FieldError {
  field: string;
  code: string;
  message: string;
  fix?: string;
  severity?: 'block' | 'warn';
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  reason?: string;
  detail: string;
  errors?: FieldError[];
  details?: Record<string, unknown>;
  requestId?: string;
}

export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly reason?: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly details: Record<string, unknown>;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || problem.code);
    this.name = 'ProblemError';
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.reason = problem.reason;
    this.detail = problem.detail || problem.title || problem.code;
    this.errors = problem.errors ?? [];
    this.details = problem.details ?? {};
  }

  /** The refusal code a page reacts to: the specific reason when there is one, else the error code. */
  get key(): string {
    return this.reason ?? this.code;
  }
}

export function isProblem(err: unknown, key?: string): err is ProblemError {
  return err instanceof ProblemError && (key === undefined || err.key === key || err.code === key);
}

type Listener = (err: ProblemError) => void;
const unauthenticatedListeners = new Set<Listener>();

/** The auth context listens here: a 401 anywhere means the session is gone. */
export function onUnauthenticated(fn: Listener): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

let acceptLanguage = 'zh-CN';
/** Server messages (refusals, rule texts) follow the console language. */
export function setApiLanguage(lang: 'zh' | 'en') {
  acceptLanguage = lang === 'en' ? 'en' : 'zh-CN';
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export async function api<T>(
  method: Method,
  path: string,
  body?: unknown,
  init: { signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': acceptLanguage };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', signal: init.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ProblemError({
      status: 0,
      code: 'NETWORK',
      detail: acceptLanguage === 'en' ? 'The server cannot be reached' : '无法连接服务器，请检查网络后重试',
    });
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json() : await res.text();
  if (res.ok) return data as T;
  const problem: Problem =
    data && typeof data === 'object' && 'code' in data
      ? (data as Problem)
      : { status: res.status, code: res.status === 404 ? 'NOT_FOUND' : 'INTERNAL', detail: String(data).slice(0, 300) };
  const err = new ProblemError({ ...problem, status: res.status });
  if (res.status === 401 && err.reason !== 'INVALID_CREDENTIALS' && err.code !== 'INVALID_CREDENTIALS')
    for (const fn of unauthenticatedListeners) fn(err);
  throw err;
}

/** An endpoint another part of the platform has not shipped yet answers 404 ROUTE_NOT_FOUND. */
export function isMissingEndpoint(err: unknown): boolean {
  return err instanceof ProblemError && err.status === 404 && err.reason === 'ROUTE_NOT_FOUND';
}
