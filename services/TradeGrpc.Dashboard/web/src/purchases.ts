// Purchase commitments: per category, the baseline, the commitment and the purchases, as bars.

import { get } from './api';
import { ChartBox } from './charts';
import { byId, h, replace } from './dom';
import { amount, enumLabel, formatCompactMoney, formatWholeMoney } from './format';
import { fillNegotiations, listNegotiations, type GetPurchaseProgressResponse, type PurchaseProgress } from './negotiations';
import { LoadedOnShow, ResultReads, type View } from './view';

export class PurchasesView extends LoadedOnShow implements View {
  readonly id = 'purchases';
  readonly title = 'Purchase commitments';

  private readonly negotiation = byId<HTMLSelectElement>('purchases-negotiation');
  private readonly year = byId<HTMLSelectElement>('purchases-year');
  private readonly errors = byId('purchases-error');
  private readonly result = byId('purchases-result');
  private chart: ChartBox | null = null;
  private readonly reads = new ResultReads(this.result, this.errors);

  constructor() {
    super();
    this.negotiation.addEventListener('change', () => void this.load());
    this.year.addEventListener('change', () => void this.load());
    byId('purchases-form').addEventListener('submit', (event) => event.preventDefault());
  }

  protected async load(first = false): Promise<void> {
    this.errors.replaceChildren();
    const current = this.reads.next();
    await this.reads.run(current, async () => {
      const all = await listNegotiations();
      fillNegotiations(this.negotiation, all);
      const progressOf = (name: string) => get<GetPurchaseProgressResponse>('negotiation', `/v1/${name}:getPurchaseProgress`, { year: this.year.value });
      let progress = all.length > 0 ? await progressOf(this.negotiation.value) : null;
      // At first, the first negotiation that has purchase commitments.
      if (first && progress && progress.categories.length === 0) {
        for (const other of all.filter((n) => n.name !== this.negotiation.value)) {
          const candidate = await progressOf(other.name);
          if (candidate.categories.length > 0) {
            this.negotiation.value = other.name;
            progress = candidate;
            break;
          }
        }
      }
      if (!current()) {
        return;
      }
      this.loaded = true;
      this.render(progress);
    }, () => this.chart?.destroy());
  }

  private render(progress: GetPurchaseProgressResponse | null): void {
    this.chart?.destroy();
    const categories = progress?.categories ?? [];
    if (categories.length === 0) {
      replace(this.result, h('p', { class: 'notice' }, 'This negotiation has no purchase commitments for that year.'));
      return;
    }
    const title = this.negotiation.selectedOptions[0]?.textContent ?? '';
    const year = this.year.value === '0' ? 'every year' : this.year.value;
    const label = (p: PurchaseProgress) => enumLabel(p.category, 'PURCHASE_CATEGORY_') || 'Total';
    this.chart = new ChartBox(`Baseline, commitment and purchases per category for ${year}, in US dollars; the table below gives the figures.`);
    const row = (p: PurchaseProgress, total = false) => {
      const cells = [
        total ? h('th', { scope: 'row' }, 'All categories') : h('th', { scope: 'row' }, label(p)),
        h('td', { class: 'amount' }, formatWholeMoney(p.baseline)),
        h('td', { class: 'amount' }, p.target ? formatWholeMoney(p.target) : '—'),
        h('td', { class: 'amount' }, p.goal ? formatWholeMoney(p.goal) : '—'),
        h('td', { class: 'amount' }, formatWholeMoney(p.purchased)),
        h('td', { class: 'amount' }, formatWholeMoney(p.fulfilled)),
        h('td', { class: 'amount' }, p.goal ? `${(p.purchasedPercent ?? 0).toFixed(1)}%` : '—'),
      ];
      return h('tr', {}, cells);
    };
    replace(this.result,
      h('h3', {}, `${title}: ${year}`),
      this.chart.element,
      h('table', { class: 'data', id: 'purchases-table' },
        h('caption', {}, 'Purchases per category, in US dollars'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Category'), h('th', { scope: 'col', class: 'amount' }, 'Baseline'),
          h('th', { scope: 'col', class: 'amount' }, 'Increase promised'), h('th', { scope: 'col', class: 'amount' }, 'Commitment'),
          h('th', { scope: 'col', class: 'amount' }, 'Purchased'), h('th', { scope: 'col', class: 'amount' }, 'Above baseline'),
          h('th', { scope: 'col', class: 'amount' }, 'Of the commitment'))),
        h('tbody', {}, categories.map((p) => row(p))),
        progress?.total ? h('tfoot', {}, row(progress.total, true)) : null));
    this.chart.draw({
      type: 'bar',
      data: {
        labels: categories.map(label),
        datasets: [
          { label: 'Baseline', data: categories.map((p) => amount(p.baseline)), backgroundColor: '#9aa5b1' },
          { label: 'Commitment', data: categories.map((p) => amount(p.goal ?? p.baseline)), backgroundColor: '#0072b2' },
          { label: 'Purchased', data: categories.map((p) => amount(p.purchased)), backgroundColor: '#e69f00' },
        ],
      },
      options: {
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => formatCompactMoney(Number(v)) }, title: { display: true, text: 'US dollars' } } },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatWholeMoney(Number(item.parsed.y))}` } },
        },
      },
    });
  }
}
