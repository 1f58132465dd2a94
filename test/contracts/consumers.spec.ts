// The registry's `consumers` of each event (docs/contracts.md, "Every subject") are the services that
// really handle it: a service with an `@OnEvent(Subjects.<producer>.<event>)` handler is listed, and a
// listed service has one. A producer reading its own stream (crm's timeline) is not a consumer.
import { contracts, SERVICES, Subjects } from '@cx/contracts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** subject -> the services with a handler for it. */
function handledBy(): Map<string, Set<string>> {
  const handlers = new Map<string, Set<string>>();
  const groups = Subjects as unknown as Record<string, Record<string, string>>;
  for (const service of SERVICES) {
    for (const file of sourceFiles(join(ROOT, 'services', service, 'src'))) {
      for (const [, producer, name] of readFileSync(file, 'utf8').matchAll(
        /@OnEvent\(\s*Subjects\.(\w+)\.(\w+)/g,
      )) {
        const subject = groups[producer]?.[name];
        if (!subject) throw new Error(`${file}: Subjects.${producer}.${name} is not a subject`);
        if (producer === service) continue;
        handlers.set(subject, (handlers.get(subject) ?? new Set()).add(service));
      }
    }
  }
  return handlers;
}

describe('event consumers in the registry', () => {
  const handlers = handledBy();
  const events = contracts.all().filter((entry) => entry.kind === 'event');

  it('finds the handlers it checks (the scan reads the services)', () => {
    expect(handlers.get(Subjects.crm.purchaseRecorded)).toEqual(
      new Set(['aftersales', 'complaints', 'training']),
    );
  });

  it.each(events.map((entry) => [entry.subject, entry] as const))(
    '%s lists exactly the services that handle it',
    (subject, entry) => {
      expect([...(entry.consumers ?? [])].sort()).toEqual([...(handlers.get(subject) ?? [])].sort());
    },
  );
});
