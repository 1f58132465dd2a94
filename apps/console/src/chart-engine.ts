// ECharts, only the parts the console draws (tree-shaken): line, bar and pie charts on a canvas.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

export interface ChartHandle {
  /** Draws the option (replacing the previous one); `onDrawn` runs once the chart has finished drawing. */
  draw(option: ChartOption, onDrawn: () => void): void;
  resize(): void;
  dispose(): void;
}

export function createChart(element: HTMLElement): ChartHandle {
  const chart = echarts.init(element, undefined, { renderer: 'canvas' });
  return {
    draw(option, onDrawn) {
      chart.off('finished');
      chart.on('finished', onDrawn);
      chart.setOption(option, { notMerge: true });
    },
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}
