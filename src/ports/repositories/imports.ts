import type { RegistrationStatus } from '../../domain/registration-status.js';
import type { ReviewLevel } from '../../domain/review-rules.js';

/** What an import row is checked against: the known exam categories, regions and sites. */
export interface ImportReferenceData {
  examCategories: Array<{ code: string; name: string }>;
  regionCodes: string[];
  sites: Array<{ code: string; regionCode: string }>;
}

/** A stored registration as a re-import compares it with the file's row. */
export interface StoredRegistration {
  id: string;
  registrationNo: string;
  name: string;
  idType: string;
  idNumberHash: string;
  phoneCipher: string;
  year: number;
  examCategoryCode: string;
  regionCode: string;
  siteCode: string;
  situations: string[];
  status: RegistrationStatus;
}

/** A new registration: in 填报, no image, not activated, not claimed. */
export interface NewRegistration {
  id: string;
  registrationNo: string;
  name: string;
  idType: string;
  idNumberCipher: string;
  idNumberHash: string;
  idNumberMasked: string;
  phoneCipher: string;
  phoneMasked: string;
  year: number;
  examCategoryCode: string;
  regionCode: string;
  siteCode: string;
  situations: string[];
  reviewQueue: ReviewLevel | null;
  /** No required category: complete with no image. */
  materialsComplete: boolean;
  createdAt: Date;
}

/** What a re-import writes; the ID number and phone only when they changed. */
export interface RegistrationUpdate {
  name: string;
  idType: string;
  idNumber?: { cipher: string; hash: string; masked: string } | undefined;
  phone?: { cipher: string; masked: string } | undefined;
  year: number;
  examCategoryCode: string;
  regionCode: string;
  siteCode: string;
  situations: string[];
  updatedAt: Date;
  /** Back to 填报: the claim is dropped and the changes-since-return flag cleared. */
  backToDraft: boolean;
}

/** One import's outcome; the rejected rows stay encrypted (they hold ID numbers). */
export interface ImportReportRecord {
  id: string;
  accountId: string | null;
  actorUsername: string;
  regionScope: string | null;
  fileName: string;
  fileFormat: string;
  totalRows: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  reportCipher: string;
  createdAt: Date;
}

export type ImportReportSummary = Omit<ImportReportRecord, 'reportCipher'>;

/** The registration import: its reads and writes of registrations and accounts, and its reports. */
export interface ImportsRepository {
  referenceData(): Promise<ImportReferenceData>;
  /**
   * The registrations of these 报名号 already stored; with `lock` (PostgreSQL) their rows stay
   * locked until the transaction ends, against a reviewer's decision in the same moment.
   */
  storedRegistrations(registrationNos: readonly string[], opts: { lock: boolean }): Promise<StoredRegistration[]>;
  /** Accounts whose user name is one of these (a candidate's is the 报名号). */
  accountsNamed(usernames: readonly string[]): Promise<Array<{ id: string; username: string; registrationId: string | null }>>;
  insertRegistrations(rows: readonly NewRegistration[]): Promise<void>;
  /**
   * Updates the registration while it is still in `expectedStatus` (and in `regionScope`, when
   * given): false when it moved or was decided since it was read.
   */
  updateRegistration(id: string, expectedStatus: RegistrationStatus, regionScope: string | null, update: RegistrationUpdate): Promise<boolean>;
  /** A candidate account follows its registration's name, region and site. */
  updateCandidateAccount(accountId: string, p: { displayName: string; regionCode: string; siteCode: string }): Promise<void>;

  saveReport(report: ImportReportRecord): Promise<void>;
  /** The latest imports, newest first. */
  listReports(regionScope: string | null, limit: number): Promise<ImportReportSummary[]>;
  findReport(id: string, regionScope: string | null): Promise<{ fileName: string; reportCipher: string } | undefined>;
}
