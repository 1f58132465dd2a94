import { ApiPageResponse, ApiProblem, Page, Roles } from '@cx/platform';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListWarrantiesQuery } from './dto/list-warranties.query';
import { WarrantyService } from './warranty.service';
import { WarrantyView } from './warranty.view';

const id = new ParseUUIDPipe();

/** Warranty lookups: registered from crm's purchases, never created by hand. */
@ApiTags('warranties')
@Controller('warranties')
export class WarrantyController {
  constructor(private readonly warranties: WarrantyService) {}

  @Get()
  @Roles('agent', 'technician', 'lead')
  @ApiOperation({ summary: 'Warranties by serial number, order or customer (one is required)' })
  @ApiPageResponse(WarrantyView)
  @ApiProblem(400, 'No filter given, or a filter, the limit or the cursor is invalid')
  list(@Query() query: ListWarrantiesQuery): Promise<Page<WarrantyView>> {
    return this.warranties.list(query);
  }

  @Get(':id')
  @Roles('agent', 'technician', 'lead')
  @ApiOperation({ summary: 'The warranty card: what is covered, from when to when, and where it stands now' })
  @ApiOkResponse({ type: WarrantyView })
  @ApiProblem(404, 'No such warranty')
  get(@Param('id', id) warrantyId: string): Promise<WarrantyView> {
    return this.warranties.get(warrantyId);
  }
}
