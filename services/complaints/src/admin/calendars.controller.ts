import { AdminController, ApiProblem, CurrentPrincipal, Principal } from '@cx/platform';
import { Body, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { PolicyService } from '../policy/policy.service';
import { CalendarView, toCalendarView } from './admin.view';
import { CalendarDto, CalendarParams } from './dto/calendar.dto';

/** Business hours and holidays SLA clocks count in; '*' is the default for stores without their own. */
@AdminController('policies/calendars')
export class CalendarsController {
  constructor(private readonly policies: PolicyService) {}

  @Get()
  @ApiOperation({ summary: "Every calendar, the default ('*') first" })
  @ApiOkResponse({ type: [CalendarView] })
  async list(): Promise<CalendarView[]> {
    return (await this.policies.listCalendars()).map(toCalendarView);
  }

  @Get(':storeId')
  @ApiOperation({ summary: "A store's own calendar ('*' for the default)" })
  @ApiOkResponse({ type: CalendarView })
  @ApiProblem(404, 'The store has no calendar of its own: the default applies (CALENDAR_NOT_FOUND)')
  async get(@Param() params: CalendarParams): Promise<CalendarView> {
    return toCalendarView(await this.policies.getCalendar(params.storeId));
  }

  @Put(':storeId')
  @ApiOperation({ summary: "Create or replace a store's calendar" })
  @ApiOkResponse({ type: CalendarView })
  @ApiProblem(
    400,
    'Unknown time zone, malformed or overlapping hours, a week without opening hours, or a bad holiday date',
  )
  async put(
    @Param() params: CalendarParams,
    @Body() dto: CalendarDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<CalendarView> {
    return toCalendarView(await this.policies.putCalendar(params.storeId, dto, who));
  }

  @Delete(':storeId')
  @ApiOperation({ summary: "Delete a store's own calendar" })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted: the store falls back to the default calendar' })
  @ApiProblem(404, 'The store has no calendar of its own (CALENDAR_NOT_FOUND)')
  @ApiProblem(409, "The default calendar ('*') cannot be deleted (CALENDAR_DEFAULT_REQUIRED)")
  delete(@Param() params: CalendarParams, @CurrentPrincipal() who: Principal): Promise<void> {
    return this.policies.deleteCalendar(params.storeId, who);
  }
}
