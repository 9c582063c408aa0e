/**
 * Builds the watermark font the project ships: `assets/fonts/NotoSansCJKsc-Watermark-Subset.otf`,
 * Noto Sans CJK SC Regular (SIL Open Font License 1.1, see assets/fonts/LICENSE-OFL-NotoSansCJK.txt)
 * cut down to the characters in `src/adapters/image/watermark-text.ts` (printable ASCII and
 * the fixed Chinese words), a few KB instead of ~20 MB.
 *
 * Run after changing the watermark words:
 *   npx tsx scripts/subset-watermark-font.ts [--source /path/NotoSansCJK-Regular.ttc]
 *
 * Without --source it uses Debian's `fonts-noto-cjk` file if installed, otherwise it fetches
 * that .deb with `apt-get download` into a temp dir and unpacks it there (nothing is installed
 * system-wide, so the machine's fontconfig cannot mask a font-loading bug in the pipeline).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';
import {
  faceOfFamily,
  missingCharacters,
  readFontNames,
} from '../src/adapters/image/font-file.js';
import { WATERMARK_CHARSET, WATERMARK_FONT_FAMILY, WATERMARK_FONT_FILE } from '../src/adapters/image/watermark-text.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEBIAN_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function locateSource(): { path: string; cleanup: () => void } {
  const given = argValue('--source');
  if (given) return { path: resolve(given), cleanup: () => {} };
  if (existsSync(DEBIAN_PATH)) return { path: DEBIAN_PATH, cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'noto-cjk-'));
  console.log(`fetching Debian package fonts-noto-cjk into ${dir} ...`);
  execFileSync('apt-get', ['download', 'fonts-noto-cjk'], { cwd: dir, stdio: 'inherit' });
  const deb = readdirSync(dir).find((f) => f.endsWith('.deb'));
  if (!deb) throw new Error('apt-get download fonts-noto-cjk produced no .deb (run apt-get update first)');
  execFileSync('dpkg-deb', ['-x', join(dir, deb), join(dir, 'x')], { stdio: 'inherit' });
  return { path: join(dir, 'x', DEBIAN_PATH), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function main(): Promise<void> {
  const source = locateSource();
  try {
    const bytes = readFileSync(source.path);
    const { face, index, faces } = faceOfFamily(bytes, WATERMARK_FONT_FAMILY, source.path);
    if (faces) console.log(`using face ${index} of ${faces} in ${source.path}`);

    const subset = await subsetFont(face, WATERMARK_CHARSET, {
      targetFormat: 'sfnt',
      // Only the glyphs of the listed characters: layout closure would drag in ~400 vertical
      // and alternate forms (60 KB instead of 18 KB) that horizontal text never uses.
      noLayoutClosure: true,
      // Keep the copyright, version, licence and licence URL records (OFL §2).
      preserveNameIds: [0, 1, 2, 3, 4, 5, 6, 13, 14],
    });
    const missing = missingCharacters(subset, WATERMARK_CHARSET);
    if (missing.length > 0) throw new Error(`subset lacks ${missing.join('')}`);
    const outNames = readFontNames(subset);
    const out = join(root, 'assets', 'fonts', WATERMARK_FONT_FILE);
    writeFileSync(out, subset);
    console.log(
      `wrote ${out}: ${subset.length} bytes, ${[...WATERMARK_CHARSET].length} characters, ` +
        `family "${outNames.family}", ${outNames.version ?? ''}\ncopyright: ${outNames.copyright ?? '(none)'}`,
    );
  } finally {
    source.cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
