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

export interface DrawCallbacks {
  /** The first frame of this option is on the screen (animations may still run). */
  painted: () => void;
  /** Every animation of this option has ended. */
  finished: () => void;
}

export interface ChartHandle {
  /** Draws the option, replacing the previous one. */
  draw(option: ChartOption, callbacks: DrawCallbacks): void;
  resize(): void;
  dispose(): void;
}

export function createChart(element: HTMLElement): ChartHandle {
  const chart = echarts.init(element, undefined, { renderer: 'canvas' });
  return {
    draw(option, { painted, finished }) {
      chart.off('rendered');
      chart.off('finished');
      chart.on('rendered', () => {
        chart.off('rendered');
        painted();
      });
      chart.on('finished', finished);
      chart.setOption(option, { notMerge: true });
    },
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}
