/** Which SQL database the query layer talks to; the few dialect-specific statements branch on it. */
export type Dialect = 'sqlite' | 'postgres';
