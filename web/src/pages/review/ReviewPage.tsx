/**
 * /review/:registrationNo — one candidate under review: the claim and the file
 * (useReviewFile), the per-image marks (verdicts.ts), the dialogs' actions
 * (useReviewActions), the keyboard (keyboard.ts, bound by useShortcutKeys) and the layout
 * (top bar, banners, info and images, viewer, decision bar, history).
 */
import { useEffect, useMemo, useReducer, useRef, useState, useCallback } from 'react';
import { App, Button, Card, Col, Result, Row, Typography, type InputRef } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { PRESET_REASONS } from '../../../../src/domain/review-rules.js';
import { useAuth } from '../../auth/AuthProvider';
import { PageError, PageLoading } from '../../components/PageState';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { DecisionBar } from './DecisionBar';
import { HistoryTimeline } from './HistoryTimeline';
import type { ShortcutHandlers } from './keyboard';
import { groupsOf, MaterialGroups } from './MaterialGroups';
import { imagesOf, preloadImage } from './prefetch';
import { loadFilters } from './queue';
import { RegistrationInfo } from './RegistrationInfo';
import { ReviewAlerts } from './ReviewAlerts';
import { ReviewDialogs } from './ReviewDialogs';
import { ReviewTopBar } from './ReviewTopBar';
import { ViewerCard, ViewerModal, type ViewerModel } from './ReviewViewer';
import { SiteOpinionCard } from './SiteOpinion';
import { useImageView } from './useImageView';
import { useNextCandidate } from './useNextCandidate';
import { useReviewActions } from './useReviewActions';
import { useReviewDraft } from './useReviewDraft';
import { useReviewFile } from './useReviewFile';
import { useReviewText } from './useReviewText';
import { useShortcutKeys } from './useShortcutKeys';
import { emptyVerdicts, reasonText, summarise, unseenCount, verdictReducer } from './verdicts';
import './review.css';

/** /review/:registrationNo — one page per candidate (keyed), so each starts clean. */
export default function ReviewPageRoute() {
  const { registrationNo = '' } = useParams();
  return <ReviewPage key={registrationNo} no={registrationNo} />;
}

