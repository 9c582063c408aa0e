/**
 * The candidate's phone number, masked, with one click to see it in full for a call
 * (POST …/phone, recorded as phone.revealed). It masks itself again after a minute.
 */
import { useEffect, useState } from 'react';
import { App, Button, Space, Tooltip } from 'antd';
import { EyeOutlined, PhoneOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { reviewApi } from './api';
import type { ReviewT } from './useReviewText';

const SHOW_FOR_MS = 60_000;

export function PhoneReveal({ no, masked, rt, testId = 'phone' }: { no: string; masked: string; rt: ReviewT; testId?: string }) {
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!full) return;
    const id = window.setTimeout(() => setFull(null), SHOW_FOR_MS);
    return () => window.clearTimeout(id);
  }, [full]);
  const reveal = async () => {
    setBusy(true);
    try {
      setFull((await reviewApi.revealPhone(no)).phone);
    } catch (e) {
      if (!(e instanceof ApiError && e.handled)) message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4} wrap data-testid={testId}>
      <span data-testid={`${testId}-number`}>{full ?? masked}</span>
      {full ? (
        <>
          <Button size="small" type="link" href={`tel:${full}`} icon={<PhoneOutlined />}>
            {rt('phone.call')}
          </Button>
          <Button size="small" type="link" onClick={() => setFull(null)} data-testid={`${testId}-hide`}>
            {rt('phone.hide')}
          </Button>
        </>
      ) : (
        <Tooltip title={rt('phone.revealHelp')}>
          <Button size="small" type="link" icon={<EyeOutlined />} loading={busy} onClick={() => void reveal()} data-testid={`${testId}-reveal`}>
            {rt('phone.reveal')}
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}
