// Deal impact: a basket priced as things stand and with the deal's tariff concessions (GetDealImpact).

import { listAll, post } from './api';
import { ChartBox, palette } from './charts';
import { byId, h, replace } from './dom';
import { clearErrors, setFieldError, showError } from './errors';
import { amount, enumLabel, formatDelta, formatMoney, formatPercent, parseDate, percent, type Decimal, type Money } from './format';
import { LineEditor, type LineValues } from './lines';
import { fillNegotiations, listNegotiations, type Commitment, type DraftVersion } from './negotiations';
import { measuresOf, type Measure } from './tariff';
import { LoadedOnShow, ResultReads, type View } from './view';

interface ConcessionImpact {
  commitment: string;
  measure: string;
  action: string;
  tradeValue?: Money | null;
  rateBefore?: Decimal | null;
  rateAfter?: Decimal | null;
  dutyBefore?: Money | null;
  dutyAfter?: Money | null;
}

interface GetDealImpactResponse {
  concessions: ConcessionImpact[];
  dutyBefore?: Money | null;
  dutyAfter?: Money | null;
}

/** Baskets of each importing country to start from: goods the concessions of Phase One touch. */
const baskets: Record<string, LineValues[]> = {
  US: [
    { code: '4901.99.00.10', origin: 'CN', value: '1000' },
    { code: '8471.30.01', origin: 'CN', value: '2000' },
    { code: '9403.60.80', origin: 'CN', value: '10000' },
  ],
  CN: [{ code: '1201.90', origin: 'US', value: '10000' }],
};

export class ImpactView extends LoadedOnShow implements View {
  readonly id = 'impact';
  readonly title = 'Deal impact';

  private readonly form = byId<HTMLFormElement>('impact-form');
  private readonly negotiation = byId<HTMLSelectElement>('impact-negotiation');
  private readonly draft = byId<HTMLSelectElement>('impact-draft');
  private readonly country = byId<HTMLSelectElement>('impact-country');
  private readonly date = byId<HTMLInputElement>('impact-date');
  private readonly errors = byId('impact-error');
  private readonly result = byId('impact-result');
  private readonly lines: LineEditor;
  private chart: ChartBox | null = null;
  private basketTouched = false;
  private readonly reads = new ResultReads(this.result, this.errors, this.form);
  private commitments = new Map<string, Commitment>();

