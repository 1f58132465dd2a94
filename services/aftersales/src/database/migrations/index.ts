import { MigrationClass } from '@cx/platform';
import { Warranty1796529263363 } from './1796529263363-Warranty';
import { Returns1796529263400 } from './1796529263400-Returns';
import { Repairs1796529263500 } from './1796529263500-Repairs';
import { Disputes1796529263600 } from './1796529263600-Disputes';
import { RepairTimeLimits1796529263700 } from './1796529263700-RepairTimeLimits';
import { SurveyAnswers1796529263800 } from './1796529263800-SurveyAnswers';
import { WarrantyPerUnit1796529263900 } from './1796529263900-WarrantyPerUnit';
import { ReturnSurveyAnswers1796529264000 } from './1796529264000-ReturnSurveyAnswers';

/** The aftersales service's migrations, oldest first (the platform's own tables are migrated before these). */
export const aftersalesMigrations: MigrationClass[] = [
  Warranty1796529263363,
  Returns1796529263400,
  Repairs1796529263500,
  Disputes1796529263600,
  RepairTimeLimits1796529263700,
  SurveyAnswers1796529263800,
  WarrantyPerUnit1796529263900,
  ReturnSurveyAnswers1796529264000,
];
