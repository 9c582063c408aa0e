import { z } from 'zod';
import { CodeName, ExamCategoryName, errors, IsoTime, IsoTimeOrNull, NoContent, PathText } from './common.js';
import { named } from './registry.js';

/** /api/v1/candidate: registration, materials, upload and delete, inbox, the region's 公告, documents. */
export const RegistrationStatus = z.enum(['draft', 'returned', 'site_approved', 'approved', 'rejected']);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;
export const UploadWindowState = z.enum(['open', 'not_open', 'closed', 'off']).describe('open / not_open (未开放) / closed (已截止) / off');
export type UploadWindowState = z.infer<typeof UploadWindowState>;

export const Registration = named(
  'Registration',
  z.object({
    registrationNo: z.string(),
    name: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string(),
    year: z.number().int(),
    examCategory: ExamCategoryName,
    region: CodeName,
    site: CodeName,
    status: RegistrationStatus,
    statusLabel: z.string(),
    uploadEnabled: z.boolean(),
    uploadOpensAt: IsoTimeOrNull,
    uploadClosesAt: IsoTimeOrNull,
    uploadWindowState: UploadWindowState,
    lateFixesOpen: z.boolean().describe('a returned candidate may still fix what the return asked for, until reviewClosesAt'),
    reviewClosesAt: IsoTimeOrNull,
    activated: z.boolean(),
    situations: z.array(z.string()),
  }),
);
export type Registration = z.infer<typeof Registration>;

export const ImageState = z.enum(['pending', 'approved', 'replace_requested']);
export type ImageState = z.infer<typeof ImageState>;

export const Duplicate = z.object({
  imageId: z.string(),
  sameCandidate: z.boolean(),
  registrationNo: z.string().optional().describe("only when in the reviewer's scope"),
});
export const ImageSignals = z
  .object({ blurry: z.boolean(), dark: z.boolean(), glare: z.boolean(), duplicates: z.array(Duplicate).optional() })
  .describe('Machine signals at upload (docs/SIGNALS.md); duplicates in the review detail only');
export type ImageSignals = z.infer<typeof ImageSignals>;

export const MaterialImage = named(
  'Image',
  z.object({
    id: z.string(),
    categoryCode: z.string(),
    url: z.string(),
    thumbnailUrl: z.string(),
    state: ImageState,
    locked: z.boolean(),
    lockReason: z.enum(['approved', 'under_review', 'final', 'upload_closed']).nullable(),
    deletable: z.boolean().describe('the candidate may delete it now'),
    reason: z.string().nullable(),
    width: z.number().int(),
    height: z.number().int(),
    bytes: z.number().int(),
    uploadedAt: IsoTime,
    signals: ImageSignals,
  }),
);
export type MaterialImage = z.infer<typeof MaterialImage>;

export const TodoItem = z.object({
  kind: z.enum(['missing', 'replace', 'requested']),
  categoryCode: z.string(),
  imageId: z.string().optional(),
  reason: z.string().optional(),
});
export type TodoItem = z.infer<typeof TodoItem>;

export const MaterialCategory = z.object({
  code: z.string(),
  name: z.string(),
  requirements: z.string(),
  /** English mode's words, where the catalog has them (server extension; null: show the Chinese). */
  nameEn: z.string().nullable().optional(),
  requirementsEn: z.string().nullable().optional(),
  exampleImageUrl: z.string(),
  required: z.boolean(),
  minCount: z.number().int(),
  maxCount: z.number().int(),
  images: z.array(MaterialImage),
});
export type MaterialCategory = z.infer<typeof MaterialCategory>;

export const ReviewComment = z.object({ level: z.string(), outcome: z.string(), comment: z.string(), at: IsoTime });
export type ReviewComment = z.infer<typeof ReviewComment>;

export const RequestedCategory = z.object({ categoryCode: z.string(), reason: z.string(), level: z.string(), requestedAt: IsoTime });

export const Materials = named(
  'Materials',
  z.object({
    status: RegistrationStatus,
    statusLabel: z.string(),
    underReview: z.boolean(),
    claimedUntil: IsoTimeOrNull.describe('a reviewer holds the file (images locked) until this time at most'),
    uploadEnabled: z.boolean(),
    uploadWindowState: UploadWindowState,
    lateFixesOpen: z.boolean().describe('after the upload deadline a returned candidate may still replace flagged images and add requested categories, until reviewClosesAt'),
    reviewClosesAt: IsoTimeOrNull,
    reviewComments: z.array(ReviewComment),
    todo: z.array(TodoItem).describe('what the candidate still has to do, in page order; never empty while a replace_requested image remains'),
    requestedCategories: z.array(RequestedCategory),
    categories: z.array(MaterialCategory),
    otherImages: z.array(MaterialImage).describe('images of categories that no longer apply (after a change of exam category)'),
  }),
);
export type Materials = z.infer<typeof Materials>;

