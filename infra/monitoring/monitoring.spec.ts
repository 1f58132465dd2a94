import { exportedSeriesNames, headingAnchor, metricNames } from './monitoring';

describe('metricNames', () => {
  it.each([
    ['up{job=~"crm|complaints"} == 0', ['up']],
    [
      'sum by (service) (rate(http_server_request_duration_seconds_count{route!~"/health/.*|/metrics", status_code=~"5.."}[5m])) / sum by (service) (rate(http_server_request_duration_seconds_count[5m]))',
      ['http_server_request_duration_seconds_count'],
    ],
    [
      'histogram_quantile(0.99, sum by (le, consumer) (rate(consumer_handle_duration_seconds_bucket{service="crm"}[5m])))',
      ['consumer_handle_duration_seconds_bucket'],
    ],
    [
      'max by (stream, consumer) (stream_consumer_pending_messages + stream_consumer_ack_pending_messages) > 1e3',
      ['stream_consumer_pending_messages', 'stream_consumer_ack_pending_messages'],
    ],
    [
      'cx:http_errors:ratio_rate1h > (14.4 * 0.001) and cx:http_errors:ratio_rate5m > bool 1',
      ['cx:http_errors:ratio_rate1h', 'cx:http_errors:ratio_rate5m'],
    ],
    ['sum(increase(x_total[1h] offset 1w)) unless on (service) group_left (a) y', ['x_total', 'y']],
    ['count by (service, check) (health_check_up == 0)', ['health_check_up']],
  ])('%s reads %j', (expr, names) => {
    expect(metricNames(expr).sort()).toEqual([...names].sort());
  });
});

describe('exportedSeriesNames', () => {
  it('names each family, with the _bucket, _count and _sum series of a histogram', () => {
    const names = exportedSeriesNames(
      '# HELP a_total A\n# TYPE a_total counter\na_total 1\n# TYPE h_seconds histogram\nh_seconds_bucket{le="1"} 0\n',
    );
    expect([...names].sort()).toEqual([
      'a_total',
      'h_seconds',
      'h_seconds_bucket',
      'h_seconds_count',
      'h_seconds_sum',
    ]);
  });
});

describe('headingAnchor', () => {
  it("is GitHub's: lower case, punctuation dropped, spaces to dashes", () => {
    expect(headingAnchor('CxOutboxStuck')).toBe('cxoutboxstuck');
    expect(headingAnchor('13. Alerts: what each one means')).toBe('13-alerts-what-each-one-means');
  });
});
