/** Masks for lists and screens: enough to recognise, not enough to misuse. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return s.slice(0, 1) + '*'.repeat(Math.max(s.length - 2, 1)) + s.slice(-1);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length < 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
