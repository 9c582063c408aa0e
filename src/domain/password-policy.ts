/** A password a person can remember and an attacker cannot guess from the account. */
export function passwordWeakness(password: string, username: string, current?: string): string | null {
  if (password.length < 8) return 'too_short';
  if (password.length > 128) return 'too_long';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'needs_letters_and_digits';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'contains_username';
  if (current !== undefined && password === current) return 'same_as_current';
  return null;
}
