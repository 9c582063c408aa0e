/** Registration review status (shared/API.md) and its Chinese labels. */
export const REGISTRATION_STATUSES = ['draft', 'returned', 'site_approved', 'approved', 'rejected'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

const LABELS: Record<RegistrationStatus, { zh: string; en: string }> = {
  draft: { zh: '填报', en: 'Submitted' },
  returned: { zh: '退回修改', en: 'Returned for changes' },
  site_approved: { zh: '考点通过', en: 'Passed by exam site' },
  approved: { zh: '审核通过', en: 'Approved' },
  rejected: { zh: '审核拒绝', en: 'Rejected' },
};

export function statusLabel(status: RegistrationStatus, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return locale === 'en' ? LABELS[status].en : LABELS[status].zh;
}

/** Final for the candidate: nothing may change any more. site_approved is with the region. */
export const isFinal = (s: RegistrationStatus): boolean => s === 'approved' || s === 'rejected';

/** Statuses in which the candidate may still change their materials. */
export const candidateMayEdit = (s: RegistrationStatus): boolean => s === 'draft' || s === 'returned';
