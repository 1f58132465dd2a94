import { SERVICES, ServiceName } from '@cx/contracts';
import { OwnedScorecardFigureView, ScorecardPeriodView } from '@cx/platform';
import { ApiProperty } from '@nestjs/swagger';

export class CompanyScorecardFigureView extends OwnedScorecardFigureView {}

export class UnavailableSourceView {
  @ApiProperty({ enum: SERVICES }) service!: ServiceName;
  @ApiProperty({ example: 'RPC_TIMEOUT' }) code!: string;
  @ApiProperty({ example: 'rpc.crm.get-scorecard.v1 did not answer in time' }) reason!: string;
}

export class CompanyScorecardView extends ScorecardPeriodView {
  @ApiProperty({ type: [CompanyScorecardFigureView], description: 'In the order of the targets table' })
  figures!: CompanyScorecardFigureView[];
  @ApiProperty({ example: 2, description: 'How many figures miss their target' })
  missed!: number;
  @ApiProperty({
    type: [UnavailableSourceView],
    description: 'Services that did not answer: their figures are left out, the others are shown',
  })
  unavailable!: UnavailableSourceView[];
}
