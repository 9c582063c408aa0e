import { describe, expect, it } from 'vitest';
import { checkDigitFor, validateResidentIdNumber } from '../../src/domain/id-number.js';
import { maskIdNumber, maskPhone, PHONE_PATTERN } from '../../src/domain/masking.js';

describe('GB 11643 resident ID numbers', () => {
  const valid = '11010519491231002X';
  it('accepts a number whose check digit matches, including X', () => {
    expect(checkDigitFor(valid.slice(0, 17))).toBe('X');
    expect(validateResidentIdNumber(valid)).toBeNull();
    expect(validateResidentIdNumber(valid.toLowerCase())).toBeNull();
  });
  it('names what is wrong: length, characters, birth date, check digit', () => {
    expect(validateResidentIdNumber('1101051949123100')).toBe('length');
    expect(validateResidentIdNumber('11010519491231A02X')).toBe('characters');
    expect(validateResidentIdNumber('110105194902300021')).toBe('birth_date');
    expect(validateResidentIdNumber('110105209901010011', new Date('2026-01-01'))).toBe('birth_date');
    expect(validateResidentIdNumber('110105194912310021')).toBe('check_digit');
  });
});

describe('masking', () => {
  it('shows only the first and last four of an ID number and hides the middle of a phone', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskPhone('13912345678')).toBe('139****5678');
  });
  it('recognises mainland mobile numbers only', () => {
    expect(PHONE_PATTERN.test('13912345678')).toBe(true);
    expect(PHONE_PATTERN.test('12912345678')).toBe(false);
    expect(PHONE_PATTERN.test('1391234567')).toBe(false);
  });
});
