import type { ThemeConfig } from 'antd';

/**
 * The antd theme. Besides the brand colour, it darkens the colours antd's defaults leave
 * below WCAG 2.1 AA contrast (4.5:1 for normal text) on white and on their own tints:
 * secondary/description text (#8c8c8c, 3.4:1), links (#1677ff, 4.1:1), error text and
 * danger buttons (#ff4d4f, 3.3:1) and the text of coloured tags such as 审核通过 (green,
 * 3.4:1) and 退回修改 (orange, 3.3:1), whose text shade moves from 7 to 8 or 9.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d5fbf', // 6.1:1 on white
    colorInfo: '#1d5fbf',
    colorLink: '#1d5fbf',
    colorError: '#cf1322', // 5.6:1 on white, 5.1:1 on its tint
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)', // 6.2:1 on white, 5.7:1 on #f5f5f5
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    borderRadius: 6,
    // Tag text colours (token[`${colour}7`]) on their tint (token[`${colour}1`]).
    green7: '#237804', // 5.4:1
    orange7: '#ad4e00', // 5.1:1
    gold7: '#874d00', // 6.2:1
    cyan7: '#006d75', // 5.8:1
    volcano7: '#ad2102', // 6.4:1
    lime7: '#3f6600', // 6.6:1
  },
};
