/**
 * Builds the font of the pre-filled documents (附件2 承诺书 PDF):
 * `assets/fonts/WenQuanYiMicroHei.ttf`, the "WenQuanYi Micro Hei" face taken out of Debian's
 * fonts-wqy-microhei collection (`wqy-microhei.ttc`, Apache-2.0, see
 * assets/fonts/LICENSE-Apache-2.0-WenQuanYiMicroHei.txt). It is a TrueType-outline font with
 * about 34,600 characters (all of CJK Unified Ideographs and Extension A), so any name in the
 * registration data prints; the PDF library embeds only the glyphs each document uses.
 *
 *   npx tsx scripts/extract-letter-font.ts [--source /path/wqy-microhei.ttc]
 *
 * Without --source it uses the installed Debian file, or fetches the .deb with
 * `apt-get download` into a temp dir and unpacks it there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractTtcFace, readCmapCodepoints, readFontNames, ttcFaceCount } from '../src/adapters/image/font-file.js';
import { LETTER_FONT_FAMILY, LETTER_FONT_FILE } from '../src/services/commitment-letter-layout.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEBIAN_PATH = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

function locateSource(): { path: string; cleanup: () => void } {
  const i = process.argv.indexOf('--source');
  if (i >= 0 && process.argv[i + 1]) return { path: resolve(process.argv[i + 1]!), cleanup: () => {} };
  if (existsSync(DEBIAN_PATH)) return { path: DEBIAN_PATH, cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'wqy-'));
  execFileSync('apt-get', ['download', 'fonts-wqy-microhei'], { cwd: dir, stdio: 'inherit' });
  const deb = readdirSync(dir).find((f) => f.endsWith('.deb'));
  if (!deb) throw new Error('apt-get download fonts-wqy-microhei produced no .deb (run apt-get update first)');
  execFileSync('dpkg-deb', ['-x', join(dir, deb), join(dir, 'x')], { stdio: 'inherit' });
  return { path: join(dir, 'x', DEBIAN_PATH), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const source = locateSource();
try {
  const ttc = readFileSync(source.path);
  const faces = ttcFaceCount(ttc);
  const index = Array.from({ length: faces }, (_, k) => k).find((k) => readFontNames(ttc, k).family === LETTER_FONT_FAMILY);
  if (index === undefined) throw new Error(`no face "${LETTER_FONT_FAMILY}" in ${source.path}`);
  const face = extractTtcFace(ttc, index);
  const out = join(root, 'assets', 'fonts', LETTER_FONT_FILE);
  writeFileSync(out, face);
  const names = readFontNames(face);
  console.log(`${out}: ${names.fullName} ${names.version}, ${face.length} bytes, ${readCmapCodepoints(face).size} characters`);
} finally {
  source.cleanup();
}
