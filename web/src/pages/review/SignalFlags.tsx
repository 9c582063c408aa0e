import { Alert, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { request } from '../../api/client';
import type { AnswerOf, MaterialImage } from '../../api/types';
import type { reviewContracts } from '../../../../src/contracts/review.js';
import { useI18n } from '../../i18n/I18nProvider';
import { raisedSignals, signalFlag } from '../../../../src/domain/signal-messages.js';
import { signalText } from './signal-text';

const langOf = (lang: string) => (lang === 'en' ? 'en' : 'zh-CN');

/** Small flags on a thumbnail: 模糊 / 过暗 / 反光 / 重复. */
export function ThumbFlags({ image }: { image: MaterialImage }) {
  const { lang } = useI18n();
  const flags = raisedSignals(image.signals).map((n) => signalFlag(n, langOf(lang)).replace(/^疑似/, ''));
  if (image.signals?.duplicates?.length) flags.push(signalText('duplicate', lang));
  if (flags.length === 0) return null;
  return (
    <span className="thumb-flags" data-testid="thumb-flags" title={flags.join(' · ')}>
      {flags.join('·')}
    </span>
  );
}

/**
 * The machine's view of the image under review, shown with the viewer: the quality flags and
 * the other live images with the same picture. A link to another candidate's file (in scope
 * only) records who followed it before opening it.
 */
export function ImageSignals({ image }: { image: MaterialImage }) {
  const { lang } = useI18n();
  const navigate = useNavigate();
  const flags = raisedSignals(image.signals);
  const duplicates = image.signals?.duplicates ?? [];
  if (flags.length === 0 && duplicates.length === 0) return null;
  const open = async (duplicateImageId: string) => {
    const r = await request<AnswerOf<typeof reviewContracts.duplicateOpened>>('POST', '/api/v1/review/duplicates/opened', { json: { imageId: image.id, duplicateImageId } });
    navigate(`/review/${encodeURIComponent(r.registrationNo)}`);
  };
  return (
    <Alert
      type="warning"
      className="image-signals"
      data-testid="image-signals"
      message={
        <Space size={[4, 4]} wrap>
          <Typography.Text strong>{signalText('flagsTitle', lang)}</Typography.Text>
          {flags.map((n) => (
            <Tag key={n} color="orange" data-testid={`signal-${n}`}>
              {signalFlag(n, langOf(lang))}
            </Tag>
          ))}
          {duplicates.length > 0 ? (
            <Tag color="volcano" data-testid="signal-duplicates">
              {signalText('duplicatesTitle', lang)}
            </Tag>
          ) : null}
        </Space>
      }
      description={
        duplicates.length > 0 ? (
          <ul className="duplicate-list" data-testid="duplicate-list">
            {duplicates.map((d) => (
              <li key={d.imageId} data-testid="duplicate-item" data-same={d.sameCandidate ? 'true' : 'false'}>
                {d.sameCandidate ? (
                  signalText('sameCandidate', lang)
                ) : d.registrationNo ? (
                  <a onClick={() => void open(d.imageId)} data-testid="duplicate-link">
                    {d.registrationNo}
                  </a>
                ) : (
                  signalText('otherCandidate', lang)
                )}
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">{signalText('flagsHint', lang)}</Typography.Text>
        )
      }
    />
  );
}
