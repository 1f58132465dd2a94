import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RetentionPolicyDto } from './dto/customer.dto';
import { CustomerService } from './customer.service';
import { RetentionPolicyView } from './customer.view';

/** The crm lead's retention setting: how long an inactive profile is kept before it is anonymised. */
@AdminController('policies/customer-retention')
export class CustomerRetentionController {
  constructor(private readonly customers: CustomerService) {}

  @Get()
  @ApiOperation({ summary: 'The retention setting, with who changed it last' })
  @ApiOkResponse({ type: RetentionPolicyView })
  get(): Promise<RetentionPolicyView> {
    return this.customers.retentionPolicy();
  }

  @Put()
  @ApiOperation({ summary: 'Set after how many days without activity a profile is anonymised' })
  @ApiOkResponse({ type: RetentionPolicyView })
  @ApiProblem(400, 'inactiveDays is not a whole number from 30 to 36500')
  update(@Body() dto: RetentionPolicyDto, @CurrentPrincipal() who: Principal): Promise<RetentionPolicyView> {
    return this.customers.updateRetentionPolicy(dto.inactiveDays, who);
  }
}
