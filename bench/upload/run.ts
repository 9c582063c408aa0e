/**
 * Upload throughput: authenticated uploads per second over HTTP (real server, SQLite,
 * watermark, thumbnail, fsync'd blobs, audit rows) against the bare image pipeline
 * (decode → orient → encode, no HTTP, no watermark) measured in the same run on the
 * same photos at the same concurrency. Prints both, the ratio, latency and peak RSS, and
 * also: the server's own image steps without watermark or HTTP (to tell image work from the
 * rest), CPU time per upload of the server and of this load generator, and the latency of
 * GET /me while the uploads saturate the server. Where the CPU goes: bench/upload/steps.ts.
 *
 *   npx tsx bench/upload/run.ts [--seconds 20] [--concurrency 20] [--db sqlite|postgres]
 *
 * PostgreSQL: a fresh database medexam_bench_<random> on TEST_PG_URL's server (default
 * postgres://postgres@127.0.0.1:5432/postgres), dropped at the end.
 */
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { createSharpImagePipeline } from '../../src/adapters/image/sharp-image-pipeline.js';
import { makePhotoJpeg } from '../../test/fixtures/make-image-corpus.js';
import { ApiClient } from '../../test/support/api-client.js';
import { createPostgresDatabase } from '../../test/support/databases.js';
import { spawnServer } from '../lib/spawn-server.js';
import { fmt, summarise } from '../lib/stats.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '20' }, concurrency: { type: 'string', default: '20' }, db: { type: 'string', default: 'sqlite' } } });
if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error('--db is sqlite or postgres');
const seconds = Number(values.seconds);
const concurrency = Math.min(Number(values.concurrency), 20);

const photos: Buffer[] = [];
for (let seed = 1; photos.length < 8; seed++) {
  const p = await makePhotoJpeg({ width: 1600, height: 1200, targetBytes: 200_000, seed });
  if (p.length >= 150_000) photos.push(p);
}
console.log(`photos: ${photos.length}, ${photos.map((p) => Math.round(p.length / 1024)).join('/')} KB, 1600×1200`);

async function runFor(ms: number, workers: number, op: (w: number, i: number) => Promise<void>) {
  const lat: number[] = [];
  const end = Date.now() + ms;
  await Promise.all(Array.from({ length: workers }, async (_, w) => {
    for (let i = 0; Date.now() < end; i++) {
      const t = performance.now();
      await op(w, i);
      lat.push(performance.now() - t);
    }
  }));
  return { ops: lat.length, perSecond: lat.length / (ms / 1000), ...summarise(lat) };
}

// Baseline: the bare pipeline in this process.
sharp.cache(false);
const bare = (buf: Buffer) => sharp(buf, { failOn: 'error', limitInputPixels: 40e6 }).rotate().jpeg({ quality: 82 }).toBuffer();
await runFor(2000, concurrency, (w, i) => bare(photos[(w + i) % photos.length]!).then(() => undefined)); // warm-up
const baselineCpu0 = process.cpuUsage();
const baseline = await runFor(seconds * 1000, concurrency, (w, i) => bare(photos[(w + i) % photos.length]!).then(() => undefined));
const baselineCpu = process.cpuUsage(baselineCpu0);
const baselineCpuMs = (baselineCpu.user + baselineCpu.system) / 1000;

// Reference: the server's own image steps without the watermark (decode, orient, normalise,
// JPEG within the byte budget, thumbnail), in this process: the part of the gap that is image
// work the upload needs anyway, as against the watermark, HTTP and storage.
const pipeline = createSharpImagePipeline();
const reference = (buf: Buffer) => pipeline.reencodeWithoutWatermark(buf).then(() => undefined);
await runFor(2000, concurrency, (w, i) => reference(photos[(w + i) % photos.length]!));
const referenceCpu0 = process.cpuUsage();
const steps = await runFor(seconds * 1000, concurrency, (w, i) => reference(photos[(w + i) % photos.length]!));
const referenceCpu = process.cpuUsage(referenceCpu0);
const referenceCpuMs = (referenceCpu.user + referenceCpu.system) / 1000;

