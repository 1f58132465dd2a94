// Jest setup of the `unit` project (jest.config.js): a unit test that opens a connection to Postgres or
// NATS fails, even if its client catches the refusal. Core modules are shared by the test files of a
// worker, so the patch is undone after each file (integration files may run next in the same worker).
import { installServerGuard } from './no-servers';

const guard = installServerGuard();

afterEach(() => {
  const refused = guard.take();
  if (refused.length > 0) throw new Error(refused.join('\n'));
});

afterAll(() => guard.restore());
