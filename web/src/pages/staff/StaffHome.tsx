import { Alert, Button, Card, Descriptions, Tag } from 'antd';
import { LogoutOutlined, TeamOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import type { User } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';

const ROLE_COLORS: Record<string, string> = { site_reviewer: 'blue', region_reviewer: 'geekblue', admin: 'purple' };

function scopeText(user: User, t: ReturnType<typeof useI18n>['t']): string {
  if (user.siteCode && user.regionCode) return t('staff.scope.site', { code: user.siteCode, region: user.regionCode });
  if (user.siteCode) return t('staff.scope.siteOnly', { code: user.siteCode });
  if (user.regionCode) return t('staff.scope.region', { code: user.regionCode });
  return t('staff.scope.national');
}

/** The staff landing page until the review workspace arrives: who you are, what you cover. */
export default function StaffHome() {
  const { t } = useI18n();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  if (!user) return null;
  const scope = scopeText(user, t);
  const roleKey = `staff.role.${user.role}` as MessageKey;
  return (
    <Card
      title={
        <span>
          <TeamOutlined style={{ marginInlineEnd: 8 }} />
          {t('staff.welcome', { name: user.displayName || user.username })}
        </span>
      }
      extra={<Tag color={ROLE_COLORS[user.role] ?? 'default'} data-testid="staff-role">{t(roleKey)}</Tag>}
      data-testid="staff-home"
    >
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'name', label: t('reg.name'), children: user.displayName },
          { key: 'username', label: t('staff.username'), children: user.username },
          { key: 'role', label: t('staff.role'), children: t(roleKey) },
          { key: 'scope', label: t('staff.scope'), children: scope },
        ]}
      />
      <Alert style={{ margin: '16px 0' }} type="info" showIcon message={t('staff.reviewSoon')} description={t('staff.reviewSoonHelp')} />
      <Button
        icon={<LogoutOutlined />}
        onClick={async () => {
          await logout();
          navigate('/login', { replace: true });
        }}
      >
        {t('common.logout')}
      </Button>
    </Card>
  );
}
