import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * s3rver (an S3-protocol server on the local disk) on 127.0.0.1, a random port and a temp
 * directory, with one bucket. It speaks the S3 REST protocol the way the AWS SDK does, but
 * it does NOT verify SigV4 signatures (only that the access key is its own `S3RVER`), has no
 * ACLs, bucket policies, versioning or multi-node consistency. Tests on it prove our use of
 * the protocol (keys, listing, errors, timeouts), not a provider's security settings.
 */
export interface TestS3 {
  bucket: string;
  endpoint: string;
  directory: string;
  /** SDK settings for a client of this server (what AWS_* variables give the real server). */
  client: Partial<S3ClientConfig>;
  /** The variables an operator would set for this server (S3_BUCKET, AWS_ENDPOINT_URL_S3, …). */
  env: Record<string, string>;
  /** Stops answering: the port is closed, the objects stay on disk. */
  stop(): Promise<void>;
  /** Serves the same directory again on the same port. */
  restart(): Promise<void>;
  /** Stops and removes the directory. */
  close(): Promise<void>;
}

export const S3RVER_KEY = 'S3RVER';

export async function startS3rver(bucket = 'medexam-test'): Promise<TestS3> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 's3rver-'));
  const make = (port: number) =>
    new S3rver({ address: '127.0.0.1', port, directory, silent: true, vhostBuckets: false, configureBuckets: [{ name: bucket, configs: [] }] });
  let server: S3rver | null = make(0);
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    bucket,
    endpoint,
    directory,
    client: { endpoint, region: 'us-east-1', credentials: { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY } },
    env: {
      S3_BUCKET: bucket,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: S3RVER_KEY,
      AWS_SECRET_ACCESS_KEY: S3RVER_KEY,
    },
    async stop() {
      await server?.close();
      server = null;
    },
    async restart() {
      if (server) return;
      server = make(port);
      await server.run();
    },
    async close() {
      await server?.close();
      server = null;
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** Accepts connections and never answers: a store that hangs. */
export async function silentServer(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    },
  };
}

/** Forwards every request to `target` and records method, path and headers: what a provider would receive. */
export async function recordingProxy(target: string): Promise<{ endpoint: string; requests: { method: string; url: string; headers: http.IncomingHttpHeaders }[]; close(): Promise<void> }> {
  const requests: { method: string; url: string; headers: http.IncomingHttpHeaders }[] = [];
  const to = new URL(target);
  const srv = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const up = http.request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      srv.closeAllConnections();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    },
  };
}
