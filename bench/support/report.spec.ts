import { ratio, table } from './report';

const rows = (text: string) => text.split('\n').map((l) => l.trim().split(/\s{2,}/));

describe('bench report table', () => {
  it('shows only the comparison columns some line has a figure for', () => {
    const withBaseline = table(
      [{ key: 'rps', label: 'requests/s', unit: 'req/s', ours: 120, baseline: 100 }],
      {},
    );
    expect(rows(withBaseline)[0]).toContain('ours/baseline');
    expect(rows(withBaseline)[0]).not.toContain('floor');

    const withFloor = table(
      [{ key: 'pps', label: 'purchases/s', unit: 'purchases/s', ours: 2_000, floor: 8_000 }],
      {},
    );
    expect(rows(withFloor)[0]).toEqual(expect.arrayContaining(['floor', 'ours/floor']));
    expect(rows(withFloor)[0]).not.toContain('baseline');
    expect(rows(withFloor)[2]).toEqual(expect.arrayContaining(['2,000', '8,000', '0.25x']));
  });

  it('gives the verdict and the change against the reference in the direction that counts as better', () => {
    const text = table(
      [
        { key: 'share', label: 'ours / floor', unit: '%', ours: 45, target: '>= 40 %', pass: true },
        {
          key: 'p99',
          label: 'latency p99',
          unit: 'ms',
          ours: 30,
          floor: 10,
          target: '<= 20 ms',
          pass: false,
        },
      ],
      { ours: { share: 30, p99: 20 } },
    );
    const [, , share, p99] = rows(text);
    expect(share).toEqual(expect.arrayContaining(['45 %', 'PASS', '30 %', '+50.0% (better)']));
    expect(share).not.toContain('1.50x'); // a share has no ratio of its own
    expect(p99).toEqual(expect.arrayContaining(['30.00', '10.00', '3.00x', 'MISS', '+50.0% (worse)']));
  });

  it('has no ratio against a missing or zero figure', () => {
    expect(ratio(10, undefined)).toBeNaN();
    expect(ratio(10, 0)).toBeNaN();
    expect(ratio(10, 4)).toBe(2.5);
  });
});
