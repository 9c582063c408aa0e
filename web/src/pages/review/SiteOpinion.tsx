/**
 * 考点意见: what the exam site decided, shown to the region reviewer (and anyone after the
 * site's step) apart from the region's own verdicts, which start empty. The card holds the
 * site's outcome and comment; the note sits beside each image in the viewer.
 */
import { Alert, Card, Tag, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import type { ReviewKey } from './review-messages';
import type { SiteOpinion } from './types';
import type { ReviewT } from './useReviewText';

export function SiteOpinionCard({ opinion, rt }: { opinion: SiteOpinion; rt: ReviewT }) {
  const color = opinion.outcome === 'pass' ? 'success' : opinion.outcome === 'reject' ? 'error' : 'warning';
  return (
    <Card size="small" title={rt('site.title')} data-testid="site-opinion" extra={<Tag color={color}>{rt(`site.outcome.${opinion.outcome}` as ReviewKey)}</Tag>}>
      <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="site-opinion-comment">
        {opinion.comment || <Typography.Text type="secondary">{rt('site.noComment')}</Typography.Text>}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {rt('site.by', { by: opinion.by ?? '', time: formatDateTime(opinion.at) })}
      </Typography.Text>
    </Card>
  );
}

/** The site's verdict on the image in view, beside it. */
export function SiteOpinionNote({ opinion, imageId, rt }: { opinion: SiteOpinion; imageId: string; rt: ReviewT }) {
  const v = opinion.images[imageId];
  if (!v) return <Alert type="info" showIcon={false} className="site-opinion-note" data-testid="site-opinion-image" data-verdict="none" message={rt('site.image.none')} />;
  return (
    <Alert
      type={v.verdict === 'approve' ? 'success' : 'warning'}
      showIcon
      className="site-opinion-note"
      data-testid="site-opinion-image"
      data-verdict={v.verdict}
      message={v.verdict === 'approve' ? rt('site.image.approve') : rt('site.image.replace', { reason: v.reason ?? '' })}
    />
  );
}
