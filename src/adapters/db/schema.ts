import type { Role } from '../../domain/roles.js';
import type { ColumnType, Generated } from 'kysely';

/** Row types as the query layer sees them. Times are ISO strings, booleans 0/1. */
export interface RegionTable {
  code: string;
  name: string;
  upload_enabled: number;
  upload_opens_at: string | null;
  upload_closes_at: string | null;
  review_opens_at: string | null;
  review_closes_at: string | null;
}
export interface SiteTable {
  code: string;
  region_code: string;
  name: string;
}
export interface ExamCategoryTable {
  code: string;
  name: string;
  /** English for the web client's English mode (null: none written, the Chinese is shown). */
  name_en: string | null;
  sort_order: number;
}
export interface MaterialCategoryTable {
  code: string;
  name: string;
  requirements: string;
  /** English for the web client's English mode (null: none written, the Chinese is shown). */
  name_en: string | null;
  requirements_en: string | null;
  min_count: number;
  max_count: number;
  sort_order: number;
  example_image: string | null;
}
export interface RequirementRuleTable {
  id: Generated<number>;
  /** null: the national default. */
  region_code: string | null;
  /** A 考点's own rule (region_code is then the site's region): it can only add required categories. */
  site_code: string | null;
  /** null: any exam category. */
  exam_category_code: string | null;
  /** null: every candidate; otherwise the situation code that triggers the rule. */
  situation: string | null;
  material_code: string;
  requirement: 'required' | 'optional' | 'hidden';
  max_count: number | null;
  extra_text: string | null;
  /** The extra text in English (null: none written, English mode shows the Chinese). */
  extra_text_en: string | null;
}
export interface RegistrationTable {
  id: string;
  registration_no: string;
  name: string;
  id_type: string;
  /** AES-GCM ciphertext; never queried. */
  id_number_cipher: string;
  /** Keyed HMAC of the normalised number: lookups without plaintext. */
  id_number_hash: string;
  id_number_masked: string;
  phone_cipher: string;
  phone_masked: string;
  year: number;
  exam_category_code: string;
  region_code: string;
  site_code: string;
  /** JSON array of situation codes (应届毕业研究生, 助理报考执业, ...). */
  situations: string;
  status: string;
  status_changed_at: string;
  activated_at: string | null;
  changed_since_return: number;
  claim_account_id: string | null;
  claim_expires_at: string | null;
  review_queue: 'site' | 'region' | null;
  waiting_since: string;
  materials_complete: number;
  image_count: number;
  created_at: string;
  updated_at: string;
}
export interface AccountTable {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  display_name: string;
  region_code: string | null;
  site_code: string | null;
  registration_id: string | null;
  must_change_password: number;
  disabled: number;
  created_at: string;
}
export interface SessionTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}
export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  blocked_until: string | null;
}
export interface ImageTable {
  id: string;
  registration_id: string;
  category_code: string;
  /** 0..max_count-1; unique among live images, which bounds the count under concurrency. */
  slot: number;
  blob_key: string;
  thumb_key: string;
  sha256: string;
  width: number;
  height: number;
  bytes: number;
  state: 'pending' | 'approved' | 'replace_requested';
  reason: string | null;
  uploaded_at: string;
  deleted_at: string | null;
  /** Machine signals at upload (0/1), migration 011. */
  signal_blurry: number;
  signal_dark: number;
  signal_glare: number;
}
/** Perceptual hashes of an image: the picture as uploaded, and the stored watermarked one. */
export interface ImageHashTable {
  image_id: string;
  kind: 'picture' | 'stored';
  /**
   * Signed 64-bit integer (migration 012), written as decimal text (hashToInt64). Not selectable
   * as such: pg would parse int8 into a lossy number; read `hash >> 32` and `hash & 4294967295`.
   */
  hash: ColumnType<never, string, string>;
  band0: number;
  band1: number;
  band2: number;
  band3: number;
  registration_id: string;
  /** 1 while the image is live and the hash is not degenerate: only those rows are in the band indexes. */
  live: number;
}
/** A pair of images found to show the same picture, at the later one's upload. */
export interface ImageDuplicateTable {
  image_id: string;
  duplicate_image_id: string;
  distance: number;
  detected_at: string;
}
export interface IdempotencyTable {
  account_id: string;
  key: string;
  request_fingerprint: string;
  status_code: number;
  response_body: string;
  created_at: string;
}
export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  actor_account_id: string | null;
  actor_role: string | null;
  action: string;
  registration_id: string | null;
  image_id: string | null;
  details: string;
  ip: string | null;
  /** The HTTP request that wrote the row (X-Request-Id); null outside a request (CLI, jobs). */
  request_id: string | null;
}
export interface ReviewCommentTable {
  id: Generated<number>;
  registration_id: string;
  level: 'site' | 'region';
  outcome: 'pass' | 'return' | 'reject';
  comment: string | null;
  account_id: string;
  at: string;
}
export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  run_at: string;
  attempts: number;
  locked_until: string | null;
  done_at: string | null;
  last_error: string | null;
}
export interface MessageTable {
  id: Generated<number>;
  registration_id: string;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
}
export interface BlobRecordTable {
  /** Blob keys written but not yet referenced by an image row; swept when old. */
  key: string;
  created_at: string;
}

