import { Body, Controller, Post } from '@nestjs/common';
import { CreatePurchaseDto } from '../../../services/crm/src/purchase/dto/create-purchase.dto';
import { Purchase } from './purchase.entity';
import { PurchasesService } from './purchases.service';

@Controller('purchases')
export class PurchasesController {
  constructor(private readonly purchasesService: PurchasesService) {}

  @Post()
  create(@Body() dto: CreatePurchaseDto): Promise<Purchase> {
    return this.purchasesService.create(dto);
  }
}
