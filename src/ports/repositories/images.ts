/** One uploaded image (a version: a deleted one keeps its row). */
export interface ImageRecord {
  id: string;
  registrationId: string;
  categoryCode: string;
  /** 0..maxCount-1; unique among a category's live images, which bounds the count under concurrency. */
  slot: number;
  blobKey: string;
  thumbKey: string;
  sha256: string;
  width: number;
  height: number;
  bytes: number;
  state: 'pending' | 'approved' | 'replace_requested';
  reason: string | null;
  uploadedAt: Date;
  deletedAt: Date | null;
  signals: { blurry: boolean; dark: boolean; glare: boolean };
}

/** Who may read an image: the owner candidate, or staff whose site or region covers it (none: every region). */
export type ImageReadScope =
  | { kind: 'owner'; registrationId: string }
  | { kind: 'site'; siteCode: string }
  | { kind: 'region'; regionCode: string }
  | { kind: 'all' };

/** A live image's owner, as the duplicate links show it. */
export interface ImageOwner {
  imageId: string;
  registrationId: string;
  registrationNo: string;
  siteCode: string;
  regionCode: string;
}

export interface ImagesRepository {
  /** The registration's live images by category and slot. */
  liveOf(registrationId: string): Promise<ImageRecord[]>;
  liveOne(imageId: string, registrationId: string): Promise<ImageRecord | null>;
  /** Slots of a category's live images. */
  takenSlots(registrationId: string, categoryCode: string): Promise<number[]>;
  /** Fails with the database's unique violation when the slot is taken (see isSlotTaken). */
  add(image: ImageRecord): Promise<void>;
  /** Deletes (keeps the row as deleted) if it is still live and in `expectedState`; false otherwise. */
  markDeleted(imageId: string, registrationId: string, expectedState: ImageRecord['state'], now: Date): Promise<boolean>;
  /** The image (live or not, for staff) with its category's name, when `scope` may read it. */
  findReadable(imageId: string, scope: ImageReadScope): Promise<(ImageRecord & { categoryName: string | null }) | null>;
  /** The owners of those of `imageIds` that are live. */
  liveOwners(imageIds: readonly string[]): Promise<ImageOwner[]>;
  /** Live images without any hash row, in id order after `afterId` (the hash back-fill). */
  liveWithoutHash(afterId: string, limit: number): Promise<Array<{ id: string; registrationId: string; thumbKey: string }>>;
  /**
   * Live images (only approved ones unless `all`) in id order after `afterId`, with what the
   * restore drill compares: where the bytes are and the sha256 recorded at upload.
   */
  blobsToVerify(afterId: string, limit: number, opts: { all: boolean }): Promise<Array<{ id: string; blobKey: string; sha256: string }>>;
  /** Those of `keys` that an image row (live or deleted) points to. */
  keysInUse(keys: readonly string[]): Promise<Set<string>>;
  /** Live image count by category of each of the registrations. */
  liveCountsByCategory(registrationIds: readonly string[]): Promise<Map<string, Map<string, number>>>;
}

/** The error a lost race for a slot (or a key) raises, on either database. */
export const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; message?: string };
  return err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err.message ?? '');
};