export interface HandoffTokenUsedTable {
  /** The token's jti: a hand-off link works once. Kept until it has expired. */
  jti: string;
  registration_no: string;
  expires_at: string;
  used_at: string;
}
export interface ImportReportTable {
  id: string;
  account_id: string | null;
  actor_username: string;
  /** null: a national import; otherwise the region of the importing administrator. */
  region_scope: string | null;
  file_name: string;
  file_format: string;
  total_rows: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The rejected rows with their raw values, JSON encrypted like other personal data. */
  report_cipher: string;
  created_at: string;
}

export interface ReviewDraftTable {
  registration_id: string;
  account_id: string;
  level: 'site' | 'region';
  body: string;
  updated_at: string;
}
export interface ResultEventTable {
  seq: Generated<number>;
  id: string;
  registration_id: string;
  payload: string;
  created_at: string;
}

export interface RegionAnnouncementTable {
  region_code: string;
  title: string;
  body: string;
  link: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** A return asking the candidate for a further document (requestedCategories). */
export interface RequestedCategoryTable {
  id: Generated<number>;
  registration_id: string;
  category_code: string;
  reason: string;
  level: 'site' | 'region';
  account_id: string;
  requested_at: string;
  /** The candidate uploaded into the category: the request is done. */
  fulfilled_at: string | null;
  /** The next decision ended it unfulfilled. */
  closed_at: string | null;
}
/** One 提醒 of an incomplete file per candidate and China day. */
export interface CandidateReminderTable {
  registration_id: string;
  day: string;
  account_id: string;
  at: string;
}

/** A category an import took out of the candidate's required set (its approved images may go). */
export interface ReleasedCategoryTable {
  registration_id: string;
  category_code: string;
  released_at: string;
}

export interface DB {
  regions: RegionTable;
  sites: SiteTable;
  exam_categories: ExamCategoryTable;
  material_categories: MaterialCategoryTable;
  requirement_rules: RequirementRuleTable;
  registrations: RegistrationTable;
  accounts: AccountTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  images: ImageTable;
  image_hashes: ImageHashTable;
  image_duplicates: ImageDuplicateTable;
  idempotency_keys: IdempotencyTable;
  audit_events: AuditEventTable;
  review_comments: ReviewCommentTable;
  jobs: JobTable;
  messages: MessageTable;
  pending_blobs: BlobRecordTable;
  handoff_tokens_used: HandoffTokenUsedTable;
  import_reports: ImportReportTable;
  review_drafts: ReviewDraftTable;
  result_events: ResultEventTable;
  region_announcements: RegionAnnouncementTable;
  requested_categories: RequestedCategoryTable;
  candidate_reminders: CandidateReminderTable;
  released_categories: ReleasedCategoryTable;
}
