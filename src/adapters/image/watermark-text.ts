/**
 * The fixed words of the visible watermark, and the characters the shipped font subset
 * must cover. `scripts/subset-watermark-font.ts` builds `assets/fonts/` from this list and
 * the pipeline checks at start-up that the font really covers it, so changing a word here
 * means re-running the script (it fails loudly otherwise, instead of drawing empty boxes).
 *
 * Line 1: 仅供{year}年医师资格考试报名审核使用
 * Line 2: 报名号 {registrationNo}
 * Line 3: 上传时间 {YYYY-MM-DD HH:mm}
 */
export const PURPOSE_PREFIX = '仅供';
export const PURPOSE_SUFFIX = '年医师资格考试报名审核使用';
export const REGISTRATION_LABEL = '报名号';
export const TIME_LABEL = '上传时间';

/** Printable ASCII, space to tilde: digits, letters and punctuation for the per-upload fields. */
export const ASCII_PRINTABLE = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

/** Every character the watermark may draw, deduplicated, sorted by code point. */
export const WATERMARK_CHARSET: string = [
  ...new Set([...ASCII_PRINTABLE, ...PURPOSE_PREFIX, ...PURPOSE_SUFFIX, ...REGISTRATION_LABEL, ...TIME_LABEL, '：']),
]
  .sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!)
  .join('');

/** File name of the shipped subset, under `assets/fonts/`. */
export const WATERMARK_FONT_FILE = 'NotoSansCJKsc-Watermark-Subset.otf';
/** Family name inside that file (the subset keeps the original name table). */
export const WATERMARK_FONT_FAMILY = 'Noto Sans CJK SC';
