import { describe, expect, it } from 'vitest';
import { UploadAdmission } from '../../src/services/upload-admission.js';
import { AppError } from '../../src/domain/errors.js';

function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}

describe('UploadAdmission', () => {
  it('runs `concurrency` at once, lets `queueLimit` wait in order, and refuses the rest at once', async () => {
    const a = new UploadAdmission(1, 2);
    const order: string[] = [];
    const first = gate();
    const running = a.run(async () => { order.push('first'); await first.p; });
    const w1 = a.run(async () => { order.push('w1'); });
    const w2 = a.run(async () => { order.push('w2'); });
    expect([a.running, a.queued]).toEqual([1, 2]);
    const refused = await a.run(async () => order.push('never')).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe('OVERLOADED');
    expect(refused.details.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.details.retryAfterSeconds).toBeLessThanOrEqual(30);
    expect(a.refused).toBe(1);
    first.open();
    await Promise.all([running, w1, w2]);
    expect(order).toEqual(['first', 'w1', 'w2']);
    expect([a.running, a.queued, a.admitted]).toEqual([0, 0, 3]);
  });

  it('frees the place when the work fails', async () => {
    const a = new UploadAdmission(1, 0);
    await expect(a.run(async () => { throw new Error('decode failed'); })).rejects.toThrow('decode failed');
    await expect(a.run(async () => 'ok')).resolves.toBe('ok');
  });

  it('hands out the lowest slot not stored and not held by an upload in flight, null when full', () => {
    const a = new UploadAdmission(2, 4);
    expect(a.reserveSlot('r1/id_card', [], 2)).toBe(0);
    expect(a.reserveSlot('r1/id_card', [], 2)).toBe(1);
    expect(a.reserveSlot('r1/id_card', [], 2)).toBeNull();
    expect(a.reserveSlot('r2/id_card', [0], 2)).toBe(1);
    a.releaseSlot('r1/id_card', 0);
    expect(a.reserveSlot('r1/id_card', [], 2)).toBe(0);
    expect(a.reserveSlot('r3/other', [0, 1, 2], 3)).toBeNull();
  });
});
