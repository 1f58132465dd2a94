// Talking to a bench's child process over IPC: wait for its next message of a given type.
import { ChildProcess } from 'node:child_process';

/**
 * The child's next message of type `type`. Rejects when the child reports `{ type: 'failed', message }`,
 * exits first, or stays silent for `timeoutMs`. `who` names the child in the errors.
 */
export function nextMessage<M extends { type: string }, T extends M['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
  who: string,
): Promise<Extract<M, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: M) => {
      if (m.type === type) done(() => resolve(m as Extract<M, { type: T }>));
      else if (m.type === 'failed')
        done(() => reject(new Error(`${who} failed: ${(m as { message?: string }).message ?? '?'}`)));
    };
    const onExit = (code: number | null) =>
      done(() => reject(new Error(`${who} exited (${String(code)}) before '${type}'`)));
    const timer = setTimeout(
      () => done(() => reject(new Error(`no '${type}' from the ${who} within ${timeoutMs} ms`))),
      timeoutMs,
    );
    const done = (settle: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      settle();
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
