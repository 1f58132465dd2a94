import { CheckWarrantyReplyV1, CheckWarrantyRequestV1, Subjects } from '@cx/contracts';
import { OnRequest } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { WarrantyService } from './warranty.service';

/** complaints asks whether a product is covered (purchases register warranties: purchase.handlers.ts). */
@Controller()
export class WarrantyHandlers {
  constructor(private readonly warranties: WarrantyService) {}

  @OnRequest(Subjects.aftersales.checkWarranty)
  check(data: CheckWarrantyRequestV1): Promise<CheckWarrantyReplyV1> {
    return this.warranties.check(data);
  }
}
