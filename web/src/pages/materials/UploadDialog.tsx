import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Alert, App, Button, Modal, Progress, Typography } from 'antd';
import { CloseOutlined, CloudUploadOutlined, RotateLeftOutlined, RotateRightOutlined } from '@ant-design/icons';
import { api, ApiError, type UploadPhase } from '../../api/client';
import type { MaterialCategory, MaterialImage } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { formatBytes } from '../../lib/format';
import { getPreparer, PrepareError } from '../../lib/prepare-photo';
import type { PreparedImage } from '../../lib/shrink-image';
import { randomId } from '../../lib/uuid';
import { SignalWarning } from './SignalWarning';
import { allSettled, canSend, isInFlight, queueReducer, unsentCount, type Row } from './upload-queue';
import { useDialogHistory } from '../../lib/useDialogHistory';
import { confirmWithHistory } from '../../lib/confirm-with-history';
import { ZoomablePreview } from '../../components/ZoomablePreview';

export interface UploadTarget {
  category: MaterialCategory;
  /** The chosen files (several at once where the category has room). */
  files: File[];
  /** Changes for every choice, so choosing the same file again restarts the flow. */
  nonce: number;
}

/** Codes after which the page's picture of the materials is out of date. */
const STALE_CODES = new Set(['CATEGORY_FULL', 'MATERIALS_LOCKED', 'UPLOAD_DISABLED', 'CATEGORY_NOT_FOUND']);
/** Files sent at the same time: two keep the line busy without starving one another on a phone. */
const PARALLEL_UPLOADS = 2;

interface Props {
  target: UploadTarget | null;
  onClose: () => void;
  /** One image stored (the dialog stays open until every row is done or 取消). */
  onUploaded: (image: MaterialImage, categoryCode: string) => void;
  onStale: () => void;
}

/**
 * The step between choosing files and uploading them: the page prepares each photo (size,
 * orientation) in a worker, says what it did, shows it, offers 向左旋转 / 向右旋转, then 上传
 * with a percentage per file. Uploads survive a busy server (排队中), a dropped connection
 * (retried with the same Idempotency-Key) and an offline spell (resumed when back online);
 * 取消 is always there. The phone's Back asks before discarding a prepared photo.
 */
