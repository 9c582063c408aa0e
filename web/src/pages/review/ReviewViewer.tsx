/**
 * The image under review: in the page's viewer card, and full screen in a dialog (V), each
 * with the toolbar (previous / next, zoom, rotate) and the image's verdict controls.
 */
import type { RefObject } from 'react';
import { Button, Card, Modal, Space, Tooltip, type InputRef } from 'antd';
import { CompressOutlined, ExpandOutlined, LeftOutlined, RightOutlined, RotateLeftOutlined, RotateRightOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import type { SiteOpinion } from './types';
import { formatBytes, formatDateTime } from '../../lib/format';
import { useDialogHistory } from '../../lib/useDialogHistory';
import { ImageWithVerdict, type ImageWithVerdictProps } from './ImageWithVerdict';
import { SiteOpinionNote } from './SiteOpinion';
import type { ImageView } from './useImageView';
import type { ReviewT } from './useReviewText';

/** What both viewers show: the image in view with its verdict, where it is in the order, and its view. */
export interface ViewerModel {
  inView: Omit<ImageWithVerdictProps, 'large' | 'noteRef' | 'details' | 'view' | 'onZoom' | 'rt'> | null;
  /** "毕业证书 2" */
  title: string;
  /** "第 1 / 5 张" */
  position: string;
  canPrev: boolean;
  canNext: boolean;
  move(delta: 1 | -1): void;
  imageView: ImageView;
  /** 考点意见 beside the image (for the region's step), or null. */
  siteOpinion: SiteOpinion | null;
  rt: ReviewT;
}

function ViewerToolbar({ model, onFullScreen }: { model: ViewerModel; onFullScreen?: () => void }) {
  const { rt, imageView } = model;
  const { view } = imageView;
  return (
    <Space size={2} wrap className="viewer-toolbar">
      <Tooltip title={rt('viewer.prev')}>
        <Button type="text" icon={<LeftOutlined />} onClick={() => model.move(-1)} disabled={!model.canPrev} aria-label={rt('viewer.prev')} />
      </Tooltip>
      <span className="viewer-position" data-testid="viewer-position">
        {model.position}
      </span>
      <Tooltip title={rt('viewer.next')}>
        <Button type="text" icon={<RightOutlined />} onClick={() => model.move(1)} disabled={!model.canNext} aria-label={rt('viewer.next')} />
      </Tooltip>
      <span className="toolbar-sep" />
      <Tooltip title={rt('viewer.zoomOut')}>
        <Button type="text" icon={<ZoomOutOutlined />} onClick={imageView.zoomOut} aria-label={rt('viewer.zoomOut')} />
      </Tooltip>
      <span className="viewer-zoom" data-testid="viewer-zoom">
        {Math.round(view.zoom * 100)}%
      </span>
      <Tooltip title={rt('viewer.zoomIn')}>
        <Button type="text" icon={<ZoomInOutlined />} onClick={imageView.zoomIn} aria-label={rt('viewer.zoomIn')} data-testid="zoom-in" />
      </Tooltip>
      <Tooltip title={rt('viewer.fit')}>
        <Button type="text" icon={<CompressOutlined />} onClick={imageView.fit} aria-label={rt('viewer.fit')} />
      </Tooltip>
      <Tooltip title={`${rt('viewer.rotateLeft')} · ${rt('viewer.rotateNote')}`}>
        <Button type="text" icon={<RotateLeftOutlined />} onClick={() => imageView.rotate(-1)} aria-label={rt('viewer.rotateLeft')} />
      </Tooltip>
      <Tooltip title={`${rt('viewer.rotateRight')} · ${rt('viewer.rotateNote')}`}>
        <Button type="text" icon={<RotateRightOutlined />} onClick={() => imageView.rotate(1)} aria-label={rt('viewer.rotateRight')} data-testid="rotate-right" />
      </Tooltip>
      {onFullScreen ? (
        <Tooltip title={rt('viewer.fullscreen')}>
          <Button type="text" icon={<ExpandOutlined />} onClick={onFullScreen} aria-label={rt('viewer.fullscreen')} data-testid="open-viewer" />
        </Tooltip>
      ) : null}
    </Space>
  );
}

/** The viewer card of the page: image, size and upload time, 考点意见, verdict. */
export function ViewerCard({ model, noteRef, onFullScreen }: { model: ViewerModel; noteRef: RefObject<InputRef | null>; onFullScreen(): void }) {
  const { inView, rt, imageView, siteOpinion } = model;
  return (
    <Card
      size="small"
      className="viewer-card"
      data-testid="viewer-card"
      title={
        inView ? (
          <span className="viewer-title" data-testid="viewer-title">
            {model.title}
          </span>
        ) : (
          rt('viewer.noImage')
        )
      }
      extra={inView ? <ViewerToolbar model={model} onFullScreen={onFullScreen} /> : null}
    >
      {inView ? (
        <ImageWithVerdict
          {...inView}
          view={imageView.view}
          onZoom={imageView.setZoom}
          rt={rt}
          large={false}
          noteRef={noteRef}
          details={
            <>
              <div className="viewer-meta">
                <span>
                  {rt('viewer.meta', { w: inView.image.width, h: inView.image.height, size: formatBytes(inView.image.bytes), time: formatDateTime(inView.image.uploadedAt) })}
                </span>
                {imageView.view.rotation % 360 !== 0 ? <span className="muted">{rt('viewer.rotateNote')}</span> : null}
              </div>
              {siteOpinion ? <SiteOpinionNote opinion={siteOpinion} imageId={inView.image.id} rt={rt} /> : null}
            </>
          }
        />
      ) : (
        <div className="viewer-empty">{rt('images.none')}</div>
      )}
    </Card>
  );
}

/** The full-screen viewer (V; Esc or the phone's Back closes it). */
export function ViewerModal({ model, open, onClose, noteRef }: { model: ViewerModel; open: boolean; onClose(): void; noteRef: RefObject<InputRef | null> }) {
  const { inView, rt, imageView, siteOpinion } = model;
  const shown = open && !!inView;
  useDialogHistory(shown, onClose);
  return (
    <Modal
      open={shown}
      onCancel={onClose}
      footer={null}
      width="96vw"
      centered
      className="viewer-modal"
      destroyOnHidden
      title={
        inView ? (
          <div className="viewer-modal-title">
            <span>
              {model.title} · {model.position}
            </span>
            <ViewerToolbar model={model} />
          </div>
        ) : null
      }
      data-testid="viewer-modal"
    >
      {inView ? (
        <ImageWithVerdict
          {...inView}
          view={imageView.view}
          onZoom={imageView.setZoom}
          rt={rt}
          large
          noteRef={noteRef}
          details={siteOpinion ? <SiteOpinionNote opinion={siteOpinion} imageId={inView.image.id} rt={rt} /> : undefined}
        />
      ) : null}
    </Modal>
  );
}
