/** 居民身份证号码 checks per GB 11643-1999: length, birth date, check digit. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'length' | 'characters' | 'birth_date' | 'check_digit';

export function checkDigitFor(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export function validateResidentIdNumber(raw: string, today: Date = new Date()): IdNumberProblem | null {
  const id = raw.trim().toUpperCase();
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > today.getTime()) return 'birth_date';
  if (checkDigitFor(id.slice(0, 17)) !== id[17]) return 'check_digit';
  return null;
}

export const normaliseIdNumber = (raw: string): string => raw.trim().toUpperCase();
