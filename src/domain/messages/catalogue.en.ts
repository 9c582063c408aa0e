/**
 * People's words in English, by the same message codes as catalogue.zh-CN.ts (its keys are
 * the codes; a missing or extra entry here fails the type check and the catalogue test).
 * Names that come as parameters (material categories, situations, comments) stay as written.
 */
import { MAX_REQUESTED_CATEGORIES } from '../review-rules.js';
import { statusLabel, type RegistrationStatus } from '../registration-status.js';
import type { MessageCode } from './catalogue.zh-CN.js';
import { decisionText, requestedOf, changedPartsOf } from './params.js';
import { kb, listOf, type Template } from './template.js';

type Section<P extends string> = Record<Extract<MessageCode, `${P}.${string}`>, Template>;

const DECISIONS: Section<'decision'> = {
  'decision.comment_too_long': () => 'The review comment may have at most 1000 characters.',
  'decision.replace_reason_missing': () => 'Each image to replace needs a reason.',
  'decision.replace_reason_too_long': () => 'A reason may have at most 200 characters.',
  'decision.pass_with_replace': () => 'To pass, every image must be approved.',
  'decision.pass_missing_required': (p) => `Required materials missing: ${listOf(p.missing).join(', ')}.`,
  'decision.comment_required_return': () => 'A return needs a review comment.',
  'decision.comment_required_reject': () => 'A rejection needs a review comment.',
  'decision.return_nothing_to_fix': () => 'A return needs at least one image marked for replacement, a requested category, or a required material missing.',
  'decision.requested_only_on_return': () => 'Only a return can ask the candidate for more materials.',
  'decision.requested_too_many': () => `At most ${MAX_REQUESTED_CATEGORIES} categories can be requested at once.`,
  'decision.requested_unknown_category': () => 'A requested category is not in this candidate\'s list. Reload and choose again.',
  'decision.requested_duplicate': () => 'Each category can be requested once.',
  'decision.requested_reason_missing': () => 'Each requested category needs a reason.',
  'decision.requested_reason_too_long': () => 'A reason may have at most 200 characters.',
  'decision.requested_category_full': () => 'A requested category is full, so the candidate could not add to it. Mark the image to replace instead.',
};

