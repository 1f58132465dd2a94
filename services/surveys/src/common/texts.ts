import { IsText, OptionalField } from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A text shown to customers or staff in zh-CN (required) and English (optional). */
export class LocalizedTextDto {
  @ApiProperty({ example: '您对本次服务满意吗？' })
  @IsText(500)
  'zh-CN'!: string;

  @ApiPropertyOptional({ example: 'How satisfied are you with our service?' })
  @OptionalField()
  @IsText(500)
  en?: string;
}

export type LocalizedText = { 'zh-CN': string; en?: string };
