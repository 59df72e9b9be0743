import { useRef } from 'react';
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { ProblemError, type Problem } from '../lib/problem';
import { session } from '../lib/session';

/**
 * Until every property of the OpenAPI document is typed, unnamed types arrive as `unknown`; on the wire
 * they are strings (ids, codes, dates). `Wire` reads them so, and is the identity once the document is complete.
 */
export type Wire<T> = unknown extends T ? string
  : T extends (infer U)[] ? Wire<U>[]
  : T extends object ? { [K in keyof T]: Wire<T[K]> }
  : T;

export type Schema<N extends keyof components['schemas']> = Wire<components['schemas'][N]>;

const auth: Middleware = {
  onRequest({ request }) {
    const key = session.get();
    if (key) request.headers.set('Authorization', `Bearer ${key}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** Money-moving requests need an Idempotency-Key; one per user action, so a retried click is the same request. */
export const idempotencyKey = () => crypto.randomUUID();

/** The data of a response, or a ProblemError with the server's problem (status, code, detail, errors). */
export async function call<D>(request: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<Wire<D>> {
  const { data, error, response } = await request;
  if (!response.ok) {
    const body = (error ?? {}) as Partial<Problem>;
    throw new ProblemError({ ...body, status: response.status } as Problem);
  }
  return data as Wire<D>;
}

/** Product category codes of a charter, whichever way the document types the list (objects with `code`). */
export const categoryCodes = (list: unknown[] | null | undefined): string[] =>
  (list ?? []).map((c) => (typeof c === 'string' ? c : String((c as { code?: unknown }).code)));

/**
 * One Idempotency-Key per intended action: kept while the outcome is unknown (5xx, no answer), so a retry
 * cannot book twice; replaced once the server answered — after success, or a refusal, which changed nothing
 * and whose key stays bound to the refused body.
 */
export function useIdempotencyKey() {
  const ref = useRef(idempotencyKey());
  return {
    key: () => ref.current,
    answered: (e?: unknown) => {
      if (e === undefined || (e instanceof ProblemError && e.problem.status < 500)) ref.current = idempotencyKey();
    },
  };
}
