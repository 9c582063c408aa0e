import net from 'node:net';

/**
 * One HTTP/1.1 request over a bare socket, for what fetch cannot send: a body shorter than
 * its Content-Length, or a connection dropped mid-body (`cutAfterMs`). Resolves with the
 * raw response text ('' when the server had no chance to answer).
 */
export function rawRequest(
  baseUrl: string,
  opts: { method: string; path: string; headers: Record<string, string>; body: Buffer; contentLength?: number; cutAfterMs?: number },
): Promise<string> {
  const u = new URL(baseUrl);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = () => resolve(Buffer.concat(chunks).toString('utf8'));
    const socket = net.connect(Number(u.port), u.hostname, () => {
      const head = [
        `${opts.method} ${opts.path} HTTP/1.1`,
        `Host: ${u.host}`,
        `Content-Length: ${opts.contentLength ?? opts.body.length}`,
        'Connection: close',
        ...Object.entries(opts.headers).map(([k, v]) => `${k}: ${v}`),
        '',
        '',
      ].join('\r\n');
      socket.write(head);
      socket.write(opts.body);
      if (opts.cutAfterMs !== undefined) setTimeout(() => socket.destroy(), opts.cutAfterMs);
    });
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('close', done);
    socket.on('error', done);
  });
}

/** A multipart/form-data body with one `file` part, and its content type. */
export function multipartBody(file: Buffer, filename = 'photo.jpg'): { body: Buffer; contentType: string; head: Buffer } {
  const boundary = `----medexam${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, file, tail]), head, contentType: `multipart/form-data; boundary=${boundary}` };
}
