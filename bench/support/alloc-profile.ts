// Where a bench process allocates: V8's sampling heap profiler with the objects the collector has freed
// kept in the profile (node --heap-prof keeps only what is still alive at exit, which says nothing about
// garbage). The file opens in Chrome DevTools (Memory > Load) or any .heapprofile viewer.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/**
 * Starts sampling (one sample per 4 KiB allocated on average) `afterMs` from now (0: at once, e.g. only
 * a later phase); `stop()` writes the profile to `file`, or nothing if sampling had not started yet.
 * `survivors`: 'all': only what is still in the heap when stopped (what scavenges copied and promoted
 * and no full collection has freed yet); 'scavenges': what no scavenge freed, whether a full collection
 * freed it later or not (what the young generation copied and promoted: the scavenges' own cost).
 */
export function startAllocationProfile(
  file: string,
  survivors: 'none' | 'all' | 'scavenges' = 'none',
  afterMs = 0,
): { stop(): Promise<void> } {
  const session = new Session();
  let started = false;
  const start = () => {
    session.connect();
    session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: survivors !== 'all',
      includeObjectsCollectedByMinorGC: survivors === 'none',
    } as object);
    started = true;
  };
  const timer = afterMs > 0 ? setTimeout(start, afterMs) : undefined;
  if (!timer) start();
  return {
    stop: () => {
      clearTimeout(timer);
      if (!started) return Promise.resolve();
      return new Promise<void>((resolve, reject) =>
        session.post('HeapProfiler.stopSampling', (err, result) => {
          session.disconnect();
          if (err) return reject(err);
          writeFileSync(file, JSON.stringify(result.profile));
          resolve();
        }),
      );
    },
  };
}
