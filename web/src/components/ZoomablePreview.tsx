import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { CompressOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';
import { clampOffset, zoomAt, type View } from '../lib/zoom-core';

interface Props {
  src: string;
  alt: string;
  /** Pixel size of the image (data-width / data-height, read by tests). */
  width?: number;
  height?: number;
  testId?: string;
}

const STEP = 1.6;
const MAX_SCALE = 8;
const FIT: View = { scale: 1, x: 0, y: 0 };

/**
 * The picture before upload, zoomable so the candidate can check that the small print
 * is sharp: pinch or wheel zooms around the fingers / pointer, double-click or double-tap
 * toggles 2.5×, drag pans, and the buttons and keys (+ − 0, arrows when focused) do the
 * same for keyboard users.
 */
export function ZoomablePreview({ src, alt, width, height, testId }: Props) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const img = useRef<HTMLImageElement>(null);
  const [view, setView] = useState<View>(FIT);
  const viewRef = useRef(view);
  viewRef.current = view;
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const lastTap = useRef(0);

  // A new picture (rotated, re-prepared) starts fitted.
  useEffect(() => setView(FIT), [src]);

  /** Sizes needed to keep the picture on screen: the box and the picture at scale 1. */
  const sizes = useCallback(() => {
    const b = box.current?.getBoundingClientRect();
    const i = img.current;
    return {
      box: { width: b?.width ?? 0, height: b?.height ?? 0 },
      image: { width: i?.offsetWidth ?? 0, height: i?.offsetHeight ?? 0 },
      left: b?.left ?? 0,
      top: b?.top ?? 0,
    };
  }, []);

  /** Zooms by `factor` about a point given in client coordinates (default: the centre). */
  const zoom = useCallback(
    (factor: number, clientX?: number, clientY?: number) => {
      const s = sizes();
      const px = clientX === undefined ? 0 : clientX - s.left - s.box.width / 2;
      const py = clientY === undefined ? 0 : clientY - s.top - s.box.height / 2;
      setView((v) => zoomAt(v, factor, px, py, { ...s, maxScale: MAX_SCALE }));
    },
    [sizes],
  );

  const pan = useCallback(
    (dx: number, dy: number) => {
      const s = sizes();
      setView((v) => clampOffset({ ...v, x: v.x + dx, y: v.y + dy }, s));
    },
    [sizes],
  );

  // Wheel zoom needs a non-passive listener to keep the dialog from scrolling.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      zoom(Math.exp(-e.deltaY / 300), e.clientX, e.clientY);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoom]);

  const onPointerDown = (e: React.PointerEvent) => {
    box.current?.setPointerCapture?.(e.pointerId);
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (e.pointerType !== 'mouse' && pointers.current.size === 1) {
      const now = Date.now();
      if (now - lastTap.current < 300) {
        toggle(e.clientX, e.clientY);
        lastTap.current = 0;
      } else lastTap.current = now;
    }
  };

  const onPointerMove = (e: React.PointerEvent) => {
    const map = pointers.current;
    const before = map.get(e.pointerId);
    if (!before) return;
    if (map.size === 2) {
      const [a, b] = [...map.values()] as [{ x: number; y: number }, { x: number; y: number }];
      const other = a === before ? b : a;
      const d0 = Math.hypot(before.x - other.x, before.y - other.y);
      const d1 = Math.hypot(e.clientX - other.x, e.clientY - other.y);
      if (d0 > 0) zoom(d1 / d0, (e.clientX + other.x) / 2, (e.clientY + other.y) / 2);
    } else if (map.size === 1 && viewRef.current.scale > 1) {
      pan(e.clientX - before.x, e.clientY - before.y);
    }
    map.set(e.pointerId, { x: e.clientX, y: e.clientY });
  };

  const onPointerUp = (e: React.PointerEvent) => {
    pointers.current.delete(e.pointerId);
  };

  const toggle = (clientX?: number, clientY?: number) => {
    if (viewRef.current.scale > 1.01) setView(FIT);
    else zoom(2.5, clientX, clientY);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const step = 40;
    const keys: Record<string, () => void> = {
      '+': () => zoom(STEP),
      '=': () => zoom(STEP),
      '-': () => zoom(1 / STEP),
      '0': () => setView(FIT),
      ArrowLeft: () => pan(step, 0),
      ArrowRight: () => pan(-step, 0),
      ArrowUp: () => pan(0, step),
      ArrowDown: () => pan(0, -step),
    };
    const action = keys[e.key];
    // Arrows pan only when zoomed; otherwise they keep their usual meaning.
    if (!action || (e.key.startsWith('Arrow') && viewRef.current.scale <= 1)) return;
    e.preventDefault();
    action();
  };

  const percent = Math.round(view.scale * 100);
  return (
    <div className="zoom-preview">
      <div
        ref={box}
        className="upload-preview zoom-preview-box"
        data-testid={testId}
        data-scale={view.scale.toFixed(2)}
        tabIndex={0}
        role="group"
        aria-roledescription={t('zoom.roleDescription')}
        aria-label={`${alt} · ${t('zoom.hint')}`}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onDoubleClick={(e) => toggle(e.clientX, e.clientY)}
        style={{ cursor: view.scale > 1 ? 'grab' : 'zoom-in' }}
      >
        <img
          ref={img}
          src={src}
          alt={alt}
          data-width={width}
          data-height={height}
          draggable={false}
          style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
        />
      </div>
      <Space className="zoom-preview-controls" size={4} wrap>
        <Button size="small" icon={<ZoomOutOutlined />} aria-label={t('zoom.out')} disabled={view.scale <= 1} onClick={() => zoom(1 / STEP)} data-testid="zoom-out" />
        <Typography.Text className="zoom-preview-percent" aria-live="polite">
          {percent}%
        </Typography.Text>
        <Button size="small" icon={<ZoomInOutlined />} aria-label={t('zoom.in')} disabled={view.scale >= MAX_SCALE} onClick={() => zoom(STEP)} data-testid="zoom-in" />
        <Button size="small" icon={<CompressOutlined />} disabled={view.scale === 1} onClick={() => setView(FIT)} data-testid="zoom-reset">
          {t('zoom.fit')}
        </Button>
        <Typography.Text type="secondary" className="zoom-preview-hint">
          {t('zoom.hint')}
        </Typography.Text>
      </Space>
    </div>
  );
}
