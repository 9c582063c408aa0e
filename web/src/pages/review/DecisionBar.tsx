/** Under the viewer: the marks so far and the three outcomes (P / B / X), each opening its dialog. */
import { Button, Space } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, RollbackOutlined } from '@ant-design/icons';
import type { Outcome } from '../../../../src/domain/review-rules.js';
import type { ReviewT } from './useReviewText';
import type { VerdictSummary } from './verdicts';

export function DecisionBar({ summary, mayDecide, onOutcome, rt }: { summary: VerdictSummary; mayDecide(o: Outcome): boolean; onOutcome(o: Outcome): void; rt: ReviewT }) {
  return (
    <div className="decision-bar" data-testid="decision-bar">
      <span className="decision-summary" data-testid="verdict-summary">
        {rt('summary', { approved: summary.approved, replace: summary.replace, undecided: summary.undecided })}
      </span>
      <Space wrap size={8}>
        <Button type="primary" icon={<CheckCircleOutlined />} disabled={!mayDecide('pass')} onClick={() => onOutcome('pass')} data-testid="outcome-pass" className="outcome-pass">
          {rt('outcome.pass')} <kbd>P</kbd>
        </Button>
        <Button icon={<RollbackOutlined />} disabled={!mayDecide('return')} onClick={() => onOutcome('return')} data-testid="outcome-return" className="outcome-return">
          {rt('outcome.return')} <kbd>B</kbd>
        </Button>
        <Button danger icon={<CloseCircleOutlined />} disabled={!mayDecide('reject')} onClick={() => onOutcome('reject')} data-testid="outcome-reject">
          {rt('outcome.reject')} <kbd>X</kbd>
        </Button>
      </Space>
    </div>
  );
}
