import { AppError } from '../domain/errors.js';

/**
 * Admission control for image work: at most `concurrency` images are processed at once and
 * at most `queueLimit` more wait; anything beyond is refused at once with 503 OVERLOADED and a
 * Retry-After, before a single byte is decoded. Sized to the cores (config UPLOAD_CONCURRENCY,
 * UPLOAD_QUEUE): a deadline-day burst then costs bounded memory and bounded waiting instead
 * of every request slowing down together.
 *
 * It also holds the slots of uploads in flight in this process, so that a request that would
 * end in CATEGORY_FULL is refused before the pipeline (the unique live-slot index still
 * decides between processes).
 */
export class UploadAdmission {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly reserved = new Map<string, Set<number>>();
  /** Smoothed seconds one image holds a slot, for Retry-After. */
  private serviceSeconds = 0.2;
  /** Counters for metrics: admitted, refused. */
  admitted = 0;
  refused = 0;

  constructor(
    readonly concurrency: number,
    /** How many may wait; may be changed while running. */
    public queueLimit: number,
  ) {
    if (!(concurrency >= 1)) throw new Error('UPLOAD_CONCURRENCY must be at least 1');
    if (!(queueLimit >= 0)) throw new Error('UPLOAD_QUEUE must be 0 or more');
  }

  /** Images being processed now. */
  get running(): number {
    return this.active;
  }

  /** Images waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** When a refused caller should come back: the time the work ahead of it takes to drain. */
  retryAfterSeconds(): number {
    const ahead = this.active + this.waiting.length;
    return Math.min(30, Math.max(1, Math.ceil((ahead / this.concurrency) * this.serviceSeconds)));
  }

  /**
   * Runs `work` when a slot is free. Throws AppError OVERLOADED synchronously-at-once (the
   * returned promise rejects without waiting) when the slots and the queue are all taken.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.concurrency) this.active++;
    else if (this.waiting.length < this.queueLimit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else {
      this.refused++;
      throw new AppError('OVERLOADED', { retryAfterSeconds: this.retryAfterSeconds() });
    }
    this.admitted++;
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.serviceSeconds = 0.8 * this.serviceSeconds + 0.2 * ((performance.now() - started) / 1000);
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /**
   * Takes the lowest slot of a category that is neither stored (`taken`) nor held by another
   * upload in flight here; null when the category would be full. Give it back with release().
   */
  reserveSlot(scope: string, taken: Iterable<number>, maxCount: number): number | null {
    const held = this.reserved.get(scope) ?? new Set<number>();
    const used = new Set([...taken, ...held]);
    if (used.size >= maxCount) return null;
    let slot = 0;
    while (used.has(slot)) slot++;
    if (slot >= maxCount) return null;
    held.add(slot);
    this.reserved.set(scope, held);
    return slot;
  }

  releaseSlot(scope: string, slot: number): void {
    const held = this.reserved.get(scope);
    if (!held) return;
    held.delete(slot);
    if (held.size === 0) this.reserved.delete(scope);
  }
}