function ReviewPage({ no }: { no: string }) {
  const { user } = useAuth();
  const { t } = useI18n();
  const rt = useReviewText();
  const { message } = App.useApp();
  const reviewer = user?.role === 'site_reviewer' || user?.role === 'region_reviewer';
  const isAdmin = user?.role === 'admin';
  const filters = useMemo(() => loadFilters(reviewer), [reviewer]);

  const review = useReviewFile(no, reviewer);
  const { file, claim, fresh } = review;
  const [verdicts, dispatch] = useReducer(verdictReducer, emptyVerdicts);
  const [viewerOpen, setViewerOpen] = useState(false);
  const viewerOpenRef = useRef(false);
  viewerOpenRef.current = viewerOpen;
  const [helpOpen, setHelpOpen] = useState(false);
  const confirmRef = useRef<(() => void) | null>(null);
  const noteRef = useRef<InputRef>(null);
  const noteRefLarge = useRef<InputRef>(null);
  const focusNote = () => setTimeout(() => (viewerOpenRef.current ? noteRefLarge : noteRef).current?.focus(), 0);

  const images = useMemo(() => (file ? imagesOf(file) : []), [file]);
  // A region reviewer starts with no verdicts of its own: the site's are shown as 考点意见.
  const prefill = file?.reviewLevel !== 'region';
  const draft = fresh ? (file?.draft ?? null) : null;
  useEffect(() => {
    dispatch({ type: 'reset', images, draft, prefill });
  }, [images, draft, prefill]);

  const { nextNo, goNext } = useNextCandidate(filters, no, file !== null, rt);

  const currentId = verdicts.index >= 0 ? verdicts.order[verdicts.index] : undefined;
  const current = images.find((i) => i.id === currentId) ?? null;
  // Fetch the neighbours of the image in view, so J/K show them at once.
  useEffect(() => {
    if (verdicts.index < 0) return;
    for (const d of [1, -1]) {
      const id = verdicts.order[verdicts.index + d];
      const img = id ? images.find((i) => i.id === id) : undefined;
      if (img) void preloadImage(img.url);
    }
  }, [verdicts.index, verdicts.order, images]);
  const imageView = useImageView(currentId);

  const actions = useReviewActions({
    no,
    file,
    verdicts,
    holdsClaim: claim.kind === 'mine' && !!file?.allowedActions.claim,
    nextAfterDecision: filters.status === 'pending' ? (nextNo ?? null) : null,
    reload: review.reload,
    claim: review,
    rt,
  });
  const { editable, done } = actions;
  useReviewDraft(no, verdicts, editable && fresh, null);

  const groups = useMemo(
    () => (file ? groupsOf(file.materials.categories, file.materials.otherImages, file.missingRequired, rt('images.leftovers')) : []),
    [file, rt],
  );
  const imageName = useCallback(
    (id: string) => {
      for (const g of groups) {
        const i = g.images.findIndex((x) => x.id === id);
        if (i >= 0) return g.images.length > 1 ? `${g.name} ${i + 1}` : g.name;
      }
      return null;
    },
    [groups],
  );
  // "毕业证书（图片不清晰，印章看不清）" for each image marked for replacement.
  const replaceItems = verdicts.order.flatMap((id) => {
    const v = verdicts.verdicts[id];
    return v?.verdict === 'replace' ? [`${imageName(id) ?? id}（${reasonText(v) || '…'}）`] : [];
  });

  const canReopen = isAdmin && (file?.status === 'approved' || file?.status === 'rejected');

  // Keyboard shortcuts (keyboard.ts maps the keys; the 快捷键 popover lists them). Marks and
  // outcomes are taken only while `editable`; a handler returning false leaves the key alone.
  const shortcuts: ShortcutHandlers = {
    confirm: () => confirmRef.current?.(),
    cancel: () => actions.closeDialog(),
    leaveField: () => (document.activeElement as HTMLElement | null)?.blur(),
    help: () => setHelpOpen((o) => !o),
    escape: () => {
      if (viewerOpen) setViewerOpen(false);
      else if (helpOpen) setHelpOpen(false);
      else return false;
    },
    nextImage: () => dispatch({ type: 'move', delta: 1 }),
    prevImage: () => dispatch({ type: 'move', delta: -1 }),
    toggleViewer: () => setViewerOpen((o) => !o),
    zoomIn: () => imageView.zoomIn(),
    zoomOut: () => imageView.zoomOut(),
    zoomReset: () => imageView.fit(),
    rotateLeft: () => imageView.rotate(-1),
    rotateRight: () => imageView.rotate(1),
    nextCandidate: () => void goNext(),
    phoneCall: () => actions.openPhoneCall(),
    reopen: () => (canReopen ? actions.openReopen() : false),
    approveImage: () => dispatch({ type: 'approve' }),
    replaceImage: () => {
      dispatch({ type: 'replace' });
      focusNote();
    },
    preset: ({ index }) => {
      const preset = PRESET_REASONS[index];
      if (!preset) return false;
      dispatch({ type: 'preset', preset });
      if (index === PRESET_REASONS.length - 1) focusNote();
    },
    approveAll: () => {
      dispatch({ type: 'approveAll' });
      // Only images already shown are approved; say how many are still to look at.
      const unseen = unseenCount(verdicts);
      if (unseen > 0) message.info(rt('approveAll.unseen', { count: unseen }));
    },
    outcome: ({ outcome }) => actions.openOutcome(outcome),
  };
  useShortcutKeys(shortcuts, { dialogOpen: actions.dialog !== null, editable });

  if (review.notFound) {
    return (
      <Result
        status="404"
        title={rt('page.notFound')}
        extra={
          <Link to="/review">
            <Button type="primary">{rt('page.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (!file) return review.loadError ? <PageError message={review.loadError} onRetry={() => void review.reload()} /> : <PageLoading />;

  // 考点意见 is for whoever looks after the site's step (the region reviewer, an administrator).
  const siteOpinion = file.reviewLevel !== 'site' ? file.siteOpinion : null;
  const summary = summarise(verdicts);
  const counts = { approved: summary.approved, replace: summary.replace, undecided: summary.undecided };
  const viewer: ViewerModel = {
    inView: current ? { image: current, alt: imageName(current.id) ?? '', verdict: verdicts.verdicts[current.id], editable, dispatch } : null,
    title: current ? (imageName(current.id) ?? '') : '',
    position: verdicts.index >= 0 ? rt('viewer.position', { n: verdicts.index + 1, total: verdicts.order.length }) : '',
    canPrev: verdicts.index > 0,
    canNext: verdicts.index < verdicts.order.length - 1,
    move: (delta) => dispatch({ type: 'move', delta }),
    imageView,
    siteOpinion,
    rt,
  };
  const noNext = nextNo === null;

  return (
    <div className="review-page" data-testid="review-page" data-registration-no={file.registrationNo} data-claim={claim.kind}>
      <ReviewTopBar
        file={file}
        claim={claim}
        canReopen={canReopen}
        decided={!!done}
        helpOpen={helpOpen}
        onHelpOpenChange={setHelpOpen}
        onPhoneCall={actions.openPhoneCall}
        onReopen={actions.openReopen}
        onNext={() => void goNext()}
        noNext={noNext}
        rt={rt}
      />
      <ReviewAlerts
        file={file}
        claim={claim}
        done={done}
        isAdmin={isAdmin}
        statusLabel={t(`status.${file.status}` as MessageKey)}
        onReclaim={() => void review.reclaim()}
        onNext={() => void goNext()}
        noNext={noNext}
        rt={rt}
      />

      <Row gutter={[16, 16]} className="review-main">
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 9, order: 1 }} xl={8}>
          <div className="stack">
            <RegistrationInfo file={file} rt={rt} />
            {siteOpinion ? <SiteOpinionCard opinion={siteOpinion} rt={rt} /> : null}
            <Card size="small" title={rt('images.title')} extra={<span className="muted">{rt('summary', counts)}</span>}>
              {images.length === 0 ? <Typography.Text type="secondary">{rt('images.none')}</Typography.Text> : null}
              <MaterialGroups groups={groups} verdicts={verdicts} editable={editable} onSelect={(id) => dispatch({ type: 'select', id })} rt={rt} />
            </Card>
          </div>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 15, order: 2 }} xl={16}>
          <ViewerCard model={viewer} noteRef={noteRef} onFullScreen={() => setViewerOpen(true)} />
          {reviewer && !done && (file.allowedActions.claim || claim.kind === 'mine') ? (
            <DecisionBar summary={summary} mayDecide={actions.mayDecide} onOutcome={actions.openOutcome} rt={rt} />
          ) : null}
        </Col>
      </Row>

      <HistoryTimeline history={file.history} imageName={imageName} rt={rt} />
      <ViewerModal model={viewer} open={viewerOpen} onClose={() => setViewerOpen(false)} noteRef={noteRefLarge} />
      <ReviewDialogs actions={actions} file={file} verdicts={verdicts} replaceItems={replaceItems} confirmRef={confirmRef} rt={rt} />
    </div>
  );
}
