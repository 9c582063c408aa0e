/**
 * What the machine signals say to people, zh-CN first: the candidate's warnings (before and
 * after upload; they never block) and the reviewer's short flags. Shared by server and web.
 */
import type { QualitySignals } from './image-signals.js';

export type SignalLang = 'zh-CN' | 'en';
export type SignalName = keyof QualitySignals;

const CANDIDATE: Record<SignalName, Record<SignalLang, string>> = {
  blurry: { 'zh-CN': '图片可能模糊，建议重新拍摄', en: 'The picture may be blurred; taking it again is recommended' },
  dark: { 'zh-CN': '图片可能太暗，建议在光线充足处重新拍摄', en: 'The picture may be too dark; take it again in good light' },
  glare: { 'zh-CN': '图片可能有反光或过曝，文字可能看不清，建议避开灯光重新拍摄', en: 'The picture may have glare or be over-exposed; take it again away from direct light' },
};

const FLAG: Record<SignalName, Record<SignalLang, string>> = {
  blurry: { 'zh-CN': '疑似模糊', en: 'Possibly blurred' },
  dark: { 'zh-CN': '疑似过暗', en: 'Possibly dark' },
  glare: { 'zh-CN': '疑似反光', en: 'Possible glare' },
};

export const SIGNAL_NAMES: readonly SignalName[] = ['blurry', 'dark', 'glare'];

/** The raised signals, in a fixed order. */
export const raisedSignals = (s: Partial<QualitySignals> | undefined): SignalName[] => SIGNAL_NAMES.filter((n) => s?.[n] === true);

/** The candidate's warnings for the raised signals (empty when none is raised). */
export const candidateSignalWarnings = (s: Partial<QualitySignals> | undefined, lang: SignalLang): string[] =>
  raisedSignals(s).map((n) => CANDIDATE[n][lang]);

/** The reviewer's flag for one signal. */
export const signalFlag = (n: SignalName, lang: SignalLang): string => FLAG[n][lang];

const DUPLICATE: Record<string, Record<SignalLang, string>> = {
  title: { 'zh-CN': '疑似重复图片', en: 'Possible duplicate picture' },
  sameCandidate: { 'zh-CN': '本考生的另一张图片', en: "Another of this candidate's images" },
  otherCandidate: { 'zh-CN': '另一考生', en: 'Another candidate' },
};

/** Words for the duplicates list: its title, "本考生…", "另一考生" (报名号 not in scope). */
export const duplicateText = (key: 'title' | 'sameCandidate' | 'otherCandidate', lang: SignalLang): string => DUPLICATE[key]![lang];
