import type { Actor, Deps } from './deps.js';
import type { Locale } from '../domain/errors.js';
import { AppError } from '../domain/errors.js';
import { statusLabel } from '../domain/registration-status.js';
import { liveImages, loadCandidateFile, resolveCategoriesFor, type CandidateFile } from './load-candidate-file.js';
import { imageView } from './candidate-views.js';
import type { Repositories } from '../ports/store.js';
import { buildTodo } from '../domain/materials-todo.js';
import { openRequests, releasedCategories } from './review-requests.js';

export async function requireCandidateFile(deps: Deps, actor: Actor): Promise<CandidateFile> {
  if (!actor.registrationId) throw new AppError('NOT_FOUND');
  const file = await loadCandidateFile(deps.store, actor.registrationId, deps.clock.now());
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}

/** The review comments that explain the current status (shown at the top of the upload page). */
export async function currentReviewComments(tx: Pick<Repositories, 'reviewComments'>, file: Pick<CandidateFile, 'id' | 'status'>) {
  if (file.status !== 'returned' && file.status !== 'rejected') return [];
  const latest = await tx.reviewComments.latestOf(file.id);
  if (!latest || !latest.comment) return [];
  return [{ level: latest.level, outcome: latest.outcome, comment: latest.comment, at: latest.at.toISOString() }];
}

/** The materials object of shared/API.md, built for a file (candidate's own or a reviewer's). */
export async function buildMaterials(deps: Deps, file: CandidateFile, locale: Locale) {
  const [categories, images, reviewComments, requests, released] = await Promise.all([
    resolveCategoriesFor(deps.store, file),
    liveImages(deps.store, file.id),
    currentReviewComments(deps.store, file),
    openRequests(deps.store, file.id),
    releasedCategories(deps.store, file.id),
  ]);
  const known = new Set(categories.map((c) => c.code));
  const pageCategories = categories.map((c) => {
    const required = c.requirement === 'required';
    return {
      code: c.code,
      name: c.name,
      requirements: c.extraText ? `${c.requirements}\n${c.extraText}` : c.requirements,
      // English mode's words (null: none written; the page shows the Chinese). A region's extra text has no English.
      nameEn: c.nameEn,
      requirementsEn: c.requirementsEn && c.extraTextEn ? `${c.requirementsEn}\n${c.extraTextEn}` : c.requirementsEn,
      exampleImageUrl: `/api/v1/catalog/examples/${c.code}.png`,
      required,
      minCount: required ? c.minCount : 0,
      maxCount: c.maxCount,
      images: images.filter((i) => i.categoryCode === c.code).map((i) => imageView(i, file, { released: !required && released.has(c.code) })),
    };
  });
  // Images in a category the candidate no longer needs (e.g. after a change of exam category).
  const otherImages = images.filter((i) => !known.has(i.categoryCode)).map((i) => imageView(i, file, { released: released.has(i.categoryCode) }));
  return {
    status: file.status,
    statusLabel: statusLabel(file.status, locale),
    underReview: file.claimed || file.status === 'site_approved',
    /** A reviewer holds the file until this time (it may end sooner); null when nobody does. */
    claimedUntil: file.claimExpiresAt?.toISOString() ?? null,
    uploadEnabled: file.uploadOpen,
    uploadWindowState: file.uploadWindowState,
    lateFixesOpen: file.lateFixesOpen,
    reviewClosesAt: file.reviewClosesAt?.toISOString() ?? null,
    reviewComments,
    todo: buildTodo(pageCategories, otherImages, requests),
    requestedCategories: requests,
    categories: pageCategories,
    otherImages,
  };
}

export async function getMaterials(deps: Deps, actor: Actor, locale: Locale) {
  return buildMaterials(deps, await requireCandidateFile(deps, actor), locale);
}
