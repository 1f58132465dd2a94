// Preloaded into a service process of a bench (NODE_OPTIONS="--require <this file>") to count the
// statements it sends to Postgres, by their first words: on SIGUSR2 it writes the counts so far to
// $BENCH_STATEMENTS_DIR/statements-<pid>.json, so a bench can take the difference over a timed phase.
// Costs well under a microsecond per statement.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_STATEMENTS_DIR;
if (dir) {
  const pg = require('pg');
  const counts = new Map();
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (...args) {
    const q = args[0];
    const text = typeof q === 'string' ? q : (q && q.text) || '?';
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 80);
    counts.set(key, (counts.get(key) || 0) + 1);
    return query.apply(this, args);
  };
  process.on('SIGUSR2', () => {
    writeFileSync(join(dir, `statements-${process.pid}.json`), JSON.stringify(Object.fromEntries(counts)));
  });
}
