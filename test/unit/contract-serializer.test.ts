import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contractSerializer, droppedKeys } from '../../src/http/contract-serializer.js';

const route = (schema: z.ZodType) => ({ schema, method: 'GET', url: '/x', httpStatus: '200' }) as never;

describe('the response contract serializer', () => {
  const Item = z.object({ id: z.string(), tags: z.array(z.object({ name: z.string() })) });

  it('sends only what the contract names', () => {
    const serialize = contractSerializer({ failOnDroppedFields: false })(route(Item));
    expect(JSON.parse(serialize({ id: 'a', tags: [{ name: 't', secret: 1 }], extra: true }))).toEqual({ id: 'a', tags: [{ name: 't' }] });
  });

  it('fails, when asked to (tests), on a field the contract would drop, naming it', () => {
    const serialize = contractSerializer({ failOnDroppedFields: true })(route(Item));
    expect(serialize({ id: 'a', tags: [] })).toBe('{"id":"a","tags":[]}');
    expect(() => serialize({ id: 'a', tags: [{ name: 't', secret: 1 }] })).toThrow(/drops \.tags\[0\]\.secret/);
  });

  it('does not count fields that are undefined (JSON leaves them out anyway)', () => {
    expect(droppedKeys({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
  });
});
