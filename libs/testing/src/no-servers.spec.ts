import { once } from 'node:events';
import { connect, createServer, Server } from 'node:net';
import { Client } from 'pg';
import { installedServerGuard } from './no-servers';

// Runs in the unit project, so this checks the project's wiring too: without the setup in
// jest.config.js these connections would reach the servers that run on this machine.
describe('unit tests cannot reach Postgres or NATS', () => {
  afterEach(() => {
    // The refusals below are on purpose: do not let the setup fail these tests for them.
    installedServerGuard()?.take();
  });

  it('the unit project installs the guard', () => {
    expect(installedServerGuard()).toBeDefined();
  });

  it('refuses pg connecting to Postgres', async () => {
    const client = new Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
    await expect(client.connect()).rejects.toThrow(/unit test connected to Postgres \(port 5432\)/);
    expect(installedServerGuard()?.take()).toHaveLength(1);
  });

  it('refuses a socket to NATS, and records it even when the error is swallowed', () => {
    try {
      connect({ host: '127.0.0.1', port: 4222 });
    } catch {
      // a client that retries quietly
    }
    expect(installedServerGuard()?.take()).toEqual([expect.stringMatching(/NATS \(port 4222\)/)]);
    expect(() => connect(4222, '127.0.0.1')).toThrow(/NATS/);
    expect(() => connect('/var/run/postgresql/.s.PGSQL.5432')).toThrow(/Postgres/);
  });

  it('lets other connections through', async () => {
    const server: Server = createServer((s) => s.end('hi'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    const socket = connect(port, '127.0.0.1');
    const [data] = (await once(socket, 'data')) as [Buffer];
    expect(data.toString()).toBe('hi');
    socket.destroy();
    server.close();
    expect(installedServerGuard()?.take()).toEqual([]);
  });
});
