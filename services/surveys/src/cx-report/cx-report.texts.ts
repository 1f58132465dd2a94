// The CX report's words, one text per language (zh-CN is the default and the fallback, as for
// notification templates). Figures are named as the seeds' targets table names them.
import { ScorecardFigureCode, ServiceName } from '@cx/contracts';
import { Trend } from '@cx/platform';
import { ReportLanguage } from './cx-report.rules';

export interface ReportTexts {
  title: string;
  company: string;
  store: string;
  periodOf: { month: string; quarter: string };
  generatedAt: string;
  sections: {
    scorecard: string;
    trends: string;
    hotSpots: string;
    alerts: string;
    correctiveActions: string;
    measures: string;
  };
  columns: {
    figure: string;
    value: string;
    target: string;
    previous: string;
    trend: string;
    status: string;
    key: string;
    count: string;
    previousCount: string;
    source: string;
    metric: string;
    scope: string;
    raisedAt: string;
    title: string;
    department: string;
    owner: string;
    due: string;
    goal: string;
    kpi: string;
    before: string;
    after: string;
  };
  charts: {
    figures: string;
    satisfaction: string;
    categories: string;
    thisPeriod: string;
    previousPeriod: string;
    targetLevel: string;
  };
  missed: string;
  met: string;
  noTarget: string;
  none: string;
  unavailable: string;
  trend: Record<Trend, string>;
  figures: Record<ScorecardFigureCode, string>;
  /** The departments (one per service): measures' owners and where an alert or action comes from. */
  departments: Record<ServiceName, string>;
}

const ZH: ReportTexts = {
  title: '客户体验报告',
  company: '全公司',
  store: '门店',
  periodOf: { month: '月度', quarter: '季度' },
  generatedAt: '生成时间',
  sections: {
    scorecard: '一、客户体验记分卡',
    trends: '二、趋势图',
    hotSpots: '三、投诉热点',
    alerts: '四、未关闭预警',
    correctiveActions: '五、整改措施',
    measures: '六、各部门改进措施',
  },
  columns: {
    figure: '指标',
    value: '本期',
    target: '目标',
    previous: '上期',
    trend: '趋势',
    status: '状态',
    key: '项目',
    count: '本期投诉',
    previousCount: '上期投诉',
    source: '来源',
    metric: '指标',
    scope: '范围',
    raisedAt: '发生时间',
    title: '措施',
    department: '部门',
    owner: '负责人',
    due: '期限',
    goal: '目标',
    kpi: '关联指标',
    before: '之前',
    after: '之后',
  },
  charts: {
    figures: '各项指标：本期、上期与目标',
    satisfaction: '客户满意度走势',
    categories: '投诉最多的类别',
    thisPeriod: '本期',
    previousPeriod: '上期',
    targetLevel: '目标',
  },
  missed: '未达标',
  met: '达标',
  noTarget: '—',
  none: '无',
  unavailable: '未能取得数据的服务',
  trend: { better: '改善', worse: '变差', same: '持平' },
  departments: {
    crm: '会员',
    complaints: '客服',
    aftersales: '售后',
    surveys: '体验调研',
    training: '培训',
  },
  figures: {
    satisfaction: '客户满意度',
    'complaint-rate': '投诉率',
    'first-response-in-time': '24小时内首次响应率',
    'solution-in-time': '72小时内解决率',
    'resolution-rate': '投诉解决率',
    'aftersales-resolution-rate': '售后解决率',
    'repeat-complaints': '重复投诉率',
    'audit-pass-rate': '神秘顾客检查合格率',
    'training-coverage': '服务流程培训覆盖率',
    'repurchase-rate': '复购率',
    'employee-satisfaction': '员工满意度',
  },
};

const EN: ReportTexts = {
  title: 'Customer experience report',
  company: 'Company',
  store: 'Store',
  periodOf: { month: 'Monthly', quarter: 'Quarterly' },
  generatedAt: 'Generated',
  sections: {
    scorecard: '1. CX scorecard',
    trends: '2. Trends',
    hotSpots: '3. Complaint hot spots',
    alerts: '4. Open alerts',
    correctiveActions: '5. Corrective actions',
    measures: '6. Improvement measures by department',
  },
  columns: {
    figure: 'Figure',
    value: 'This period',
    target: 'Target',
    previous: 'Previous',
    trend: 'Trend',
    status: 'Status',
    key: 'Item',
    count: 'Complaints',
    previousCount: 'Previously',
    source: 'Source',
    metric: 'Metric',
    scope: 'Scope',
    raisedAt: 'Raised',
    title: 'Action',
    department: 'Department',
    owner: 'Owner',
    due: 'Due',
    goal: 'Goal',
    kpi: 'KPI',
    before: 'Before',
    after: 'After',
  },
  charts: {
    figures: 'Figures: this period, the previous one and the target',
    satisfaction: 'Customer satisfaction',
    categories: 'Categories with the most complaints',
    thisPeriod: 'This period',
    previousPeriod: 'Previous',
    targetLevel: 'Target',
  },
  missed: 'missed',
  met: 'met',
  noTarget: '—',
  none: 'None',
  unavailable: 'Services whose figures could not be read',
  trend: { better: 'better', worse: 'worse', same: 'same' },
  departments: {
    crm: 'CRM',
    complaints: 'Complaints',
    aftersales: 'After-sales',
    surveys: 'CX research',
    training: 'Training',
  },
  figures: {
    satisfaction: 'Customer satisfaction',
    'complaint-rate': 'Complaint rate',
    'first-response-in-time': 'First response within 24 h',
    'solution-in-time': 'Solved within 72 h',
    'resolution-rate': 'Complaint resolution rate',
    'aftersales-resolution-rate': 'After-sales resolution rate',
    'repeat-complaints': 'Repeat complaints',
    'audit-pass-rate': 'Mystery-shopper pass rate',
    'training-coverage': 'Service-process training coverage',
    'repurchase-rate': 'Repurchase rate',
    'employee-satisfaction': 'Employee satisfaction',
  },
};

export const REPORT_TEXTS: Record<ReportLanguage, ReportTexts> = { 'zh-CN': ZH, en: EN };
