import type { Role } from '../domain/roles.js';
import type { Dialect } from '../ports/dialect.js';
import type { Store } from '../ports/store.js';
import type { BlobStore } from '../ports/blob-store.js';
import type { ImagePipeline } from '../ports/image-pipeline.js';
import type { Clock } from '../ports/clock.js';
import type { PhotoCheckDecoder } from '../ports/photo-check-decoder.js';
import type { RegistrationFileParser } from '../ports/registration-file-parser.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { PersonalDataCipher } from '../ports/personal-data-cipher.js';
import type { ExampleImagePipeline } from '../ports/example-image-pipeline.js';
import type { SpreadsheetWriter } from '../ports/spreadsheet-writer.js';
import type { LetterRenderer } from '../ports/letter-renderer.js';
import type { ImportReportWriter } from '../ports/import-report-writer.js';
import type { UploadAdmission } from './upload-admission.js';

/** Everything a use case may touch, handed in by the composition root (src/app-context.ts). */
export interface Deps {
  /** Repositories (src/ports/store.ts): where use cases read and write. */
  store: Store;
  dialect: Dialect;
  blobs: BlobStore;
  pipeline: ImagePipeline;
  /** Admission to the image work: bounded queue (503 OVERLOADED beyond it), slots in flight. */
  uploads: UploadAdmission;
  clock: Clock;
  cipher: PersonalDataCipher;
  passwords: PasswordHasher;
  sessionTtlMinutes: number;
  /** Absolute session lifetime from sign-in, however busy the session (default 12). */
  sessionMaxHours?: number;
  /** How long a reviewer's claim holds without renewal (default 15 minutes). */
  claimLeaseMs?: number;
  /** Catalog example images: the upload checks without a watermark. */
  examplePipeline: ExampleImagePipeline;
  /** 报名照片检测's decoder (format, upright size, a small upright copy). */
  photoDecoder: PhotoCheckDecoder;
  /** Reads uploaded registration files (CSV/xlsx) for the import. */
  registrationFiles: RegistrationFileParser;
  /** xlsx downloads written as a stream (the review export). */
  spreadsheets: SpreadsheetWriter;
  /** The error report of a registration import, as CSV or xlsx. */
  importReports: ImportReportWriter;
  /** PDF documents for candidates (the 附件2 letter). */
  letters: LetterRenderer;
  /** HMAC key of hand-off tokens from the registration system; null: hand-off is off. */
  handoffKey: string | null;
  /** A final decision also queues a signed webhook to the registration system (RESULT_WEBHOOK_URL). */
  resultWebhookEnabled?: boolean;
  /** Bearer token of the results pull API (RESULTS_API_TOKEN); unset: the API is off. */
  resultsApiToken?: string | null;
}

/** The authenticated caller as services see it. */
export interface Actor {
  accountId: string;
  username: string;
  role: Role;
  displayName: string;
  regionCode: string | null;
  siteCode: string | null;
  registrationId: string | null;
  mustChangePassword: boolean;
  ip?: string | undefined;
}
