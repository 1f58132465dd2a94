import { IsCode, IsCurrency, IsMinorAmount, IsText, IsTimestamp } from '@cx/contracts';
import { CursorPageQuery, IsPhone, IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { REPAIR_CHANNELS, RepairChannel } from '../repair.entity';
import { REPAIR_STATUSES, RepairStatus } from '../status';

/** POST /repairs: step 1, the request by hotline or store visit, and step 2's problem record. */
export class CreateRepairDto {
  @ApiProperty({ enum: REPAIR_CHANNELS }) @IsIn(REPAIR_CHANNELS) channel!: RepairChannel;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ example: 'Li Wei' }) @IsOptional() @IsText() contactName?: string;
  @ApiPropertyOptional({ example: '+86 139 0021 7788' }) @IsOptional() @IsPhone() contactPhone?: string;
  @ApiProperty({ example: 'SH-001' }) @IsPlainRef() storeId!: string;
  @ApiPropertyOptional({ example: 'SO-2026-000123' }) @IsOptional() @IsPlainRef() orderId?: string;
  @ApiPropertyOptional({ example: '2' }) @IsOptional() @IsPlainRef() lineId?: string;
  @ApiProperty({ example: 'PH-X200-128-BLU' }) @IsPlainRef() sku!: string;
  @ApiPropertyOptional({ example: 'SN-7F3K2Q9' }) @IsOptional() @IsPlainRef() serialNumber?: string;
  @ApiProperty({ example: 'Does not charge' }) @IsText() problem!: string;
}

/** POST /repairs/{id}/appointment: a technician's slot (whole hours); again to reschedule. */
export class BookAppointmentDto {
  @ApiProperty({ example: 'T-017', description: "The technician's employee number" })
  @IsPlainRef()
  technicianId!: string;
  @ApiProperty({ example: '2026-11-06T10:00:00+08:00', description: 'Start of a one-hour slot, on the hour' })
  @IsTimestamp()
  startsAt!: string;
}

export class PartUseDto {
  @ApiProperty({ example: 'battery-x200' }) @IsCode() code!: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(100) quantity!: number;
}

/** POST /repairs/{id}/inspection: step 4, what was found before any repair, and the cost that follows. */
export class InspectRepairDto {
  @ApiProperty({ example: 'Battery swollen; charging port fine' }) @IsText() findings!: string;
  @ApiProperty({ description: 'A quality fault (not damage by use)' }) @IsBoolean() qualityFault!: boolean;
  @ApiProperty({ example: 'battery-replacement', description: 'A service of the price list' })
  @IsCode()
  serviceCode!: string;
  @ApiProperty({ type: [PartUseDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartUseDto)
  parts!: PartUseDto[];
}

/** POST /repairs/{id}/consent: the customer agreed to the paid work (step 5). */
export class ConsentDto {
  @ApiProperty({ example: 'phone call 2026-11-06 10:20, agreed to 180.00' }) @IsText() record!: string;
}

/** POST /repairs/{id}/confirmation: step 6. */
export class ConfirmRepairDto {
  @ApiProperty() @IsBoolean() satisfied!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsText() feedback?: string;
}

/** POST /repairs/{id}/complete: step 7, the service record. */
export class CompleteRepairDto {
  @ApiProperty({ example: 'Battery replaced, tested 2 charge cycles' }) @IsText() serviceRecord!: string;
}

/** POST /repairs/{id}/repair: the work done (step 4's repair, after inspection and consent). */
export class RepairNoteDto {
  @ApiPropertyOptional() @IsOptional() @IsText() note?: string;
}

/** PUT /admin/policies/parts/{code} */
export class PutPartDto {
  @ApiProperty({ example: 'Battery X200' }) @IsText() name!: string;
  @ApiProperty({ example: 12_000 }) @IsMinorAmount() priceMinor!: number;
  @ApiProperty({ example: 'CNY' }) @IsCurrency() currency!: string;
  @ApiProperty() @IsBoolean() active!: boolean;
}

/** PUT /admin/policies/repair-prices/{code} */
export class PutRepairServiceDto {
  @ApiProperty({ example: 'Battery replacement' }) @IsText() name!: string;
  @ApiProperty({ example: 6_000, description: 'Labour, in minor units' })
  @IsMinorAmount()
  labourMinor!: number;
  @ApiProperty({ example: 'CNY' }) @IsCurrency() currency!: string;
  @ApiProperty() @IsBoolean() active!: boolean;
}

/** GET /repairs: newest first; overdue=true is the list of repairs past their step's time limit. */
export class ListRepairsQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: REPAIR_STATUSES }) @IsOptional() @IsIn(REPAIR_STATUSES) status?: RepairStatus;
  @ApiPropertyOptional() @IsOptional() @IsPlainRef() storeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsPlainRef() technicianId?: string;
  @ApiPropertyOptional({ description: 'Only repairs past their step time limit' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}
