/**
 * What the review page fetches ahead: the next candidate's review payload, and image
 * bytes (thumbnails and full images) held as object URLs so "下一位" shows them at
 * once. The server sends images with `Cache-Control: no-store`, so the browser's own
 * cache cannot do this; each full image is fetched (and its view logged) once per
 * page session.
 */
import { reviewApi } from './api';
import type { ReviewFile } from './types';

const FILE_TTL_MS = 120_000;
const MAX_IMAGES = 80;

const files = new Map<string, { file: ReviewFile; at: number }>();
const pendingFiles = new Map<string, Promise<ReviewFile | null>>();
const images = new Map<string, string>(); // image URL → object URL, in insertion (LRU) order
const pendingImages = new Map<string, Promise<string | null>>();

/** Fetches a candidate's review payload ahead (errors are ignored: the page loads it itself). */
export function prefetchFile(no: string): Promise<ReviewFile | null> {
  const cached = files.get(no);
  if (cached && Date.now() - cached.at < FILE_TTL_MS) return Promise.resolve(cached.file);
  const inflight = pendingFiles.get(no);
  if (inflight) return inflight;
  const p = reviewApi
    .file(no)
    .then((file) => {
      files.set(no, { file, at: Date.now() });
      return file;
    })
    .catch(() => null)
    .finally(() => pendingFiles.delete(no));
  pendingFiles.set(no, p);
  return p;
}

/** The prefetched payload, once (it is only a first paint: the page reloads it after claiming). */
export function takePrefetchedFile(no: string): ReviewFile | null {
  const cached = files.get(no);
  files.delete(no);
  return cached && Date.now() - cached.at < FILE_TTL_MS ? cached.file : null;
}

/** The object URL of an image already fetched, or null. */
export function cachedImage(url: string): string | null {
  const hit = images.get(url);
  if (!hit) return null;
  images.delete(url);
  images.set(url, hit); // most recently used last
  return hit;
}

/** Fetches an image into memory (once); resolves to its object URL, or null on failure. */
export function preloadImage(url: string): Promise<string | null> {
  const hit = cachedImage(url);
  if (hit) return Promise.resolve(hit);
  const inflight = pendingImages.get(url);
  if (inflight) return inflight;
  const p = fetch(url, { credentials: 'same-origin' })
    .then(async (res) => {
      if (!res.ok) return null;
      const objectUrl = URL.createObjectURL(await res.blob());
      images.set(url, objectUrl);
      while (images.size > MAX_IMAGES) {
        const [oldest, old] = images.entries().next().value as [string, string];
        images.delete(oldest);
        URL.revokeObjectURL(old);
      }
      return objectUrl;
    })
    .catch(() => null)
    .finally(() => pendingImages.delete(url));
  pendingImages.set(url, p);
  return p;
}

/** Every image shown on the review page, in order: categories, then leftovers. */
export function imagesOf(file: ReviewFile) {
  return [...file.materials.categories.flatMap((c) => c.images), ...(file.materials.otherImages ?? [])];
}

/** The next candidate's payload, thumbnails and first two full images. */
export async function prefetchCandidate(no: string): Promise<void> {
  const file = await prefetchFile(no);
  if (!file) return;
  const list = imagesOf(file);
  await Promise.all(list.map((i) => preloadImage(i.thumbnailUrl)));
  await Promise.all(list.slice(0, 2).map((i) => preloadImage(i.url)));
}
