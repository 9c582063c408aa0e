import { describe, expect, it } from 'vitest';
import { chinaDay, chinaWallClock, chinaYear, formatChinaDateTime, formatChinaMinute } from '../../src/domain/china-time.js';
import { AppError } from '../../src/domain/errors.js';
import { formatDateTime } from '../../web/src/lib/format.js';

const at = (iso: string) => new Date(iso);

describe('China time (Asia/Shanghai, UTC+8)', () => {
  it('puts a UTC instant just before midnight UTC on the next China day', () => {
    // 2026-03-04 16:05 UTC is 2026-03-05 00:05 in China.
    expect(formatChinaDateTime(at('2026-03-04T16:05:00Z'))).toBe('2026-03-05 00:05');
    expect(chinaDay(at('2026-03-04T16:05:00Z'))).toBe('2026-03-05');
    // One minute before China midnight stays on the UTC date.
    expect(formatChinaDateTime(at('2026-03-04T15:59:00Z'))).toBe('2026-03-04 23:59');
  });

  it('writes China midnight as 00, never 24', () => {
    expect(chinaWallClock(at('2026-03-04T16:00:00Z'))).toEqual({ year: '2026', month: '03', day: '05', hour: '00', minute: '00', second: '00' });
  });

  it('turns the year in China eight hours before UTC does', () => {
    expect(chinaYear(at('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(chinaYear(at('2025-12-31T16:00:00Z'))).toBe(2026);
    expect(formatChinaDateTime(at('2025-12-31T16:00:00Z'))).toBe('2026-01-01 00:00');
  });

  it('drops the seconds without rounding', () => {
    const t = at('2026-03-05T06:23:59.999Z');
    expect(chinaWallClock(t)).toMatchObject({ hour: '14', minute: '23', second: '59' });
    expect(formatChinaDateTime(t)).toBe('2026-03-05 14:23');
  });

  it('pads month, day, hour and minute', () => {
    expect(formatChinaDateTime(at('2026-01-02T00:04:09Z'))).toBe('2026-01-02 08:04');
    expect(formatChinaDateTime(at('2026-11-30T15:30:00Z'))).toBe('2026-11-30 23:30');
  });

  it('is one format: what the web shows is what the server writes', () => {
    for (let t = Date.UTC(2025, 11, 31, 12); t < Date.UTC(2026, 0, 2); t += 7 * 60_000 + 1_234) {
      const d = new Date(t);
      expect(formatChinaDateTime(d)).toBe(formatDateTime(d.toISOString()));
      expect(formatChinaMinute(d)).toBe(formatChinaDateTime(d));
    }
  });

  it('writes the times in the server messages the way the web shows them', () => {
    const closes = formatChinaDateTime(at('2026-03-05T06:23:00Z'));
    expect(new AppError('UPLOAD_DISABLED', { closesAt: closes }).messageFor('zh-CN')).toContain('材料上传已于 2026-03-05 14:23 截止');
    expect(new AppError('REMINDED_TODAY', { at: formatChinaDateTime(at('2026-03-05T01:02:00Z')) }).messageFor('zh-CN')).toContain('（2026-03-05 09:02）');
  });

  it('refuses an invalid date, as Intl does', () => {
    expect(() => formatChinaDateTime(new Date('not a date'))).toThrow(RangeError);
  });
});
