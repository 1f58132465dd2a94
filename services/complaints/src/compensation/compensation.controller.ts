import { ApiProblem, CurrentPrincipal, Principal, Roles } from '@cx/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompensationService } from './compensation.service';
import { CompensationView } from './compensation.view';
import { AddCompensationDto } from './dto/compensation.dto';

const id = new ParseUUIDPipe();

/** What the customer was given for the complaint (docs/complaints/README.md, "Compensation"). */
@ApiTags('complaints')
@Roles('agent', 'lead')
@Controller('complaints/:id/compensations')
export class CompensationController {
  constructor(private readonly compensations: CompensationService) {}

  @Post()
  @ApiOperation({
    summary: 'Record what was given: refund, exchange, voucher (minor units) or goodwill points',
  })
  @ApiCreatedResponse({ type: CompensationView })
  @ApiProblem(400, 'A field is invalid, or what the kind needs is missing (each field named)')
  @ApiProblem(404, 'No such complaint')
  add(
    @Param('id', id) complaintId: string,
    @Body() dto: AddCompensationDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<CompensationView> {
    return this.compensations.add(complaintId, dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'What was given for the complaint, oldest first' })
  @ApiOkResponse({ type: [CompensationView] })
  @ApiProblem(404, 'No such complaint')
  list(@Param('id', id) complaintId: string): Promise<CompensationView[]> {
    return this.compensations.ofComplaint(complaintId);
  }
}
