import { isDatabaseUnavailable } from './unavailable';

const notUnavailable = (e: unknown) => !isDatabaseUnavailable(e);

/** How a WriteBatcher groups items. */
export interface WriteBatcherOptions {
  /** Most items written together (one transaction, multi-row statements). */
  maxBatch: number;
  /** Batches written at once; new items wait meanwhile and form the next batch. */
  concurrency: number;
  /**
   * Whether the items of a failed batch are written again one at a time. Default: unless the database
   * is unavailable (isDatabaseUnavailable), when every item would wait out the same failure in turn:
   * then the whole batch fails at once.
   */
  retryAlone?: (error: unknown) => boolean;
}

interface Pending<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for a write path that many requests take at once (intake from several channels, POS
 * feeds). Each caller submits one item and gets its own result; items that arrive while earlier
 * batches are being written wait and go together into the next batch, so under load one transaction
 * with a handful of multi-row statements carries many items, and with one caller at a time a batch is
 * a single item written at once (no timer, no added wait).
 *
 * `write(items)` returns one result per item, in order. When it throws, the batch is written again
 * one item at a time, so one bad item fails only its own caller; when the database is away, every
 * caller gets the error at once instead (`retryAlone`). Results that are answers, not
 * failures (say, "this idempotency key belongs to another request"), belong in the result type: a
 * thrown error costs the whole batch a second pass.
 */
export class WriteBatcher<I, O> {
  private readonly queue: Pending<I, O>[] = [];
  private running = 0;

  constructor(
    private readonly write: (items: I[]) => Promise<O[]>,
    private readonly options: WriteBatcherOptions,
  ) {
    if (!(options.maxBatch >= 1 && options.concurrency >= 1))
      throw new Error('WriteBatcher needs maxBatch >= 1 and concurrency >= 1');
  }

  /** Items waiting for a batch (for metrics and tests). */
  get waiting(): number {
    return this.queue.length;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.running++;
      void this.flush(batch).finally(() => {
        this.running--;
        this.next();
      });
    }
  }

  private async flush(batch: Pending<I, O>[]): Promise<void> {
    try {
      const out = await this.write(batch.map((p) => p.item));
      if (out.length !== batch.length)
        throw new Error(`write returned ${out.length} results for ${batch.length} items`);
      batch.forEach((p, i) => p.resolve(out[i]));
    } catch (e) {
      if (batch.length === 1 || !(this.options.retryAlone ?? notUnavailable)(e))
        return batch.forEach((p) => p.reject(e));
      // Nothing of the batch was written (one transaction): each item on its own now.
      for (const p of batch) await this.flush([p]);
    }
  }
}
