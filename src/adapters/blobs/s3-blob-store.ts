import crypto from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { BlobStoreUnavailableError, type BlobStore } from '../../ports/blob-store.js';
import { assertBlobKey } from './blob-key.js';

export interface S3BlobStoreOptions {
  bucket: string;
  /** Key prefix inside the bucket (`medexam/`), so one bucket can hold several installations. */
  prefix?: string | undefined;
  /** Path-style URLs (`http://host/bucket/key`): MinIO, Ceph RGW and most private endpoints need it. */
  forcePathStyle?: boolean;
  /** TCP connect limit per attempt: a store that does not answer is reported fast, not after minutes. */
  connectTimeoutMs?: number;
  /** Limit for one attempt (request sent and response read); a slow attempt is retried. */
  attemptTimeoutMs?: number;
  /** Hard limit for one operation including the SDK's retries, so a request never hangs a worker. */
  deadlineMs?: number;
  /** Attempts per operation (the SDK's standard retry with backoff and jitter). */
  maxAttempts?: number;
  /** Keys per listing page (1000, the S3 maximum; smaller in tests). */
  listPageSize?: number;
  /** Passed to the SDK as is (tests point `endpoint` and `credentials` at s3rver). Unset fields come from the SDK's own environment variables. */
  client?: Partial<S3ClientConfig>;
}

const MAX_SOCKETS = 64;

function httpStatus(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/** A missing object, as opposed to a missing bucket (which is a misconfigured or broken store). */
function isMissingObject(e: unknown): boolean {
  const name = (e as { name?: string }).name;
  if (name === 'NoSuchBucket') return false;
  return name === 'NoSuchKey' || name === 'NotFound' || httpStatus(e) === 404;
}

/**
 * Everything the store answers other than success or "no such key" means: not now. Down,
 * timed out, 5xx, AccessDenied, NoSuchBucket, a wrong clock or key (403) — the candidate can
 * do nothing about any of them, so the HTTP layer answers 503 with Retry-After. MinIO's "disk
 * full" (507 / XMinioStorageFull) and a provider's quota answer 507.
 */
function outage(e: unknown): BlobStoreUnavailableError {
  const name = (e as { name?: string }).name ?? '';
  const full = httpStatus(e) === 507 || /StorageFull|QuotaExceeded|InsufficientStorage/i.test(name);
  return new BlobStoreUnavailableError(full ? 'full' : 'unavailable', { cause: e });
}

/**
 * Blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Aliyun OSS, Tencent COS).
 * Uses only the operations every one of them has (PutObject, GetObject, DeleteObject,
 * ListObjects v1, HeadBucket), sends no ACL (objects stay as private as the bucket) and
 * sends checksums only where the protocol requires them, because the newer SDKs' default
 * CRC32 headers are refused or ignored by several of these stores; integrity of each write
 * is checked with Content-MD5, which all of them verify.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly deadlineMs: number;
  private readonly listPageSize: number;

  constructor(opts: S3BlobStoreOptions) {
    this.bucket = opts.bucket;
    const prefix = opts.prefix?.replace(/^\/+/, '') ?? '';
    this.prefix = prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix;
    this.deadlineMs = opts.deadlineMs ?? 20_000;
    this.listPageSize = opts.listPageSize ?? 1000;
    this.client = new S3Client({
      forcePathStyle: opts.forcePathStyle ?? false,
      maxAttempts: opts.maxAttempts ?? 3,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: opts.connectTimeoutMs ?? 2_000,
        requestTimeout: opts.attemptTimeoutMs ?? 10_000,
        throwOnRequestTimeout: true,
        httpAgent: { keepAlive: true, maxSockets: MAX_SOCKETS },
        httpsAgent: { keepAlive: true, maxSockets: MAX_SOCKETS },
      },
      ...opts.client,
    });
  }

  /** Fails when the SDK has no region (AWS_REGION): a configuration error, reported at start-up. */
  async checkConfiguration(): Promise<void> {
    const region = await this.client.config.region().catch(() => undefined);
    if (!region) throw new Error('S3_BUCKET is set but the AWS SDK finds no region: set AWS_REGION (MinIO: us-east-1; see docs/OBJECT-STORAGE.md)');
  }

  private objectKey(key: string): string {
    return this.prefix + assertBlobKey(key);
  }

  private signal(): AbortSignal {
    return AbortSignal.timeout(this.deadlineMs);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const Key = this.objectKey(key);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key,
          Body: data,
          ContentLength: data.length,
          ContentType: key.endsWith('.jpg') ? 'image/jpeg' : 'application/octet-stream',
          ContentMD5: crypto.createHash('md5').update(data).digest('base64'),
        }),
        { abortSignal: this.signal() },
      );
    } catch (e) {
      throw outage(e);
    }
  }

  async get(key: string): Promise<Buffer | null> {
    const Key = this.objectKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key }), { abortSignal: this.signal() });
      if (!res.Body) return Buffer.alloc(0);
      return Buffer.from(await res.Body.transformToByteArray());
    } catch (e) {
      if (isMissingObject(e)) return null;
      throw outage(e);
    }
  }

  async delete(key: string): Promise<void> {
    const Key = this.objectKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }), { abortSignal: this.signal() });
    } catch (e) {
      if (isMissingObject(e)) return;
      throw outage(e);
    }
  }

  async checkReady(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), { abortSignal: this.signal() });
    } catch (e) {
      throw outage(e);
    }
  }

  /** ListObjects v1 with a marker: the one listing every S3-compatible store implements alike. */
  async *listOlderThan(before: Date): AsyncIterable<string> {
    let marker: string | undefined;
    for (;;) {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsCommand({ Bucket: this.bucket, Prefix: this.prefix || undefined, Marker: marker, MaxKeys: this.listPageSize }),
          { abortSignal: this.signal() },
        );
      } catch (e) {
        throw outage(e);
      }
      const contents = page.Contents ?? [];
      for (const o of contents) {
        if (!o.Key || !o.Key.startsWith(this.prefix)) continue;
        if (o.LastModified && o.LastModified < before) yield o.Key.slice(this.prefix.length);
      }
      if (!page.IsTruncated || contents.length === 0) return;
      marker = page.NextMarker ?? contents[contents.length - 1]!.Key;
    }
  }

  close(): void {
    this.client.destroy();
  }
}
