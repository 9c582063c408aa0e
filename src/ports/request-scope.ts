import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The HTTP request a piece of work runs for: its id (also in the request log and the
 * X-Request-Id response header) and the caller's address. Set once by the HTTP layer,
 * read by the audit log, so every audit row can be traced to its request without each
 * use case passing the id along.
 */
export interface RequestScope {
  requestId: string;
  ip: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The current request, or undefined outside one (CLI, job worker, sweeps). */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
