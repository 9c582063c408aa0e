import type { ImageTable } from '../adapters/db/schema.js';
import { imageLockReason } from '../domain/image-state.js';
import { statusLabel } from '../domain/registration-status.js';
import type { Locale } from '../domain/errors.js';
import type { CandidateFile } from './load-candidate-file.js';
import { fromDbTime, toBool } from '../adapters/db/time.js';

/** The registration object of shared/API.md. */
export function registrationView(f: CandidateFile, locale: Locale = 'zh-CN') {
  return {
    registrationNo: f.registrationNo,
    name: f.name,
    idNumberMasked: f.idNumberMasked,
    phoneMasked: f.phoneMasked,
    year: f.year,
    examCategory: f.examCategory,
    region: f.region,
    site: f.site,
    status: f.status,
    statusLabel: statusLabel(f.status, locale),
    uploadEnabled: f.uploadOpen,
    uploadOpensAt: f.uploadOpensAt?.toISOString() ?? null,
    uploadClosesAt: f.uploadClosesAt?.toISOString() ?? null,
    activated: f.activated,
    situations: f.situations,
  };
}

/** The image object of shared/API.md. */
export function imageView(row: ImageTable, f: Pick<CandidateFile, 'lock'>) {
  const lockReason = imageLockReason(row.state, f.lock);
  return {
    id: row.id,
    categoryCode: row.category_code,
    url: `/api/v1/images/${row.id}`,
    thumbnailUrl: `/api/v1/images/${row.id}/thumbnail`,
    state: row.state,
    locked: lockReason !== null,
    lockReason,
    reason: row.reason,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    uploadedAt: fromDbTime(row.uploaded_at).toISOString(),
    signals: { blurry: toBool(row.signal_blurry), dark: toBool(row.signal_dark), glare: toBool(row.signal_glare) },
  };
}
