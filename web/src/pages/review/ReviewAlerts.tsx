/** The banners under the top bar: decided here, the claim when it is not ours, required materials missing. */
import { Alert, Button, Space } from 'antd';
import { Link } from 'react-router-dom';
import type { ReviewFile } from './types';
import type { ClaimState } from './useReviewClaim';
import type { ReviewT } from './useReviewText';

export function ReviewAlerts({
  file,
  claim,
  done,
  isAdmin,
  statusLabel,
  onReclaim,
  onNext,
  noNext,
  rt,
}: {
  file: ReviewFile;
  claim: ClaimState;
  /** Decided on this page, with the new status. */
  done: { statusLabel: string } | null;
  isAdmin: boolean;
  statusLabel: string;
  onReclaim(): void;
  onNext(): void;
  noNext: boolean;
  rt: ReviewT;
}) {
  return (
    <div className="stack review-alerts">
      {done ? (
        <Alert
          type="success"
          showIcon
          data-testid="decision-done"
          message={rt('done.sub', { name: file.name, no: file.registrationNo, status: done.statusLabel })}
          action={
            <Space>
              <Button size="small" type="primary" onClick={onNext} disabled={noNext}>
                {rt('done.next')}
              </Button>
              <Link to="/review">
                <Button size="small">{rt('page.back')}</Button>
              </Link>
            </Space>
          }
        />
      ) : (
        <ClaimBanner claim={claim} isAdmin={isAdmin} statusLabel={statusLabel} onReclaim={onReclaim} onNext={onNext} rt={rt} />
      )}
      {file.missingRequired.length > 0 ? (
        <Alert type="error" showIcon data-testid="missing-required" message={rt('page.missingRequired', { names: file.missingRequired.join('、') })} />
      ) : null}
    </div>
  );
}

/** Why the page is read only, and the way back to work (重试 the claim, or 下一位). */
function ClaimBanner({
  claim,
  isAdmin,
  statusLabel,
  onReclaim,
  onNext,
  rt,
}: {
  claim: ClaimState;
  isAdmin: boolean;
  statusLabel: string;
  onReclaim(): void;
  onNext(): void;
  rt: ReviewT;
}) {
  switch (claim.kind) {
    case 'other':
      return (
        <Alert
          type="warning"
          showIcon
          data-testid="claim-other"
          message={claim.by ? rt('claim.other', { by: claim.by }) : rt('claim.otherUnknown')}
          action={
            <Space>
              <Button size="small" onClick={onReclaim}>
                {rt('claim.retry')}
              </Button>
              <Button size="small" type="primary" onClick={onNext}>
                {rt('page.next')}
              </Button>
            </Space>
          }
        />
      );
    case 'notReviewable':
      return <Alert type="info" showIcon data-testid="claim-readonly" message={rt('claim.notReviewable', { status: statusLabel })} />;
    case 'lost':
      return (
        <Alert
          type="error"
          showIcon
          data-testid="claim-lost"
          message={rt('claim.lost')}
          action={
            <Button size="small" onClick={onReclaim}>
              {rt('claim.retry')}
            </Button>
          }
        />
      );
    case 'none':
      return isAdmin ? <Alert type="info" showIcon data-testid="claim-admin" message={rt('claim.admin')} /> : null;
    default:
      return null;
  }
}
