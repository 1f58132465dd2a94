import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { StoreParams, StoreZoneDto } from './dto/store-zone.dto';
import { StoreService } from './store.service';
import { StoreZoneView } from './store.view';

/** Store time zones: a store's scorecard months run from local midnight of the 1st. */
@AdminController('stores')
export class StoreController {
  constructor(private readonly stores: StoreService) {}

  @Get('time-zones')
  @ApiOperation({ summary: 'Stores with a zone of their own (the others use the default)' })
  @ApiOkResponse({ type: [StoreZoneView] })
  list(): Promise<StoreZoneView[]> {
    return this.stores.list();
  }

  @Put(':storeId/time-zone')
  @ApiOperation({ summary: "Set a store's time zone (events from then on are counted in its months)" })
  @ApiOkResponse({ type: StoreZoneView })
  @ApiProblem(400, 'Not an IANA time zone, or not a store id')
  set(
    @Param() params: StoreParams,
    @Body() dto: StoreZoneDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<StoreZoneView> {
    return this.stores.setZone(params.storeId, dto.timeZone, actor);
  }
}
