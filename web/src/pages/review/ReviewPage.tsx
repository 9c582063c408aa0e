import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Modal, Popover, Result, Row, Space, Tag, Tooltip, Typography, type InputRef } from 'antd';
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  ExpandOutlined,
  LeftOutlined,
  PhoneOutlined,
  RedoOutlined,
  RightOutlined,
  RollbackOutlined,
  RotateLeftOutlined,
  RotateRightOutlined,
  StepForwardOutlined,
  ZoomInOutlined,
  ZoomOutOutlined,
  CompressOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Outcome } from '../../../../src/domain/review-rules.js';
import { decisionProblemText, PRESET_REASONS, type DecisionProblemCode, DECISION_PROBLEM_TEXT } from '../../../../src/domain/review-rules.js';
import type { RequestEntry } from './requests';
import { ApiError } from '../../api/client';
import type { MaterialImage } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { PageError, PageLoading } from '../../components/PageState';
import { StatusTag } from '../../components/StatusTag';
import { useI18n } from '../../i18n/I18nProvider';
import { nameInLanguage } from '../../lib/catalog-text';
import type { MessageKey } from '../../i18n/messages';
import { formatBytes, formatDateTime } from '../../lib/format';
import { reviewApi } from './api';
import { DecisionDialog, PhoneCallDialog, ReopenDialog } from './dialogs';
import { HistoryTimeline } from './HistoryTimeline';
import { clampZoom, type ViewState } from './ImageViewer';
import { ImageWithVerdict, type ImageWithVerdictProps } from './ImageWithVerdict';
import type { ShortcutAction } from './keyboard';
import { useShortcutKeys } from './useShortcutKeys';
import { useReviewClaim } from './useReviewClaim';
import { useReviewDraft } from './useReviewDraft';
import { SiteOpinionNote, SiteOpinionCard } from './SiteOpinion';
import { PhoneReveal } from './PhoneReveal';
import { groupsOf, MaterialGroups } from './MaterialGroups';
import { imagesOf, prefetchCandidate, preloadImage, takePrefetchedFile } from './prefetch';
import { loadFilters, markVisited, nextQuery, pickNext, visitedSet, type QueueFilters } from './queue';
import { ShortcutHelp } from './ShortcutHelp';
import type { PhoneOutcome, ReviewFile } from './types';
import { useReviewText } from './useReviewText';
import { decisionBody, emptyVerdicts, reasonText, unseenCount, verdictReducer } from './verdicts';
import './review.css';

type DialogState = { kind: 'outcome'; outcome: Outcome } | { kind: 'phone' } | { kind: 'reopen' } | null;

async function findNext(filters: QueueFilters, current: string): Promise<string | null> {
  const visited = visitedSet();
  let cursor: string | null = null;
  for (let page = 0; page < 4; page++) {
    const r = await reviewApi.queue(nextQuery(filters, cursor));
    const pick = pickNext(r.items, current, visited);
    if (pick) return pick;
    if (!r.nextCursor) return null;
    cursor = r.nextCursor;
  }
  return null;
}

/** /review/:registrationNo — one page per candidate (keyed), so each starts clean. */
export default function ReviewPageRoute() {
  const { registrationNo = '' } = useParams();
  return <ReviewPage key={registrationNo} no={registrationNo} />;
}

