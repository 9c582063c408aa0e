import { createSerializerCompiler } from 'fastify-type-provider-zod';

type SerializerCompiler = ReturnType<typeof createSerializerCompiler>;

/** Paths of `sent` (object keys, recursively) that are missing from `kept`. */
export function droppedKeys(sent: unknown, kept: unknown, at = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) return sent.flatMap((v, i) => droppedKeys(v, kept[i], `${at}[${i}]`));
  if (!sent || typeof sent !== 'object' || !kept || typeof kept !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(sent)) {
    if (v === undefined) continue;
    if (!(k in kept)) out.push(`${at}.${k}`);
    else out.push(...droppedKeys(v, (kept as Record<string, unknown>)[k], `${at}.${k}`));
  }
  return out;
}

/**
 * The contracts' serializer: each response goes through its zod schema, which keeps only the
 * fields the contract names. With `failOnDroppedFields` (the test runs), a field the handler
 * sends but the contract leaves out is an error, so a contract cannot silently lose a field
 * the web client or API.md needs.
 */
export function contractSerializer(opts: { failOnDroppedFields: boolean }): SerializerCompiler {
  const base = createSerializerCompiler({});
  if (!opts.failOnDroppedFields) return base;
  return (route) => {
    const serialize = base(route);
    return (data) => {
      const json = serialize(data);
      const dropped = droppedKeys(JSON.parse(JSON.stringify(data ?? null)), JSON.parse(json === undefined ? 'null' : json));
      if (dropped.length > 0) throw new Error(`${route.method} ${route.url}: the response contract drops ${dropped.slice(0, 5).join(', ')}`);
      return json;
    };
  };
}
