// One ECharts chart: `<Chart option={...} label="..." />`. The box carries data-chart="drawn" once ECharts
// has finished drawing the current option (the browser tests and the first-chart bench wait for it).
import { useEffect, useRef, useState } from 'react';
import { ChartHandle, ChartOption, createChart } from './chart-engine';

export type { ChartOption };

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
    chart.current?.draw(option, () => setDrawn(true));
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
