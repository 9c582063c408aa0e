import { describe, expect, it } from 'vitest';
import { allSettled, canSend, queueReducer, unsentCount, type QueueAction, type Row } from '../../web/src/pages/materials/upload-queue.js';
import type { PreparedImage } from '../../web/src/lib/shrink-image.js';

const file = (name: string) => new File([new Uint8Array(10)], name, { type: 'image/jpeg' });
const prepared = (turns: 0 | 1 | 2 | 3 = 0): PreparedImage => ({
  blob: new Blob(['x']),
  fileName: 'a.jpg',
  width: 10,
  height: 10,
  originalBytes: 10,
  processed: true,
  orientationFixed: false,
  converted: false,
  resized: false,
  turns,
});
const run = (actions: QueueAction[], start: Row[] = []) => actions.reduce(queueReducer, start);
const two = () => run([{ type: 'reset', rows: [{ id: 'a', file: file('a.jpg') }, { id: 'b', file: file('b.jpg') }] }]);
const ready = (rows: Row[], id: string, key = `key-${id}`) => run([{ type: 'prepared', id, prepared: prepared(), signals: null, key }], rows);

describe('upload dialog rows', () => {
  it('each chosen file is its own row, preparing with its own progress', () => {
    let rows = two();
    expect(rows.map((r) => [r.id, r.status])).toEqual([['a', 'preparing'], ['b', 'preparing']]);
    rows = run([{ type: 'prepare-progress', id: 'a', progress: 0.3 }, { type: 'prepare-progress', id: 'a', progress: 0.2 }], rows);
    expect(rows[0]?.progress).toBe(0.3); // never goes back
    expect(rows[1]?.progress).toBe(0);
  });

  it('a prepared row can be sent; progress, 排队中, offline and retrying keep it in flight to done', () => {
    let rows = ready(two(), 'a');
    expect(canSend(rows[0]!)).toBe(true);
    expect(canSend(rows[1]!)).toBe(false);
    rows = run([{ type: 'send', id: 'a' }, { type: 'send-progress', id: 'a', progress: 0.4 }], rows);
    expect(rows[0]).toMatchObject({ status: 'sending', progress: 0.4 });
    for (const phase of ['queued', 'offline', 'retrying', 'sending'] as const) {
      rows = run([{ type: 'phase', id: 'a', phase }], rows);
      expect(rows[0]?.status).toBe(phase);
    }
    rows = run([{ type: 'uploaded', id: 'a' }], rows);
    expect(rows[0]).toMatchObject({ status: 'done', progress: 1, key: 'key-a' });
    expect(allSettled(rows)).toBe(false);
    rows = run([{ type: 'send', id: 'b' }], ready(rows, 'b'));
    rows = run([{ type: 'uploaded', id: 'b' }], rows);
    expect(allSettled(rows)).toBe(true);
  });

  it('取消 puts the photo back as ready with the same key, so sending again cannot store it twice', () => {
    let rows = run([{ type: 'send', id: 'a' }, { type: 'cancelled', id: 'a', note: '已取消' }], ready(two(), 'a'));
    expect(rows[0]).toMatchObject({ status: 'ready', key: 'key-a', error: '已取消' });
    rows = run([{ type: 'send', id: 'a' }], rows);
    expect(rows[0]).toMatchObject({ status: 'sending', key: 'key-a', error: null });
  });

  it('a rotation prepares new bytes under a new key, and is refused while they are being sent', () => {
    let rows = run([{ type: 'send', id: 'a' }, { type: 'prepare-start', id: 'a' }], ready(two(), 'a'));
    expect(rows[0]?.status).toBe('sending');
    rows = run([{ type: 'failed', id: 'a', error: '网络连接失败', blocked: false }, { type: 'prepare-start', id: 'a' }], rows);
    expect(rows[0]?.status).toBe('preparing');
    rows = ready(rows, 'a', 'key-a2');
    expect(rows[0]).toMatchObject({ status: 'ready', key: 'key-a2', error: null });
  });

  it('a failure the server will repeat (category full) blocks the row; a passing one keeps it sendable', () => {
    let rows = run([{ type: 'send', id: 'a' }, { type: 'failed', id: 'a', error: '该类材料已达上限', blocked: true }], ready(two(), 'a'));
    expect(canSend(rows[0]!)).toBe(false);
    rows = run([{ type: 'send', id: 'b' }, { type: 'failed', id: 'b', error: '审核中', blocked: false }], ready(rows, 'b'));
    expect(canSend(rows[1]!)).toBe(true);
  });

  it('Back asks while a prepared photo is not yet stored', () => {
    let rows = two();
    expect(unsentCount(rows)).toBe(0); // nothing prepared yet: nothing to lose
    rows = ready(rows, 'a');
    expect(unsentCount(rows)).toBe(1);
    rows = run([{ type: 'send', id: 'a' }], rows);
    expect(unsentCount(rows)).toBe(1); // in flight is not stored yet
    rows = run([{ type: 'uploaded', id: 'a' }], rows);
    expect(unsentCount(rows)).toBe(0);
  });

  it('a photo that cannot be prepared is unusable; a failed rotation keeps the earlier preparation', () => {
    let rows = run([{ type: 'unusable', id: 'b', error: '无法打开这张图片' }], ready(two(), 'a'));
    expect(rows[1]).toMatchObject({ status: 'unusable', prepared: null });
    rows = run([{ type: 'prepare-start', id: 'a' }, { type: 'unusable', id: 'a', error: '图片无法压缩' }], rows);
    expect(rows[0]).toMatchObject({ status: 'ready', key: 'key-a' });
  });

  it('remove drops a row, but never one in flight; a new choice replaces all rows', () => {
    let rows = run([{ type: 'send', id: 'a' }, { type: 'remove', id: 'a' }, { type: 'remove', id: 'b' }], ready(two(), 'a'));
    expect(rows.map((r) => r.id)).toEqual(['a']);
    rows = run([{ type: 'reset', rows: [{ id: 'c', file: file('c.jpg') }] }], rows);
    expect(rows.map((r) => r.id)).toEqual(['c']);
  });
});
