// Requests Node's HTTP parser cannot read never reach Nest's filter; the bootstrap still answers them
// with a problem document. Over a real socket: fastify.inject does not go through the parser.
import { ServiceHarness, startService } from '@cx/testing';
import { AddressInfo, connect } from 'node:net';
import { testService } from './support/test-service';

/** Sends raw bytes, reads until the server closes: status, headers and the parsed body. */
async function raw(port: number, request: string) {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (e: NodeJS.ErrnoException) =>
      // The server may reset while the rest of an oversized request is still on its way.
      e.code === 'ECONNRESET' && chunks.length > 0 ? resolve(Buffer.concat(chunks).toString()) : reject(e),
    );
    socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
    socket.write(request);
  });
  const [head, body] = [text.slice(0, text.indexOf('\r\n\r\n')), text.slice(text.indexOf('\r\n\r\n') + 4)];
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: JSON.parse(body) as Record<string, unknown>,
  };
}

describe('requests the HTTP parser refuses (platform bootstrap, listening server)', () => {
  let h: ServiceHarness;
  let port: number;

  beforeAll(async () => {
    h = await startService(testService);
    await h.svc.app.listen(0, '127.0.0.1');
    port = (h.svc.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('answers a URL longer than the header limit with a 431 problem document', async () => {
    const res = await raw(
      port,
      `GET /api/v1/sales?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
    );
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toEqual({
      type: 'https://cx-platform.dev/problems/request-header-fields-too-large',
      title: 'Request Header Fields Too Large',
      status: 431,
      detail: expect.stringContaining('longer than this server accepts'),
      code: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
    });
  });

  it('answers a request that is not HTTP with a 400 problem document', async () => {
    const res = await raw(port, 'HELLO THERE\r\n\r\n');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });

  it('still serves ordinary requests on the same server', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(res.status).toBe(200);
  });
});