function ReviewPage({ no }: { no: string }) {
  const navigate = useNavigate();
  const { user } = useAuth();
  const { t, lang } = useI18n();
  const rt = useReviewText();
  const { message } = App.useApp();
  const reviewer = user?.role === 'site_reviewer' || user?.role === 'region_reviewer';
  const isAdmin = user?.role === 'admin';
  const filters = useMemo(() => loadFilters(reviewer), [reviewer]);

  const [file, setFile] = useState<ReviewFile | null>(() => takePrefetchedFile(no));
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [verdicts, dispatch] = useReducer(verdictReducer, emptyVerdicts);
  const [views, setViews] = useState<Record<string, ViewState>>({});
  const [viewerOpen, setViewerOpen] = useState(false);
  const viewerOpenRef = useRef(false);
  viewerOpenRef.current = viewerOpen;
  const [helpOpen, setHelpOpen] = useState(false);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [decisionError, setDecisionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ statusLabel: string } | null>(null);
  const [nextNo, setNextNo] = useState<string | null | undefined>(undefined);
  const [reopenError, setReopenError] = useState<string | null>(null);

  /** Closes a dialog and takes the focus out of its (closing) fields, so shortcuts work at once. */
  const closeDialog = () => {
    (document.activeElement as HTMLElement | null)?.blur?.();
    setDialog(null);
  };
  const confirmRef = useRef<(() => void) | null>(null);
  const noteRef = useRef<InputRef>(null);
  const noteRefLarge = useRef<InputRef>(null);
  const focusNote = () => setTimeout(() => (viewerOpenRef.current ? noteRefLarge : noteRef).current?.focus(), 0);

  /** Set once the file has been loaded after the claim (it then carries the saved draft). */
  const [fresh, setFresh] = useState(false);
  const loadFile = useCallback(async () => {
    try {
      const f = await reviewApi.file(no);
      setFile(f);
      setFresh(true);
      setLoadError(null);
      return f;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setNotFound(true);
      else if (!(e instanceof ApiError && e.handled)) setLoadError(e instanceof Error ? e.message : String(e));
      return null;
    }
  }, [no]);

  // Claim on opening (reviewers), then load the payload fresh (a prefetched one is only the
  // first paint); renewed while the page is open, released when it goes away.
  const { claim, takeClaim, decided, lost } = useReviewClaim(no, reviewer, {
    onOpened: () => {
      markVisited(no);
      return loadFile();
    },
    onNotFound: () => setNotFound(true),
  });

  const images = useMemo(() => (file ? imagesOf(file) : []), [file]);
  // A region reviewer starts with no verdicts of its own: the site's are shown as 考点意见.
  const prefill = file?.reviewLevel !== 'region';
  const draft = fresh ? (file?.draft ?? null) : null;
  useEffect(() => {
    dispatch({ type: 'reset', images, draft, prefill });
  }, [images, draft, prefill]);

  // Find the next candidate and fetch it ahead while this one is reviewed.
  const fileReady = file !== null;
  useEffect(() => {
    if (!fileReady) return;
    let live = true;
    findNext(filters, no)
      .then((n) => {
        if (!live) return;
        setNextNo(n);
        if (n) void prefetchCandidate(n);
      })
      .catch(() => live && setNextNo(null));
    return () => {
      live = false;
    };
  }, [fileReady, filters, no]);

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

  const editable = claim.kind === 'mine' && !done && !!file?.allowedActions.claim;
  useReviewDraft(no, verdicts, editable && fresh, null);
  const allowed = file?.allowedActions;
  const view: ViewState = (currentId && views[currentId]) || { zoom: 1, rotation: 0 };
  const setView = (patch: Partial<ViewState>) => {
    if (!currentId) return;
    setViews((v) => ({ ...v, [currentId]: { ...view, ...patch } }));
  };

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

  const goNext = useCallback(async () => {
    let n = nextNo ?? null;
    if (!n) {
      try {
        n = await findNext(filters, no);
      } catch {
        n = null;
      }
    }
    if (!n) {
      message.info(rt('page.noNext'));
      return;
    }
    navigate(`/review/${encodeURIComponent(n)}`);
  }, [nextNo, filters, no, message, navigate, rt]);

  const openOutcome = (outcome: Outcome) => {
    if (!editable || !allowed?.[outcome]) {
      message.warning(rt('problem.notAllowed'));
      return;
    }
    setDecisionError(null);
    setDialog({ kind: 'outcome', outcome });
  };

  const submitDecision = async (outcome: Outcome, comment: string, requests: RequestEntry[]) => {
    if (!file) return;
    setBusy(true);
    setDecisionError(null);
    const body = decisionBody(verdicts, outcome, comment, requests);
    try {
      const reg = await reviewApi.decide(no, body);
      decided();
      closeDialog();
      const label = t(`status.${reg.status}` as MessageKey);
      message.success(rt('decision.submitted', { name: file.name, status: label }));
      setDone({ statusLabel: label });
      if (filters.status === 'pending' && nextNo) {
        navigate(`/review/${encodeURIComponent(nextNo)}`);
        return;
      }
      void loadFile();
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setDecisionError(String(e));
      } else if (e.code === 'STALE_IMAGES') {
        closeDialog();
        message.warning(rt('decision.stale'), 6);
        await loadFile();
      } else if (e.code === 'NOT_CLAIMED') {
        lost();
        closeDialog();
        message.error(rt('decision.notClaimed'));
      } else if (e.code === 'DECISION_INVALID' && typeof e.details.problem === 'string' && e.details.problem in DECISION_PROBLEM_TEXT) {
        // The server's rule, in the reviewer's language (its own words follow Accept-Language,
        // but the code is what both sides share).
        setDecisionError(decisionProblemText(e.details.problem as DecisionProblemCode, file.missingRequired, lang));
      } else if (!e.handled) {
        setDecisionError(typeof e.details.reason === 'string' ? e.details.reason : e.message);
      }
    } finally {
      setBusy(false);
    }
  };

  const savePhoneCall = async (outcome: PhoneOutcome, note: string) => {
    setBusy(true);
    try {
      await reviewApi.phoneCall(no, outcome, note);
      closeDialog();
      message.success(rt('phone.saved'));
      void loadFile();
    } catch (e) {
      if (!(e instanceof ApiError && e.handled)) message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const reopen = async (reason: string) => {
    setBusy(true);
    setReopenError(null);
    try {
      await reviewApi.reopen(no, reason);
      closeDialog();
      message.success(rt('reopen.done'));
      void loadFile();
    } catch (e) {
      if (!(e instanceof ApiError && e.handled)) setReopenError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const canReopen = isAdmin && (file?.status === 'approved' || file?.status === 'rejected');

  // Keyboard shortcuts (see keyboard.ts and the 快捷键 popover).
  const onShortcut = (a: ShortcutAction): boolean => {
    switch (a.type) {
      case 'confirm':
        confirmRef.current?.();
        return true;
      case 'cancel':
        closeDialog();
        return true;
      case 'leaveField':
        (document.activeElement as HTMLElement | null)?.blur();
        return true;
      case 'help':
        setHelpOpen((o) => !o);
        return true;
      case 'escape':
        if (viewerOpen) setViewerOpen(false);
        else if (helpOpen) setHelpOpen(false);
        else return false;
        return true;
      case 'nextImage':
        dispatch({ type: 'move', delta: 1 });
        return true;
      case 'prevImage':
        dispatch({ type: 'move', delta: -1 });
        return true;
      case 'toggleViewer':
        setViewerOpen((o) => !o);
        return true;
      case 'zoomIn':
        setView({ zoom: clampZoom(view.zoom * 1.25) });
        return true;
      case 'zoomOut':
        setView({ zoom: clampZoom(view.zoom / 1.25) });
        return true;
      case 'zoomReset':
        setView({ zoom: 1 });
        return true;
      case 'rotateLeft':
        setView({ rotation: view.rotation - 90 });
        return true;
      case 'rotateRight':
        setView({ rotation: view.rotation + 90 });
        return true;
      case 'nextCandidate':
        void goNext();
        return true;
      case 'phoneCall':
        setDialog({ kind: 'phone' });
        return true;
      case 'reopen':
        if (!canReopen) return false;
        setReopenError(null);
        setDialog({ kind: 'reopen' });
        return true;
      default:
        break;
    }
    if (!editable) return false;
    switch (a.type) {
      case 'approveImage':
        dispatch({ type: 'approve' });
        return true;
      case 'replaceImage':
        dispatch({ type: 'replace' });
        focusNote();
        return true;
      case 'preset': {
        const preset = PRESET_REASONS[a.index];
        if (!preset) return false;
        dispatch({ type: 'preset', preset });
        if (a.index === PRESET_REASONS.length - 1) focusNote();
        return true;
      }
      case 'approveAll': {
        dispatch({ type: 'approveAll' });
        // Only images already shown are approved; say how many are still to look at.
        const unseen = unseenCount(verdicts);
        if (unseen > 0) message.info(rt('approveAll.unseen', { count: unseen }));
        return true;
      }
      case 'outcome':
        openOutcome(a.outcome);
        return true;
      default:
        return false;
    }
  };
  useShortcutKeys(dialog !== null, onShortcut);

  if (notFound) {
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
  if (!file) return loadError ? <PageError message={loadError} onRetry={() => void loadFile()} /> : <PageLoading />;

  const statusLabel = t(`status.${file.status}` as MessageKey);
  // 考点意见 is for whoever looks after the site's step (the region reviewer, an administrator).
  const showSiteOpinion = file.reviewLevel !== 'site';
  const position = verdicts.index >= 0 ? rt('viewer.position', { n: verdicts.index + 1, total: verdicts.order.length }) : '';
  const currentGroup = current ? groups.find((g) => g.images.some((i) => i.id === current.id)) : undefined;
  const s = { approved: 0, replace: 0, undecided: 0 };
  for (const id of verdicts.order) {
    const v = verdicts.verdicts[id];
    if (v?.verdict === 'approve') s.approved++;
    else if (v?.verdict === 'replace') s.replace++;
    else s.undecided++;
  }

  const claimBanner = (() => {
    if (done) return null;
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
                <Button size="small" onClick={() => void takeClaim().then((ok) => { if (ok) void loadFile(); })}>
                  {rt('claim.retry')}
                </Button>
                <Button size="small" type="primary" onClick={() => void goNext()}>
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
              <Button size="small" onClick={() => void takeClaim().then((ok) => { if (ok) void loadFile(); })}>
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
  })();

  const viewerToolbar = (inModal: boolean) => (
    <Space size={2} wrap className="viewer-toolbar">
      <Tooltip title={rt('viewer.prev')}>
        <Button type="text" icon={<LeftOutlined />} onClick={() => dispatch({ type: 'move', delta: -1 })} disabled={verdicts.index <= 0} aria-label={rt('viewer.prev')} />
      </Tooltip>
      <span className="viewer-position" data-testid="viewer-position">
        {position}
      </span>
      <Tooltip title={rt('viewer.next')}>
        <Button
          type="text"
          icon={<RightOutlined />}
          onClick={() => dispatch({ type: 'move', delta: 1 })}
          disabled={verdicts.index >= verdicts.order.length - 1}
          aria-label={rt('viewer.next')}
        />
      </Tooltip>
      <span className="toolbar-sep" />
      <Tooltip title={rt('viewer.zoomOut')}>
        <Button type="text" icon={<ZoomOutOutlined />} onClick={() => setView({ zoom: clampZoom(view.zoom / 1.25) })} aria-label={rt('viewer.zoomOut')} />
      </Tooltip>
      <span className="viewer-zoom" data-testid="viewer-zoom">
        {Math.round(view.zoom * 100)}%
      </span>
      <Tooltip title={rt('viewer.zoomIn')}>
        <Button type="text" icon={<ZoomInOutlined />} onClick={() => setView({ zoom: clampZoom(view.zoom * 1.25) })} aria-label={rt('viewer.zoomIn')} data-testid="zoom-in" />
      </Tooltip>
      <Tooltip title={rt('viewer.fit')}>
        <Button type="text" icon={<CompressOutlined />} onClick={() => setView({ zoom: 1 })} aria-label={rt('viewer.fit')} />
      </Tooltip>
      <Tooltip title={`${rt('viewer.rotateLeft')} · ${rt('viewer.rotateNote')}`}>
        <Button type="text" icon={<RotateLeftOutlined />} onClick={() => setView({ rotation: view.rotation - 90 })} aria-label={rt('viewer.rotateLeft')} />
      </Tooltip>
      <Tooltip title={`${rt('viewer.rotateRight')} · ${rt('viewer.rotateNote')}`}>
        <Button type="text" icon={<RotateRightOutlined />} onClick={() => setView({ rotation: view.rotation + 90 })} aria-label={rt('viewer.rotateRight')} data-testid="rotate-right" />
      </Tooltip>
      {inModal ? null : (
        <Tooltip title={rt('viewer.fullscreen')}>
          <Button type="text" icon={<ExpandOutlined />} onClick={() => setViewerOpen(true)} aria-label={rt('viewer.fullscreen')} data-testid="open-viewer" />
        </Tooltip>
      )}
    </Space>
  );

  const imageMeta = (img: MaterialImage) =>
    rt('viewer.meta', { w: img.width, h: img.height, size: formatBytes(img.bytes), time: formatDateTime(img.uploadedAt) });

  // The image in view and its verdict, shown in the viewer card and in the full-screen viewer.
  const inView: Omit<ImageWithVerdictProps, 'large' | 'noteRef' | 'details'> | null = current
    ? { image: current, alt: imageName(current.id) ?? '', view, onZoom: (zoom) => setView({ zoom }), verdict: verdicts.verdicts[current.id], editable, dispatch, rt }
    : null;

  return (
    <div className="review-page" data-testid="review-page" data-registration-no={file.registrationNo} data-claim={claim.kind}>
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
          {claim.kind === 'mine' ? (
            <Tag color="processing" data-testid="claim-mine">
              {rt('claim.mine', { time: formatDateTime(claim.expiresAt).slice(11) })}
            </Tag>
          ) : claim.kind === 'claiming' ? (
            <Tag>{rt('claim.claiming')}</Tag>
          ) : (
            <Tag>{rt('claim.readOnly')}</Tag>
          )}
          <Button icon={<PhoneOutlined />} onClick={() => setDialog({ kind: 'phone' })} data-testid="phone-call">
            <span className="hide-narrow">{rt('page.phoneCall')}</span> <kbd>T</kbd>
          </Button>
          {canReopen ? (
            <Button
              icon={<RedoOutlined />}
              onClick={() => {
                setReopenError(null);
                setDialog({ kind: 'reopen' });
              }}
              data-testid="reopen"
            >
              {rt('page.reopen')} <kbd>O</kbd>
            </Button>
          ) : null}
          <Popover
            open={helpOpen}
            onOpenChange={setHelpOpen}
            trigger="click"
            placement="bottomRight"
            title={rt('keys.title')}
            content={<ShortcutHelp rt={rt} />}
          >
            <Button icon={<QuestionCircleOutlined />} data-testid="shortcuts">
              <span className="hide-narrow">{rt('page.shortcuts')}</span> <kbd>?</kbd>
            </Button>
          </Popover>
          <Button type={done ? 'primary' : 'default'} icon={<StepForwardOutlined />} onClick={() => void goNext()} disabled={nextNo === null} data-testid="next-candidate">
            {rt('page.next')} <kbd>N</kbd>
          </Button>
        </Space>
      </div>

      <div className="stack review-alerts">
        {done ? (
          <Alert
            type="success"
            showIcon
            data-testid="decision-done"
            message={rt('done.sub', { name: file.name, no: file.registrationNo, status: done.statusLabel })}
            action={
              <Space>
                <Button size="small" type="primary" onClick={() => void goNext()} disabled={nextNo === null}>
                  {rt('done.next')}
                </Button>
                <Link to="/review">
                  <Button size="small">{rt('page.back')}</Button>
                </Link>
              </Space>
            }
          />
        ) : null}
        {claimBanner}
        {file.missingRequired.length > 0 ? (
          <Alert type="error" showIcon data-testid="missing-required" message={rt('page.missingRequired', { names: file.missingRequired.join('、') })} />
        ) : null}
      </div>

      <Row gutter={[16, 16]} className="review-main">
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 9, order: 1 }} xl={8}>
          <div className="stack">
            <Card size="small" title={rt('info.title')} data-testid="registration-info">
              <Descriptions
                className="descriptions-wrap review-info"
                size="small"
                layout="vertical"
                column={{ xs: 2, sm: 3, md: 4, lg: 2, xl: 2, xxl: 2 }}
                colon={false}
                items={[
                  { key: 'name', label: t('reg.name'), children: <strong>{file.name}</strong> },
                  { key: 'no', label: t('reg.registrationNo'), children: file.registrationNo },
                  { key: 'id', label: t('reg.idNumber'), children: file.idNumberMasked },
                  { key: 'phone', label: t('reg.phone'), children: <PhoneReveal no={file.registrationNo} masked={file.phoneMasked} rt={rt} /> },
                  { key: 'cat', label: t('reg.examCategory'), children: nameInLanguage(file.examCategory, lang) },
                  { key: 'site', label: t('reg.site'), children: `${file.site.name}（${file.site.code}）` },
                  { key: 'region', label: t('reg.region'), children: file.region.name },
                  { key: 'year', label: t('reg.year'), children: file.year },
                ]}
              />
            </Card>
            {showSiteOpinion && file.siteOpinion ? <SiteOpinionCard opinion={file.siteOpinion} rt={rt} /> : null}
            <Card size="small" title={rt('images.title')} extra={<span className="muted">{rt('summary', s)}</span>}>
              {images.length === 0 ? <Typography.Text type="secondary">{rt('images.none')}</Typography.Text> : null}
              <MaterialGroups groups={groups} verdicts={verdicts} editable={editable} onSelect={(id) => dispatch({ type: 'select', id })} rt={rt} />
            </Card>
          </div>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 15, order: 2 }} xl={16}>
          <Card
            size="small"
            className="viewer-card"
            data-testid="viewer-card"
            title={
              current ? (
                <span className="viewer-title" data-testid="viewer-title">
                  {imageName(current.id) ?? currentGroup?.name}
                </span>
              ) : (
                rt('viewer.noImage')
              )
            }
            extra={current ? viewerToolbar(false) : null}
          >
            {inView ? (
              <ImageWithVerdict
                {...inView}
                large={false}
                noteRef={noteRef}
                details={
                  <>
                    <div className="viewer-meta">
                      <span>{imageMeta(inView.image)}</span>
                      {view.rotation % 360 !== 0 ? <span className="muted">{rt('viewer.rotateNote')}</span> : null}
                    </div>
                    {showSiteOpinion && file.siteOpinion ? <SiteOpinionNote opinion={file.siteOpinion} imageId={inView.image.id} rt={rt} /> : null}
                  </>
                }
              />
            ) : (
              <div className="viewer-empty">{rt('images.none')}</div>
            )}
          </Card>
          {reviewer && !done && (file.allowedActions.claim || claim.kind === 'mine') ? (
          <div className="decision-bar" data-testid="decision-bar">
            <span className="decision-summary" data-testid="verdict-summary">
              {rt('summary', s)}
            </span>
            <Space wrap size={8}>
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                disabled={!editable || !allowed?.pass}
                onClick={() => openOutcome('pass')}
                data-testid="outcome-pass"
                className="outcome-pass"
              >
                {rt('outcome.pass')} <kbd>P</kbd>
              </Button>
              <Button icon={<RollbackOutlined />} disabled={!editable || !allowed?.return} onClick={() => openOutcome('return')} data-testid="outcome-return" className="outcome-return">
                {rt('outcome.return')} <kbd>B</kbd>
              </Button>
              <Button danger icon={<CloseCircleOutlined />} disabled={!editable || !allowed?.reject} onClick={() => openOutcome('reject')} data-testid="outcome-reject">
                {rt('outcome.reject')} <kbd>X</kbd>
              </Button>
            </Space>
          </div>
          ) : null}
        </Col>
      </Row>

      <HistoryTimeline history={file.history} imageName={imageName} rt={rt} />

      <Modal
        open={viewerOpen && !!current}
        onCancel={() => setViewerOpen(false)}
        footer={null}
        width="96vw"
        centered
        className="viewer-modal"
        destroyOnHidden
        title={
          current ? (
            <div className="viewer-modal-title">
              <span>
                {imageName(current.id)} · {position}
              </span>
              {viewerToolbar(true)}
            </div>
          ) : null
        }
        data-testid="viewer-modal"
      >
        {inView ? (
          <ImageWithVerdict
            {...inView}
            large
            noteRef={noteRefLarge}
            details={showSiteOpinion && file.siteOpinion ? <SiteOpinionNote opinion={file.siteOpinion} imageId={inView.image.id} rt={rt} /> : undefined}
          />
        ) : null}
      </Modal>

      <DecisionDialog
        outcome={dialog?.kind === 'outcome' ? dialog.outcome : null}
        level={file.reviewLevel}
        verdicts={verdicts}
        missingRequired={file.missingRequired}
        categories={file.materials.categories}
        replaceItems={replaceItems}
        allowed={dialog?.kind === 'outcome' ? !!allowed?.[dialog.outcome] && editable : false}
        serverError={decisionError}
        submitting={busy}
        onSubmit={(comment, requests) => dialog?.kind === 'outcome' && void submitDecision(dialog.outcome, comment, requests)}
        onCancel={() => closeDialog()}
        confirmRef={confirmRef}
        rt={rt}
      />
      <PhoneCallDialog
        open={dialog?.kind === 'phone'}
        phoneMasked={file.phoneMasked}
        phoneSlot={<PhoneReveal no={file.registrationNo} masked={file.phoneMasked} rt={rt} testId="dialog-phone" />}
        saving={busy}
        onSave={(o, n) => void savePhoneCall(o, n)}
        onCancel={() => closeDialog()}
        confirmRef={confirmRef}
        rt={rt}
      />
      <ReopenDialog
        open={dialog?.kind === 'reopen'}
        saving={busy}
        error={reopenError}
        onSave={(r) => void reopen(r)}
        onCancel={() => closeDialog()}
        confirmRef={confirmRef}
        rt={rt}
      />
    </div>
  );
}

