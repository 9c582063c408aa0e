/**
 * The region's 公告 on the candidate's registration page: a small read-only card (title,
 * text, an https link opened in a new tab). Nothing is shown when the region has none.
 */
import { useEffect, useState } from 'react';
import { Alert, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { request } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import type { Announcement, AnnouncementEnvelope } from '../api/types';

export function RegionAnnouncementCard() {
  const { lang } = useI18n();
  const [a, setA] = useState<Announcement | null>(null);
  useEffect(() => {
    let live = true;
    request<AnnouncementEnvelope>('GET', '/api/v1/candidate/announcement', { retry: true })
      .then((r) => live && setA(r.announcement))
      .catch(() => undefined); // a notice is a courtesy: the page works without it
    return () => {
      live = false;
    };
  }, []);
  if (!a) return null;
  // Only https links are stored; checked again here so nothing else becomes a link.
  const link = a.link && a.link.startsWith('https://') ? a.link : null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="region-announcement"
      message={<strong>{a.title}</strong>}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: link ? 4 : 0, whiteSpace: 'pre-wrap' }}>{a.body}</Typography.Paragraph>
          {link ? (
            <a href={link} target="_blank" rel="noopener noreferrer" data-testid="region-announcement-link">
              <LinkOutlined /> {lang === 'en' ? 'Details' : '查看详情'}
            </a>
          ) : null}
        </>
      }
    />
  );
}
