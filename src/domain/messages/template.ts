/**
 * The shape of a catalogue entry: a function of the parameters a code carries (an error's
 * details, the missing categories of a decision problem, the comment of a notice).
 */
export type Locale = 'zh-CN' | 'en';

export type Params = Readonly<Record<string, unknown>>;
export type Template = (p: Params) => string;

/** A byte count as people read it: 180KB, 1.2MB. */
export const kb = (n: unknown): string => {
  const v = Number(n);
  return v >= 1024 * 1024 ? `${(v / 1024 / 1024).toFixed(1)}MB` : `${Math.ceil(v / 1024)}KB`;
};

/** A list parameter as strings (a single value counts as a list of one; absent is empty). */
export const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)]);
