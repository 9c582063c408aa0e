import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { Spin } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { cachedImage, preloadImage } from './prefetch';

export interface ViewState {
  /** Relative to "fit the frame" (1). */
  zoom: number;
  /** Degrees, a multiple of 90: for viewing only (CSS transform), never sent anywhere. */
  rotation: number;
}

export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 8;
export const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(z * 100) / 100));

/** The object URL of an image fetched once through the page's image cache. */
export function useImageSrc(url: string | null): { src: string | null; failed: boolean } {
  const [state, setState] = useState<{ url: string | null; src: string | null; failed: boolean }>(() => ({
    url,
    src: url ? cachedImage(url) : null,
    failed: false,
  }));
  useEffect(() => {
    if (!url) return;
    let live = true;
    const hit = cachedImage(url);
    if (hit) {
      setState({ url, src: hit, failed: false });
      return;
    }
    setState({ url, src: null, failed: false });
    void preloadImage(url).then((src) => {
      if (live) setState({ url, src, failed: !src });
    });
    return () => {
      live = false;
    };
  }, [url]);
  return state.url === url ? { src: state.src, failed: state.failed } : { src: null, failed: false };
}

/**
 * One image, fitted to its frame, with zoom (wheel toward the pointer, buttons, keys)
 * and rotation for viewing; drag to pan when zoomed. Everything is a CSS transform of
 * the shown picture: the stored image is never changed.
 */
export function ImageViewer({
  url,
  alt,
  width,
  height,
  view,
  onZoom,
  className,
  testId = 'viewer-image',
}: {
  url: string | null;
  alt: string;
  width: number;
  height: number;
  view: ViewState;
  onZoom: (zoom: number) => void;
  className?: string;
  testId?: string;
}) {
  const frame = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ w: 0, h: 0 });
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; px: number; py: number } | null>(null);
  const { src, failed } = useImageSrc(url);
  const zoomRef = useRef(view.zoom);
  zoomRef.current = view.zoom;
  const onZoomRef = useRef(onZoom);
  onZoomRef.current = onZoom;

  useLayoutEffect(() => {
    const el = frame.current;
    if (!el) return;
    const measure = () => setBox({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A new image, or back to fit: centre it again.
  useEffect(() => setPan({ x: 0, y: 0 }), [url, view.rotation]);
  useEffect(() => {
    if (view.zoom <= 1) setPan({ x: 0, y: 0 });
  }, [view.zoom]);

  // Wheel zoom toward the pointer (a non-passive listener, so the page does not scroll).
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const old = zoomRef.current;
      const next = clampZoom(old * (e.deltaY < 0 ? 1.15 : 1 / 1.15));
      if (next === old) return;
      const r = el.getBoundingClientRect();
      const cx = e.clientX - r.left - r.width / 2;
      const cy = e.clientY - r.top - r.height / 2;
      setPan((p) => ({ x: cx - (cx - p.x) * (next / old), y: cy - (cy - p.y) * (next / old) }));
      onZoomRef.current(next);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const quarter = ((view.rotation % 360) + 360) % 360;
  const sideways = quarter === 90 || quarter === 270;
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const fit = box.w && box.h ? Math.min(box.w / (sideways ? h : w), box.h / (sideways ? w : h), 4) : 0;
  const scale = fit * view.zoom;

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (view.zoom <= 1 || e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, px: pan.x, py: pan.y };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    setPan({ x: d.px + e.clientX - d.x, y: d.py + e.clientY - d.y });
  };
  const endDrag = () => {
    drag.current = null;
  };

  return (
    <div
      ref={frame}
      className={`viewer-frame${view.zoom > 1 ? ' zoomed' : ''}${className ? ` ${className}` : ''}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDoubleClick={() => onZoom(view.zoom > 1 ? 1 : 2)}
    >
      {!url ? null : failed ? (
        <div className="viewer-failed">
          <WarningOutlined />
        </div>
      ) : !src || !fit ? (
        <Spin />
      ) : (
        <img
          src={src}
          alt={alt}
          draggable={false}
          data-testid={testId}
          data-zoom={view.zoom}
          data-rotation={view.rotation}
          style={{
            width: w,
            height: h,
            transform: `translate(-50%, -50%) translate(${pan.x}px, ${pan.y}px) rotate(${view.rotation}deg) scale(${scale})`,
          }}
        />
      )}
    </div>
  );
}
