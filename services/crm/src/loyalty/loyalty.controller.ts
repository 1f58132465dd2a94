import {
  ApiPageResponse,
  ApiProblem,
  CurrentPrincipal,
  IdempotencyKey,
  Page,
  Principal,
  Roles,
} from '@cx/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { GrantGoodwillDto, ListLedgerQuery, RedeemPointsDto } from './dto/points.dto';
import { GoodwillView, PointsBalanceView, PointsEntryView, RedemptionView, TierView } from './loyalty.view';
import { PointsService } from './points.service';
import { TierService } from './tier.service';

const id = new ParseUUIDPipe();

@ApiTags('loyalty')
@Controller('customers/:id')
export class LoyaltyController {
  constructor(
    private readonly points: PointsService,
    private readonly tiers: TierService,
  ) {}

  @Get('points')
  @Roles('system', 'agent', 'lead')
  @ApiOperation({ summary: "A customer's points: available, pending, debt and expiring soon" })
  @ApiOkResponse({ type: PointsBalanceView })
  @ApiProblem(400, 'The id is not a UUID')
  balance(@Param('id', id) customerId: string): Promise<PointsBalanceView> {
    return this.points.balance(customerId);
  }

  @Get('points/ledger')
  @Roles('system', 'agent', 'lead')
  @ApiOperation({ summary: "A customer's points ledger, newest first, cursor-paginated" })
  @ApiPageResponse(PointsEntryView)
  @ApiProblem(400, 'The cursor or limit is invalid')
  ledger(
    @Param('id', id) customerId: string,
    @Query() query: ListLedgerQuery,
  ): Promise<Page<PointsEntryView>> {
    return this.points.entries(customerId, query);
  }

  @Post('points/redemptions')
  @Roles('system', 'agent')
  @ApiOperation({ summary: 'Spend available points, the ones that expire first first (Idempotency-Key)' })
  @ApiCreatedResponse({ type: RedemptionView, description: 'Redeemed' })
  @ApiOkResponse({
    type: RedemptionView,
    description: 'A retry with the same Idempotency-Key: the first answer',
  })
  @ApiProblem(400, 'A field is invalid')
  @ApiProblem(404, 'No such customer (CUSTOMER_NOT_FOUND)')
  @ApiProblem(
    409,
    'Not enough available points (INSUFFICIENT_POINTS), or the customer was merged (CUSTOMER_MERGED)',
  )
  @ApiProblem(422, 'The Idempotency-Key was used for another request')
  async redeem(
    @Param('id', id) customerId: string,
    @Body() dto: RedeemPointsDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RedemptionView> {
    const { view, created } = await this.points.redeem(customerId, dto, actor, key);
    void reply.status(created ? 201 : 200);
    return view;
  }

  @Post('points/goodwill')
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Grant goodwill points with a reason and a reference (e.g. a complaint)' })
  @ApiCreatedResponse({ type: GoodwillView })
  @ApiProblem(400, 'A field is invalid')
  @ApiProblem(404, 'No such customer (CUSTOMER_NOT_FOUND)')
  @ApiProblem(409, 'The customer was merged: grant to the survivor (CUSTOMER_MERGED, details.survivorId)')
  goodwill(
    @Param('id', id) customerId: string,
    @Body() dto: GrantGoodwillDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<GoodwillView> {
    return this.points.grantGoodwill(customerId, dto, actor);
  }

  @Get('tier')
  @Roles('system', 'agent', 'lead')
  @ApiOperation({
    summary: "A customer's tier, its benefits, the rolling 12-month figures and any pending downgrade",
  })
  @ApiOkResponse({ type: TierView })
  @ApiProblem(400, 'The id is not a UUID')
  tier(@Param('id', id) customerId: string): Promise<TierView> {
    return this.tiers.get(customerId);
  }
}
