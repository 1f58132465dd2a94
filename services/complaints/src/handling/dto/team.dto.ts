import { IsCode } from '@cx/contracts';
import { IsPlainRef } from '@cx/platform';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, ValidateNested } from 'class-validator';

export const TEAM_ROLES = ['lead', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export class TeamMemberDto {
  @ApiProperty({ example: 'E10023' }) @IsPlainRef() memberId!: string;
  @ApiProperty({ example: 'quality' }) @IsCode() department!: string;
  @ApiProperty({ enum: TEAM_ROLES }) @IsIn(TEAM_ROLES) role!: TeamRole;
}

export class SetTeamDto {
  @ApiProperty({ type: [TeamMemberDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  members!: TeamMemberDto[];
}
