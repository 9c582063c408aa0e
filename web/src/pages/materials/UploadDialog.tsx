import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Modal, Spin, Typography } from 'antd';
import { CloudUploadOutlined, RotateLeftOutlined, RotateRightOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import type { MaterialCategory, MaterialImage } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { formatBytes } from '../../lib/format';
import { ShrinkError } from '../../lib/shrink-core';
import { loadSource, prepareImage, type PreparedImage, type SourceImage } from '../../lib/shrink-image';
import { randomId } from '../../lib/uuid';
import { checkPicture } from '../../lib/picture-check';
import type { QualitySignals } from '../../../../src/domain/image-signals.js';
import { SignalWarning } from './SignalWarning';
import { useDialogHistory } from '../../lib/useDialogHistory';

export interface UploadTarget {
  category: MaterialCategory;
  file: File;
  /** Changes for every choice, so choosing the same file again restarts the flow. */
  nonce: number;
}

/** Codes after which the page's picture of the materials is out of date. */
const STALE_CODES = new Set(['CATEGORY_FULL', 'MATERIALS_LOCKED', 'UPLOAD_DISABLED', 'CATEGORY_NOT_FOUND']);

interface Props {
  target: UploadTarget | null;
  onClose: () => void;
  onUploaded: (image: MaterialImage, categoryCode: string) => void;
  onStale: () => void;
}

/**
 * The step between choosing a file and uploading it: the page fixes the photo (size,
 * orientation), says what it did, shows it, offers 向左旋转 / 向右旋转, then 上传.
 */
export function UploadDialog({ target, onClose, onUploaded, onStale }: Props) {
  const { t } = useI18n();
  const [source, setSource] = useState<SourceImage | null>(null);
  const [prepared, setPrepared] = useState<PreparedImage | null>(null);
  /** The browser's blur/dark/glare check of the chosen photo (warns, never blocks). */
  const [signals, setSignals] = useState<QualitySignals | null>(null);
  const [turns, setTurns] = useState(0);
  const [working, setWorking] = useState(false);
  const [uploading, setUploading] = useState(false);
  /** The server is busy and the page waits its turn (503 OVERLOADED, retried with the same key). */
  const [queued, setQueued] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The server said no in a way a retry cannot change (full, locked, closed). */
  const [blocked, setBlocked] = useState(false);
  // One Idempotency-Key per prepared file: retries of the same bytes reuse it.
  const keyRef = useRef<string>('');
  // The phone's Back closes the dialog (issue 13), not while uploading; asking before discarding a prepared photo is the upload work's.
  useDialogHistory(!!target, () => (uploading ? false : onClose()));

  // A new file: decode it (EXIF orientation applied) and prepare it.
  useEffect(() => {
    if (!target) return;
    let cancelled = false;
    let loaded: SourceImage | null = null;
    setSource(null);
    setPrepared(null);
    setSignals(null);
    setTurns(0);
    setError(null);
    setBlocked(false);
    setWorking(true);
    (async () => {
      try {
        loaded = await loadSource(target.file);
        if (cancelled) return;
        const p = await prepareImage(loaded, 0);
        if (cancelled) return;
        keyRef.current = randomId();
        setSource(loaded);
        setPrepared(p);
        setSignals(checkPicture(loaded.pixels, loaded.width, loaded.height));
      } catch (e) {
        if (!cancelled) setError(e instanceof ShrinkError ? t('upload.cannotShrink') : t('upload.decodeFailed'));
      } finally {
        if (!cancelled) setWorking(false);
      }
    })();
    return () => {
      cancelled = true;
      loaded?.close();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  const rotate = async (delta: number) => {
    if (!source) return;
    const next = (((turns + delta) % 4) + 4) % 4;
    setWorking(true);
    setError(null);
    try {
      const p = await prepareImage(source, next);
      keyRef.current = randomId();
      setTurns(next);
      setPrepared(p);
    } catch (e) {
      setError(e instanceof ShrinkError ? t('upload.cannotShrink') : t('upload.decodeFailed'));
    } finally {
      setWorking(false);
    }
  };

  const previewUrl = useMemo(() => (prepared ? URL.createObjectURL(prepared.blob) : null), [prepared]);
  useEffect(() => () => {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
  }, [previewUrl]);

  const upload = async () => {
    if (!target || !prepared) return;
    setUploading(true);
    setError(null);
    try {
      const image = await api.uploadImage(target.category.code, prepared.blob, prepared.fileName, keyRef.current, {
        onQueued: () => setQueued(true),
      });
      onUploaded(image, target.category.code);
    } catch (e) {
      if (e instanceof ApiError && e.handled) return;
      // A reviewer's claim is temporary: keep the prepared photo (and its key) for a retry.
      if (e instanceof ApiError && e.code === 'MATERIALS_LOCKED' && e.details.reason !== 'final') {
        setError(t('upload.lockedKeep'));
        onStale();
        return;
      }
      setError(e instanceof ApiError ? e.message : t('common.unknownError'));
      if (e instanceof ApiError && STALE_CODES.has(e.code)) {
        setBlocked(true);
        onStale();
      }
    } finally {
      setUploading(false);
      setQueued(false);
    }
  };

  const notice = prepared ? describe(prepared, t) : null;
  const busy = working || uploading;
  return (
    <Modal
      open={!!target}
      title={target ? t('upload.previewTitle', { category: target.category.name }) : ''}
      onCancel={busy ? undefined : onClose}
      maskClosable={false}
      closable={!uploading}
      destroyOnHidden
      centered
      width={560}
      footer={
        <div className="upload-modal-actions">
          <Button icon={<RotateLeftOutlined />} disabled={!source || busy} onClick={() => void rotate(-1)} data-testid="rotate-left">
            {t('upload.rotateLeft')}
          </Button>
          <Button icon={<RotateRightOutlined />} disabled={!source || busy} onClick={() => void rotate(1)} data-testid="rotate-right">
            {t('upload.rotateRight')}
          </Button>
          <Button disabled={uploading} onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={!prepared || working || blocked}
            loading={uploading}
            onClick={() => void upload()}
            data-testid="upload-submit"
          >
            {queued ? t('upload.queued') : uploading ? t('upload.uploading') : t('upload.submit')}
          </Button>
        </div>
      }
    >
      <Spin spinning={working} tip={t('upload.processing')}>
        <div className="upload-preview" data-testid="upload-preview">
          {previewUrl ? (
            <img src={previewUrl} alt={target?.file.name ?? ''} data-width={prepared?.width} data-height={prepared?.height} />
          ) : (
            <div style={{ height: 200 }} />
          )}
        </div>
      </Spin>
      {notice ? (
        <Alert
          type={prepared?.processed ? 'success' : 'info'}
          showIcon
          message={notice}
          style={{ marginBottom: 8 }}
          data-testid="upload-notice"
        />
      ) : null}
      {queued ? <Alert type="info" showIcon message={t('upload.queuedHint')} style={{ marginBottom: 8 }} data-testid="upload-queued" /> : null}
      <SignalWarning signals={signals} testId="upload-signal-warning" />
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} data-testid="upload-error" /> : null}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 13 }}>
        {t('upload.checkUpright')}
      </Typography.Paragraph>
    </Modal>
  );
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
