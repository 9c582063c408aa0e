/** Zoom and rotation of each image, kept per image while the page is open (for viewing only: never sent). */
import { useState } from 'react';
import { clampZoom, type ViewState } from './ImageViewer';

const FIT: ViewState = { zoom: 1, rotation: 0 };
const ZOOM_STEP = 1.25;

export interface ImageView {
  view: ViewState;
  setZoom(zoom: number): void;
  zoomIn(): void;
  zoomOut(): void;
  /** Back to fitting the frame. */
  fit(): void;
  /** By a quarter turn: -1 anticlockwise, 1 clockwise. */
  rotate(turn: -1 | 1): void;
}

export function useImageView(imageId: string | undefined): ImageView {
  const [views, setViews] = useState<Record<string, ViewState>>({});
  const view = (imageId && views[imageId]) || FIT;
  const set = (patch: Partial<ViewState>) => {
    if (imageId) setViews((v) => ({ ...v, [imageId]: { ...view, ...patch } }));
  };
  return {
    view,
    setZoom: (zoom) => set({ zoom }),
    zoomIn: () => set({ zoom: clampZoom(view.zoom * ZOOM_STEP) }),
    zoomOut: () => set({ zoom: clampZoom(view.zoom / ZOOM_STEP) }),
    fit: () => set({ zoom: 1 }),
    rotate: (turn) => set({ rotation: view.rotation + 90 * turn }),
  };
}
