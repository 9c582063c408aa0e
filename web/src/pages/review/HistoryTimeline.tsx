import { useMemo, useState } from 'react';
import { Card, Empty, Switch, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import type { HistoryEntry } from './types';
import type { ReviewT } from './useReviewText';
import type { ReviewKey } from './review-messages';

const VIEW_ACTIONS = new Set(['registration.viewed', 'image.viewed', 'review.renewed']);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

type Row = HistoryEntry & { verdicts?: HistoryEntry[] };

/** The per-image verdicts one decision recorded (same reviewer, same moment) as one row. */
function groupVerdicts(list: HistoryEntry[]): Row[] {
  const rows: Row[] = [];
  for (const h of list) {
    const prev = rows.at(-1);
    if (h.action === 'review.image_verdict' && prev?.action === 'review.image_verdict' && prev.at === h.at && prev.actor?.name === h.actor?.name) {
      prev.verdicts!.push(h);
      continue;
    }
    rows.push(h.action === 'review.image_verdict' ? { ...h, verdicts: [h] } : h);
  }
  for (const r of rows) {
    if (r.verdicts?.some((v) => v.details.verdict === 'replace')) r.details = { ...r.details, verdict: 'replace' };
    r.verdicts?.reverse(); // back to the order they were recorded (images in page order)
  }
  return rows;
}

function colorOf(h: HistoryEntry): string {
  const d = h.details;
  if (h.action === 'review.decided') return d.outcome === 'pass' ? 'green' : d.outcome === 'reject' ? 'red' : 'orange';
  if (h.action === 'review.image_verdict') return d.verdict === 'replace' ? 'red' : 'green';
  if (h.action === 'review.reopened') return 'purple';
  if (h.action === 'review.phone_call') return 'blue';
  if (VIEW_ACTIONS.has(h.action)) return 'gray';
  return 'blue';
}

/** Every recorded action on the candidate, newest first: who, when, which image, what. */
export function HistoryTimeline({
  history,
  imageName,
  rt,
}: {
  history: HistoryEntry[];
  /** "身份证明 第1张" for an image still shown, or null. */
  imageName: (id: string) => string | null;
  rt: ReviewT;
}) {
  const { t } = useI18n();
  const [showViews, setShowViews] = useState(false);
  const items = useMemo(() => groupVerdicts([...history].reverse().filter((h) => showViews || !VIEW_ACTIONS.has(h.action))), [history, showViews]);
  const statusText = (s: unknown) => (typeof s === 'string' ? t(`status.${s}` as MessageKey) : '');
  const outcomeText = (o: unknown) => (o === 'pass' || o === 'return' || o === 'reject' ? rt(`outcome.${o}`) : '');

  return (
    <Card
      size="small"
      title={rt('history.title')}
      className="history-card"
      data-testid="history"
      extra={
        <label className="history-toggle">
          <Switch size="small" checked={showViews} onChange={setShowViews} /> {rt('history.showViews')}
        </label>
      }
    >
      {/* The list scrolls on its own: focusable, so the keyboard can scroll it too. */}
      <div className="history-scroll" tabIndex={0} role="region" aria-label={rt('history.title')}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={rt('history.empty')} />
      ) : (
        <Timeline
          items={items.map((h) => {
            const d = h.details;
            const lines: string[] = [];
            if (h.action === 'review.image_verdict') {
              // One line per image of the same decision: 毕业证书：要求更换 · 原因：图片不清晰
              for (const v of h.verdicts ?? [h]) {
                const name = v.imageId ? (imageName(v.imageId) ?? rt('history.imageGone')) : '';
                const verdict = v.details.verdict === 'approve' || v.details.verdict === 'replace' ? rt(`history.verdict.${v.details.verdict}`) : '';
                const reason = str(v.details.reason);
                lines.push(`${name}：${verdict}${reason ? ` · ${rt('history.reason', { reason })}` : ''}`);
              }
            } else if (h.imageId) {
              lines.push(imageName(h.imageId) ? rt('history.image', { name: imageName(h.imageId)! }) : rt('history.imageGone'));
            }
            if (h.action === 'review.decided') {
              const level = d.level === 'site' || d.level === 'region' ? rt(`history.level.${d.level}`) : '';
              lines.push(`${level} ${outcomeText(d.outcome)}：${statusText(d.from)} → ${statusText(d.to)}`.trim());
              if (str(d.comment)) lines.push(rt('history.comment', { comment: str(d.comment)! }));
            }
            if (h.action === 'review.phone_call') {
              const o = d.outcome;
              if (o === 'reached' || o === 'no_answer' || o === 'wrong_number') lines.push(rt(`phone.${o}` as ReviewKey));
              if (str(d.note)) lines.push(rt('history.note', { note: str(d.note)! }));
            }
            if (h.action === 'review.reopened') {
              lines.push(`${statusText(d.from)} → ${statusText(d.to)}`);
              if (str(d.reason)) lines.push(rt('history.reason', { reason: str(d.reason)! }));
            }
            const role = h.actor?.role;
            const roleText = role === 'candidate' || role === 'site_reviewer' || role === 'region_reviewer' || role === 'admin' ? rt(`history.role.${role}`) : '';
            return {
              key: h.id,
              color: colorOf(h),
              children: (
                <div className="history-item" data-testid="history-item" data-action={h.action}>
                  <div>
                    <strong>{h.actionLabel}</strong>
                    <Typography.Text type="secondary" className="history-meta">
                      {formatDateTime(h.at)}
                      {h.actor ? ` · ${h.actor.name}${roleText ? `（${roleText}）` : ''}` : ''}
                    </Typography.Text>
                  </div>
                  {lines.map((l, i) => (
                    <div key={i} className="history-line">
                      {l}
                    </div>
                  ))}
                </div>
              ),
            };
          })}
        />
      )}
      </div>
    </Card>
  );
}

