import { describe, expect, it } from 'vitest';
import { breakLines, letterParagraphs, placeLine, type Advance } from '../../src/services/commitment-letter-layout.js';
import { loadLetterFont } from '../../src/adapters/documents/render-commitment-letter.js';

// Monospaced model: CJK and full-width punctuation 1 em, ASCII half.
const advance: Advance = (ch, size) => (ch.charCodeAt(0) < 0x2000 ? size / 2 : size);
const text = (line: ReturnType<typeof breakLines>[number]) => line.map((t) => (t.kind === 'char' ? t.text : t.kind === 'filled' ? `[${t.text}]` : '_')).join('');

describe('breakLines', () => {
  const width = 29 * 15;

  it('keeps lines within the width, never starts one with closing punctuation nor ends one with an opening one', () => {
    for (const name of ['张三', '欧阳娜娜', '阿卜杜热合曼·买买提明', '李']) {
      for (const runs of letterParagraphs({ name })) {
        const lines = breakLines(runs, { width, size: 15, indent: 30, advance });
        lines.forEach((line, i) => {
          const w = line.reduce((s, t) => s + t.width, 0) + (i === 0 ? 30 : 0);
          expect(w).toBeLessThanOrEqual(width + 0.01);
          const first = line[0]!;
          const last = line[line.length - 1]!;
          expect(first.kind === 'char' && '，。、；：？！）》”'.includes(first.text)).toBe(false);
          expect(last.kind === 'char' && '（《“'.includes(last.text)).toBe(false);
        });
        // Nothing lost, nothing doubled.
        const all = lines.flat();
        expect(all.length).toBe(breakLines(runs, { width: 1e9, size: 15, advance })[0]!.length);
      }
    }
  });

  it('prints the name whole on its underline and lets empty blanks run on to the next line', () => {
    const [p1] = letterParagraphs({ name: '张晓明' });
    const lines = breakLines(p1!, { width, size: 15, indent: 30, advance });
    expect(text(lines[0]!)).toMatch(/^本人\[张晓明\]于____年__月__日毕业于_+$/);
    expect(text(lines[1]!)).toMatch(/^_+学校_______专业。/);
    expect(lines.flat().filter((t) => t.kind === 'filled')).toHaveLength(1);
  });

  it('leaves a line to write the name by hand when there is no printable name', () => {
    const [p1] = letterParagraphs({ name: '', nameBlankEm: 6 });
    const line = breakLines(p1!, { width, size: 15, advance })[0]!;
    expect(text(line).startsWith('本人______于')).toBe(true);
  });

  it('moves a character down with punctuation that would start a line', () => {
    const lines = breakLines([{ kind: 'text', text: '一二三四五。六七' }], { width: 5 * 15, size: 15, advance });
    expect(lines.map(text)).toEqual(['一二三四', '五。六七']);
  });
});

describe('placeLine', () => {
  it('spreads a full line exactly to the right margin and joins the units of a blank into one underline', () => {
    const [p1] = letterParagraphs({ name: '张晓明' });
    const line = breakLines(p1!, { width: 435, size: 15, indent: 30, advance })[0]!;
    const placed = placeLine(line, { x0: 100, width: 405, justify: true });
    const last = placed[placed.length - 1]!;
    const end = last.kind === 'underline' ? last.x + last.width : NaN;
    expect(end).toBeCloseTo(505, 6);
    const underlines = placed.filter((p) => p.kind === 'underline');
    expect(underlines.map((u) => (u.kind === 'underline' ? u.value ?? '' : ''))).toEqual(['张晓明', '', '', '', '']);
  });

  it('leaves the last line of a paragraph unstretched', () => {
    const placed = placeLine(breakLines([{ kind: 'text', text: '满一年。' }], { width: 400, size: 15, advance })[0]!, { x0: 0, width: 400, justify: false });
    expect(placed).toEqual([{ kind: 'text', text: '满一年。', x: 0, charSpacing: 0 }]);
  });
});

describe('the shipped letter font', () => {
  it('covers every character of the letter and all 20,902 of CJK Unified Ideographs U+4E00–U+9FA5 (beyond it, a name is left to write by hand)', async () => {
    const f = await loadLetterFont();
    const letter = letterParagraphs({ name: '' }).flat().map((r) => (r.kind === 'text' ? r.text : '')).join('');
    expect(f.covers(letter + '0123456789X：（）')).toBe(true);
    let missing = 0;
    for (let cp = 0x4e00; cp <= 0x9fa5; cp++) if (!f.covers(String.fromCodePoint(cp))) missing++;
    expect(missing).toBe(0);
    // Extension A and B are not in WenQuanYi Micro Hei: render-commitment-letter leaves such a name blank.
    expect(f.covers('㐀')).toBe(false);
    expect(f.covers('𠀀')).toBe(false);
  });
});
