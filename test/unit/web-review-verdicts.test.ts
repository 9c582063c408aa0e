import { describe, expect, it } from 'vitest';
import {
  clientProblem,
  decisionBody,
  draftBody,
  emptyVerdicts,
  nextUndecided,
  parseReason,
  reasonText,
  summarise,
  unseenCount,
  verdictReducer,
  type ShownImage,
  type VerdictAction,
  type VerdictState,
} from '../../web/src/pages/review/verdicts.js';

const img = (id: string, state: ShownImage['state'] = 'pending', reason: string | null = null): ShownImage => ({ id, state, reason });
const run = (actions: VerdictAction[], start: VerdictState = emptyVerdicts) => actions.reduce(verdictReducer, start);
const three = [img('a'), img('b'), img('c')];

describe('review page verdicts (pure reducer)', () => {
  it('starts undecided on new images and from the recorded state on reviewed ones', () => {
    const s = run([{ type: 'reset', images: [img('a'), img('b', 'approved'), img('c', 'replace_requested', '方向不正，请横向拍摄')] }]);
    expect(s.index).toBe(0);
    expect(s.verdicts.a).toBeUndefined();
    expect(s.verdicts.b).toEqual({ verdict: 'approve', preset: null, note: '' });
    expect(s.verdicts.c).toEqual({ verdict: 'replace', preset: '方向不正', note: '请横向拍摄' });
    expect(summarise(s)).toEqual({ total: 3, approved: 1, replace: 1, undecided: 1 });
  });

  it('opens at the first image still to decide (the one replaced after a return)', () => {
    expect(run([{ type: 'reset', images: [img('a', 'approved'), img('b', 'approved'), img('c')] }]).index).toBe(2);
    expect(run([{ type: 'reset', images: [img('a', 'approved'), img('b', 'approved')] }]).index).toBe(0);
    expect(run([{ type: 'reset', images: [] }]).index).toBe(-1);
  });

  it('approves the image in view and moves to the next; A on the last one stays there', () => {
    let s = run([{ type: 'reset', images: three }, { type: 'approve' }]);
    expect(s.verdicts.a?.verdict).toBe('approve');
    expect(s.index).toBe(1);
    s = run([{ type: 'move', delta: 5 }, { type: 'approve' }], s);
    expect(s.index).toBe(2);
    expect(s.verdicts.c?.verdict).toBe('approve');
    expect(run([{ type: 'move', delta: -9 }], s).index).toBe(0);
  });

  it('builds the replace reason from a preset and free text; 其他 stands for the text alone', () => {
    let s = run([{ type: 'reset', images: three }, { type: 'preset', preset: '图片不清晰' }, { type: 'note', note: '印章看不清' }]);
    expect(reasonText(s.verdicts.a!)).toBe('图片不清晰，印章看不清');
    s = run([{ type: 'preset', preset: '信息不完整' }], s);
    expect(reasonText(s.verdicts.a!)).toBe('信息不完整，印章看不清'); // the text is kept when the preset changes
    s = run([{ type: 'select', id: 'b' }, { type: 'preset', preset: '其他' }], s);
    expect(reasonText(s.verdicts.b!)).toBe('');
    s = run([{ type: 'note', note: '与报名信息不符' }], s);
    expect(reasonText(s.verdicts.b!)).toBe('与报名信息不符');
    expect(parseReason('与报名信息不符')).toEqual({ preset: '其他', note: '与报名信息不符' });
    expect(parseReason('图片不清晰')).toEqual({ preset: '图片不清晰', note: '' });
  });

  it('typing a reason marks the image for replacement; approve clears the reason; clear undoes', () => {
    let s = run([{ type: 'reset', images: three }, { type: 'note', note: '缺页' }]);
    expect(s.verdicts.a).toEqual({ verdict: 'replace', preset: null, note: '缺页' });
    s = run([{ type: 'approve', id: 'a', advance: false }], s);
    expect(s.verdicts.a).toEqual({ verdict: 'approve', preset: null, note: '' });
    expect(s.index).toBe(0);
    s = run([{ type: 'clear' }], s);
    expect(s.verdicts.a).toBeUndefined();
  });

  it('Shift+A approves only the images already shown, including a seen one marked for replacement', () => {
    // Opening shows a; b and c were never in view.
    let s = run([{ type: 'reset', images: three }, { type: 'preset', preset: '方向不正' }, { type: 'approveAll' }]);
    expect(summarise(s)).toEqual({ total: 3, approved: 1, replace: 0, undecided: 2 });
    expect(unseenCount(s)).toBe(2);
    s = run([{ type: 'move', delta: 1 }, { type: 'approveAll' }], s);
    expect(s.verdicts.b?.verdict).toBe('approve');
    expect(s.verdicts.c).toBeUndefined();
    // Thumbnails clicked (select) or reached by A's advance count as shown too.
    s = run([{ type: 'select', id: 'c' }, { type: 'approveAll' }], s);
    expect(summarise(s)).toEqual({ total: 3, approved: 3, replace: 0, undecided: 0 });
    expect(unseenCount(s)).toBe(0);
  });

  it('restores a saved draft over the recorded state, and the region level starts with no verdicts of its own', () => {
    const images = [img('a', 'approved'), img('b', 'approved'), img('c', 'approved')];
    const region = run([{ type: 'reset', images, prefill: false }]);
    expect(summarise(region)).toEqual({ total: 3, approved: 0, replace: 0, undecided: 3 });
    expect(run([{ type: 'approveAll' }], region).verdicts.b).toBeUndefined();

    const draft = { verdicts: { b: { verdict: 'replace' as const, preset: '图片不清晰', note: '印章看不清' } }, seen: ['a', 'b'] };
    const s = run([{ type: 'reset', images, draft, prefill: false }]);
    expect(s.verdicts.b).toEqual(draft.verdicts.b);
    expect(s.verdicts.a).toBeUndefined();
    expect(s.index).toBe(0);
    expect(unseenCount(s)).toBe(1);
    // The body saved back is the same marks and the images seen so far.
    expect(draftBody(s)).toEqual({ verdicts: draft.verdicts, seen: ['a', 'b'] });
    const later = run([{ type: 'approveAll' }], s);
    expect(later.verdicts.a?.verdict).toBe('approve');
    expect(later.verdicts.b?.verdict).toBe('approve');
    expect(later.verdicts.c).toBeUndefined();
    // At the site level an image approved before starts approved (no draft).
    expect(run([{ type: 'reset', images }]).verdicts.c?.verdict).toBe('approve');
  });

  it('keeps the work on images still shown when the set is reloaded (STALE_IMAGES)', () => {
    let s = run([{ type: 'reset', images: three }, { type: 'approve', id: 'a' }, { type: 'preset', id: 'b', preset: '非本人材料' }, { type: 'select', id: 'c' }]);
    s = run([{ type: 'reset', images: [img('a'), img('c'), img('d')] }], s);
    expect(s.order).toEqual(['a', 'c', 'd']);
    expect(s.verdicts.a?.verdict).toBe('approve');
    expect(s.verdicts.b).toBeUndefined();
    expect(s.index).toBe(1); // still on c
    expect(nextUndecided(s)).toBe(2);
  });

  it('sends exactly the images shown; undecided ones count as approved for a return', () => {
    const s = run([{ type: 'reset', images: three }, { type: 'select', id: 'b' }, { type: 'preset', preset: '图片不清晰' }]);
    expect(decisionBody(s, 'return', '  请更换  ')).toEqual({
      outcome: 'return',
      comment: '请更换',
      images: [
        { id: 'a', verdict: 'approve' },
        { id: 'b', verdict: 'replace', reason: '图片不清晰' },
        { id: 'c', verdict: 'approve' },
      ],
    });
    expect(decisionBody(s, 'pass', '  ')).not.toHaveProperty('comment');
  });

  it('explains what is missing before sending, with the server\'s own rules', () => {
    const fresh = run([{ type: 'reset', images: three }]);
    expect(clientProblem(fresh, 'pass', '', [])).toEqual({ kind: 'undecided', count: 3 });
    const all = run([{ type: 'move', delta: 1 }, { type: 'move', delta: 1 }, { type: 'approveAll' }], fresh); // every image shown first
    expect(clientProblem(all, 'pass', '', [])).toBeNull();
    expect(clientProblem(all, 'pass', '', ['毕业证书'])).toMatchObject({ kind: 'rule', message: '必传材料未上传齐全：毕业证书' });
    expect(clientProblem(all, 'return', '请修改', [])).toMatchObject({ kind: 'rule', message: '退回修改须至少标记一张需更换的图片、要求补充一种材料，或有必传材料未上传' });
    expect(clientProblem(all, 'return', '请补传毕业证书', ['毕业证书'])).toBeNull();
    expect(clientProblem(all, 'reject', ' ', [])).toMatchObject({ kind: 'rule', message: '审核拒绝须填写审核意见' });
    const marked = run([{ type: 'preset', preset: '图片不清晰' }], all);
    expect(clientProblem(marked, 'pass', '', [])).toMatchObject({ kind: 'rule', message: '通过时所有图片都须审核通过' });
    expect(clientProblem(marked, 'return', '', [])).toMatchObject({ kind: 'rule', message: '退回修改须填写审核意见' });
    expect(clientProblem(marked, 'return', '请重拍', [])).toBeNull();
    const other = run([{ type: 'preset', preset: '其他' }], all);
    expect(clientProblem(other, 'return', '请重拍', [])).toEqual({ kind: 'otherNeedsNote' });
  });
});