// HTTP: the real server in its own process.
const pgDb = values.db === 'postgres' ? await createPostgresDatabase('medexam_bench') : null;
const server = await spawnServer({ UPLOADS_PER_MINUTE: '100000', ...(pgDb ? { DATABASE_URL: pgDb.url, DATA_KEY: 'bench-upload-data-key-not-a-secret-0123456789' } : {}) });
try {
  const candidates = await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      const no = `2026990${i < 10 ? 1 : 2}${String((i % 10) + 1).padStart(5, '0')}`;
      const c = new ApiClient(server.baseUrl);
      if ((await c.login(no)).status !== 200) throw new Error(`login ${no} failed`);
      await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
      return { c, ids: [] as string[] };
    }),
  );
  let failures = 0;
  let firstFailure = '';
  const uploadOf = (files: Buffer[]) => async (w: number, i: number) => {
    const cand = candidates[w]!;
    if (cand.ids.length >= 10) {
      // 其他 holds 10: make room (not timed separately; deletes are a small part of the run).
      await Promise.all(cand.ids.splice(0).map((id) => cand.c.request('DELETE', `/api/v1/candidate/materials/images/${id}`)));
    }
    const r = await cand.c.upload('other', files[(w + i) % files.length]!);
    if (r.status === 201) cand.ids.push(r.body.id);
    else if (failures++ === 0) firstFailure = `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
  };
  const upload = uploadOf(photos);
  await runFor(2000, concurrency, upload); // warm-up
  const serverCpu0 = await server.cpuSeconds();
  const clientCpu0 = process.cpuUsage();
  // Meanwhile one more client asks for /api/v1/me every 50 ms: how long other requests
  // (page loads, logins) wait while the server is saturated with uploads.
  const observer = candidates[0]!.c;
  const otherLatencies: number[] = [];
  let observing = true;
  const observed = (async () => {
    while (observing) {
      const t = performance.now();
      await observer.request('GET', '/api/v1/me');
      otherLatencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const http = await runFor(seconds * 1000, concurrency, upload);
  observing = false;
  await observed;
  const other = summarise(otherLatencies);
  const serverCpuMs = ((await server.cpuSeconds()) - serverCpu0) * 1000;
  const clientCpu = process.cpuUsage(clientCpu0);
  const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000;

  // What HTTP, session, SQL, audit rows and fsync'd blobs cost per upload, apart from the
  // image: server CPU per upload of a small 400×300 JPEG minus the CPU of the same image's
  // pipeline run in this process. With the load generator's own CPU (which shares the two
  // cores with the server, and which the baseline does not have), it bounds the ratio even if
  // watermark, thumbnail and byte budget cost nothing.
  const small = [await sharp({ create: { width: 400, height: 300, channels: 3, background: '#8a9' } }).jpeg({ quality: 80 }).toBuffer()];
  const smallInfo = { registrationNo: '2026990100001', year: 2026, at: new Date() };
  await runFor(1000, 4, () => pipeline.process(small[0]!, smallInfo).then(() => undefined));
  const smallCpu0 = process.cpuUsage();
  const smallPipeline = await runFor(3000, 4, () => pipeline.process(small[0]!, smallInfo).then(() => undefined));
  const smallCpu = process.cpuUsage(smallCpu0);
  const smallPipelineCpuMs = (smallCpu.user + smallCpu.system) / 1000 / smallPipeline.ops;
  await runFor(1000, concurrency, uploadOf(small));
  const smallServer0 = await server.cpuSeconds();
  const smallHttp = await runFor(3000, concurrency, uploadOf(small));
  const smallServerCpuMs = (((await server.cpuSeconds()) - smallServer0) * 1000) / smallHttp.ops;
  const httpOverheadMs = Math.max(0, smallServerCpuMs - smallPipelineCpuMs);
  const baselineMs = baselineCpuMs / baseline.ops;
  const ceiling = baselineMs / (baselineMs + httpOverheadMs + clientCpuMs / http.ops);

  const rss = await server.peakRssMb();
  const ratio = http.perSecond / baseline.perSecond;
  console.log('');
  console.log(`concurrency ${concurrency}, ${seconds}s each, ${pgDb ? 'PostgreSQL' : 'SQLite'}`);
  console.log(`baseline  bare pipeline   ${fmt(baseline.perSecond)} images/s   p50 ${fmt(baseline.p50)} ms   p99 ${fmt(baseline.p99)} ms   CPU ${fmt(baselineCpuMs / baseline.ops)} ms/image`);
  console.log(`reference no watermark  ${fmt(steps.perSecond)} images/s   p50 ${fmt(steps.p50)} ms   p99 ${fmt(steps.p99)} ms   CPU ${fmt(referenceCpuMs / steps.ops)} ms/image   (decode, normalise, budgeted JPEG, thumbnail; no HTTP)`);
  console.log(`http      upload (full)   ${fmt(http.perSecond)} uploads/s  p50 ${fmt(http.p50)} ms   p99 ${fmt(http.p99)} ms   failures ${failures}${firstFailure ? ` (first: ${firstFailure})` : ''}`);
  console.log(`          GET /me meanwhile  p50 ${fmt(other.p50)} ms   p99 ${fmt(other.p99)} ms   (${other.n} requests)`);
  console.log(`          CPU per upload  server ${fmt(serverCpuMs / http.ops)} ms, load generator ${fmt(clientCpuMs / http.ops)} ms`);
  console.log(`          HTTP + storage  ${fmt(httpOverheadMs)} ms CPU per upload (400×300 upload ${fmt(smallServerCpuMs)} ms on the server, its pipeline ${fmt(smallPipelineCpuMs)} ms)`);
  console.log(`ceiling   ratio if watermark, thumbnail and budget were free: ${fmt(ceiling, 2)}  (baseline / (baseline + HTTP + storage + load generator), CPU per image)`);
  console.log(`ratio     http / baseline ${fmt(ratio, 2)}   (target ≥ 0.85);   http / reference ${fmt(http.perSecond / steps.perSecond, 2)}`);
  console.log(`server    peak RSS        ${fmt(rss, 0)} MB`);
  if (failures > 0) console.log(`WARNING: ${failures} uploads failed; the upload figures above do not count.`);
} finally {
  await server.stop();
  await pgDb?.drop();
}
