import { AdminController, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { PutPartDto, PutRepairServiceDto } from '../repairs/dto/repair.dto';
import { RepairService } from '../repairs/repair.service';
import { PartView, RepairPriceView, toPartView, toRepairPriceView } from '../repairs/repair.view';
import { CodeParams } from './dto/policy.dto';

/** The parts catalogue and the repair price list (published: GET /api/v1/policy). Retire with active=false. */
@AdminController('policies')
export class CatalogueController {
  constructor(private readonly repairs: RepairService) {}

  @Get('parts')
  @ApiOperation({ summary: 'The parts catalogue with prices' })
  @ApiOkResponse({ type: [PartView] })
  async parts(): Promise<PartView[]> {
    return (await this.repairs.listParts()).map(toPartView);
  }

  @Put('parts/:code')
  @ApiOperation({ summary: 'Add or change a part' })
  @ApiOkResponse({ type: PartView })
  async putPart(
    @Param() params: CodeParams,
    @Body() dto: PutPartDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<PartView> {
    return toPartView(await this.repairs.putPart(params.code, dto, who));
  }

  @Get('repair-prices')
  @ApiOperation({ summary: 'The repair price list, retired services included' })
  @ApiOkResponse({ type: [RepairPriceView] })
  async prices(): Promise<RepairPriceView[]> {
    return (await this.repairs.priceList(false)).map(toRepairPriceView);
  }

  @Put('repair-prices/:code')
  @ApiOperation({ summary: 'Add or change a service of the price list' })
  @ApiOkResponse({ type: RepairPriceView })
  async putPrice(
    @Param() params: CodeParams,
    @Body() dto: PutRepairServiceDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<RepairPriceView> {
    return toRepairPriceView(await this.repairs.putService(params.code, dto, who));
  }
}
