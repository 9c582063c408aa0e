import { useEffect, useMemo, useRef, useState, type MutableRefObject, type ReactNode } from 'react';
import { Alert, AutoComplete, Button, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { MAX_REQUESTED_CATEGORIES, type Outcome } from '../../../../src/domain/review-rules.js';
import { decisionProblemText } from '../../../../src/domain/messages/index.js';
import type { MaterialCategory } from '../../api/types';
import type { PhoneOutcome } from './types';
import type { ReviewT } from './useReviewText';
import { useI18n } from '../../i18n/I18nProvider';
import type { Lang } from '../../i18n/messages';
import { useDialogHistory } from '../../lib/useDialogHistory';
import { canRequest, REQUEST_REASONS, requestableOf, requestItems, type Requestable, type RequestEntry } from './requests';
import { clientProblem, summarise, type ClientProblem, type VerdictState } from './verdicts';

export type ConfirmRef = MutableRefObject<(() => void) | null>;

function problemText(p: ClientProblem, rt: ReviewT, lang: Lang, missingRequired: string[]): string {
  if (p.kind === 'undecided') return rt('problem.undecided', { count: p.count });
  if (p.kind === 'otherNeedsNote') return rt('problem.otherNeedsNote');
  if (p.kind === 'requestNeedsCategory') return rt('problem.requestNeedsCategory');
  return decisionProblemText(p.code, missingRequired, lang);
}

/** 要求补充材料: rows of category + reason with a delete button; full categories are disabled. */
function RequestList({
  entries,
  onChange,
  categories,
  requestable,
  replacing,
  rt,
}: {
  entries: RequestEntry[];
  onChange: (next: RequestEntry[]) => void;
  categories: MaterialCategory[];
  requestable: Requestable;
  replacing: ReadonlySet<string>;
  rt: ReviewT;
}) {
  const set = (i: number, patch: Partial<RequestEntry>) => onChange(entries.map((e, k) => (k === i ? { ...e, ...patch } : e)));
  const chosen = new Set(entries.map((e) => e.categoryCode));
  const reasonOptions = REQUEST_REASONS.map((r) => ({ value: r }));
  return (
    // Enter picks an option or ends a reason here; it must not submit the decision.
    <div className="decision-requests" data-testid="request-list" onKeyDown={(e) => e.key === 'Enter' && e.stopPropagation()}>
      <Typography.Text strong>{rt('request.title')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '2px 0 6px' }}>
        {rt('request.help')}
      </Typography.Paragraph>
      {entries.map((e, i) => (
        <div className="decision-request-row" key={i} data-testid="request-row">
          <Select
            className="decision-request-category"
            value={e.categoryCode || undefined}
            placeholder={rt('request.category')}
            aria-label={rt('request.category')}
            onChange={(v: string) => set(i, { categoryCode: v })}
            showSearch
            optionFilterProp="label"
            options={categories.map((c) => {
              const full = !canRequest(requestable, c.code, replacing);
              return {
                value: c.code,
                label: full ? `${c.name}（${rt('request.full')}）` : c.name,
                disabled: (full || chosen.has(c.code)) && c.code !== e.categoryCode,
              };
            })}
            data-testid="request-category"
          />
          <AutoComplete
            className="decision-request-reason"
            value={e.reason}
            options={reasonOptions}
            onChange={(v: string) => set(i, { reason: v })}
            // A preset in the field (the first one is filled in) still lists them all to switch.
            filterOption={(input, o) => !input || (REQUEST_REASONS as readonly string[]).includes(input) || (o?.value ?? '').includes(input)}
            maxLength={200}
            placeholder={rt('request.reasonPlaceholder')}
            aria-label={rt('request.reason')}
            data-testid="request-reason"
          />
          <Button
            icon={<DeleteOutlined />}
            aria-label={rt('request.remove')}
            title={rt('request.remove')}
            onClick={() => onChange(entries.filter((_, k) => k !== i))}
            data-testid="request-remove"
          />
        </div>
      ))}
      {entries.length < MAX_REQUESTED_CATEGORIES ? (
        <Button
          type="dashed"
          block
          icon={<PlusOutlined />}
          onClick={() => onChange([...entries, { categoryCode: '', reason: REQUEST_REASONS[0] }])}
          data-testid="request-add"
        >
          {rt('request.add')}
        </Button>
      ) : null}
    </div>
  );
}

/** A text area to focus once its modal has opened (after the opening animation), caret at the end. */
function useAutoFocus() {
  const ref = useRef<TextAreaRef>(null);
  const afterOpenChange = (opened: boolean) => {
    const el = ref.current?.resizableTextArea?.textArea;
    if (opened && el) {
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    }
  };
  return [ref, afterOpenChange] as const;
}

