import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Collapse, Grid, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import type { MaterialCategory, MaterialImage, Materials, Registration } from '../../api/types';
import { PageError, PageLoading } from '../../components/PageState';
import { StatusTag } from '../../components/StatusTag';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../lib/format';
import { sharedRequirement } from '../../lib/catalog-text';
import { confirmWithHistory } from '../../lib/confirm-with-history';
import { useLoad } from '../useLoad';
import { CategoryCard } from './CategoryCard';
import { UploadDialog, type UploadTarget } from './UploadDialog';
import { TodoList, categoryAnchor, scrollToCard } from './TodoList';

/** While a reviewer holds the file, ask every this often whether the lock has ended. */
const CLAIM_POLL_MS = 15_000;

interface PageData {
  registration: Registration;
  materials: Materials;
}

const FINAL = new Set(['approved', 'rejected']);

/** 上传相关材料: review comments at the very top, the rules, then one card per category. */
export default function MaterialsPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const { data, error, errorStatus, loading, reload, setData } = useLoad<PageData>(async () => {
    const [registration, materials] = await Promise.all([api.registration(), api.materials()]);
    return { registration, materials };
  });
  const [target, setTarget] = useState<UploadTarget | null>(null);
  const nonce = useRef(0);
  const location = useLocation();
  const claimed = !!data?.materials.claimedUntil;

  // While a reviewer holds the file, poll until the lock ends and refresh by itself.
  useEffect(() => {
    if (!claimed) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, CLAIM_POLL_MS);
    return () => window.clearInterval(timer);
  }, [claimed, reload]);

  // Arriving from a to-do item on the registration card (/materials#cat-…): scroll to that card.
  const scrolled = useRef(false);
  useEffect(() => {
    if (!data || scrolled.current || !location.hash) return;
    scrolled.current = true;
    const code = location.hash.slice(1).replace(/^cat-/, '');
    window.setTimeout(() => scrollToCard(code, code !== '__leftovers'), 50);
  }, [data, location.hash]);

  const onChoose = useCallback((category: MaterialCategory, files: File[]) => {
    nonce.current += 1;
    setTarget({ category, files, nonce: nonce.current });
  }, []);
  const onCloseUpload = useCallback(() => setTarget(null), []);

  // The dialog closes by itself once every chosen file is stored.
  const onUploaded = useCallback(
    (image: MaterialImage, categoryCode: string) => {
      setData((prev) => (prev ? withImage(prev, { ...image, categoryCode: image.categoryCode ?? categoryCode }) : prev));
      message.success(t('materials.saved'));
      void reload();
    },
    [message, reload, setData, t],
  );

  const onDelete = useCallback(
    (image: MaterialImage) => {
      // Back closes the question (as 取消) and stays on the page.
      void confirmWithHistory(modal.confirm, {
        title: t('materials.deleteConfirmTitle'),
        content: t('materials.deleteConfirmBody'),
        okText: t('materials.delete'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            await api.deleteImage(image.id);
            setData((prev) => (prev ? withoutImage(prev, image.id) : prev));
            message.success(t('materials.deleted'));
          } catch (e) {
            if (!(e instanceof ApiError && e.handled)) {
              message.error(e instanceof ApiError ? e.message : t('common.unknownError'));
            }
          }
          void reload();
        },
      });
    },
    [message, modal, reload, setData, t],
  );

  if (loading && !data) return <PageLoading />;
  if (!data) return <PageError message={error ?? undefined} status={errorStatus} onRetry={() => void reload()} />;
  const { registration: reg, materials: mat } = data;
  if (!reg.activated) return <Navigate to="/activate" replace />;

  const final = FINAL.has(mat.status);
  const uploadEnabled = mat.uploadEnabled ?? reg.uploadEnabled;
  const canModify = uploadEnabled && !mat.underReview && !final;
  // After the deadline a returned candidate may still work on the categories the return named.
  const lateFixes = !canModify && !!mat.lateFixesOpen && !mat.underReview;
  const lateCategories = new Set(lateFixes ? mat.todo.map((i) => i.categoryCode) : []);
  const compact = !screens.md;
  const windowState = mat.uploadWindowState ?? reg.uploadWindowState;
  // The format/size/upright sentences every category repeats: said once, in the rules.
  const { shared, own } = sharedRequirement(mat.categories);
  const requested = new Set((mat.requestedCategories ?? []).map((r) => r.categoryCode));
  const todoCodes = new Set(mat.todo.map((i) => i.categoryCode));
  // On a phone, optional categories with nothing in them (and nothing asked for) fold away.
  const folds = (c: MaterialCategory) => compact && !c.required && c.images.length === 0 && !requested.has(c.code) && !todoCodes.has(c.code);
  const card = (c: MaterialCategory) => (
    <CategoryCard
      key={c.code}
      anchor={categoryAnchor(c.code)}
      requestReason={mat.requestedCategories?.find((r) => r.categoryCode === c.code)?.reason}
      category={{ ...c, requirements: own.get(c.code) ?? c.requirements }}
      canModify={canModify || lateCategories.has(c.code)}
      underReview={mat.underReview}
      compact={compact}
      onChoose={onChoose}
      onDelete={onDelete}
    />
  );
  const folded = mat.categories.filter(folds);

  return (
    <div className="stack" data-testid="materials-page">
      {mat.reviewComments.length > 0 ? (
        <Alert
          type={mat.status === 'rejected' ? 'error' : 'warning'}
          showIcon
          data-testid="review-comments"
          message={<strong>{t('materials.reviewComments')}</strong>}
          description={
            <div>
              {mat.reviewComments.map((c, i) => (
                <div key={`${c.at}-${i}`} style={{ marginBottom: 6 }}>
                  <Tag color={c.level === 'region' ? 'geekblue' : 'blue'}>{levelLabel(c.level, t)}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(c.at)}
                  </Typography.Text>
                  <div style={{ whiteSpace: 'pre-line', marginTop: 2 }}>{c.comment}</div>
                </div>
              ))}
              {mat.status === 'returned' ? (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('materials.reviewCommentsHelp')}
                </Typography.Text>
              ) : null}
            </div>
          }
        />
      ) : null}

      <div className="page-title-row">
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
          <Link to="/" aria-label={t('materials.backToRegistration')}>
            <Button type="text" icon={<ArrowLeftOutlined />} />
          </Link>
          <h2>{t('materials.title')}</h2>
        </div>
        <StatusTag status={mat.status} label={mat.statusLabel} />
      </div>

      {mat.underReview ? (
        <Alert
          type="warning"
          showIcon
          icon={<LockOutlined />}
          message={t('materials.underReview')}
          description={mat.claimedUntil ? t('materials.claimed', { time: formatDateTime(mat.claimedUntil) }) : t('materials.underReviewHelp')}
          data-testid="under-review"
        />
      ) : null}
      {!mat.underReview && final ? <Alert type="info" showIcon message={t('materials.finalLocked')} /> : null}
      {!mat.underReview && !final && lateFixes ? (
        <Alert
          type="warning"
          showIcon
          data-testid="late-fixes"
          message={mat.reviewClosesAt ? t('materials.lateFixes', { time: formatDateTime(mat.reviewClosesAt) }) : t('materials.lateFixesNoTime')}
        />
      ) : null}
      {!mat.underReview && !final && !uploadEnabled && !lateFixes ? (
        <Alert type="info" showIcon message={closedText(windowState, reg, t)} data-testid="upload-closed" data-state={windowState} />
      ) : null}

      {!mat.underReview ? (
        <TodoList
          materials={mat}
          testId="required-summary"
          onGo={(i) => scrollToCard(i.categoryCode, mat.categories.some((c) => c.code === i.categoryCode))}
        />
      ) : null}

      <Alert
        type="info"
        data-testid="upload-rules"
        message={<strong>{t('materials.rulesTitle')}</strong>}
        description={
          <ul className="rules-list">
            <li>{t('materials.rule1')}</li>
            <li>{t('materials.rule2')}</li>
            <li>
              <strong>{t('materials.rule3')}</strong>
            </li>
            <li>{t('materials.rule4')}</li>
            <li>{t('materials.rule5')}</li>
            {shared ? (
              <li data-testid="common-requirements">
                {t('materials.commonRequirements', { text: shared })}
              </li>
            ) : null}
          </ul>
        }
      />

      {mat.categories.length === 0 ? <Alert type="info" message={t('materials.empty')} /> : null}
      {mat.categories.filter((c) => !folds(c)).map(card)}
      {folded.length > 0 ? (
        <Collapse
          data-testid="optional-categories"
          items={[{ key: 'optional', label: t('materials.optionalGroup', { count: folded.length }), children: <div className="stack">{folded.map(card)}</div> }]}
        />
      ) : null}

      {mat.otherImages && mat.otherImages.length > 0 ? (
        <CategoryCard
          key="__leftovers"
          anchor={categoryAnchor('__leftovers')}
          leftovers
          category={{
            code: '__leftovers',
            name: t('materials.otherImagesTitle'),
            requirements: t('materials.otherImagesHelp'),
            exampleImageUrl: '',
            required: false,
            minCount: 0,
            maxCount: mat.otherImages.length,
            images: mat.otherImages,
          }}
          canModify={canModify}
          underReview={mat.underReview}
          compact={compact}
          onChoose={onChoose}
          onDelete={onDelete}
        />
      ) : null}

      <UploadDialog target={target} onClose={onCloseUpload} onUploaded={onUploaded} onStale={() => void reload()} />
    </div>
  );
}

