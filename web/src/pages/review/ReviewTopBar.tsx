/** The review page's top bar: who the candidate is, the claim, and the page-wide actions (call, reopen, shortcuts, next). */
import { Button, Popover, Space, Tag } from 'antd';
import { ArrowLeftOutlined, PhoneOutlined, QuestionCircleOutlined, RedoOutlined, StepForwardOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { StatusTag } from '../../components/StatusTag';
import { formatDateTime } from '../../lib/format';
import { ShortcutHelp } from './ShortcutHelp';
import type { ReviewFile } from './types';
import type { ClaimState } from './useReviewClaim';
import type { ReviewT } from './useReviewText';

export function ReviewTopBar({
  file,
  claim,
  canReopen,
  decided,
  helpOpen,
  onHelpOpenChange,
  onPhoneCall,
  onReopen,
  onNext,
  noNext,
  rt,
}: {
  file: ReviewFile;
  claim: ClaimState;
  canReopen: boolean;
  /** Decided on this page: 下一位 becomes the primary action. */
  decided: boolean;
  helpOpen: boolean;
  onHelpOpenChange(open: boolean): void;
  onPhoneCall(): void;
  onReopen(): void;
  onNext(): void;
  noNext: boolean;
  rt: ReviewT;
}) {
  return (
    <div className="review-topbar">
      <div className="review-topbar-main">
        <Link to="/review" className="review-back" aria-label={rt('page.back')}>
          <Button type="text" icon={<ArrowLeftOutlined />}>
            <span className="hide-narrow">{rt('page.back')}</span>
          </Button>
        </Link>
        <span className="review-name" data-testid="review-name">
          {file.name}
        </span>
        <span className="review-no">{file.registrationNo}</span>
        <StatusTag status={file.status} label={file.statusLabel} />
        {file.changedSinceReturn ? <Tag color="orange">{rt('tag.changed')}</Tag> : null}
        {file.missingRequired.length > 0 ? <Tag color="error">{rt('tag.incomplete')}</Tag> : null}
      </div>
      <Space size={6} wrap className="review-topbar-actions">
        <ClaimTag claim={claim} rt={rt} />
        <Button icon={<PhoneOutlined />} onClick={onPhoneCall} data-testid="phone-call">
          <span className="hide-narrow">{rt('page.phoneCall')}</span> <kbd>T</kbd>
        </Button>
        {canReopen ? (
          <Button icon={<RedoOutlined />} onClick={onReopen} data-testid="reopen">
            {rt('page.reopen')} <kbd>O</kbd>
          </Button>
        ) : null}
        <Popover open={helpOpen} onOpenChange={onHelpOpenChange} trigger="click" placement="bottomRight" title={rt('keys.title')} content={<ShortcutHelp rt={rt} />}>
          <Button icon={<QuestionCircleOutlined />} data-testid="shortcuts">
            <span className="hide-narrow">{rt('page.shortcuts')}</span> <kbd>?</kbd>
          </Button>
        </Popover>
        <Button type={decided ? 'primary' : 'default'} icon={<StepForwardOutlined />} onClick={onNext} disabled={noNext} data-testid="next-candidate">
          {rt('page.next')} <kbd>N</kbd>
        </Button>
      </Space>
    </div>
  );
}

function ClaimTag({ claim, rt }: { claim: ClaimState; rt: ReviewT }) {
  if (claim.kind === 'mine') {
    return (
      <Tag color="processing" data-testid="claim-mine">
        {rt('claim.mine', { time: formatDateTime(claim.expiresAt).slice(11) })}
      </Tag>
    );
  }
  return <Tag>{rt(claim.kind === 'claiming' ? 'claim.claiming' : 'claim.readOnly')}</Tag>;
}
