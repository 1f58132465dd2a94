// Vite builds the console into apps/console/dist, which server.mjs serves (docs/console.md).
// CONSOLE_NO_CHARTS=1 builds the same pages with the chart component replaced by an empty box: the
// bench compares the JavaScript sent to the browser with and without ECharts.
import react from '@vitejs/plugin-react';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const noCharts = process.env.CONSOLE_NO_CHARTS === '1';

export default defineConfig({
  root: here,
  plugins: [react()],
  resolve: noCharts ? { alias: { './chart-engine': join(here, 'src/chart-engine.none.ts') } } : {},
  build: {
    outDir: process.env.CONSOLE_OUT_DIR ?? join(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
