import { forwardRef } from 'react';
import { Button, Input, Space, Tag, Typography, type InputRef } from 'antd';
import { CheckOutlined, RollbackOutlined, SwapOutlined } from '@ant-design/icons';
import { PRESET_REASONS } from '../../../../src/domain/review-rules.js';
import type { MaterialImage } from '../../api/types';
import type { ReviewT } from './useReviewText';
import { OTHER_REASON, type ImageVerdict, type VerdictAction } from './verdicts';

/** 通过 / 要求更换 for the image in view, with the preset reasons (keys 1–6) and free text. */
export const VerdictBar = forwardRef<InputRef, {
  image: MaterialImage;
  verdict: ImageVerdict | undefined;
  editable: boolean;
  dispatch: (a: VerdictAction) => void;
  rt: ReviewT;
}>(function VerdictBar({ image, verdict, editable, dispatch, rt }, noteRef) {
  if (!editable) {
    const color = image.state === 'approved' ? 'success' : image.state === 'replace_requested' ? 'error' : 'default';
    return (
      <div className="verdict-bar verdict-bar-readonly" data-testid="verdict-bar-readonly">
        <Tag color={color}>{rt(`verdict.recorded.${image.state}`)}</Tag>
        {image.reason ? <Typography.Text type="danger">{image.reason}</Typography.Text> : null}
      </div>
    );
  }
  const replace = verdict?.verdict === 'replace';
  const needsNote = replace && verdict.preset === OTHER_REASON && !verdict.note.trim();
  return (
    <div className="verdict-bar" data-testid="verdict-bar">
      <Space wrap size={8}>
        <Button
          type={verdict?.verdict === 'approve' ? 'primary' : 'default'}
          className={verdict?.verdict === 'approve' ? 'verdict-approve-on' : undefined}
          icon={<CheckOutlined />}
          onClick={() => dispatch({ type: 'approve', id: image.id })}
          data-testid="verdict-approve"
          aria-pressed={verdict?.verdict === 'approve'}
        >
          {rt('verdict.approve')} <kbd>A</kbd>
        </Button>
        <Button
          danger
          type={replace ? 'primary' : 'default'}
          icon={<SwapOutlined />}
          onClick={() => {
            dispatch({ type: 'replace', id: image.id });
            setTimeout(() => (noteRef && 'current' in noteRef ? noteRef.current?.focus() : undefined), 0);
          }}
          data-testid="verdict-replace"
          aria-pressed={replace}
        >
          {rt('verdict.replace')} <kbd>R</kbd>
        </Button>
        {verdict ? (
          <Button type="text" icon={<RollbackOutlined />} onClick={() => dispatch({ type: 'clear', id: image.id })} data-testid="verdict-clear">
            {rt('verdict.clear')}
          </Button>
        ) : null}
      </Space>
      <div className="reason-row">
        <Typography.Text type="secondary" className="reason-label">
          {rt('verdict.reasonLabel')}
        </Typography.Text>
        <Space wrap size={[6, 6]}>
          {PRESET_REASONS.map((p, i) => (
            <Tag.CheckableTag
              key={p}
              checked={replace && verdict.preset === p}
              onChange={() => dispatch({ type: 'preset', preset: p, id: image.id })}
              className="reason-chip"
              data-testid={`preset-${i + 1}`}
            >
              <kbd>{i + 1}</kbd> {p}
            </Tag.CheckableTag>
          ))}
        </Space>
        <Input
          ref={noteRef}
          size="middle"
          maxLength={150}
          value={replace ? verdict.note : ''}
          status={needsNote ? 'error' : undefined}
          placeholder={needsNote ? rt('verdict.noteRequired') : rt('verdict.notePlaceholder')}
          onChange={(e) => dispatch({ type: 'note', note: e.target.value, id: image.id })}
          data-testid="verdict-note"
          className="reason-note"
        />
      </div>
    </div>
  );
});
