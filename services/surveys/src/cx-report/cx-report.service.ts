import { uuidv7 } from '@cx/contracts';
import {
  Clock,
  createdAtPositionOf,
  decodeCursor,
  EventPublisher,
  FileStorage,
  IdempotencyKeys,
  IdempotentResult,
  isCreatedAtPosition,
  Page,
  Principal,
  RequestValidationError,
  StoredFileContent,
  toPage,
  Transactions,
} from '@cx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SurveysConfig } from '../config';
import { CxReportContent } from './cx-report.content';
import { CreateCxReportDto } from './dto/create-cx-report.dto';
import { ListCxReportsQuery } from './dto/list-cx-reports.query';
import { CxReportEntity, ReportTrigger } from './cx-report.entity';
import { CxReportError } from './cx-report.errors';
import { cxReportGenerated } from './cx-report.events';
import { CxReportGatherer } from './cx-report.gatherer';
import { renderCxReport } from './cx-report.render';
import { CxReportRepository } from './cx-report.repository';
import { lastClosedWindow, ReportLanguage, ReportPeriod, ReportWindow, windowOf } from './cx-report.rules';
import { CxReportView, pdfPathOf, toCxReportView } from './cx-report.view';

/** Who made a scheduled report, in its `created_by`. */
export const SCHEDULER = 'scheduler';

/** A report of a period is made once this long after the period closed (late answers have committed). */
const CLOSE_GRACE_MS = 60 * 60 * 1000;

interface Drawn {
  pdf: Buffer;
  content: CxReportContent;
}

interface Making {
  window: ReportWindow;
  storeId: string | null;
  language: ReportLanguage;
  trigger: ReportTrigger;
  createdBy: string;
}

/**
 * The periodic CX report (docs/surveys/reports.md): gathered, drawn as a PDF, stored with its row and
 * announced (evt.surveys.cx-report.generated.v1, whose notification rule tells the committee and the
 * department leads) in one transaction; made on schedule after each month and quarter, or on request.
 */
@Injectable()
export class CxReportService {
  private readonly log = new Logger(CxReportService.name);

  constructor(
    private readonly tx: Transactions,
    private readonly reports: CxReportRepository,
    private readonly gatherer: CxReportGatherer,
    private readonly files: FileStorage,
    private readonly events: EventPublisher,
    private readonly idempotency: IdempotencyKeys,
    private readonly config: SurveysConfig,
    private readonly clock: Clock,
  ) {}