export function UploadDialog({ target, onClose, onUploaded, onStale }: Props) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [rows, dispatch] = useReducer(queueReducer, []);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const controllers = useRef(new Map<string, AbortController>());
  /** Bumped for every new choice: answers for an earlier one are dropped. */
  const generation = useRef(0);
  const online = useOnline();
  const preparer = useMemo(() => getPreparer(), []);

  const prepare = useCallback(
    async (id: string, file: File, turns: number) => {
      const gen = generation.current;
      dispatch({ type: 'prepare-start', id });
      try {
        const { prepared, signals } = await preparer.prepare(id, file, turns, (progress) => {
          if (gen === generation.current) dispatch({ type: 'prepare-progress', id, progress });
        });
        if (gen === generation.current) dispatch({ type: 'prepared', id, prepared, signals, key: randomId() });
      } catch (e) {
        if (gen !== generation.current) return;
        dispatch({ type: 'unusable', id, error: e instanceof PrepareError && e.reason === 'cannot_shrink' ? t('upload.cannotShrink') : t('upload.decodeFailed') });
      }
    },
    [preparer, t],
  );

  // A new choice: one row per file, each prepared in turn (the worker takes them one by one).
  useEffect(() => {
    if (!target) return;
    generation.current += 1;
    const added = target.files.map((file) => ({ id: randomId(), file }));
    dispatch({ type: 'reset', rows: added });
    for (const r of added) void prepare(r.id, r.file, 0);
    return () => {
      generation.current += 1;
      dispatch({ type: 'reset', rows: [] });
      for (const c of controllers.current.values()) c.abort();
      controllers.current.clear();
      for (const r of added) preparer.release(r.id);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  const send = useCallback(
    async (row: Row) => {
      if (!target || !row.prepared || !canSend(row)) return;
      const code = target.category.code;
      const controller = new AbortController();
      controllers.current.set(row.id, controller);
      dispatch({ type: 'send', id: row.id });
      try {
        const image = await api.uploadImage(code, row.prepared.blob, row.prepared.fileName, row.key, {
          signal: controller.signal,
          onProgress: (progress) => dispatch({ type: 'send-progress', id: row.id, progress }),
          onPhase: (phase: UploadPhase) => dispatch({ type: 'phase', id: row.id, phase }),
        });
        dispatch({ type: 'uploaded', id: row.id });
        onUploaded(image, code);
      } catch (e) {
        if (controller.signal.aborted) {
          dispatch({ type: 'cancelled', id: row.id, note: t('upload.cancelled') });
          return;
        }
        if (e instanceof ApiError && e.handled) {
          dispatch({ type: 'failed', id: row.id, error: e.message, blocked: true });
          return;
        }
        // A reviewer's claim is temporary: keep the prepared photo (and its key) for a retry.
        if (e instanceof ApiError && e.code === 'MATERIALS_LOCKED' && e.details.reason !== 'final') {
          dispatch({ type: 'failed', id: row.id, error: t('upload.lockedKeep'), blocked: false });
          onStale();
          return;
        }
        const blocked = e instanceof ApiError && STALE_CODES.has(e.code);
        dispatch({ type: 'failed', id: row.id, error: e instanceof ApiError ? e.message : t('common.unknownError'), blocked });
        if (blocked) onStale();
      } finally {
        controllers.current.delete(row.id);
      }
    },
    [target, onUploaded, onStale, t],
  );

  const sendAll = async () => {
    const waiting = rowsRef.current.filter(canSend);
    const lanes = Array.from({ length: Math.min(PARALLEL_UPLOADS, waiting.length) }, async () => {
      for (let next = waiting.shift(); next; next = waiting.shift()) await send(next);
    });
    await Promise.all(lanes);
  };

  const cancelRow = (id: string) => controllers.current.get(id)?.abort();

  /** 取消 / ✕ / Esc: stops what is in flight and closes (an upload the server already took shows after the refresh). */
  const close = () => {
    const inFlight = controllers.current.size > 0;
    for (const c of controllers.current.values()) c.abort();
    if (inFlight) onStale();
    onClose();
  };

  // Every file uploaded: the dialog has done its job. Runs on a change of the rows only, so the
  // rows of an earlier choice never close the dialog of a new one.
  const openRef = useRef(false);
  openRef.current = !!target;
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    if (openRef.current && allSettled(rows)) onCloseRef.current();
  }, [rows]);

  // Back closes the dialog, but never throws away a prepared photo without asking: the
  // question has a history entry of its own (Back there means 继续上传), and the dialog's entry
  // is put back unless the candidate chose 放弃.
  useDialogHistory(!!target, async () => {
    if (unsentCount(rowsRef.current) > 0) {
      const discard = await confirmWithHistory(modal.confirm, {
        title: t('upload.discardTitle'),
        content: t('upload.discardBody'),
        okText: t('upload.discardOk'),
        okButtonProps: { danger: true },
        cancelText: t('upload.keep'),
      });
      if (!discard) return false;
    }
    close();
    return true;
  });

  const rotate = (row: Row, delta: number) => {
    if (!row.prepared) return;
    void prepare(row.id, row.file, (((row.prepared.turns + delta) % 4) + 4) % 4);
  };

  const single = rows.length <= 1;
  const first = rows[0];
  const preparing = rows.some((r) => r.status === 'preparing');
  const inFlight = rows.some(isInFlight);
  const queued = rows.some((r) => r.status === 'queued');
  const sendable = rows.some(canSend);
  const failed = rows.find((r) => r.status === 'failed' || r.status === 'unusable');
  const title = !target ? '' : target.files.length > 1 ? t('upload.manyTitle', { category: target.category.name, count: target.files.length }) : t('upload.previewTitle', { category: target.category.name });

  return (
    <Modal
      open={!!target}
      title={title}
      onCancel={close}
      maskClosable={false}
      destroyOnHidden
      centered
      width={560}
      footer={
        <div className="upload-modal-actions">
          {single && first ? (
            <>
              <Button icon={<RotateLeftOutlined />} disabled={!first.prepared || first.status === 'preparing' || isInFlight(first) || first.status === 'done'} onClick={() => rotate(first, -1)} data-testid="rotate-left">
                {t('upload.rotateLeft')}
              </Button>
              <Button icon={<RotateRightOutlined />} disabled={!first.prepared || first.status === 'preparing' || isInFlight(first) || first.status === 'done'} onClick={() => rotate(first, 1)} data-testid="rotate-right">
                {t('upload.rotateRight')}
              </Button>
            </>
          ) : null}
          <Button onClick={close} data-testid="upload-cancel">
            {t('common.cancel')}
          </Button>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={!sendable || preparing}
            loading={inFlight}
            onClick={() => void sendAll()}
            data-testid="upload-submit"
          >
            {queued ? t('upload.queued') : inFlight ? t('upload.uploading') : single ? t('upload.submit') : t('upload.submitAll')}
          </Button>
        </div>
      }
    >
      {!online ? <Alert type="warning" showIcon message={t('upload.offline')} style={{ marginBottom: 8 }} data-testid="upload-offline" role="status" /> : null}
      {queued ? <Alert type="info" showIcon message={t('upload.queuedHint')} style={{ marginBottom: 8 }} data-testid="upload-queued" role="status" /> : null}
      {single && first ? (
        <SingleRow row={first} />
      ) : (
        <div className="upload-rows" data-testid="upload-rows">
          {rows.map((r) => (
            <ManyRow key={r.id} row={r} onRotate={(d) => rotate(r, d)} onCancel={() => cancelRow(r.id)} onRemove={() => (rows.length === 1 ? onClose() : dispatch({ type: 'remove', id: r.id }))} />
          ))}
        </div>
      )}
      {single && failed?.error ? <Alert type="error" showIcon message={failed.error} style={{ marginBottom: 8 }} data-testid="upload-error" /> : null}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 13 }}>
        {t('upload.checkUpright')}
      </Typography.Paragraph>
    </Modal>
  );
}