  constructor() {
    super();
    this.lines = new LineEditor(byId('impact-lines'), 'impact-line', baskets.US!, 'basket line');
    byId('impact-lines').addEventListener('input', () => {
      this.basketTouched = true;
    });
    this.country.addEventListener('change', () => {
      if (!this.basketTouched) {
        this.lines.set(baskets[this.country.value] ?? []);
      }
    });
    this.negotiation.addEventListener('change', () => void this.load());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.price();
    });
  }

  /**
   * The negotiations and the chosen one's drafts and commitments. At first the chosen one is the first
   * whose tariff concessions are official (a deal made), else the first with any.
   */
  protected async load(first = false): Promise<void> {
    clearErrors(this.errors, this.form);
    try {
      const all = await listNegotiations();
      fillNegotiations(this.negotiation, all);
      const load = async (name: string) => ({
        name,
        commitments: await listAll<Commitment>('negotiation', `/v1/${name}/commitments`, 'commitments'),
        drafts: await listAll<DraftVersion>('negotiation', `/v1/${name}/drafts`, 'drafts'),
      });
      const concessions = (deal: { commitments: Commitment[] }) => deal.commitments.filter((c) => c.kind === 'COMMITMENT_KIND_TARIFF_CONCESSION');
      let deal = all.length > 0 ? await load(this.negotiation.value) : { name: '', commitments: [], drafts: [] };
      if (first && !concessions(deal).some((c) => c.state === 'COMMITMENT_STATE_OFFICIAL')) {
        const others = await Promise.all(all.filter((n) => n.name !== deal.name).slice(0, 20).map((n) => load(n.name)));
        deal = others.find((d) => concessions(d).some((c) => c.state === 'COMMITMENT_STATE_OFFICIAL'))
          ?? (concessions(deal).length > 0 ? deal : others.find((d) => concessions(d).length > 0)) ?? deal;
        if (deal.name) {
          this.negotiation.value = deal.name;
        }
      }
      this.commitments = new Map(deal.commitments.map((c) => [c.name, c]));
      replace(this.draft, h('option', { value: '0' }, 'Every tariff concession'),
        deal.drafts.map((d) => h('option', { value: String(d.version) }, `Those of draft v${d.version}${d.label ? `: ${d.label}` : ''}`)));
      this.loaded = true;
      if (first && concessions(deal).length > 0) {
        await this.price();
      }
    } catch (error) {
      showError(this.errors, error, this.form);
    }
  }

  private async price(): Promise<void> {
    clearErrors(this.errors, this.form);
    const current = this.reads.next();
    const lines = this.lines.read();
    const entryDate = parseDate(this.date.value);
    if (!entryDate) {
      setFieldError(this.date, 'Enter the date the basket is entered.');
    }
    if (!lines || !entryDate || !this.negotiation.value) {
      return;
    }
    const importingCountry = this.country.value;
    await this.reads.run(current, async () => {
      const [impact, measures] = await Promise.all([
        post<GetDealImpactResponse>('negotiation', `/v1/${this.negotiation.value}:getDealImpact`, {
          draftVersion: Number(this.draft.value), importingCountry, entryDate, lines,
        }),
        Promise.all([measuresOf('US'), measuresOf('CN')]).then((m) => m.flat()).catch(() => [] as Measure[]),
      ]);
      if (current()) {
        this.render(impact, new Map(measures.map((m) => [m.name, m])));
      }
    }, () => this.chart?.destroy());
  }

  private render(impact: GetDealImpactResponse, measures: Map<string, Measure>): void {
    this.chart?.destroy();
    const before = amount(impact.dutyBefore);
    const after = amount(impact.dutyAfter);
    const name = (c: ConcessionImpact) => measures.get(c.measure)?.title ?? c.measure.replace('measures/', '');
    const action = (c: ConcessionImpact) => enumLabel(c.action, 'CONCESSION_ACTION_');
    if (impact.concessions.length === 0) {
      replace(this.result, h('p', { class: 'notice' }, 'The deal holds no tariff concession to price.'));
      return;
    }
    this.chart = new ChartBox('The basket\'s duty as things stand, with each concession alone, and with all of them; the table below gives the figures.');
    replace(this.result,
      h('h3', {}, 'The basket\'s duty'),
      h('div', { class: 'figure-row' },
        h('div', { class: 'figure' }, h('span', { class: 'label' }, 'As things stand'), h('span', { class: 'value', id: 'impact-before' }, formatMoney(before))),
        h('div', { class: 'figure changed' }, h('span', { class: 'label' }, 'With the deal\'s concessions'),
          h('span', { class: 'value', id: 'impact-after' }, formatMoney(after)),
          h('span', { class: `delta ${after < before ? 'down' : after > before ? 'up' : ''}`, id: 'impact-delta' }, formatDelta(after - before)))),
      this.chart.element,
      h('table', { class: 'data', id: 'impact-table' },
        h('caption', {}, 'Each concession alone'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Concession'), h('th', { scope: 'col' }, 'Measure'), h('th', { scope: 'col' }, 'Action'),
          h('th', { scope: 'col' }, 'Rate'), h('th', { scope: 'col', class: 'amount' }, 'Duty with it alone'), h('th', { scope: 'col', class: 'amount' }, 'Change'))),
        h('tbody', {}, impact.concessions.map((c) => {
          const commitment = this.commitments.get(c.commitment);
          const alone = amount(c.dutyAfter);
          return h('tr', {},
            h('th', { scope: 'row' }, commitment?.description ?? c.commitment),
            h('td', {}, name(c)),
            h('td', {}, action(c)),
            h('td', {}, `${formatPercent(percent(c.rateBefore))} → ${formatPercent(percent(c.rateAfter))}`),
            h('td', { class: 'amount' }, formatMoney(alone)),
            h('td', { class: 'amount' }, formatDelta(alone - amount(c.dutyBefore))));
        })),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: '4' }, 'All together'),
          h('td', { class: 'amount' }, formatMoney(after)), h('td', { class: 'amount' }, formatDelta(after - before))))));
    const labels = ['As things stand', ...impact.concessions.map((c) => `${action(c)}: ${name(c)}`), 'All concessions'];
    const values = [before, ...impact.concessions.map((c) => amount(c.dutyAfter)), after];
    this.chart.draw({
      type: 'bar',
      data: {
        labels,
        datasets: [{
          label: 'Duty on the basket',
          data: values,
          backgroundColor: values.map((_, i) => (i === 0 ? '#9aa5b1' : i === values.length - 1 ? palette[0] : `${palette[0]}88`)),
        }],
      },
      options: {
        indexAxis: 'y',
        scales: { x: { beginAtZero: true, ticks: { callback: (v) => formatMoney(Number(v)) }, title: { display: true, text: 'Duty, US dollars' } } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => formatMoney(Number(item.parsed.x)) } } },
      },
    });
  }
}
