import { Alert } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import type { QualitySignals } from '../../../../src/domain/image-signals.js';
import { candidateSignalWarnings } from '../../../../src/domain/signal-messages.js';
import { useI18n } from '../../i18n/I18nProvider';

/** The machine's warnings on a photo, before upload (browser check) or after (stored signals). Never blocks. */
export function SignalWarning({ signals, compact = false, testId }: { signals: Partial<QualitySignals> | null | undefined; compact?: boolean; testId: string }) {
  const { lang } = useI18n();
  const warnings = candidateSignalWarnings(signals ?? undefined, lang === 'en' ? 'en' : 'zh-CN');
  if (warnings.length === 0) return null;
  if (compact) {
    return (
      <div className="image-caption signal" data-testid={testId}>
        {warnings.map((w) => (
          <div key={w}>
            <WarningOutlined /> {w}
          </div>
        ))}
      </div>
    );
  }
  return <Alert type="warning" showIcon message={warnings.join('；')} style={{ marginBottom: 8 }} data-testid={testId} />;
}
