import { formatChinaMinute } from '../../../src/domain/china-time.js';

/** Human sizes as the seed writes them: 186KB, 4.2MB (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)}MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)}KB`;
  return `${bytes}B`;
}

/** "2026-03-01 14:05" in China time (the exam's time zone), whatever the device's zone. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatChinaMinute(d);
}
