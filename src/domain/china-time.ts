/**
 * China time (Asia/Shanghai, UTC+8 all year): the exam's clock. Every date and time the
 * system shows or derives — window messages, the review export, the import's default
 * year, the administration console — is read in this zone, whatever the zone of the
 * server or the browser. Pure (Intl only), so the web client imports it too.
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

/** The wall-clock fields of an instant in China time, zero-padded ("2026", "03", "05", "09"). */
export interface ChinaWallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

// One formatter for the module: building an Intl.DateTimeFormat is far dearer than using it.
// en-CA gives plain ASCII digits; h23 keeps midnight at "00" (never "24").
const FIELDS = new Intl.DateTimeFormat('en-CA', {
  timeZone: CHINA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The China wall clock of `at`. Throws RangeError for an invalid Date, as Intl does. */
export function chinaWallClock(at: Date): ChinaWallClock {
  const f: ChinaWallClock = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const p of FIELDS.formatToParts(at)) {
    if (p.type in f) f[p.type as keyof ChinaWallClock] = p.value;
  }
  return f;
}

/** The calendar year in China at `at` (the import's default exam year). */
export function chinaYear(at: Date): number {
  return Number(chinaWallClock(at).year);
}

/**
 * "2026-03-05 14:23": the one date format of the system, zero-padded, to the minute (seconds
 * dropped, not rounded). The web client shows every time this way, so the server's texts do
 * too: the open/close times in UPLOAD_DISABLED and REVIEW_CLOSED, the time in REMINDED_TODAY,
 * 状态时间 in the review export, the watermark's upload time.
 */
export function formatChinaDateTime(at: Date): string {
  const c = chinaWallClock(at);
  return `${c.year}-${c.month}-${c.day} ${c.hour}:${c.minute}`;
}

/** The same format under the name the web client and the watermark know it by. */
export const formatChinaMinute = formatChinaDateTime;

/** The China calendar day of `at` as YYYY-MM-DD (e.g. "at most once a day" limits). */
export function chinaDay(at: Date): string {
  const f = chinaWallClock(at);
  return `${f.year}-${f.month}-${f.day}`;
}