/** 未开放 (with the opening time), 已截止 (with the closing time), or switched off by the region. */
function closedText(state: string | undefined, reg: Registration, t: ReturnType<typeof useI18n>['t']): string {
  if (state === 'not_open') return reg.uploadOpensAt ? t('materials.uploadNotOpen', { time: formatDateTime(reg.uploadOpensAt) }) : t('materials.uploadNotOpenNoTime');
  if (state === 'closed' && reg.uploadClosesAt) return t('materials.uploadEnded', { time: formatDateTime(reg.uploadClosesAt) });
  return t('materials.uploadClosed');
}

function levelLabel(level: string, t: ReturnType<typeof useI18n>['t']): string {
  if (level === 'site' || level === 'region') return t(`materials.level.${level}` as MessageKey);
  return level;
}

function withImage(data: PageData, image: MaterialImage): PageData {
  const categories = data.materials.categories.map((c) =>
    c.code === image.categoryCode && !c.images.some((i) => i.id === image.id) ? { ...c, images: [...c.images, image] } : c,
  );
  return { ...data, materials: { ...data.materials, categories } };
}

function withoutImage(data: PageData, imageId: string): PageData {
  const categories = data.materials.categories.map((c) => ({ ...c, images: c.images.filter((i) => i.id !== imageId) }));
  const otherImages = data.materials.otherImages?.filter((i) => i.id !== imageId);
  return { ...data, materials: { ...data.materials, categories, otherImages } };
}
