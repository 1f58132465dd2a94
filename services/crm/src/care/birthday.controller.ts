import { ApiPageResponse, ApiProblem, CurrentPrincipal, Page, Principal, Roles } from '@cx/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { BirthdayService } from './birthday.service';
import { BirthdayView } from './care.view';
import { BirthdaysQuery } from './dto/care.query';

@ApiTags('care')
@Controller('care')
export class BirthdayController {
  constructor(private readonly birthdays: BirthdayService) {}

  @Get('birthdays')
  @Roles('system', 'agent')
  @ApiOperation({
    summary:
      'Customers with a birthday today or in the next days who agreed to marketing, soonest first (each read is audited; leads see the count in analytics)',
  })
  @ApiPageResponse(BirthdayView)
  @ApiProblem(400, 'days out of 1..60, an unknown time zone, or an invalid cursor')
  upcoming(
    @Query() query: BirthdaysQuery,
    @CurrentPrincipal() actor: Principal,
  ): Promise<Page<BirthdayView>> {
    return this.birthdays.upcoming(query, actor);
  }
}
