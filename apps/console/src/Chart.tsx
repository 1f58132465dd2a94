// One ECharts chart: `<Chart option={...} label="..." />`. The box carries data-chart="drawn" once ECharts
// has finished drawing the current option (the browser tests wait for it). The page's first chart sets
// the performance marks `cx:first-chart` (its first frame on screen) and `cx:first-chart-settled` (its
// animation over), which the first-chart bench reads.
import { useEffect, useRef, useState } from 'react';
import { ChartHandle, ChartOption, createChart } from './chart-engine';

export type { ChartOption };

export const FIRST_CHART = 'cx:first-chart';
export const FIRST_CHART_SETTLED = 'cx:first-chart-settled';
/** ECharts animates a new chart for a second by default; a lead waiting for the figures wants them sooner. */
const ANIMATION_MS = 300;

export function Chart({
  option,
  label,
  height = 320,
}: {
  option: ChartOption;
  label: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartHandle | null>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const handle = createChart(box.current!);
    chart.current = handle;
    const resize = () => handle.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      handle.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    setDrawn(false);
    const markOnce = (name: string) => {
      if (performance.getEntriesByName(name).length === 0) performance.mark(name);
    };
    chart.current?.draw(
      { animationDuration: ANIMATION_MS, ...option },
      {
        painted: () => markOnce(FIRST_CHART),
        finished: () => {
          markOnce(FIRST_CHART_SETTLED);
          setDrawn(true);
        },
      },
    );
  }, [option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-chart={drawn ? 'drawn' : 'drawing'}
      style={{ width: '100%', height }}
    />
  );
}
