/**
 * The first password of an imported candidate is the last six characters of the ID number
 * (shared/API.md) and must be changed at the first login. It is not hashed at import:
 * it is derived, at login, from the ID number the registration already holds (encrypted).
 * Stored in accounts.password_hash as this marker, which no password hash ever equals,
 * so any code that does not know the scheme fails closed.
 */
import { normaliseIdNumber } from './id-number.js';

export const INITIAL_PASSWORD_MARKER = 'initial$id-last6';

export const initialPasswordFromIdNumber = (idNumber: string): string => normaliseIdNumber(idNumber).slice(-6);

/** The typed password, compared as the ID number is written (a lower-case x is accepted). */
export const normaliseTypedInitialPassword = (typed: string): string => typed.trim().toUpperCase();
