import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_MAX, displayNameProblem } from '../../src/domain/staff-accounts.js';
import { validateRegistrationRow, type ImportReference } from '../../src/domain/registration-import.js';

describe('the account display-name limit', () => {
  it('accepts 1 to 50 characters and refuses an empty or longer name with a message naming the limit', () => {
    expect(DISPLAY_NAME_MAX).toBe(50);
    expect(displayNameProblem('李')).toBeNull();
    expect(displayNameProblem('审'.repeat(50))).toBeNull();
    expect(displayNameProblem('审'.repeat(51))).toBe('姓名/名称须为 1–50 个字');
    expect(displayNameProblem('')).toBe('姓名/名称须为 1–50 个字');
  });

  it('is the limit of an imported candidate name too, so every candidate name fits an account', () => {
    const ref: ImportReference = {
      examCategoryByName: new Map([['临床执业医师', '110']]),
      regionCodes: new Set(['99']),
      siteRegion: new Map([['9901', '99']]),
      scopeRegion: null,
      defaultYear: 2026,
      today: new Date('2026-03-01T00:00:00Z'),
    };
    const row = (name: string) => ['2026990100101', name, '身份证', '11010519491231002X', '13912345678', '临床执业医师', '99', '9901'];
    expect(validateRegistrationRow(2, row('张'.repeat(50)), false, ref).ok).toBe(true);
    const refused = validateRegistrationRow(2, row('张'.repeat(51)), false, ref);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problems.map((p) => p.code)).toEqual(['NAME_INVALID']);
  });
});
