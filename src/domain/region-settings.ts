/**
 * A region's windows (考区配置): material upload and review, each open between its
 * times (either end may be left open). Pure checks shared by the admin API and its UI.
 */
export interface RegionWindows {
  uploadOpensAt: Date | null;
  uploadClosesAt: Date | null;
  reviewOpensAt: Date | null;
  reviewClosesAt: Date | null;
}

/** What is wrong with a set of windows, in words that say what to fix; null when fine. */
export function windowProblem(w: RegionWindows): string | null {
  if (w.uploadOpensAt && w.uploadClosesAt && w.uploadClosesAt <= w.uploadOpensAt) {
    return '材料上传的截止时间须晚于开放时间，请重新选择';
  }
  if (w.reviewOpensAt && w.reviewClosesAt && w.reviewClosesAt <= w.reviewOpensAt) {
    return '审核的截止时间须晚于开始时间，请重新选择';
  }
  if (w.uploadOpensAt && w.reviewClosesAt && w.reviewClosesAt <= w.uploadOpensAt) {
    return '审核截止时间须晚于材料上传开放时间，请重新选择';
  }
  return null;
}

/** Inside a window whose missing ends are open. */
export function isWithin(opensAt: Date | null, closesAt: Date | null, now: Date): boolean {
  if (opensAt && now < opensAt) return false;
  if (closesAt && now >= closesAt) return false;
  return true;
}

/** Reviewers of the region may decide now. */
export const isReviewOpen = (w: Pick<RegionWindows, 'reviewOpensAt' | 'reviewClosesAt'>, now: Date): boolean =>
  isWithin(w.reviewOpensAt, w.reviewClosesAt, now);

/** 考区代码: two digits (province); 考点代码: the region's two digits and two more. */
export const REGION_CODE_PATTERN = /^\d{2}$/;
export const SITE_CODE_PATTERN = /^\d{4}$/;
export const siteBelongsTo = (siteCode: string, regionCode: string): boolean => siteCode.startsWith(regionCode);
