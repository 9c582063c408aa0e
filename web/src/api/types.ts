/** Shapes of the HTTP contract (shared/API.md) the web client uses. */

export type Role = 'candidate' | 'site_reviewer' | 'region_reviewer' | 'admin';

export interface User {
  id: string | number;
  username: string;
  role: Role;
  displayName: string;
  regionCode?: string | null;
  siteCode?: string | null;
  mustChangePassword: boolean;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export type RegistrationStatus = 'draft' | 'returned' | 'site_approved' | 'approved' | 'rejected';

export interface CodeName {
  code: string;
  name: string;
}

export interface Registration {
  registrationNo: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  year: number;
  examCategory: CodeName;
  region: CodeName;
  site: CodeName;
  status: RegistrationStatus;
  statusLabel: string;
  uploadEnabled: boolean;
  /** Upload window of the region (server extension; null when not set). */
  uploadOpensAt?: string | null;
  uploadClosesAt?: string | null;
  /** Server extension: open / not_open (未开放) / closed (已截止) / off. */
  uploadWindowState?: UploadWindowState;
  /** Server extension: a returned candidate may still fix what the return asked for. */
  lateFixesOpen?: boolean;
  reviewClosesAt?: string | null;
  activated: boolean;
}

export type UploadWindowState = 'open' | 'not_open' | 'closed' | 'off';

/** materials.todo (shared/API.md): what the candidate still has to do, in page order. */
export interface TodoItem {
  kind: 'missing' | 'replace' | 'requested';
  categoryCode: string;
  imageId?: string;
  reason?: string;
}

export type ImageState = 'pending' | 'approved' | 'replace_requested';

export interface MaterialImage {
  id: string;
  categoryCode: string;
  url: string;
  thumbnailUrl: string;
  state: ImageState;
  locked: boolean;
  reason: string | null;
  /** Server extension: the candidate may delete it now. */
  deletable?: boolean;
  width: number;
  height: number;
  bytes: number;
  uploadedAt: string;
  /** Machine signals at upload; `duplicates` in the review detail only. */
  signals?: ImageSignals;
}

export interface ImageSignals {
  blurry: boolean;
  dark: boolean;
  glare: boolean;
  duplicates?: { imageId: string; sameCandidate: boolean; registrationNo?: string }[];
}

export interface MaterialCategory {
  code: string;
  name: string;
  requirements: string;
  /** English mode's words, where the catalog has them (server extension). */
  nameEn?: string | null;
  requirementsEn?: string | null;
  exampleImageUrl: string | null;
  required: boolean;
  minCount: number;
  maxCount: number;
  images: MaterialImage[];
}

export interface ReviewComment {
  level: string;
  comment: string;
  at: string;
}

export interface Materials {
  status: RegistrationStatus;
  statusLabel: string;
  underReview: boolean;
  /** Server extension: same as the registration's. */
  uploadEnabled?: boolean;
  reviewComments: ReviewComment[];
  todo: TodoItem[];
  /** Server extension: the categories a return asked for, still open. */
  requestedCategories?: Array<{ categoryCode: string; reason: string; level: string; requestedAt: string }>;
  /** Server extension: a reviewer holds the file until this time at most. */
  claimedUntil?: string | null;
  uploadWindowState?: UploadWindowState;
  lateFixesOpen?: boolean;
  reviewClosesAt?: string | null;
  categories: MaterialCategory[];
  /** Server extension: images of categories that no longer apply (after a change of exam category). */
  otherImages?: MaterialImage[];
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Server extension: the candidate's inbox (审核通知). */
export interface CandidateMessage {
  id: number;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface MessageList {
  unread: number;
  items: CandidateMessage[];
}
