import type { ReactNode, RefObject } from 'react';
import type { InputRef } from 'antd';
import type { MaterialImage } from '../../api/types';
import { ImageViewer, type ViewState } from './ImageViewer';
import type { ReviewT } from './useReviewText';
import { VerdictBar } from './VerdictBar';
import { ImageSignals } from './SignalFlags';
import type { ImageVerdict, VerdictAction } from './verdicts';

/**
 * The image under review with its verdict controls (通过 / 要求更换 and the reasons) below:
 * once in the page's viewer card and once, larger, in the full-screen viewer. Each place
 * has its own reason-note field (noteRef), so the keys focus the one on screen.
 */
export interface ImageWithVerdictProps {
  image: MaterialImage;
  alt: string;
  view: ViewState;
  onZoom: (zoom: number) => void;
  verdict: ImageVerdict | undefined;
  editable: boolean;
  dispatch: (a: VerdictAction) => void;
  rt: ReviewT;
  /** The full-screen viewer's size (viewer-large) instead of the card's (viewer-inline). */
  large: boolean;
  /** This place's reason-note field. */
  noteRef: RefObject<InputRef | null>;
  /** Shown between the image and the verdict controls (the card's size and upload time line). */
  details?: ReactNode;
}

export function ImageWithVerdict({ image, alt, view, onZoom, verdict, editable, dispatch, rt, large, noteRef, details }: ImageWithVerdictProps) {
  return (
    <>
      <ImageViewer
        url={image.url}
        alt={alt}
        width={image.width}
        height={image.height}
        view={view}
        onZoom={onZoom}
        className={large ? 'viewer-large' : 'viewer-inline'}
        testId={large ? 'viewer-large-image' : undefined}
      />
      <ImageSignals image={image} />
      {details}
      <VerdictBar ref={noteRef} image={image} verdict={verdict} editable={editable} dispatch={dispatch} rt={rt} />
    </>
  );
}
