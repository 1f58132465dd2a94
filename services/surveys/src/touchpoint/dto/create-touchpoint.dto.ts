import { IsCode, IsNested, IsNestedList } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { LocalizedTextDto } from '../../common/texts';

/** POST /touchpoints */
export class CreateTouchpointDto {
  @ApiProperty({ example: 'fitting-room', description: 'Lower-case kebab, unique' })
  @IsCode()
  code!: string;

  @ApiProperty({ type: LocalizedTextDto })
  @IsNested(() => LocalizedTextDto)
  name!: LocalizedTextDto;

  @ApiProperty({ example: 'retail-operations', description: 'Code of the responsible department' })
  @IsCode()
  department!: string;

  @ApiProperty({ type: [LocalizedTextDto], description: 'Measurable standards of the touchpoint' })
  @IsNestedList(() => LocalizedTextDto, 50)
  standards!: LocalizedTextDto[];
}
