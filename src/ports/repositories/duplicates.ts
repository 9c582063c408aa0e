/** One row a band probe found: the stored hash as two signed 32-bit halves, and its image. */
export interface HashProbeHit {
  hi: number;
  lo: number;
  imageId: string;
  registrationId: string;
}

/** A pair of images found to show the same picture (image: the later upload). */
export interface DuplicatePair {
  imageId: string;
  duplicateImageId: string;
  distance: number;
}

/** One side of a shared picture on the region's follow-up list. */
export interface SharedPictureSide {
  imageId: string;
  categoryName: string;
  registrationId: string;
  registrationNo: string;
  name: string;
  siteCode: string;
  siteName: string;
  regionCode: string;
}

export interface SharedPictureRow {
  detectedAt: Date;
  distance: number;
  upload: SharedPictureSide;
  earlier: SharedPictureSide;
}

/** Perceptual hashes of images (image_hashes) and the pairs found among them (image_duplicates). */
export interface DuplicatesRepository {
  /**
   * Multi-index probe: for each entry of `bandValues` (band i % 4, -1: nothing), the live hash rows
   * with that band value, at most `cap` per probe, all in one statement.
   */
  probeBands(bandValues: readonly number[], cap: number): Promise<HashProbeHit[]>;
  /** An image's hashes (16 hex digits each); with `ifAbsent`, a kind already stored is left. Returns how many were added. */
  addHashes(imageId: string, registrationId: string, hashes: ReadonlyArray<{ kind: 'picture' | 'stored'; hash: string }>, opts?: { ifAbsent?: boolean }): Promise<number>;
  /** A deleted image's hashes leave the band indexes (its pairs already found stay, read as dead). */
  retireHashes(imageId: string): Promise<void>;
  recordPairs(pairs: readonly DuplicatePair[], detectedAt: Date): Promise<void>;
  /** Pairs with either image among `imageIds`. */
  pairsTouching(imageIds: readonly string[]): Promise<Array<{ imageId: string; duplicateImageId: string }>>;
  /** The distance of a recorded pair, in either order; null when there is none. */
  pairDistance(a: string, b: string): Promise<number | null>;
  /**
   * Pairs of live images of two different candidates, newest first; `regionCode`: at least one
   * side in that region; `crossSite`: only pairs across two sites.
   */
  listShared(q: { regionCode: string | null; crossSite: boolean; offset: number; limit: number }): Promise<SharedPictureRow[]>;
}
