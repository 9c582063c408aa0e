import { Typography } from 'antd';
import { SHORTCUT_HELP } from './keyboard';
import type { ReviewT } from './useReviewText';

/** The shortcut list shown in the 快捷键 popover (also opened with ? or H). */
export function ShortcutHelp({ rt }: { rt: ReviewT }) {
  return (
    <div className="shortcut-help" data-testid="shortcut-help">
      <table>
        <tbody>
          {SHORTCUT_HELP.map((row) => (
            <tr key={row.label}>
              <td className="shortcut-keys">
                {row.keys.map((k, i) =>
                  k === '…' ? (
                    <span key={i}>–</span>
                  ) : (
                    <kbd key={i}>{k}</kbd>
                  ),
                )}
              </td>
              <td>{rt(row.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {rt('keys.clean')}
      </Typography.Text>
    </div>
  );
}
