import { ArrayMinSize, ArrayUnique, IsBoolean } from 'class-validator';
import { IsNestedList, IsRef, IsRefList } from '../common/rules';
import { defineRequest } from '../registry';

/** Asks training which of these employee numbers it knows, and whether each still works here. */
export class CheckStaffRequestV1 {
  @IsRefList(200) @ArrayMinSize(1) @ArrayUnique() employeeIds!: string[];
}

/** One employee number training knows. */
export class KnownStaffV1 {
  @IsRef() employeeId!: string;
  /** false once the employee has left. */
  @IsBoolean() active!: boolean;
}

/** The numbers training knows, each once; one it does not know is absent. No personal data. */
export class CheckStaffReplyV1 {
  @IsNestedList(() => KnownStaffV1, 200) known!: KnownStaffV1[];
}

export const checkStaffV1 = defineRequest(
  'rpc.training.check-staff.v1',
  CheckStaffRequestV1,
  CheckStaffReplyV1,
  {
    description:
      'Which employee numbers training knows and whether each still works here (no personal data, not audited): a lead naming the staff of a notification group.',
    consumers: ['complaints', 'surveys', 'aftersales'],
  },
);
