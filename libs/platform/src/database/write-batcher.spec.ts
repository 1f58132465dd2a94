import { isDatabaseUnavailable } from './unavailable';
import { WriteBatcher } from './write-batcher';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('WriteBatcher', () => {
  it('writes a lone item at once, as a batch of one', async () => {
    const batches: number[][] = [];
    const b = new WriteBatcher<number, number>(
      (items) => (batches.push(items), Promise.resolve(items.map((i) => i * 10))),
      {
        maxBatch: 10,
        concurrency: 1,
      },
    );
    await expect(b.submit(1)).resolves.toBe(10);
    expect(batches).toEqual([[1]]);
  });

  it('groups the items that arrive while a batch is written, each caller getting its own result', async () => {
    const gate = deferred();
    const batches: number[][] = [];
    const b = new WriteBatcher<number, string>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate.promise;
        return items.map((i) => `r${i}`);
      },
      { maxBatch: 3, concurrency: 1 },
    );
    const results = [1, 2, 3, 4, 5, 6].map((i) => b.submit(i));
    expect(b.waiting).toBe(5); // 1 is being written, the rest wait
    gate.resolve();
    await expect(Promise.all(results)).resolves.toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('writes up to `concurrency` batches at once', async () => {
    const gate = deferred();
    let active = 0;
    let most = 0;
    const b = new WriteBatcher<number, number>(
      async (items) => {
        most = Math.max(most, ++active);
        await gate.promise;
        active--;
        return items;
      },
      { maxBatch: 1, concurrency: 2 },
    );
    const all = Promise.all([1, 2, 3, 4].map((i) => b.submit(i)));
    await Promise.resolve();
    expect(most).toBe(2);
    gate.resolve();
    await expect(all).resolves.toEqual([1, 2, 3, 4]);
  });

  it('after a failed batch writes each item alone, so only the bad item fails', async () => {
    const gate = deferred();
    const batches: number[][] = [];
    const b = new WriteBatcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate.promise;
        if (items.includes(3)) throw new Error('3 is bad');
        return items;
      },
      { maxBatch: 10, concurrency: 1 },
    );
    const first = b.submit(1);
    const rest = [2, 3, 4].map((i) => b.submit(i).then(String, (e: Error) => e.message));
    gate.resolve();
    await first;
    await expect(Promise.all(rest)).resolves.toEqual(['2', '3 is bad', '4']);
    expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('treats a wrong number of results as a failed batch', async () => {
    const b = new WriteBatcher<number, number>((items) => Promise.resolve(items.length > 1 ? [] : items), {
      maxBatch: 5,
      concurrency: 1,
    });
    const gate = b.submit(0);
    const later = [1, 2].map((i) => b.submit(i));
    await gate;
    await expect(Promise.all(later)).resolves.toEqual([1, 2]);
  });
});

describe('WriteBatcher when the database is away', () => {
  it('fails every item of the batch at once instead of waiting out the failure item by item', async () => {
    const gate = deferred();
    const batches: number[][] = [];
    const b = new WriteBatcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) {
          await gate.promise;
          return items;
        }
        throw new Error('timeout exceeded when trying to connect');
      },
      { maxBatch: 10, concurrency: 1 },
    );
    const first = b.submit(0);
    const rest = [1, 2, 3].map((i) => b.submit(i).then(String, (e: Error) => e.message));
    gate.resolve();
    await first;
    await expect(Promise.all(rest)).resolves.toEqual(
      Array(3).fill('timeout exceeded when trying to connect'),
    );
    expect(batches).toEqual([[0], [1, 2, 3]]); // no second pass
  });
});

describe('isDatabaseUnavailable', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }, true],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, true],
    [{ code: '53300', message: 'sorry, too many clients already' }, true],
    [{ code: '08006', message: 'connection failure' }, true],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('timeout exceeded when trying to connect'), true],
    [{ code: '23505', message: 'duplicate key value violates unique constraint' }, false],
    [{ code: '22P02', message: 'invalid input syntax for type uuid' }, false],
    [{ code: '40P01', message: 'deadlock detected' }, false],
    [new Error('Idempotency-Key k is claimed but its complaint was not found'), false],
    [null, false],
  ])('%j -> %s', (error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });
});
