// The real aftersales service in a child process of an aftersales bench, started the way runService()
// starts it (createServiceApp + listen) on the bench's throwaway database and NATS namespace.
//
// Variant 'lookup-floor': the same service and route, the warranty lookup answering a constant (the first
// real answer, kept): what GET /api/v1/warranties costs without the query.
// Variant 'catch-up-floor': the same service and consumer, crm's purchase.recorded handler doing nothing:
// what consuming the backlog costs (decode, contract validation, inbox row, commit, ack) without the work.
import 'reflect-metadata';
import { createServiceApp, Page } from '@cx/platform';
import { PurchaseService } from '../../services/aftersales/src/purchase/purchase.service';
import { aftersalesService } from '../../services/aftersales/src/service';
import { WarrantyService } from '../../services/aftersales/src/warranty/warranty.service';
import type { WarrantyView } from '../../services/aftersales/src/warranty/warranty.view';
import { serve, serviceEnv } from '../support/server-process';

serve(async (config) => {
  const svc = await createServiceApp(aftersalesService, {
    env: serviceEnv(config, 1024 * 1024 * 1024),
  });
  if (config.variant === 'lookup-floor') {
    const warranties = svc.app.get(WarrantyService);
    const list = warranties.list.bind(warranties);
    let constant: Promise<Page<WarrantyView>> | undefined;
    warranties.list = (query) => (constant ??= list(query));
  }
  if (config.variant === 'catch-up-floor') {
    svc.app.get(PurchaseService).recordPurchase = () => Promise.resolve([]);
  }
  await svc.start();
  return { stop: () => svc.stop() };
});
