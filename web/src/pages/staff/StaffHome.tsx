import { Button, Card, Descriptions, Space, Tag } from 'antd';
import { AuditOutlined, KeyOutlined, LogoutOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
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

/** The staff account card (/review/account): who you are, what you cover, where to go next. */
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
      <Space wrap style={{ marginTop: 16 }}>
        <Button type="primary" icon={<AuditOutlined />} onClick={() => navigate('/review')}>
          {t('staff.openReview')}
        </Button>
        {user.role === 'admin' && (
          <Button icon={<SettingOutlined />} onClick={() => navigate('/admin')}>
            {t('staff.openAdmin')}
          </Button>
        )}
        <Button icon={<KeyOutlined />} onClick={() => navigate('/password')}>
          {t('staff.changePassword')}
        </Button>
        <Button
          icon={<LogoutOutlined />}
          onClick={async () => {
            await logout();
            navigate('/login', { replace: true });
          }}
        >
          {t('common.logout')}
        </Button>
      </Space>
    </Card>
  );
}
