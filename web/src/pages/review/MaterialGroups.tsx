import { Tag, Tooltip } from 'antd';
import { CheckOutlined, ExclamationOutlined } from '@ant-design/icons';
import type { MaterialCategory, MaterialImage } from '../../api/types';
import { cachedImage } from './prefetch';
import type { ReviewT } from './useReviewText';
import { reasonText, type VerdictState } from './verdicts';
import { ThumbFlags } from './SignalFlags';

export interface Group {
  key: string;
  name: string;
  required: boolean;
  missing: boolean;
  maxCount: number | null;
  images: MaterialImage[];
}

/** Categories with images, and required ones even when empty (highlighted), then leftovers. */
export function groupsOf(categories: MaterialCategory[], otherImages: MaterialImage[] | undefined, missingNames: string[], leftoversName: string): Group[] {
  const missing = new Set(missingNames);
  const groups: Group[] = categories
    .filter((c) => c.images.length > 0 || c.required)
    .map((c) => ({
      key: c.code,
      name: c.name,
      required: c.required,
      missing: missing.has(c.name) || (c.required && c.images.length < Math.max(1, c.minCount)),
      maxCount: c.maxCount < 100 ? c.maxCount : null,
      images: c.images,
    }));
  if (otherImages && otherImages.length > 0) {
    groups.push({ key: '__leftovers', name: leftoversName, required: false, missing: false, maxCount: null, images: otherImages });
  }
  return groups;
}

/** The material images grouped by category, as thumbnails that select the image to view. */
export function MaterialGroups({
  groups,
  verdicts,
  editable,
  onSelect,
  rt,
}: {
  groups: Group[];
  verdicts: VerdictState;
  editable: boolean;
  onSelect: (id: string) => void;
  rt: ReviewT;
}) {
  const current = verdicts.index >= 0 ? verdicts.order[verdicts.index] : undefined;
  return (
    <div className="material-groups" data-testid="material-groups">
      {groups.map((g) => (
        <section key={g.key} className={`material-group${g.missing ? ' missing' : ''}`} data-testid={`group-${g.key}`} data-missing={g.missing}>
          <div className="material-group-head">
            <span className="material-group-name">{g.name}</span>
            {g.required ? <Tag color="red">{rt('images.required')}</Tag> : null}
            {g.missing ? (
              <Tag color="error" data-testid="group-missing">
                {rt('images.missing')}
              </Tag>
            ) : (
              <span className="material-group-count">{g.maxCount ? `${g.images.length}/${g.maxCount}` : rt('images.count', { count: g.images.length })}</span>
            )}
          </div>
          {g.images.length > 0 ? (
            <div className="thumb-row">
              {g.images.map((img) => {
                const n = verdicts.order.indexOf(img.id) + 1;
                const v = verdicts.verdicts[img.id];
                const state = editable ? (v?.verdict ?? 'undecided') : img.state === 'approved' ? 'approve' : img.state === 'replace_requested' ? 'replace' : 'undecided';
                const reason = editable ? (v?.verdict === 'replace' ? reasonText(v) : '') : (img.reason ?? '');
                const label =
                  state === 'approve'
                    ? rt('verdict.approve')
                    : state === 'replace'
                      ? rt('verdict.replaceWith', { reason: reason || '…' })
                      : rt('verdict.undecided');
                return (
                  <Tooltip key={img.id} title={`${n}. ${label}`} mouseEnterDelay={0.4}>
                    <button
                      type="button"
                      className={`thumb thumb-${state}${img.id === current ? ' current' : ''}`}
                      onClick={() => onSelect(img.id)}
                      data-testid="thumb"
                      data-image-id={img.id}
                      data-verdict={state}
                      aria-label={`${g.name} ${n}: ${label}`}
                      aria-current={img.id === current}
                    >
                      <img src={cachedImage(img.thumbnailUrl) ?? img.thumbnailUrl} alt="" draggable={false} />
                      <span className="thumb-no">{n}</span>
                      <ThumbFlags image={img} />
                      {state === 'approve' ? (
                        <span className="thumb-mark ok">
                          <CheckOutlined />
                        </span>
                      ) : state === 'replace' ? (
                        <span className="thumb-mark bad">
                          <ExclamationOutlined />
                        </span>
                      ) : null}
                    </button>
                  </Tooltip>
                );
              })}
            </div>
          ) : null}
        </section>
      ))}
    </div>
  );
}
