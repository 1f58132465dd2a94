import { MigrationClass } from '@cx/platform';
import { Complaints1763900000000 } from './1763900000000-Complaints';
import { PolicyChangeNotifications1763900000001 } from './1763900000001-PolicyChangeNotifications';
import { KpiTargets1763900000002 } from './1763900000002-KpiTargets';
import { IdempotencyKeysToPlatform1763900000003 } from './1763900000003-IdempotencyKeysToPlatform';
import { PromisedSlaAndEscalationCauses1763900000004 } from './1763900000004-PromisedSlaAndEscalationCauses';
import { MajorComplaintPlans1763900000005 } from './1763900000005-MajorComplaintPlans';
import { Incidents1763900000006 } from './1763900000006-Incidents';
import { RootCausesAndCorrectiveActions1763900000007 } from './1763900000007-RootCausesAndCorrectiveActions';
import { CustomerReplies1763900000008 } from './1763900000008-CustomerReplies';
import { Compensations1763900000009 } from './1763900000009-Compensations';
import { KpiAlerts1763900000010 } from './1763900000010-KpiAlerts';
import { OwnerAtResolution1763900000011 } from './1763900000011-OwnerAtResolution';
import { EarlyWarningSettings1763900000012 } from './1763900000012-EarlyWarningSettings';
import { CorrectiveActionOverdueNotices1763900000013 } from './1763900000013-CorrectiveActionOverdueNotices';
import { DropDuplicateIndexes1763900000014 } from './1763900000014-DropDuplicateIndexes';
import { DropIndexesNoQueryReads1763900000015 } from './1763900000015-DropIndexesNoQueryReads';

/** The complaints service's migrations, oldest first (the platform's own tables are migrated before these). */
export const complaintsMigrations: MigrationClass[] = [
  Complaints1763900000000,
  PolicyChangeNotifications1763900000001,
  KpiTargets1763900000002,
  IdempotencyKeysToPlatform1763900000003,
  PromisedSlaAndEscalationCauses1763900000004,
  MajorComplaintPlans1763900000005,
  Incidents1763900000006,
  RootCausesAndCorrectiveActions1763900000007,
  CustomerReplies1763900000008,
  Compensations1763900000009,
  KpiAlerts1763900000010,
  OwnerAtResolution1763900000011,
  EarlyWarningSettings1763900000012,
  CorrectiveActionOverdueNotices1763900000013,
  DropDuplicateIndexes1763900000014,
  DropIndexesNoQueryReads1763900000015,
];