export const CandidateMessage = z.object({ id: z.number().int(), title: z.string(), body: z.string(), createdAt: IsoTime, readAt: IsoTimeOrNull });
export type CandidateMessage = z.infer<typeof CandidateMessage>;
export const MessageList = z.object({ unread: z.number().int(), items: z.array(CandidateMessage) });
export type MessageList = z.infer<typeof MessageList>;

export const Announcement = z.object({ title: z.string(), body: z.string(), link: z.string().nullable(), updatedAt: IsoTime });
export type Announcement = z.infer<typeof Announcement>;
export const AnnouncementEnvelope = z.object({ announcement: Announcement.nullable() });
export type AnnouncementEnvelope = z.infer<typeof AnnouncementEnvelope>;

export const ActivateBody = z.object({ agree: z.literal(true, { message: '请勾选同意' }) });

const tags = ['candidate'];
const categoryParams = z.object({ categoryCode: PathText });
const imageParams = z.object({ imageId: PathText });

export const candidateContracts = {
  activate: {
    tags, summary: '激活用户: accept the consent once',
    // Optional here so that a missing body gets the consent's own message from the route.
    body: ActivateBody.optional(),
    response: { 200: Registration, ...errors({ 401: 'UNAUTHENTICATED', 422: 'VALIDATION_FAILED' }) },
  },
  registration: { tags, summary: '报名信息', response: { 200: Registration, ...errors({ 401: 'UNAUTHENTICATED' }) } },
  materials: {
    tags, summary: 'Material list with images and review comments',
    response: { 200: Materials, ...errors({ 401: 'UNAUTHENTICATED', 403: 'ACTIVATION_REQUIRED' }) },
  },
  upload: {
    tags, summary: 'Upload one image (jpg/png, ≤ 204800 bytes); saved at once, watermarked. A repeated Idempotency-Key answers the first result (header Idempotent-Replayed: true)',
    params: categoryParams,
    headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
    consumes: ['multipart/form-data'],
    response: {
      200: MaterialImage.describe('The stored image of an earlier request with this Idempotency-Key'),
      201: MaterialImage.describe('Stored image'),
      ...errors({
        400: 'UPLOAD_INCOMPLETE', 403: 'UPLOAD_DISABLED / ACTIVATION_REQUIRED', 404: 'CATEGORY_NOT_FOUND', 409: 'CATEGORY_FULL',
        413: 'FILE_TOO_LARGE', 415: 'UNSUPPORTED_FORMAT', 422: 'INVALID_IMAGE / IDEMPOTENCY_KEY_REUSED', 423: 'MATERIALS_LOCKED',
        503: 'STORAGE_UNAVAILABLE', 507: 'STORAGE_FULL',
      }),
    },
  },
  deleteImage: {
    tags, summary: "Delete one of one's own unlocked images", params: imageParams,
    response: { 204: NoContent('Deleted'), ...errors({ 404: 'NOT_FOUND', 423: 'IMAGE_LOCKED' }) },
  },
  messages: { tags, summary: '审核通知: the inbox, newest first, with the unread count', response: { 200: MessageList, ...errors({ 403: 'ACTIVATION_REQUIRED' }) } },
  readMessage: {
    tags, summary: 'Mark a message read', params: z.object({ id: PathText }),
    response: { 204: NoContent('Read'), ...errors({ 404: 'NOT_FOUND' }) },
  },
  announcement: { tags, summary: "The 公告 of the candidate's region, or null", response: { 200: AnnouncementEnvelope } },
  commitmentLetter: {
    tags, summary: "附件2 临床实践训练经历满一年证明及个人承诺书, A4 PDF pre-filled with the candidate's name, ID number and phone (any activated candidate)",
    produces: ['application/pdf'],
    response: { 200: { description: 'application/pdf', content: { 'application/pdf': { schema: z.any().describe('PDF') } } }, ...errors({ 401: 'UNAUTHENTICATED', 403: 'ACTIVATION_REQUIRED', 429: 'RATE_LIMITED' }) },
  },
};
