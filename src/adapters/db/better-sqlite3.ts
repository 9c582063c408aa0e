import { createRequire } from 'node:module';
import type BetterSqlite3Module from 'better-sqlite3';

/**
 * better-sqlite3 in the build this Node can run (docs/ARCHITECTURE.md, "Runtime"). 13.x (the
 * `better-sqlite3-13` alias) is a Node-API 10 addon, which Node 20 (Node-API 9) cannot load.
 * 12.x subclasses `node::ObjectWrap`, whose destructor in Node 24.19+ removes an environment
 * cleanup hook and aborts the process when the garbage collector finalizes a statement outside
 * a JavaScript context. So Node-API 10 (Node 22.14+, 24) gets 13, and Node 20 gets 12.
 */
export const betterSqlite3Package = Number(process.versions.napi) >= 10 ? 'better-sqlite3-13' : 'better-sqlite3';

/** The same API in both majors; the types come from @types/better-sqlite3. */
export const BetterSqlite3: typeof BetterSqlite3Module = createRequire(import.meta.url)(betterSqlite3Package);