const ERRORS: Section<'error'> = {
  'error.VALIDATION_FAILED': (p) => `The request is not valid: ${p.reason ?? 'check it and try again'}`,
  'error.NOT_FOUND': () => 'Not found. Check the address or go back to the start page.',
  'error.INVALID_CREDENTIALS': () => 'Wrong user name or password. Please try again.',
  'error.TOO_MANY_ATTEMPTS': (p) => `Too many failed attempts. Try again in ${p.retryAfterSeconds ?? 60} seconds.`,
  'error.RATE_LIMITED': (p) => `Too many requests. Try again in ${p.retryAfterSeconds ?? 60} seconds.`,
  'error.UNAUTHENTICATED': () => 'Your session has ended. Please log in again.',
  'error.CSRF_FAILED': () => 'The page has expired. Reload it and try again.',
  'error.FORBIDDEN': () => 'You are not allowed to do this.',
  'error.PASSWORD_CHANGE_REQUIRED': () => 'Please change your password before you continue.',
  'error.WEAK_PASSWORD': () => 'The new password is too weak: use at least 8 characters with letters and digits, different from the user name and the old password.',
  'error.ACTIVATION_REQUIRED': () => 'Please read and accept the consent to activate your account first.',
  'error.FILE_TOO_LARGE': (p) => p.bytes ? `Each image must be at most 200 KB; this one is ${kb(p.bytes)}. The page can shrink it for you: choose the image again.` : 'Each image must be at most 200 KB. The page can shrink it for you: choose the image again.',
  'error.UNSUPPORTED_FORMAT': (p) => `Only jpg/jpeg/png images can be uploaded${p.detected ? ` (this file is ${p.detected})` : ''}. Convert it and upload again.`,
  'error.INVALID_IMAGE': (p) => p.reason === 'too_small' ? `The image is too small to read (${p.width}×${p.height} px). Upload a clear image of at least ${p.minWidth}×${p.minHeight} px.` : p.reason === 'too_many_pixels' ? 'The image has too many pixels. Make it smaller and upload again.' : 'The image is damaged or incomplete and cannot be opened. Take or export it again and upload.',
  'error.CATEGORY_FULL': (p) => `This material takes at most ${p.maxCount} images and is full. Delete one (the "－" at its top right) to replace it.`,
  'error.CATEGORY_NOT_FOUND': () => 'There is no such material category. Reload the page and try again.',
  'error.MATERIALS_LOCKED': (p) => p.reason === 'final' ? 'The review is finished; materials are locked and cannot be changed.' : 'Your materials are being reviewed and are locked for now. Please wait for the result.',
  'error.IMAGE_LOCKED': (p) => p.reason === 'approved' ? 'This image is approved and locked; it cannot be deleted.' : p.reason === 'final' ? 'The review is finished; images are locked.' : 'Your materials are being reviewed; images are locked for now.',
  'error.UPLOAD_DISABLED': (p) => p.onlyFixes ? `Material upload has closed${p.closesAt ? ` (${p.closesAt})` : ''}; you can only replace the images the reviewer marked and add the materials the reviewer asked for.` : p.closesAt ? `Material upload closed at ${p.closesAt}.` : p.opensAt ? `Material upload opens at ${p.opensAt}. Please come back then.` : 'Material upload is not open in your exam region. Watch for its notice.',
  'error.IDEMPOTENCY_KEY_REUSED': () => 'This upload key was already used for another file or category. Reload the page and choose the image again.',
  'error.UPLOAD_INCOMPLETE': () => 'The image did not arrive completely (the connection broke). Check your network and upload again.',
  'error.MATERIALS_INCOMPLETE': (p) => `This candidate has not uploaded every required material yet${p.missing ? ` (missing: ${p.missing})` : ''}; it cannot be claimed before the upload deadline. Remind the candidate from the "incomplete" list.`,
  'error.REMINDED_TODAY': (p) => `This candidate was already reminded today${p.at ? ` (${p.at})` : ''}. A candidate can be reminded once a day: try again tomorrow, or phone them.`,
  'error.OVERLOADED': (p) => `Many uploads right now: you are queued. Try again in ${p.retryAfterSeconds ?? 5} seconds (the page retries by itself).`,
  'error.STORAGE_UNAVAILABLE': (p) => `Image storage is unavailable for now; nothing was saved. Try again in ${p.retryAfterSeconds ?? 30} seconds.`,
  'error.STORAGE_FULL': (p) => `Image storage is full; nothing was saved. Try again in ${p.retryAfterSeconds ?? 300} seconds, or contact your exam site if it persists.`,
  'error.IDEMPOTENCY_CONFLICT': () => 'This request is still being processed. Try again in a moment.',
  'error.CLAIMED_BY_OTHER': (p) => `Another reviewer (${p.by ?? 'someone else'}) is reviewing this candidate. Pick another one.`,
  'error.NOT_REVIEWABLE': () => 'This candidate is not at your review step. Refresh the list.',
  'error.REVIEW_CLOSED': (p) => p.closesAt ? `Review in this region closed at ${p.closesAt}.` : p.opensAt ? `Review in this region opens at ${p.opensAt}.` : 'Review is not open in this region now.',
  'error.NOT_CLAIMED': () => 'You do not hold this candidate (or your hold expired). Open it again before deciding.',
  'error.STALE_IMAGES': () => 'The materials changed since you opened them. Reload and review again.',
  'error.DECISION_INVALID': (p) => `The decision is incomplete: ${decisionText(DECISIONS, p) ?? p.reason ?? 'check it'}`,
  'error.PAYLOAD_TOO_LARGE': () => 'The request is too large.',
  'error.INTERNAL': () => 'Something went wrong on our side. Try again later.',
  // Administration (regions, rules, catalog, accounts, registration import, hand-off).
  'error.CODE_TAKEN': (p) => `The code "${p.code ?? ''}" is already in use. Choose another, or edit the existing entry.`,
  'error.RULE_EXISTS': () => 'A rule for this region, exam category, situation and material already exists. Edit that rule instead.',
  'error.SITE_RULE_RELAXES': (p) => p.reason === 'max_below_minimum' ? `A site rule can only add requirements: its maximum may not be below the category's minimum (${p.minCount ?? 1}). Leave it empty for no limit.` : 'A site rule can only add requirements: it can make a material required, never optional or hidden (a site cannot relax what the region or the national rules require).',
  'error.CATEGORY_IN_USE': (p) => `Candidates have uploaded "${p.name ?? ''}", so it cannot be deleted. Set it to "hidden" in the requirement rules instead.`,
  'error.USERNAME_TAKEN': (p) => `The user name "${p.username ?? ''}" is taken. Choose another.`,
  'error.OWN_ACCOUNT': () => 'You cannot disable or reset your own account. Use "change password" for your own password.',
  'error.IMPORT_UNSUPPORTED_FILE': (p) => `Only CSV (UTF-8 or GBK) or Excel .xlsx files can be imported${p.detected ? ` (this file is ${p.detected})` : ''}. Save an old .xls as .xlsx or CSV and import again.`,
  'error.IMPORT_HEADER_INVALID': (p) => `Wrong header: line 1 must be "${p.expected ?? ''}"${p.found ? `, found "${p.found}"` : ''}. Use the import template without renaming or reordering columns.`,
  'error.IMPORT_FILE_TOO_LARGE': (p) => `Import files must be at most ${kb(p.maxBytes ?? 0)}. Split the file, or ask an administrator to use the command-line import.`,
  'error.HANDOFF_INVALID': () => 'The sign-in link is not valid (altered or incomplete). Go back to the registration system and follow the link again, or log in with your registration number.',
  'error.HANDOFF_EXPIRED': () => 'The sign-in link has expired. Go back to the registration system and follow the link again, or log in with your registration number.',
  'error.HANDOFF_USED': () => 'This sign-in link was already used; each link works once. Go back to the registration system and follow the link again.',
  'error.HANDOFF_UNAVAILABLE': () => 'Signing in from the registration system is not available now. Log in with your registration number and password, or contact your exam site if your account is disabled.',
  // 报名照片检测 (tools): a photo checked for the registration system.
  'error.PHOTO_TOO_LARGE': (p) => `The photo to check must be at most ${kb(p.maxBytes ?? 0)}${p.bytes ? `; this one is ${kb(p.bytes)}` : ''}. Make it smaller (e.g. with the phone's photo editor) and check again.`,
  'error.PHOTO_UNREADABLE': (p) => `This file cannot be checked${p.detected ? ` (it is ${String(p.detected).toUpperCase()})` : ''}. Choose a JPG or PNG photo.`,
};

