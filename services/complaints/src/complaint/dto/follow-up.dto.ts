import {
  CONTACT_CHANNELS,
  ContactChannel,
  IsIntIn,
  IsRef,
  IsText,
  IsTimestamp,
  LONG_TEXT_MAX,
} from '@cx/contracts';
import { IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

/** A customer's reply, as a channel adapter (SMS, email, app) posts it. */
export class CustomerReplyDto {
  @ApiProperty({ example: 'C-2026-000123', description: 'The complaint reference the customer was told' })
  @IsRef()
  reference!: string;
  @ApiProperty({ enum: CONTACT_CHANNELS }) @IsIn(CONTACT_CHANNELS) channel!: ContactChannel;
  @ApiProperty({ example: 'The new jacket has the same problem.' }) @IsText(LONG_TEXT_MAX) body!: string;
  @ApiPropertyOptional({ description: 'When the customer sent it (date-time with zone); default now' })
  @IsOptional()
  @IsTimestamp()
  receivedAt?: string;
  @ApiPropertyOptional({ example: 'sms-8812731', description: "The channel's own id of the message" })
  @IsOptional()
  @IsPlainRef()
  messageRef?: string;
}

/** What the customer said on a phone return visit, recorded by the agent who called. */
export class ReturnVisitDto {
  @ApiProperty({ description: 'Is the customer satisfied with the result?' })
  @IsBoolean()
  satisfied!: boolean;
  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'Satisfaction score 1..5, when asked' })
  @IsOptional()
  @IsIntIn(1, 5)
  csat?: number;
  @ApiPropertyOptional({ description: 'What was said, in a sentence (kept in the case file)' })
  @IsOptional()
  @IsText(500)
  note?: string;
}
