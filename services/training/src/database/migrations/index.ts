import { MigrationClass } from '@cx/platform';
import { Employees1796528975622 } from './1796528975622-Employees';
import { CoursesAndEnrollments1796600000000 } from './1796600000000-CoursesAndEnrollments';
import { Scorecards1796700000000 } from './1796700000000-Scorecards';
import { Remedial1796800000000 } from './1796800000000-Remedial';
import { Rewards1796900000000 } from './1796900000000-Rewards';
import { Plans1797000000000 } from './1797000000000-Plans';
import { Certifications1797100000000 } from './1797100000000-Certifications';
import { ScorecardPolicyStale1797200000000 } from './1797200000000-ScorecardPolicyStale';
import { ReferenceChangeNotifications1797300000000 } from './1797300000000-ReferenceChangeNotifications';
import { ScorecardSales1797400000000 } from './1797400000000-ScorecardSales';
import { ScorecardFactSubjectIndex1797500000000 } from './1797500000000-ScorecardFactSubjectIndex';

/** The training service's migrations, oldest first (the platform's own tables are migrated before these). */
export const trainingMigrations: MigrationClass[] = [
  Employees1796528975622,
  CoursesAndEnrollments1796600000000,
  Scorecards1796700000000,
  Remedial1796800000000,
  Rewards1796900000000,
  Plans1797000000000,
  Certifications1797100000000,
  ScorecardPolicyStale1797200000000,
  ReferenceChangeNotifications1797300000000,
  ScorecardSales1797400000000,
  ScorecardFactSubjectIndex1797500000000,
];
