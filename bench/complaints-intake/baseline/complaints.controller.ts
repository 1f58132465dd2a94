import { Body, Controller, Post } from '@nestjs/common';
import { Complaint } from './complaint.entity';
import { ComplaintsService } from './complaints.service';
import { CreateComplaintDto } from './create-complaint.dto';

@Controller('complaints')
export class ComplaintsController {
  constructor(private readonly complaintsService: ComplaintsService) {}

  @Post()
  create(@Body() dto: CreateComplaintDto): Promise<Complaint> {
    return this.complaintsService.create(dto);
  }
}
