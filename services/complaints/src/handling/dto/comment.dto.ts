import { IsText, LONG_TEXT_MAX } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, MaxLength } from 'class-validator';
import { COMMENT_VISIBILITY, CommentVisibility } from '../../complaint/complaint.entity';

export class CommentDto {
  @ApiProperty({ enum: COMMENT_VISIBILITY }) @IsIn(COMMENT_VISIBILITY) visibility!: CommentVisibility;

  @ApiProperty({
    maxLength: 5000,
    description: `Internal notes up to 5000 characters; a customer-visible comment is the message complaint.updated carries, up to ${LONG_TEXT_MAX}`,
  })
  @IsText(5000)
  @MaxLength(LONG_TEXT_MAX, {
    validateIf: (c: CommentDto) => c.visibility === 'customer',
    message: `a customer-visible comment must be shorter than or equal to ${LONG_TEXT_MAX} characters`,
  })
  body!: string;
}
