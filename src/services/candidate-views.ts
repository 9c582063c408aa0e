import type { ImageRecord } from '../ports/repositories/images.js';
import { imageLockReason } from '../domain/image-state.js';
import { statusLabel } from '../domain/registration-status.js';
import type { Locale } from '../domain/errors.js';
import type { CandidateFile } from './load-candidate-file.js';

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
    /** open / not_open (未开放) / closed (已截止) / off: the page words its notice by it. */
    uploadWindowState: f.uploadWindowState,
    /** A returned candidate may still fix what the return asked for, until reviewClosesAt. */
    lateFixesOpen: f.lateFixesOpen,
    reviewClosesAt: f.reviewClosesAt?.toISOString() ?? null,
    activated: f.activated,
    situations: f.situations,
  };
}

/**
 * The image object of shared/API.md. After the upload deadline an image marked for
 * replacement stays open while late fixes are; `deletable` also covers an approved image
 * of a category an import took out of the required set (left over after a change of
 * exam category or situation), which the candidate may tidy away while the file is editable.
 */
export function imageView(row: ImageRecord, f: Pick<CandidateFile, 'lock'> & { lateFixesOpen?: boolean }, opts: { released?: boolean } = {}) {
  let lockReason = imageLockReason(row.state, f.lock);
  if (lockReason === 'upload_closed' && f.lateFixesOpen && row.state === 'replace_requested') lockReason = null;
  const leftoverApproved = row.state === 'approved' && opts.released === true && f.lock.uploadOpen && !f.lock.claimed && (f.lock.status === 'draft' || f.lock.status === 'returned');
  return {
    id: row.id,
    categoryCode: row.categoryCode,
    url: `/api/v1/images/${row.id}`,
    thumbnailUrl: `/api/v1/images/${row.id}/thumbnail`,
    state: row.state,
    locked: lockReason !== null,
    lockReason,
    deletable: lockReason === null || leftoverApproved,
    reason: row.reason,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    uploadedAt: row.uploadedAt.toISOString(),
    signals: { ...row.signals },
  };
}
