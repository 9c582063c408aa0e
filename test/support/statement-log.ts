import { currentRequestScope } from '../../src/ports/request-scope.js';

/**
 * Counts the SQL statements the server sends to its database, per HTTP request: installed as
 * the database's statement hook (startTestServer({ countStatements: true })), it files each
 * statement under the request it runs for (the request scope the HTTP layer sets; its id is the
 * X-Request-Id response header). Every statement the driver sends counts: BEGIN and COMMIT, and
 * failed ones. Work outside a request (job worker, sweeps, start-up) is not counted.
 */
export class StatementLog {
  private readonly byRequest = new Map<string, string[]>();

  /** The hook for createAppContext's onStatement. */
  readonly record = (sql: string): void => {
    const requestId = currentRequestScope()?.requestId;
    if (requestId === undefined) return;
    let list = this.byRequest.get(requestId);
    if (!list) this.byRequest.set(requestId, (list = []));
    list.push(sql);
  };

  /** The statements of one request, in order, by the X-Request-Id its answer carried. */
  of(requestId: string | null | undefined): string[] {
    if (!requestId) throw new Error('the response carried no X-Request-Id');
    return [...(this.byRequest.get(requestId) ?? [])];
  }
}
