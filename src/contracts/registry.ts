import { z } from 'zod';

/**
 * Named schemas of the published document (#/components/schemas/<id>). A registry of our own,
 * not zod's global one: a test run evaluates this module once per test file in one process,
 * and the global registry refuses an id it already holds.
 */
export const contractRegistry = z.registry<{ id: string; description?: string }>();

/** The schema, registered under `id` so the document refers to it instead of repeating it. */
export function named<T extends z.ZodType>(id: string, schema: T): T {
  contractRegistry.add(schema, { id });
  return schema;
}