/** 通过 / 退回修改 / 审核拒绝: what will happen, what is marked, the comment; Enter submits. */
export function DecisionDialog({
  outcome,
  level,
  verdicts,
  missingRequired,
  categories,
  replaceItems,
  allowed,
  serverError,
  submitting,
  onSubmit,
  onCancel,
  confirmRef,
  rt,
}: {
  outcome: Outcome | null;
  level: 'site' | 'region' | null;
  verdicts: VerdictState;
  missingRequired: string[];
  /** The candidate's catalog (the review file's materials), for 要求补充材料. */
  categories: MaterialCategory[];
  /** "身份证明 2（图片不清晰）" for each image marked for replacement. */
  replaceItems: string[];
  allowed: boolean;
  serverError: string | null;
  submitting: boolean;
  onSubmit: (comment: string, requests: RequestEntry[]) => void;
  onCancel: () => void;
  confirmRef: ConfirmRef;
  rt: ReviewT;
}) {
  const { t, lang } = useI18n();
  const open = outcome !== null;
  // The dialog stays mounted while it closes (its animation, then the focus back to what opened it).
  const [shown, setShown] = useState<Outcome | null>(outcome);
  if (outcome !== null && outcome !== shown) setShown(outcome);
  useDialogHistory(open, onCancel);
  const [comment, setComment] = useState('');
  const [requests, setRequests] = useState<RequestEntry[]>([]);
  const [textRef, afterOpenChange] = useAutoFocus();
  const requestable = useMemo(() => requestableOf(categories), [categories]);
  const replacing = useMemo(() => new Set(verdicts.order.filter((id) => verdicts.verdicts[id]?.verdict === 'replace')), [verdicts]);
  const nameOf = (code: string) => categories.find((c) => c.code === code)?.name ?? code;
  /** The comment written from the marks and requests; replaced as they change while the reviewer has not edited it. */
  const autoComment = (entries: RequestEntry[]) => {
    if (shown !== 'return') return '';
    const parts: string[] = [];
    if (replaceItems.length > 0) parts.push(rt('decision.commentTemplate', { items: replaceItems.join('；') }));
    const asked = requestItems(entries, nameOf);
    if (asked.length > 0) parts.push(rt('request.commentTemplate', { items: asked.join('；') }));
    return parts.join('');
  };
  useEffect(() => {
    if (!open) return;
    setRequests([]);
    setComment(autoComment([]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, outcome]);
  const changeRequests = (next: RequestEntry[]) => {
    if (comment === autoComment(requests)) setComment(autoComment(next));
    setRequests(next);
  };

  const problem = shown ? clientProblem(verdicts, shown, comment, missingRequired, requests, requestable) : null;
  const blocked = !open || !allowed || problem !== null || submitting;
  const submit = () => {
    if (!blocked) onSubmit(comment, shown === 'return' ? requests : []);
  };
  confirmRef.current = open ? submit : null;

  if (!shown) return null;
  const s = summarise(verdicts);
  const next =
    shown === 'pass' ? rt(level === 'region' ? 'decision.next.pass.region' : 'decision.next.pass.site') : rt(shown === 'return' ? 'decision.next.return' : 'decision.next.reject');
  const needsComment = shown !== 'pass';
  return (
    <Modal
      open={open}
      title={rt(`decision.title.${shown}`)}
      onCancel={onCancel}
      afterOpenChange={afterOpenChange}
      cancelText={t('common.cancel')}
      onOk={submit}
      okText={
        <span>
          {rt('decision.confirm')} <kbd>Enter</kbd>
        </span>
      }
      okButtonProps={{ disabled: blocked, loading: submitting, danger: shown === 'reject', 'data-testid': 'decision-confirm' }}
      destroyOnHidden
      maskClosable={false}
      data-testid="decision-dialog"
      width={560}
    >
      <div className="decision-body" data-testid="decision-dialog-body" data-outcome={shown}>
        <Typography.Paragraph style={{ marginBottom: 8 }}>{next}</Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {rt('summary', { approved: s.approved, replace: s.replace, undecided: s.undecided })}
        </Typography.Paragraph>
        {shown !== 'pass' && s.undecided > 0 ? (
          <Alert type="info" showIcon style={{ marginBottom: 8 }} message={rt('decision.undecidedAsApproved', { count: s.undecided })} />
        ) : null}
        {replaceItems.length > 0 ? (
          <div className="decision-replace-list">
            <Typography.Text strong>{rt('decision.replaceList')}</Typography.Text>
            <ul>
              {replaceItems.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {shown === 'return' ? (
          <RequestList entries={requests} onChange={changeRequests} categories={categories} requestable={requestable} replacing={replacing} rt={rt} />
        ) : null}
        <Space direction="vertical" style={{ width: '100%' }} size={4}>
          <Typography.Text strong={needsComment}>{needsComment ? rt('decision.comment') : rt('decision.commentOptional')}</Typography.Text>
          <Input.TextArea
            ref={textRef}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={1000}
            showCount
            placeholder={rt('decision.commentPlaceholder')}
            data-testid="decision-comment"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {rt('decision.enterHint')}
          </Typography.Text>
        </Space>
        {open && !allowed ? <Alert type="warning" showIcon style={{ marginTop: 12 }} message={rt('problem.notAllowed')} /> : null}
        {problem ? (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} message={problemText(problem, rt, lang, missingRequired)} data-testid="decision-problem" />
        ) : null}
        {serverError ? <Alert type="error" showIcon style={{ marginTop: 12 }} message={serverError} data-testid="decision-error" /> : null}
      </div>
    </Modal>
  );
}

/** 电话通知: record a call to the candidate (it joins the history). */
export function PhoneCallDialog({
  open,
  phoneMasked,
  phoneSlot,
  saving,
  onSave,
  onCancel,
  confirmRef,
  rt,
}: {
  open: boolean;
  phoneMasked: string;
  /** The number with its 显示完整号码 control, in place of the masked text. */
  phoneSlot?: ReactNode;
  saving: boolean;
  onSave: (outcome: PhoneOutcome, note: string) => void;
  onCancel: () => void;
  confirmRef: ConfirmRef;
  rt: ReviewT;
}) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<PhoneOutcome>('reached');
  const [note, setNote] = useState('');
  const [textRef, afterOpenChange] = useAutoFocus();
  useEffect(() => {
    if (open) {
      setOutcome('reached');
      setNote('');
    }
  }, [open]);
  const save = () => {
    if (!saving) onSave(outcome, note);
  };
  if (open) confirmRef.current = save;
  useDialogHistory(open, onCancel);
  return (
    <Modal
      open={open}
      title={rt('phone.title')}
      onCancel={onCancel}
      afterOpenChange={afterOpenChange}
      cancelText={t('common.cancel')}
      onOk={save}
      okText={rt("phone.save")}
      okButtonProps={{ loading: saving, 'data-testid': 'phone-save' }}
      destroyOnHidden
      data-testid="phone-dialog"
    >
      <Space direction="vertical" style={{ width: '100%' }} size={10}>
        {phoneSlot ? (
          <div>
            <Typography.Text type="secondary">{rt('phone.number', { phone: '' })}</Typography.Text>
            {phoneSlot}
          </div>
        ) : (
          <Typography.Text type="secondary">{rt('phone.number', { phone: phoneMasked })}</Typography.Text>
        )}
        <div>
          <Typography.Text strong>{rt('phone.outcome')}</Typography.Text>
          <div style={{ marginTop: 6 }}>
            <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value as PhoneOutcome)} optionType="button" buttonStyle="solid">
              <Radio.Button value="reached">{rt('phone.reached')}</Radio.Button>
              <Radio.Button value="no_answer">{rt('phone.no_answer')}</Radio.Button>
              <Radio.Button value="wrong_number">{rt('phone.wrong_number')}</Radio.Button>
            </Radio.Group>
          </div>
        </div>
        <div>
          <Typography.Text strong>{rt('phone.note')}</Typography.Text>
          <Input.TextArea
            ref={textRef}
            style={{ marginTop: 6 }}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={rt('phone.notePlaceholder')}
            data-testid="phone-note"
          />
        </div>
      </Space>
    </Modal>
  );
}

/** 重新开启 (administrators): a final decision goes back for review, with a reason. */
export function ReopenDialog({
  open,
  saving,
  error,
  onSave,
  onCancel,
  confirmRef,
  rt,
}: {
  open: boolean;
  saving: boolean;
  error: string | null;
  onSave: (reason: string) => void;
  onCancel: () => void;
  confirmRef: ConfirmRef;
  rt: ReviewT;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [textRef, afterOpenChange] = useAutoFocus();
  useEffect(() => {
    if (open) setReason('');
  }, [open]);
  const save = () => {
    if (!saving && reason.trim()) onSave(reason.trim());
  };
  if (open) confirmRef.current = save;
  useDialogHistory(open, onCancel);
  return (
    <Modal
      open={open}
      title={rt('reopen.title')}
      onCancel={onCancel}
      afterOpenChange={afterOpenChange}
      cancelText={t('common.cancel')}
      onOk={save}
      okText={rt('decision.confirm')}
      okButtonProps={{ disabled: !reason.trim(), loading: saving, 'data-testid': 'reopen-confirm' }}
      destroyOnHidden
      data-testid="reopen-dialog"
    >
      <Typography.Paragraph>{rt('reopen.help')}</Typography.Paragraph>
      <Typography.Text strong>{rt('reopen.reason')}</Typography.Text>
      <Input.TextArea
        ref={textRef}
        style={{ marginTop: 6 }}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={500}
        autoSize={{ minRows: 2, maxRows: 6 }}
        placeholder={rt('reopen.reasonRequired')}
        data-testid="reopen-reason"
      />
      {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} message={error} /> : null}
    </Modal>
  );
}
