import { Alert, Button } from 'antd';
import { Link } from 'react-router-dom';
import type { Materials, TodoItem } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

/** The DOM id of a category card, so a to-do item can scroll to it. */
export const categoryAnchor = (code: string) => `cat-${code}`;

interface Props {
  materials: Pick<Materials, 'todo' | 'status' | 'categories' | 'otherImages'>;
  /** On the materials page: scroll to the card; elsewhere: link to the page at the card. */
  onGo?: (item: TodoItem) => void;
  testId?: string;
}

/**
 * materials.todo as the candidate reads it: the exact list of what remains, each item
 * leading to its card; when nothing remains, what happens next (已重新提交 after a return).
 */
export function TodoList({ materials, onGo, testId = 'todo' }: Props) {
  const { t } = useI18n();
  const names = new Map(materials.categories.map((c) => [c.code, c.name]));
  const final = materials.status === 'approved' || materials.status === 'rejected';
  if (materials.todo.length === 0) {
    if (materials.status === 'returned') return <Alert type="success" showIcon data-testid={testId} data-count={0} message={t('todo.resubmitted')} />;
    if (materials.status === 'draft') return <Alert type="success" showIcon data-testid={testId} data-count={0} message={t('materials.requiredDone')} />;
    return null;
  }
  const text = (i: TodoItem) => {
    const name = names.get(i.categoryCode) ?? t('materials.otherImagesTitle');
    if (i.kind === 'missing') return t('todo.missing', { name });
    if (i.kind === 'requested') return t('todo.requested', { name, reason: i.reason ?? '' });
    return i.reason ? t('todo.replace', { name, reason: i.reason }) : t('todo.replaceNoReason', { name });
  };
  const anchorOf = (i: TodoItem) => (names.has(i.categoryCode) ? categoryAnchor(i.categoryCode) : categoryAnchor('__leftovers'));
  return (
    <Alert
      type={final ? 'info' : 'warning'}
      showIcon
      data-testid={testId}
      data-count={materials.todo.length}
      message={<strong>{t('todo.title', { count: materials.todo.length })}</strong>}
      description={
        <ol className="todo-list">
          {final ? <li style={{ listStyle: 'none', marginLeft: -18 }}>{t('todo.finalNote')}</li> : null}
          {materials.todo.map((i, n) => (
            <li key={`${i.kind}-${i.categoryCode}-${i.imageId ?? n}`} data-testid="todo-item" data-kind={i.kind} data-category={i.categoryCode}>
              <span>{text(i)}</span>{' '}
              {onGo ? (
                <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => onGo(i)} data-testid="todo-go">
                  {t('todo.go')}
                </Button>
              ) : (
                <Link to={`/materials#${anchorOf(i)}`} data-testid="todo-go">
                  {t('todo.go')}
                </Link>
              )}
            </li>
          ))}
        </ol>
      }
    />
  );
}

/** Scrolls to the card of a to-do item and lights it up briefly. */
export function scrollToCard(code: string, known: boolean) {
  const el = document.getElementById(categoryAnchor(known ? code : '__leftovers'));
  if (!el) return;
  el.scrollIntoView({ behavior: 'smooth', block: 'start' });
  el.classList.add('category-card-flash');
  window.setTimeout(() => el.classList.remove('category-card-flash'), 1600);
}
