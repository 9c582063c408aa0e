/**
 * Re-encrypts all personal data from one DATA_KEY to another (docs/SECURITY.md, key rotation):
 *
 *   OLD_DATA_KEY=<current key> NEW_DATA_KEY=<new key> npx tsx src/cli/rotate-data-key.ts
 *
 * On the database of DATA_DIR / DATABASE_URL, as the server. Keys come from the environment,
 * not the command line (which other users of the machine can read). Stop the servers first,
 * back up the database, run this, then start the servers with DATA_KEY=<new key>. Safe to
 * run again after an interruption: rows already on the new key are left alone.
 * Exit code: 0 done, 1 some rows open with neither key (listed), 2 wrong usage.
 */
import { loadConfig, MIN_DATA_KEY_LENGTH } from '../config.js';
import { openDatabase } from '../adapters/db/database.js';
import { createStore } from '../adapters/db/store.js';
import { AesGcmPersonalDataCipher } from '../adapters/crypto/personal-data-cipher.js';
import { rotateDataKey } from '../services/rotate-data-key.js';

function usage(message: string): never {
  console.error(message);
  console.error('usage: OLD_DATA_KEY=… NEW_DATA_KEY=… npx tsx src/cli/rotate-data-key.ts   (DATA_DIR / DATABASE_URL select the database)');
  process.exit(2);
}

async function main(): Promise<number> {
  const oldKey = process.env.OLD_DATA_KEY ?? '';
  const newKey = process.env.NEW_DATA_KEY ?? '';
  if (!oldKey) usage('OLD_DATA_KEY is not set (the key the data is encrypted with now; in development the content of DATA_DIR/secret.key).');
  if (newKey.length < MIN_DATA_KEY_LENGTH) usage(`NEW_DATA_KEY must have ${MIN_DATA_KEY_LENGTH} or more random characters (e.g. \`openssl rand -base64 32\`).`);
  if (newKey === oldKey) usage('NEW_DATA_KEY is the same as OLD_DATA_KEY.');

  const config = loadConfig({ ...process.env, DATA_KEY: newKey });
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const started = Date.now();
    const result = await rotateDataKey(createStore(database.db), new AesGcmPersonalDataCipher(oldKey), new AesGcmPersonalDataCipher(newKey), {
      onProgress: (done) => {
        if (process.stderr.isTTY) process.stderr.write(`\r考生 ${done}`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    const { registrations: r, importReports: i } = result;
    console.log(
      `考生记录：重新加密 ${r.rotated}，已是新密钥 ${r.alreadyNew}，无法解密 ${r.unreadable.length}；` +
        `导入错误报告：重新加密 ${i.rotated}，已是新密钥 ${i.alreadyNew}，无法解密 ${i.unreadable.length}。用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。`,
    );
    const unreadable = [...r.unreadable.map((id) => `registration ${id}`), ...i.unreadable.map((id) => `import report ${id}`)];
    if (unreadable.length === 0) {
      console.log('完成：请用 DATA_KEY=<新密钥> 启动所有服务器。');
      return 0;
    }
    for (const u of unreadable.slice(0, 50)) console.error(`  neither key opens ${u}`);
    if (unreadable.length > 50) console.error(`  …${unreadable.length} in all`);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
