import {
  ApiPageResponse,
  ApiProblem,
  CurrentPrincipal,
  CursorPageQuery,
  IdempotencyKey,
  Page,
  Principal,
  Roles,
} from '@cx/platform';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BulkPurchasesDto } from './dto/bulk-purchases.dto';
import { CreatePurchaseDto } from './dto/create-purchase.dto';
import { RecordDeliveryDto, RecordOrderDeliveryDto } from './dto/record-delivery.dto';
import { PurchaseService } from './purchase.service';
import { BulkResultView, PurchaseView } from './purchase.view';

const uuid = new ParseUUIDPipe();

/** HTTP only: one call to the service per handler; roles, validation and docs in decorators. */
@ApiTags('purchases')
@Controller()
export class PurchaseController {
  constructor(private readonly purchases: PurchaseService) {}

  @Post('purchases')
  @Roles('system')
  @ApiOperation({
    summary: 'Record a purchase from POS, ERP or the e-shop',
    description:
      'The order id is unique per source: sending the same order again with the same content changes nothing and answers 200 with the purchase.',
  })
  @ApiCreatedResponse({ type: PurchaseView, description: 'Recorded' })
  @ApiOkResponse({
    type: PurchaseView,
    description:
      'The order was recorded before with the same content (or a retry with the same Idempotency-Key)',
  })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(409, 'The order was recorded before with other content')
  @ApiProblem(422, 'The customer does not exist, or the Idempotency-Key was sent before with another body')
  async create(
    @Body() dto: CreatePurchaseDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PurchaseView> {
    const { status, body } = await this.purchases.create(dto, actor, key);
    void reply.status(status).header('location', `/api/v1/purchases/${body.id}`);
    return body;
  }

  @Post('purchases/bulk')
  @HttpCode(200)
  @Roles('system')
  @ApiOperation({
    summary: 'Record up to 1,000 purchases (nightly ERP sync, POS catch-up)',
    description:
      'Each purchase is accepted or refused on its own, with the reason; the accepted ones are committed together with their points and events.',
  })
  @ApiOkResponse({ type: BulkResultView, description: 'One result per purchase, in the order sent' })
  @ApiProblem(400, 'The list is missing, empty or longer than 1,000')
  bulk(@Body() dto: BulkPurchasesDto, @CurrentPrincipal() actor: Principal): Promise<BulkResultView> {
    return this.purchases.bulk(dto.purchases, actor);
  }

  @Patch('purchases/:id/delivery')
  @Roles('system')
  @ApiOperation({
    summary: 'Record the delivery sign-off of a purchase',
    description:
      'Starts warranties and the return window (evt.crm.purchase.delivered.v1). The same sign-off again changes nothing.',
  })
  @ApiOkResponse({ type: PurchaseView })
  @ApiProblem(400, 'deliveredAt is invalid, before the purchase or in the future')
  @ApiProblem(404, 'No such purchase')
  @ApiProblem(409, 'The purchase was signed off before at another time')
  recordDelivery(@Param('id', uuid) id: string, @Body() dto: RecordDeliveryDto): Promise<PurchaseView> {
    return this.purchases.recordDelivery(id, dto);
  }

  @Post('purchases/deliveries')
  @HttpCode(200)
  @Roles('system')
  @ApiOperation({
    summary: 'Record the delivery sign-off of a purchase named by its source and order id',
    description: 'As PATCH /purchases/{id}/delivery, for a selling system that knows only its own order id.',
  })
  @ApiOkResponse({ type: PurchaseView })
  @ApiProblem(400, 'A field is invalid, or deliveredAt is before the purchase or in the future')
  @ApiProblem(404, 'No purchase of that order')
  @ApiProblem(409, 'The purchase was signed off before at another time')
  recordOrderDelivery(@Body() dto: RecordOrderDeliveryDto): Promise<PurchaseView> {
    return this.purchases.recordDelivery({ source: dto.source, orderId: dto.orderId }, dto);
  }

  @Get('purchases/:id')
  @Roles('system', 'agent', 'lead')
  @ApiOperation({ summary: 'One purchase with its lines' })
  @ApiOkResponse({ type: PurchaseView })
  @ApiProblem(404, 'No such purchase')
  get(@Param('id', uuid) id: string): Promise<PurchaseView> {
    return this.purchases.get(id);
  }

  @Get('customers/:id/purchases')
  @Roles('system', 'agent', 'lead')
  @ApiOperation({ summary: "A customer's purchases, newest first, cursor-paginated" })
  @ApiPageResponse(PurchaseView)
  @ApiProblem(400, 'The limit or the cursor is invalid')
  listByCustomer(
    @Param('id', uuid) customerId: string,
    @Query() query: CursorPageQuery,
  ): Promise<Page<PurchaseView>> {
    return this.purchases.listByCustomer(customerId, query);
  }
}
