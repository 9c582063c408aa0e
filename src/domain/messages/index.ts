/**
 * The one message catalogue (zh-CN, en) of server and web: the server builds error messages
 * and candidates' notices from it, the web shows an error from its code and details with it.
 * Rules and use cases return codes with parameters; only this module holds people's words.
 */
import type { DecisionProblemCode } from '../review-rules.js';
import { en } from './catalogue.en.js';
import { zhCN, type MessageCode } from './catalogue.zh-CN.js';
import type { Locale, Params, Template } from './template.js';

export type { MessageCode } from './catalogue.zh-CN.js';
export type { Locale, Params } from './template.js';
export type { ChangedPart } from './params.js';

export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<MessageCode, Template>>>> = { 'zh-CN': zhCN, en };

export const isMessageCode = (code: string): code is MessageCode => Object.prototype.hasOwnProperty.call(zhCN, code);

/** The words of a code in a language, its parameters filled in. */
export function formatMessage(code: MessageCode, params: Params = {}, locale: Locale = 'zh-CN'): string {
  return CATALOGUES[locale][code](params);
}

/** The message of an API error code with its details, or null for a code this catalogue does not know. */
export function errorMessage(code: string, details: Params, locale: Locale): string | null {
  const key = `error.${code}`;
  return isMessageCode(key) ? formatMessage(key, details, locale) : null;
}

/** Why a decision is refused, in words; `missing` names the required categories not filled. */
export const decisionProblemText = (code: DecisionProblemCode, missing: readonly string[], locale: Locale = 'zh-CN'): string =>
  formatMessage(`decision.${code}`, { missing }, locale);

export const isDecisionProblemCode = (v: unknown): v is DecisionProblemCode => typeof v === 'string' && isMessageCode(`decision.${v}`);

/** What a candidate is told, by kind, with the kind's parameters. */
export type CandidateNotice =
  | { kind: 'sitePassed' }
  | { kind: 'regionPassed' }
  | { kind: 'returned'; level: 'site' | 'region'; comment: string | undefined; requested?: Array<{ name: string; reason: string }> }
  | { kind: 'rejected'; level: 'site' | 'region'; comment: string | undefined }
  | { kind: 'reminder'; missing: string[] }
  | { kind: 'reopened'; reason: string }
  | { kind: 'siteRequirementsChanged'; reset: boolean; missing: string[] }
  /** `changed`: the registration fields that changed (examCategory, situations, region, site). */
  | { kind: 'registrationChanged'; changed: string[]; situations: string[]; formerStatus: string | null; missing: string[] };

/** A notice's inbox title and body and its SMS; candidates get them in Chinese. */
export function candidateNotice(notice: CandidateNotice, locale: Locale = 'zh-CN'): { title: string; body: string; sms: string } {
  const { kind, ...params } = notice;
  return {
    title: formatMessage(`notice.${kind}.title`, params, locale),
    body: formatMessage(`notice.${kind}.body`, params, locale),
    sms: formatMessage(`notice.${kind}.sms`, params, locale),
  };
}

/** The notice of a review decision: pass (by level), return or reject. */
export function reviewNotice(
  level: 'site' | 'region',
  outcome: 'pass' | 'return' | 'reject',
  comment: string | undefined,
  requested: Array<{ name: string; reason: string }> = [],
): CandidateNotice {
  if (outcome === 'pass') return { kind: level === 'site' ? 'sitePassed' : 'regionPassed' };
  return outcome === 'return' ? { kind: 'returned', level, comment, requested } : { kind: 'rejected', level, comment };
}
