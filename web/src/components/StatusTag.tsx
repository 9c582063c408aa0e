import { Tag } from 'antd';
import type { RegistrationStatus } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';

const COLORS: Record<RegistrationStatus, string> = {
  draft: 'default',
  returned: 'orange',
  site_approved: 'blue',
  approved: 'green',
  rejected: 'red',
};

/** The review status as the seed shows it at the registration's top right. */
export function StatusTag({ status, label }: { status: RegistrationStatus; label?: string }) {
  const { t } = useI18n();
  const known = status in COLORS;
  const text = known ? t(`status.${status}` as MessageKey) : (label ?? status);
  return (
    <Tag color={known ? COLORS[status] : 'default'} data-testid="status-tag" data-status={status} style={{ marginInlineEnd: 0, fontSize: 14, padding: '2px 10px' }}>
      {text}
    </Tag>
  );
}
