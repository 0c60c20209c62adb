// Chart.js, registered with only the parts the views draw, and what the views share.

import {
  BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration, type ChartType, type Plugin,
} from 'chart.js';
import { h } from './dom';

/** A dated event drawn on a chart as a dashed line with its number at the top. */
export interface EventMark {
  x: number;
  label: string;
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    eventLines?: { marks: EventMark[] };
  }
}

const eventLines: Plugin<'line'> = {
  id: 'eventLines',
  afterDatasetsDraw(chart, _args, options: { marks?: EventMark[] }) {
    const marks = options.marks ?? [];
    const { ctx, chartArea, scales } = chart;
    const x = scales.x;
    if (!x || marks.length === 0) {
      return;
    }
    ctx.save();
    ctx.font = 'bold 11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    let lastPixel = -Infinity;
    let row = 0;
    for (const mark of marks) {
      const px = x.getPixelForValue(mark.x);
      if (px < chartArea.left - 1 || px > chartArea.right + 1) {
        continue;
      }
      // Numbers of events close together are staggered so that none hides another.
      row = px - lastPixel < 20 ? row + 1 : 0;
      lastPixel = px;
      const y = chartArea.top + 9 + row * 20;
      ctx.strokeStyle = 'rgba(59, 68, 80, 0.7)';
      ctx.setLineDash([4, 3]);
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(px, y + 9);
      ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#3b4450';
      ctx.beginPath();
      ctx.arc(px, y, 9, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = '#ffffff';
      ctx.fillText(mark.label, px, y + 0.5);
    }
    ctx.restore();
  },
};

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, eventLines);
// No animation: the figures are there at once, for people who would rather not see motion and for screenshots alike.
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.color = '#1b1f24';
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif';

/** Colours that stay apart for the common kinds of colour blindness (Okabe and Ito), then a few more. */
export const palette = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000', '#8c6d31', '#7f7f7f'];

/**
 * A chart in a box of its own. The canvas is an image to assistive technology, named by `label`; each
 * view gives the same figures as a table beside it.
 */
export class ChartBox {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private chart: Chart | null = null;

  constructor(label: string, size: 'large' | 'small' = 'large') {
    this.canvas = h('canvas', { role: 'img', 'aria-label': label });
    this.element = h('div', { class: size === 'small' ? 'chart-box small' : 'chart-box' }, this.canvas);
  }

  /** Draws the chart; call it once the box is in the page, so that it takes the box's size. */
  draw<TType extends ChartType>(config: ChartConfiguration<TType>): void {
    this.chart?.destroy();
    this.chart = new Chart(this.canvas, config as ChartConfiguration);
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = null;
  }
}
