import { describe, expect, it } from 'vitest';
import { chinaWallClock, chinaYear, formatChinaDateTime, formatChinaMinute } from '../../src/domain/china-time.js';

const at = (iso: string) => new Date(iso);

describe('China time (Asia/Shanghai, UTC+8)', () => {
  it('puts a UTC instant just before midnight UTC on the next China day', () => {
    // 2026-03-04 16:05 UTC is 2026-03-05 00:05 in China.
    expect(formatChinaMinute(at('2026-03-04T16:05:00Z'))).toBe('2026-03-05 00:05');
    expect(formatChinaDateTime(at('2026-03-04T16:05:00Z'))).toBe('2026/3/5 00:05');
    // One minute before China midnight stays on the UTC date.
    expect(formatChinaMinute(at('2026-03-04T15:59:00Z'))).toBe('2026-03-04 23:59');
    expect(formatChinaDateTime(at('2026-03-04T15:59:00Z'))).toBe('2026/3/4 23:59');
  });

  it('writes China midnight as 00, never 24', () => {
    expect(chinaWallClock(at('2026-03-04T16:00:00Z'))).toEqual({ year: '2026', month: '03', day: '05', hour: '00', minute: '00', second: '00' });
  });

  it('turns the year in China eight hours before UTC does', () => {
    expect(chinaYear(at('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(chinaYear(at('2025-12-31T16:00:00Z'))).toBe(2026);
    expect(formatChinaDateTime(at('2025-12-31T16:00:00Z'))).toBe('2026/1/1 00:00');
  });

  it('drops the seconds of the minute formats without rounding', () => {
    const t = at('2026-03-05T06:23:59.999Z');
    expect(chinaWallClock(t)).toMatchObject({ hour: '14', minute: '23', second: '59' });
    expect(formatChinaMinute(t)).toBe('2026-03-05 14:23');
    expect(formatChinaMinute(t, '/')).toBe('2026/03/05 14:23');
    expect(formatChinaDateTime(t)).toBe('2026/3/5 14:23');
  });

  it('pads month, day, hour, minute and second in the wall clock and the padded format only', () => {
    const t = at('2026-01-02T00:04:09Z'); // 08:04:09 in China
    expect(chinaWallClock(t)).toEqual({ year: '2026', month: '01', day: '02', hour: '08', minute: '04', second: '09' });
    expect(formatChinaMinute(t)).toBe('2026-01-02 08:04');
    expect(formatChinaDateTime(t)).toBe('2026/1/2 08:04');
    expect(formatChinaDateTime(at('2026-11-30T15:30:00Z'))).toBe('2026/11/30 23:30');
  });

  it('agrees with zh-CN short date and time, the form it replaces', () => {
    const zh = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short', hour12: false });
    for (let t = Date.UTC(2025, 11, 31, 12); t < Date.UTC(2026, 0, 2); t += 7 * 60_000 + 1_234) {
      expect(formatChinaDateTime(new Date(t))).toBe(zh.format(new Date(t)));
    }
  });

  it('refuses an invalid date, as Intl does', () => {
    expect(() => formatChinaMinute(new Date('not a date'))).toThrow(RangeError);
  });
});