const SMS = '[Medical Licensing Exam] ';
const WHERE = 'Log in to the candidate service and see the review comments at the top of the "Upload materials" page.';
const who = (level: unknown) => (level === 'site' ? 'exam site' : 'exam region');
const missingLine = (missing: unknown) => {
  const names = listOf(missing);
  return names.length ? `Still to upload: ${names.join(', ')}.` : 'Log in and check that your materials are complete.';
};
const PARTS = { examCategory: 'exam category', situations: 'personal situation', place: 'exam region/site' } as const;

const NOTICES: Section<'notice'> = {
  'notice.sitePassed.title': () => 'Passed by the exam site',
  'notice.sitePassed.body': () => 'Your registration materials passed the exam site review and now wait for the exam region review.',
  'notice.sitePassed.sms': () => `${SMS}Your registration materials passed the exam site review and now wait for the exam region review.`,
  'notice.regionPassed.title': () => 'Approved',
  'notice.regionPassed.body': () => 'Your registration materials passed the exam region review. The review is finished.',
  'notice.regionPassed.sms': () => `${SMS}Your registration materials are approved.`,
  'notice.returned.title': () => 'Returned for changes',
  'notice.returned.body': (p) => {
    const asked = requestedOf(p.requested).map((r) => `${r.name} (${r.reason})`).join('; ');
    return `Review comment of the ${who(p.level)}: ${p.comment ?? ''}\nReplace the marked images as the comment says; after your changes the file waits for review again. ${WHERE}${asked ? `\nMaterials to add: ${asked}` : ''}`;
  },
  'notice.returned.sms': (p) => `${SMS}The ${who(p.level)} returned your registration materials for changes. ${WHERE}`,
  'notice.rejected.title': () => 'Rejected',
  'notice.rejected.body': (p) => `Review comment of the ${who(p.level)}: ${p.comment ?? ''}`,
  'notice.rejected.sms': () => `${SMS}Your registration materials did not pass the review (rejected). ${WHERE}`,
  'notice.reminder.title': () => 'Please complete your registration materials',
  'notice.reminder.body': (p) => {
    const names = listOf(p.missing);
    const what = names.length ? `Still to upload: ${names.join(', ')}.` : 'Materials the reviewer asked for are still missing.';
    return `Not every required material is uploaded yet, so the exam site cannot review your file. ${what} Log in to the candidate service before the upload deadline and complete them under "Upload materials".`;
  },
  'notice.reminder.sms': () => `${SMS}Your registration materials are incomplete, so the exam site cannot review them. Log in to the candidate service before the upload deadline and complete them.`,
  'notice.reopened.title': () => 'Review reopened',
  'notice.reopened.body': (p) => `The review of your registration materials was reopened and will be done again. Reason: ${p.reason ?? ''}`,
  'notice.reopened.sms': () => `${SMS}The review of your registration materials was reopened. Watch for the new result.`,
  'notice.siteRequirementsChanged.title': () => 'Your exam site changed the required materials: please check and add materials',
  'notice.siteRequirementsChanged.body': (p) => [
    'Your exam site changed the materials to upload.',
    p.reset ? 'Your earlier review result no longer holds: the status is "Submitted" again and the file is reviewed again once complete. Approved images that are still needed stay approved.' : 'Every uploaded image is kept.',
    missingLine(p.missing),
    'Log in to the candidate service and see "Upload materials".',
  ].join('\n'),
  'notice.siteRequirementsChanged.sms': (p) => `${SMS}Your exam site changed the materials to upload${p.reset ? ' and your earlier review result no longer holds' : ''}. Log in to the candidate service to check and add materials.`,
  'notice.registrationChanged.title': (p) => `Registration changed: please check${p.formerStatus ? ' and add' : ''} materials`,
  'notice.registrationChanged.body': (p) => {
    const parts = changedPartsOf(p.changed);
    const situations = listOf(p.situations);
    return [
      `The registration system updated your ${parts.map((x) => PARTS[x]).join(', ')}${parts.includes('situations') ? ` (personal situation: ${situations.length ? situations.join(', ') : 'none'})` : ''}, so the materials to upload changed.`,
      p.formerStatus
        ? `Your earlier review status "${statusLabel(p.formerStatus as RegistrationStatus, 'en')}" no longer holds: the status is "Submitted" again and the file is reviewed again once complete. Approved images that are still needed stay approved.`
        : 'Every uploaded image is kept.',
      missingLine(p.missing),
      'Images of materials no longer needed are kept (approved ones no longer required may be deleted). Log in to the candidate service and see "Upload materials".',
    ].join('\n');
  },
  'notice.registrationChanged.sms': (p) =>
    `${SMS}Your ${changedPartsOf(p.changed).map((x) => PARTS[x]).join(', ')} changed, and with it the materials to upload${p.formerStatus ? '; your earlier review result no longer holds' : ''}. Log in to the candidate service to check and add materials.`,
};

export const en: Record<MessageCode, Template> = { ...ERRORS, ...DECISIONS, ...NOTICES };