/** One file: the large preview, what the page did, the bar. */
function SingleRow({ row }: { row: Row }) {
  const { t } = useI18n();
  const previewUrl = useObjectUrl(row.prepared?.blob ?? null);
  const notice = row.prepared ? describe(row.prepared, t) : null;
  return (
    <>
      {previewUrl ? (
        <ZoomablePreview src={previewUrl} alt={row.file.name} width={row.prepared?.width} height={row.prepared?.height} testId="upload-preview" />
      ) : (
        <div className="upload-preview" data-testid="upload-preview">
          <div style={{ height: 200 }} />
        </div>
      )}
      <RowProgress row={row} />
      {notice ? (
        <Alert type={row.prepared?.processed ? 'success' : 'info'} showIcon message={notice} style={{ marginBottom: 8 }} data-testid="upload-notice" />
      ) : null}
      <SignalWarning signals={row.signals} testId="upload-signal-warning" />
      {row.status === 'ready' && row.error ? <Alert type="info" showIcon message={row.error} style={{ marginBottom: 8 }} data-testid="upload-note" /> : null}
    </>
  );
}

/** One of several files: a thumbnail, its name and state, its own bar and buttons. */
function ManyRow({ row, onRotate, onCancel, onRemove }: { row: Row; onRotate: (delta: number) => void; onCancel: () => void; onRemove: () => void }) {
  const { t } = useI18n();
  const previewUrl = useObjectUrl(row.prepared?.blob ?? null);
  const busy = row.status === 'preparing' || isInFlight(row) || row.status === 'done';
  return (
    <div className="upload-row" data-testid="upload-row" data-state={row.status}>
      <div className="upload-row-thumb">{previewUrl ? <img src={previewUrl} alt={row.file.name} data-width={row.prepared?.width} data-height={row.prepared?.height} /> : null}</div>
      <div className="upload-row-body">
        <div className="upload-row-name">{row.file.name}</div>
        {row.prepared && row.status === 'ready' ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="upload-row-notice">
            {describe(row.prepared, t)}
          </Typography.Text>
        ) : null}
        <RowProgress row={row} compact />
        <SignalWarning signals={row.signals} compact testId="upload-signal-warning" />
        <div className="upload-row-actions">
          {row.prepared && !busy ? (
            <>
              <Button size="small" icon={<RotateLeftOutlined />} onClick={() => onRotate(-1)} aria-label={t('upload.rotateLeft')} title={t('upload.rotateLeft')} />
              <Button size="small" icon={<RotateRightOutlined />} onClick={() => onRotate(1)} aria-label={t('upload.rotateRight')} title={t('upload.rotateRight')} />
            </>
          ) : null}
          {isInFlight(row) ? (
            <Button size="small" onClick={onCancel} data-testid="upload-row-cancel">
              {t('common.cancel')}
            </Button>
          ) : row.status !== 'done' && row.status !== 'preparing' ? (
            <Button size="small" type="text" icon={<CloseOutlined />} onClick={onRemove} data-testid="upload-row-remove">
              {t('upload.remove')}
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** The bar and the words under it: 正在处理 N%, 正在上传 N%, 排队中, offline, 已上传, or the error. */
function RowProgress({ row, compact = false }: { row: Row; compact?: boolean }) {
  const { t } = useI18n();
  const pct = Math.round(row.progress * 100);
  let text: string | null = null;
  let status: 'active' | 'normal' | 'exception' | 'success' = 'active';
  switch (row.status) {
    case 'preparing':
      text = t('upload.preparingPct', { pct });
      break;
    case 'sending':
      text = pct >= 100 ? t('upload.saving') : t('upload.sendingPct', { pct });
      break;
    case 'queued':
      text = t('upload.queued');
      status = 'normal';
      break;
    case 'offline':
      text = t('upload.offline');
      status = 'normal';
      break;
    case 'retrying':
      text = t('upload.retrying');
      status = 'normal';
      break;
    case 'done':
      text = t('upload.done');
      status = 'success';
      break;
    case 'failed':
    case 'unusable':
      text = compact ? row.error : null;
      status = 'exception';
      break;
    default:
      return row.status === 'ready' && compact && row.error ? <div className="upload-row-state">{row.error}</div> : null;
  }
  const showBar = row.status !== 'failed' && row.status !== 'unusable';
  return (
    <div className="upload-progress" data-testid="upload-progress" data-state={row.status} data-percent={pct} aria-live="polite">
      {showBar ? <Progress percent={row.status === 'done' ? 100 : pct} status={status} size="small" showInfo={false} aria-label={text ?? undefined} /> : null}
      {text ? <div className={`upload-row-state state-${row.status}`}>{text}</div> : null}
    </div>
  );
}

function useObjectUrl(blob: Blob | null): string | null {
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : null), [blob]);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  return url;
}

/** navigator.onLine, kept current by the online/offline events. */
function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

type T = ReturnType<typeof useI18n>['t'];

/** What the page did to the photo, in plain words. */
function describe(p: PreparedImage, t: T): string {
  if (!p.processed) {
    return t('upload.asIs', { size: formatBytes(p.blob.size), w: p.width, h: p.height });
  }
  const parts = [t('upload.autoFixed', { from: formatBytes(p.originalBytes), to: formatBytes(p.blob.size) })];
  if (p.orientationFixed) parts.push(t('upload.orientationFixed'));
  if (p.turns === 1) parts.push(t('upload.rotatedRight'));
  if (p.turns === 2) parts.push(t('upload.rotated180'));
  if (p.turns === 3) parts.push(t('upload.rotatedLeft'));
  if (p.converted) parts.push(t('upload.converted'));
  parts.push(t('upload.resized', { w: p.width, h: p.height }));
  return parts.join(t('upload.listSep'));
}
