/** Words of the machine-signal parts of the review console (flags, duplicates, 共用图片), zh-CN and en. */
const TEXT = {
  flagsTitle: { 'zh-CN': '机器提示', en: 'Machine signals' },
  flagsHint: { 'zh-CN': '仅供参考，请以人工判断为准', en: 'A hint only: your judgement decides' },
  duplicate: { 'zh-CN': '重复', en: 'Duplicate' },
  duplicatesTitle: { 'zh-CN': '疑似重复图片', en: 'Possible duplicate picture' },
  sameCandidate: { 'zh-CN': '本考生的另一张图片', en: "Another of this candidate's images" },
  otherCandidate: { 'zh-CN': '另一考生', en: 'Another candidate' },
  open: { 'zh-CN': '查看', en: 'Open' },
  sharedTitle: { 'zh-CN': '跨考点共用图片', en: 'Pictures shared across sites' },
  sharedIntro: {
    'zh-CN': '不同考生上传了同一张图片（重新压缩、缩放或带水印的副本也算），请跟进核实。',
    en: 'Different candidates uploaded the same picture (re-encoded, resized or watermarked copies included). Follow up.',
  },
  sharedLink: { 'zh-CN': '共用图片', en: 'Shared pictures' },
  detectedAt: { 'zh-CN': '发现时间', en: 'Found' },
  upload: { 'zh-CN': '后上传', en: 'Later upload' },
  earlier: { 'zh-CN': '先上传', en: 'Earlier upload' },
  sameSiteToo: { 'zh-CN': '含同一考点', en: 'Include same site' },
  empty: { 'zh-CN': '暂无共用图片', en: 'No shared pictures' },
  more: { 'zh-CN': '加载更多', en: 'Load more' },
  back: { 'zh-CN': '返回审核列表', en: 'Back to the queue' },
} as const;

export type SignalTextKey = keyof typeof TEXT;
export const signalText = (key: SignalTextKey, lang: string) => TEXT[key][lang === 'en' ? 'en' : 'zh-CN'];
