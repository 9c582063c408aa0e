import { z } from 'zod';
import { ERRORS } from '../domain/errors.js';
import { named } from './registry.js';

/**
 * Pieces every area's contract uses: the error body of shared/API.md, {code, name} pairs,
 * ISO times, and the response entries of error statuses.
 */
export const ErrorBody = named(
  'Error',
  z.object({
    error: z.object({
      code: z.enum(Object.keys(ERRORS) as [keyof typeof ERRORS, ...(keyof typeof ERRORS)[]]),
      message: z.string().describe('in zh-CN, or English with Accept-Language: en'),
      details: z.record(z.string(), z.unknown()),
    }),
  }),
);
export type ApiErrorBody = z.infer<typeof ErrorBody>;

export const CodeName = named('Named', z.object({ code: z.string(), name: z.string() }));
export type CodeName = z.infer<typeof CodeName>;
/** An exam category (报考类别): code and Chinese name, and its English name for English mode (null: none written). */
export const ExamCategoryName = named('ExamCategoryName', CodeName.extend({ nameEn: z.string().nullable().optional() }));

/** An ISO 8601 time as the server writes it (Date#toISOString). */
export const IsoTime = z.string().describe('ISO 8601 date-time');
export const IsoTimeOrNull = IsoTime.nullable();

/**
 * Response entries for error statuses: `{404: 'NOT_FOUND: …'}` → the Error body with that
 * description. Errors leave through the error handler in this shape.
 */
export function errors(described: Record<number, string>) {
  return Object.fromEntries(
    Object.entries(described).map(([status, description]) => [status, { description, content: { 'application/json': { schema: ErrorBody } } }]),
  ) as Record<number, { description: string; content: { 'application/json': { schema: typeof ErrorBody } } }>;
}

/** A response without a body (204). */
export const NoContent = (description: string) => z.undefined().describe(description);

/** A name field of an administration form (region, site, category…): trimmed, 1–60 characters. */
export const nameOf = (label: string) => z.string().trim().min(1, `请填写${label}`).max(60);
export const RenameBody = z.object({ name: nameOf('名称') }).strict();

/** A path parameter taken as it comes: the route answers 404 for a malformed one, as for an unknown one. */
export const PathText = z.string();
