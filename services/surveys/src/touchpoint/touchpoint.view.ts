import { ApiProperty } from '@nestjs/swagger';
import { LocalizedTextDto } from '../common/texts';
import { TouchpointEntity } from './touchpoint.entity';

/** A key touchpoint as the API answers it. */
export class TouchpointView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'fitting-room' }) code!: string;
  @ApiProperty({ type: LocalizedTextDto }) name!: LocalizedTextDto;
  @ApiProperty({ example: 'retail-operations' }) department!: string;
  @ApiProperty({ type: [LocalizedTextDto] }) standards!: LocalizedTextDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: 'E10001' }) createdBy!: string;
}

export function toTouchpointView(t: TouchpointEntity): TouchpointView {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    department: t.department,
    standards: t.standards,
    createdAt: t.createdAt.toISOString(),
    createdBy: t.createdBy,
  };
}