  /** On request (the CX lead): any period that has ended, company or one store, in zh-CN or en. */
  async create(
    dto: CreateCxReportDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<IdempotentResult<CxReportView>> {
    const now = this.clock.now();
    const zone = this.config.CX_REPORT_TIME_ZONE;
    const window = dto.label
      ? windowOf(dto.period, dto.label, zone)
      : lastClosedWindow(dto.period, now, zone, 0);
    if (!window)
      throw RequestValidationError.field('label', `label must name a ${dto.period} (YYYY-MM or YYYY-Qn)`);
    if (window.to.getTime() > now.getTime()) throw CxReportError.notClosed(window.label);
    const making: Making = {
      window,
      storeId: dto.storeId ?? null,
      language: dto.language ?? 'zh-CN',
      trigger: 'request',
      createdBy: actor.sub,
    };
    return this.tx.run((em) =>
      this.idempotency.run(em, key ? { caller: actor.sub, key, body: dto } : undefined, async () => {
        // Gathered and drawn only for a key this request claimed: a retry gets the stored answer without
        // the seconds of requests and rendering. (The transaction holds its connection meanwhile: a lead's
        // rare request, not a hot path.)
        const pdf = await this.draw(making, now);
        // A report on request is never refused by the scheduled reports' unique index.
        const report = (await this.store(em, making, pdf, now))!;
        return { status: 201, body: toCxReportView(report), resourceId: report.id };
      }),
    );
  }

  /**
   * The scheduled reports due at `now`: the company's report of the last closed month and quarter, in
   * the configured language, each once (the unique index; a replica that loses the race rolls its copy
   * back). Answers the reports made.
   */
  async generateDueOnce(now: Date): Promise<CxReportEntity[]> {
    const made: CxReportEntity[] = [];
    const zone = this.config.CX_REPORT_TIME_ZONE;
    const language = this.config.CX_REPORT_LANGUAGE;
    for (const period of ['month', 'quarter'] as ReportPeriod[]) {
      const window = lastClosedWindow(period, now, zone, CLOSE_GRACE_MS);
      if (await this.reports.scheduledExists(period, window.label, null, language)) continue;
      const making: Making = { window, storeId: null, language, trigger: 'schedule', createdBy: SCHEDULER };
      const pdf = await this.draw(making, now);
      const report = await this.tx.run((em) => this.store(em, making, pdf, now));
      if (report) {
        this.log.log(`CX report ${period} ${window.label} made (${report.sizeBytes} bytes)`);
        made.push(report);
      }
    }
    return made;
  }

  async get(id: string): Promise<CxReportView> {
    return toCxReportView(await this.find(id));
  }

  async pdf(id: string): Promise<{ file: StoredFileContent; filename: string }> {
    const report = await this.find(id);
    const file = await this.files.get(report.fileId);
    if (!file) throw CxReportError.notFound(id);
    return { file, filename: fileNameOf(report) };
  }

  /** Newest first, by cursor (docs/api.md, Pagination). */
  async list(query: ListCxReportsQuery): Promise<Page<CxReportView>> {
    const rows = await this.reports.list(
      { period: query.period, storeId: query.storeId },
      decodeCursor(query.cursor, isCreatedAtPosition),
      query.limit + 1,
    );
    const page = toPage(rows, query.limit, createdAtPositionOf);
    return { items: page.items.map(toCxReportView), nextCursor: page.nextCursor };
  }

  private async find(id: string): Promise<CxReportEntity> {
    const report = await this.reports.findById(id);
    if (!report) throw CxReportError.notFound(id);
    return report;
  }

  /** Gathers and draws outside any transaction: the requests and the drawing take seconds. */
  private async draw(m: Making, now: Date): Promise<Drawn> {
    const content = await this.gatherer.gather(
      m.window,
      m.storeId,
      m.language,
      this.config.CX_REPORT_TIME_ZONE,
      now,
    );
    const pdf = await renderCxReport(content, {
      path: this.config.CX_REPORT_FONT_PATH,
      ...(this.config.CX_REPORT_FONT_FAMILY && { family: this.config.CX_REPORT_FONT_FAMILY }),
    });
    return { pdf, content };
  }

  /** The PDF, its row and its event in the caller's transaction; null when the scheduled one exists. */
  private async store(em: EntityManager, m: Making, drawn: Drawn, now: Date): Promise<CxReportEntity | null> {
    const id = uuidv7();
    const base = {
      id,
      period: m.window.period,
      label: m.window.label,
      periodFrom: m.window.from,
      periodTo: m.window.to,
      storeId: m.storeId,
      language: m.language,
      timeZone: this.config.CX_REPORT_TIME_ZONE,
    };
    const file = await this.files.put(
      {
        owner: `cx-report:${id}`,
        contentType: 'application/pdf',
        content: drawn.pdf,
        filename: fileNameOf(base),
        createdAt: now,
      },
      em,
    );
    const report = Object.assign(new CxReportEntity(), {
      ...base,
      trigger: m.trigger,
      fileId: file.id,
      sizeBytes: drawn.pdf.length,
      figures: drawn.content.figures,
      missed: drawn.content.figures.filter((f) => f.missed === true).length,
      unavailable: drawn.content.unavailable.map((u) => u.service),
      createdAt: now,
      createdBy: m.createdBy,
    } satisfies CxReportEntity);
    if (!(await this.reports.insert(em, report))) {
      await this.files.delete(file.id, em);
      return null;
    }
    await this.events.publish(
      em,
      cxReportGenerated(report, `${this.config.SURVEYS_PUBLIC_URL}${pdfPathOf(report.id)}`),
    );
    return report;
  }
}

/** `cx-report-2026-11-company-zh-CN.pdf` */
function fileNameOf(r: Pick<CxReportEntity, 'label' | 'storeId' | 'language'>): string {
  return `cx-report-${r.label}-${r.storeId ?? 'company'}-${r.language}.pdf`;
}
