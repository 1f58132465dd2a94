import { ApiProperty } from '@nestjs/swagger';
import { CoverageFigure, CoverageLine } from './coverage.rules';

export class CoverageFigureView {
  @ApiProperty({ description: 'Staff whose deadline fell in the period' }) due!: number;
  @ApiProperty({ description: 'Of them, trained in time' }) covered!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'covered / due' }) rate!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'rate >= the 100 % target' })
  meetsTarget!: boolean | null;
}

export class GroupCoverageView extends CoverageFigureView {
  @ApiProperty({ example: 'SH-001' }) key!: string;
}

export class CoverageReportView extends CoverageFigureView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ example: 1 }) target!: number;
  @ApiProperty({ type: [GroupCoverageView] }) byStore!: GroupCoverageView[];
  @ApiProperty({ type: [GroupCoverageView] }) byDepartment!: GroupCoverageView[];
}

export class OverdueView {
  @ApiProperty({ example: 'E10023' }) employeeId!: string;
  @ApiProperty({ example: 'SH-001' }) storeId!: string;
  @ApiProperty({ example: 'sales' }) department!: string;
  @ApiProperty({ example: '2026-08-01' }) hireDate!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
}

export const toFigureView = (f: CoverageFigure): CoverageFigureView => ({ ...f });

export const toOverdueView = (l: CoverageLine): OverdueView => ({
  employeeId: l.employeeId,
  storeId: l.storeId,
  department: l.department,
  hireDate: l.hireDate,
  dueAt: l.dueAt.toISOString(),
});
