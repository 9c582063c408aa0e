import { z } from 'zod';
import { CodeName, ExamCategoryName, errors, IsoTime, IsoTimeOrNull, NoContent, PathText } from './common.js';
import { Materials, Registration, RegistrationStatus } from './candidate.js';
import { named } from './registry.js';
import { REGISTRATION_STATUSES } from '../domain/registration-status.js';

/** /api/v1/review: the queue, a file's detail, claim, draft, decision, calls, reminders, signals. */

// Requests (the services take these types).
export const QueueQuery = z.object({
  /**
   * A registration status; `pending`: waiting for the caller's level (the default for
   * reviewers; while the upload window is open, complete files only); `incomplete` (材料不齐):
   * waiting at the caller's level with required categories not all filled.
   */
  status: z.enum([...REGISTRATION_STATUSES, 'pending', 'incomplete', 'all']).optional(),
  q: z.string().trim().max(64).optional(),
  examCategory: z.string().max(16).optional(),
  site: z.string().max(16).optional(),
  complete: z.enum(['true', 'false']).optional(),
  changed: z.enum(['true', 'false']).optional(),
  claimed: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

export const DecisionBody = z.object({
  outcome: z.enum(['pass', 'return', 'reject']),
  comment: z.string().max(1000).optional(),
  images: z.array(z.object({ id: z.string().max(64), verdict: z.enum(['approve', 'replace']), reason: z.string().max(200).optional() })).max(200),
  /** return only: categories the candidate must add (shared/API.md), each with its reason. */
  requestedCategories: z.array(z.object({ categoryCode: z.string().max(64), reason: z.string().max(1000).optional() })).max(50).optional(),
});
export type DecisionBody = z.infer<typeof DecisionBody>;

const DraftVerdictInput = z.object({
  verdict: z.enum(['approve', 'replace']),
  preset: z.string().max(40).nullable().optional(),
  note: z.string().max(200).optional(),
});

/** PUT …/draft: the reviewer's marks so far, saved as they work (a whole replacement each time). */
export const DraftBody = z.object({
  verdicts: z.record(z.string().max(64), DraftVerdictInput).refine((v) => Object.keys(v).length <= 200, 'too many images'),
  /** Images the reviewer has had in view (Shift+A approves only these). */
  seen: z.array(z.string().max(64)).max(200).optional(),
});
export type DraftBody = z.infer<typeof DraftBody>;

export const PhoneCallBody = z.object({
  outcome: z.enum(['reached', 'no_answer', 'wrong_number']),
  note: z.string().trim().max(500).optional(),
});
export type PhoneCallBody = z.infer<typeof PhoneCallBody>;

export const ReopenBody = z.object({ reason: z.string().trim().min(1, '请填写重新开启的原因').max(500) });
export type ReopenBody = z.infer<typeof ReopenBody>;

export const SharedPicturesQuery = z.object({
  cursor: z.coerce.number().int().min(0).max(100_000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Only pairs whose two candidates are registered at different sites. */
  crossSite: z.enum(['true', 'false']).default('true'),
});
export type SharedPicturesQuery = z.infer<typeof SharedPicturesQuery>;

export const OpenDuplicateBody = z.object({ imageId: z.string().uuid(), duplicateImageId: z.string().uuid() });
export type OpenDuplicateBody = z.infer<typeof OpenDuplicateBody>;

export const QueueItem = z.object({
  registrationNo: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  examCategory: ExamCategoryName,
  site: CodeName,
  status: RegistrationStatus,
  statusLabel: z.string(),
  changedSinceReturn: z.boolean(),
  materialsComplete: z.boolean(),
  remindedToday: z.boolean().optional().describe('in the 材料不齐 list: the candidate was already reminded today'),
  imageCount: z.number().int(),
  waitingSince: IsoTime,
  statusChangedAt: IsoTime,
  claimed: z.boolean(),
  claimedByMe: z.boolean(),
});
export type QueueItem = z.infer<typeof QueueItem>;
export const QueuePage = z.object({ items: z.array(QueueItem), nextCursor: z.string().nullable() });
export type QueuePage = z.infer<typeof QueuePage>;

export const QueueCounts = z
  .record(z.string(), z.number().int())
  .describe('per status, plus pending (the caller\'s own queue, reviewers only), incomplete and all');
export type QueueCounts = Partial<Record<RegistrationStatus | 'pending' | 'incomplete' | 'all', number>>;

export const FilterOptions = z.object({ examCategories: z.array(ExamCategoryName), sites: z.array(CodeName) });
export type FilterOptions = z.infer<typeof FilterOptions>;

const StatusCounts = z.record(RegistrationStatus, z.number().int());
export const SiteStatistics = z.object({
  site: CodeName,
  region: CodeName,
  counts: StatusCounts,
  total: z.number().int(),
  pendingSite: z.number().int(),
  pendingRegion: z.number().int(),
  oldestWaitingSince: IsoTimeOrNull,
  oldestWaitingMinutes: z.number().int().nullable(),
});
export type SiteStatistics = z.infer<typeof SiteStatistics>;
export const Statistics = z.object({ sites: z.array(SiteStatistics), totals: StatusCounts, generatedAt: IsoTime });
export type Statistics = z.infer<typeof Statistics>;

export const HistoryEntry = z.object({
  id: z.number().int(),
  at: IsoTime,
  action: z.string(),
  actionLabel: z.string(),
  actor: z.object({ name: z.string(), role: z.string().nullable() }).nullable(),
  imageId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const AllowedActions = z.object({ claim: z.boolean(), pass: z.boolean(), return: z.boolean(), reject: z.boolean() });
export type AllowedActions = z.infer<typeof AllowedActions>;

const Verdict = z.enum(['approve', 'replace']);
export const DraftVerdict = z.object({ verdict: Verdict, preset: z.string().nullable(), note: z.string() });
export type DraftVerdict = z.infer<typeof DraftVerdict>;
export const ReviewDraft = z.object({ verdicts: z.record(z.string(), DraftVerdict), seen: z.array(z.string()), updatedAt: IsoTime });
export type ReviewDraft = z.infer<typeof ReviewDraft>;
export type DraftRequest = Omit<ReviewDraft, 'updatedAt'>;

export const SiteOpinion = z.object({
  outcome: z.string(),
  comment: z.string().nullable(),
  by: z.string().nullable(),
  at: IsoTime,
  images: z.record(z.string(), z.object({ verdict: Verdict, reason: z.string().nullable() })).describe("the site's verdict on each image still live, by image id"),
});
export type SiteOpinion = z.infer<typeof SiteOpinion>;

export const ReviewFile = named(
  'ReviewFile',
  Registration.extend({
    changedSinceReturn: z.boolean(),
    materials: Materials,
    history: z.array(HistoryEntry),
    missingRequired: z.array(z.string()).describe('names of required categories still empty'),
    claim: z.object({ byMe: z.boolean(), by: z.string().nullable(), expiresAt: IsoTimeOrNull }).nullable(),
    allowedActions: AllowedActions,
    reviewLevel: z.enum(['site', 'region']).nullable(),
    draft: ReviewDraft.nullable().describe("the caller's own saved marks for this claim"),
    siteOpinion: SiteOpinion.nullable().describe('the latest site decision and its per-image verdicts (考点意见)'),
  }),
);
export type ReviewFile = z.infer<typeof ReviewFile>;
export type DecisionRequest = z.input<typeof DecisionBody>;
export type PhoneOutcome = z.infer<typeof PhoneCallBody>['outcome'];

const SharedSide = z.object({
  imageId: z.string(),
  categoryName: z.string(),
  inScope: z.boolean(),
  registrationNo: z.string().optional().describe('only in scope'),
  name: z.string().optional().describe('only in scope'),
  site: CodeName.optional().describe('only in scope'),
});
export const SharedPicturesPage = z.object({
  items: z.array(z.object({ detectedAt: IsoTime, distance: z.number(), crossSite: z.boolean(), upload: SharedSide, earlier: SharedSide })),
  nextCursor: z.string().nullable(),
});
export type SharedPicturesPage = z.infer<typeof SharedPicturesPage>;

const tags = ['review'];
const file = z.object({ registrationNo: PathText });
const scoped = { 404: 'NOT_FOUND: outside the caller\'s scope, or no such registration' };

export const reviewContracts = {
  queue: {
    tags, summary: 'The review queue in the caller\'s scope, newest change first (pending: waiting longest first)',
    querystring: QueueQuery,
    response: { 200: QueuePage, ...errors({ 422: 'VALIDATION_FAILED' }) },
  },
  counts: { tags, summary: 'How many registrations per status tab', response: { 200: QueueCounts } },
  filterOptions: {
    tags, summary: "Exam categories (报考类别) and the exam sites (考点) in the caller's scope, for the review queue filters",
    response: { 200: FilterOptions },
  },
  statistics: { tags, summary: 'Per site: counts per status, waiting at each level, the oldest wait', response: { 200: Statistics } },
  export: {
    tags, summary: 'The review results in the caller\'s scope as an xlsx workbook',
    querystring: z.object({ status: z.string().max(20).optional() }),
    produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    response: { 200: { description: 'xlsx workbook', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.any().describe('xlsx') } } } },
  },
  detail: {
    tags, summary: 'A registration with its materials, history, claim, draft, site opinion and what the caller may do',
    params: file,
    response: { 200: ReviewFile, ...errors(scoped) },
  },
  claim: {
    tags, summary: 'Claim the file for review (a lease; candidate uploads and deletes answer 423 meanwhile)',
    params: file,
    response: { 200: z.object({ leaseExpiresAt: IsoTime }), ...errors({ ...scoped, 409: 'CLAIMED_BY_OTHER / NOT_REVIEWABLE / MATERIALS_INCOMPLETE' }) },
  },
  release: {
    tags,
    summary: 'Give the claim back. CSRF: the X-CSRF-Token header, or (navigator.sendBeacon, which cannot set headers) {"csrfToken"} in a JSON or text/plain body. With leaseExpiresAt, only that lease is released.',
    params: file,
    // Read by the route itself: a sendBeacon body arrives as text/plain JSON.
    body: z.union([z.object({ csrfToken: z.string().optional(), leaseExpiresAt: IsoTime.optional() }), z.string(), z.undefined(), z.null()]),
    response: { 204: NoContent('Released (or nothing to release)'), ...errors({ 403: 'CSRF_FAILED', ...scoped }) },
  },
  draft: {
    tags, summary: "Save the claim holder's per-image marks so far (replaces the draft); returned as `draft` by the review detail, deleted by the decision or a takeover",
    params: file, body: DraftBody,
    response: { 200: z.object({ updatedAt: IsoTime }), ...errors({ ...scoped, 409: 'NOT_CLAIMED / STALE_IMAGES', 422: 'VALIDATION_FAILED' }) },
  },
  decision: {
    tags, summary: 'Decide (pass / return / reject) on the claimed file; answers the registration',
    params: file, body: DecisionBody,
    response: { 200: Registration, ...errors({ ...scoped, 409: 'NOT_CLAIMED / STALE_IMAGES', 422: 'DECISION_INVALID / VALIDATION_FAILED' }) },
  },
  remind: {
    tags, summary: '提醒: remind a candidate whose file is incomplete (材料不齐) — in-app message and SMS, at most once per candidate and day, audited',
    params: file,
    response: { 200: z.object({ remindedAt: IsoTime, missing: z.array(z.string()) }), ...errors({ ...scoped, 409: 'REMINDED_TODAY or NOT_REVIEWABLE (the file is complete or not at your level)' }) },
  },
  calls: {
    tags, summary: 'Record a phone call to the candidate (it joins the history)',
    params: file, body: PhoneCallBody,
    response: { 204: NoContent('Recorded'), ...errors({ ...scoped, 422: 'VALIDATION_FAILED' }) },
  },
  phone: {
    tags, summary: 'The full phone number, to place a call (staff in scope; audit row phone.revealed)',
    params: file,
    response: { 200: z.object({ phone: z.string() }), ...errors(scoped) },
  },
  reopen: {
    tags, summary: 'Administrators: reopen a final decision for another review, with a reason (audited)',
    params: file, body: ReopenBody,
    response: { 200: Registration, ...errors({ ...scoped, 409: 'NOT_REVIEWABLE: the decision is not final', 422: 'VALIDATION_FAILED' }) },
  },
  sharedPictures: {
    tags, summary: "Pairs of live images of two candidates showing the same picture, newest first (region reviewers and admins, in scope; the other side's 报名号 only in scope)",
    querystring: SharedPicturesQuery,
    response: { 200: SharedPicturesPage, ...errors({ 404: 'NOT_FOUND', 422: 'VALIDATION_FAILED' }) },
  },
  duplicateOpened: {
    tags, summary: 'Records (audit) that the reviewer follows a duplicate link to the other image; returns its 报名号',
    body: OpenDuplicateBody,
    response: { 200: z.object({ registrationNo: z.string() }), ...errors({ 404: 'NOT_FOUND', 422: 'VALIDATION_FAILED' }) },
  },
};
