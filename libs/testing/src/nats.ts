import { NatsClient, NatsNaming } from '@cx/platform';

/** Names of the streams a test namespace has on the server. */
export async function namespaceStreams(natsUrl: string, namespace: string): Promise<string[]> {
  return withNats(natsUrl, namespace, (nats) => streamsOf(nats));
}

/** Removes every stream of a test namespace (the shared NATS server outlives the test run). */
export async function deleteNamespaceStreams(natsUrl: string, namespace: string): Promise<void> {
  await withNats(natsUrl, namespace, async (nats) => {
    for (const name of await streamsOf(nats)) await nats.jsm.streams.delete(name);
  });
}

async function streamsOf(nats: NatsClient): Promise<string[]> {
  // Without a namespace the prefix below is empty and would match every stream on the server.
  if (!nats.naming.namespace) throw new Error('a test namespace is required (got an empty one)');
  // Every stream name of a namespace carries the same prefix (NatsNaming.stream).
  const prefix = nats.naming.stream('crm').replace(/EVT_CRM$/, '');
  const names: string[] = [];
  for await (const name of nats.jsm.streams.names()) if (name.startsWith(prefix)) names.push(name);
  return names;
}

async function withNats<T>(
  natsUrl: string,
  namespace: string,
  work: (nats: NatsClient) => Promise<T>,
): Promise<T> {
  const nats = new NatsClient({ servers: natsUrl, name: 'test-cleanup', naming: new NatsNaming(namespace) });
  await nats.connect();
  try {
    return await work(nats);
  } finally {
    await nats.close();
  }
}
