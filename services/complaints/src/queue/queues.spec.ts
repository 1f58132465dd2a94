import { departmentQueue, isInQueue } from './queues';

describe('department queues', () => {
  it('names the queue owner and tells a queued complaint from an owned one', () => {
    expect(departmentQueue('quality')).toBe('queue:quality');
    expect(isInQueue(departmentQueue('quality'))).toBe(true);
    expect(isInQueue('E10023')).toBe(false);
    expect(isInQueue('queue')).toBe(false);
  });
});
