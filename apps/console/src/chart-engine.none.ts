// The chart engine without ECharts (CONSOLE_NO_CHARTS=1 in vite.config.mjs): the bench builds the same
// pages with it to show how much of the console's JavaScript the charts are.
export type ChartOption = Record<string, unknown>;

export interface DrawCallbacks {
  painted: () => void;
  finished: () => void;
}

export interface ChartHandle {
  draw(option: ChartOption, callbacks: DrawCallbacks): void;
  resize(): void;
  dispose(): void;
}

export function createChart(_element: HTMLElement): ChartHandle {
  return {
    draw: (_option, { painted, finished }) => {
      painted();
      finished();
    },
    resize: () => {},
    dispose: () => {},
  };
}
