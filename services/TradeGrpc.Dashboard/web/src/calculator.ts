// The duty calculator: QuoteDuty for the lines entered, and again with the what-if changes.

import { post } from './api';
import { byId, h, replace } from './dom';
import { clearErrors, describe, setFieldError } from './errors';
import { amount, countryName, dateToUtc, formatDate, formatDelta, formatMoney, formatPercent, parseDate, percent } from './format';
import { LineEditor } from './lines';
import { baseRateBasis, legalBasis, measuresOf, type DutyComponent, type Measure, type QuoteDutyResponse } from './tariff';
import { ResultReads, type View } from './view';

interface WhatIfChange {
  measure: string;
  suspend?: boolean;
  setRatePercent?: { value: string };
}

export class CalculatorView implements View {
  readonly id = 'calculator';
  readonly title = 'Duty calculator';

  private readonly form = byId<HTMLFormElement>('quote-form');
  private readonly country = byId<HTMLSelectElement>('quote-country');
  private readonly date = byId<HTMLInputElement>('quote-date');
  private readonly whatIfBox = byId('whatif-measures');
  private readonly errors = byId('quote-error');
  private readonly result = byId('quote-result');
  private readonly lines: LineEditor;
  private measures: Measure[] = [];
  private measuresFor = '';
  private quoted = false;
  private readonly reads = new ResultReads(this.result, this.errors, this.form);

  constructor() {
    this.lines = new LineEditor(byId('quote-lines'), 'quote-line', [
      { code: '9028.10.00', origin: 'CN', value: '5000', quantity: '100', unit: 'NO' },
    ]);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.quote();
    });
    this.country.addEventListener('change', () => void this.loadMeasures());
    this.date.addEventListener('change', () => this.describeMeasures());
  }

  show(): void {
    if (this.measuresFor !== this.country.value) {
      void this.loadMeasures();
    }
  }

  reset(): void {
    this.measuresFor = '';
  }

  private async loadMeasures(): Promise<void> {
    const country = this.country.value;
    this.measuresFor = country;
    replace(this.whatIfBox, h('p', { class: 'hint' }, 'Loading the measures…'));
    try {
      const measures = await measuresOf(country);
      if (country !== this.country.value) {
        return;
      }
      this.measures = measures.filter((m) => m.state !== 'MEASURE_STATE_WITHDRAWN');
      this.renderMeasures();
    } catch (error) {
      this.measuresFor = '';
      const { title, text } = describe(error);
      replace(this.whatIfBox, h('p', { class: 'hint' }, `The measures could not be read. ${title}: ${text}`));
    }
  }

  private renderMeasures(): void {
    const items = this.measures.map((measure) => {
      const id = measure.name.replace('measures/', '');
      const suspend = h('input', { type: 'checkbox', id: `whatif-suspend-${id}`, 'data-measure': measure.name });
      const rate = h('input', {
        type: 'number', id: `whatif-rate-${id}`, min: '0', max: '1000', step: 'any', inputmode: 'decimal', 'data-measure': measure.name,
        'aria-label': `Rate in percent for ${measure.title}`,
      });
      const item = h('div', { class: 'whatif-item', 'data-measure': measure.name },
        h('div', { class: 'name' }, measure.title, h('small', { 'data-role': 'now' })),
        h('label', { for: suspend.id }, suspend, 'Suspend', h('span', { class: 'visually-hidden' }, ` ${measure.title}`)),
        h('label', { for: rate.id }, h('span', { 'aria-hidden': 'true' }, 'Rate %'), rate));
      const changed = () => {
        rate.disabled = suspend.checked;
        item.classList.toggle('active', suspend.checked || rate.value.trim() !== '');
        if (this.quoted) {
          void this.quote();
        }
      };
      suspend.addEventListener('change', changed);
      rate.addEventListener('change', changed);
      return item;
    });
    replace(this.whatIfBox, items.length > 0 ? h('div', { class: 'whatif-list' }, items) : h('p', { class: 'hint' }, 'No measures on imports into this country.'));
    this.describeMeasures();
  }

  /** Each measure's rate on the entry date, from its phases. */
  private describeMeasures(): void {
    const entry = parseDate(this.date.value);
    for (const measure of this.measures) {
      const note = this.whatIfBox.querySelector<HTMLElement>(`[data-measure="${measure.name}"] [data-role="now"]`);
      if (!note) {
        continue;
      }
      let now = '';
      if (entry) {
        const day = dateToUtc(entry);
        const phase = [...(measure.phases ?? [])].reverse().find((p) => dateToUtc(p.effectiveDate) <= day);
        const suspended = measure.suspensionDate && dateToUtc(measure.suspensionDate) <= day;
        now = suspended ? `suspended from ${formatDate(measure.suspensionDate)}`
          : phase ? `${formatPercent(percent(phase.adValoremPercent))} on the entry date`
            : measure.phases && measure.phases.length > 0 ? `not yet in force on the entry date` : 'rates per product';
      }
      note.textContent = now;
    }
  }

  /** The what-if changes set, each rate input named after its place in the request so that its error lands by it. */
  private readWhatIf(): WhatIfChange[] {
    const changes: WhatIfChange[] = [];
    for (const item of this.whatIfBox.querySelectorAll<HTMLElement>('.whatif-item')) {
      const measure = item.dataset.measure ?? '';
      const suspend = item.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
      const rate = item.querySelector<HTMLInputElement>('input[type="number"]')!;
      rate.removeAttribute('data-field');
      if (suspend.checked) {
        changes.push({ measure, suspend: true });
      } else if (rate.value.trim() !== '') {
        rate.dataset.field = `what_if[${changes.length}].set_rate_percent`;
        changes.push({ measure, setRatePercent: { value: rate.value.trim() } });
      }
    }
    return changes;
  }

  private async quote(): Promise<void> {
    clearErrors(this.errors, this.form);
    const current = this.reads.next();
    const lines = this.lines.read();
    const entryDate = parseDate(this.date.value);
    if (!entryDate) {
      setFieldError(this.date, 'Enter the date the goods are entered.');
    }
    if (!lines || !entryDate) {
      replace(this.errors, h('div', { class: 'error-box' }, h('strong', {}, 'Check the highlighted fields'), 'Some fields cannot be sent as they are.'));
      return;
    }
    const request = { importingCountry: this.country.value, entryDate, lines };
    const whatIf = this.readWhatIf();
    await this.reads.run(current, async () => {
      const [asIs, changed, measures] = await Promise.all([
        post<QuoteDutyResponse>('tariff', '/v1/tariff:quoteDuty', request),
        whatIf.length > 0 ? post<QuoteDutyResponse>('tariff', '/v1/tariff:quoteDuty', { ...request, whatIf }) : Promise.resolve(null),
        measuresOf(request.importingCountry).catch(() => [] as Measure[]),
      ]);
      if (!current()) {
        return;
      }
      this.quoted = true;
      this.render(request.importingCountry, lines.map((l) => `${l.htsCode} of ${countryName(l.originCountry)}, customs value ${formatMoney(l.customsValue)}`),
        asIs, changed, new Map(measures.map((m) => [m.name, m])));
    });
  }

  private render(country: string, lineTitles: string[], asIs: QuoteDutyResponse, changed: QuoteDutyResponse | null, measures: Map<string, Measure>): void {
    const total = amount(asIs.totalDuty);
    const figures = [
      h('div', { class: 'figure' }, h('span', { class: 'label', id: 'quote-total-label' }, changed ? 'Total duty as in force' : 'Total duty'),
        h('span', { class: 'value', id: 'quote-total' }, formatMoney(asIs.totalDuty))),
    ];
    if (changed) {
      const delta = amount(changed.totalDuty) - total;
      figures.push(h('div', { class: 'figure changed' }, h('span', { class: 'label', id: 'quote-whatif-label' }, 'With the what-if changes'),
        h('span', { class: 'value', id: 'quote-whatif-total' }, formatMoney(changed.totalDuty)),
        h('span', { class: `delta ${delta < 0 ? 'down' : delta > 0 ? 'up' : ''}`, id: 'quote-whatif-delta' }, formatDelta(delta))));
    }
    for (const item of this.whatIfBox.querySelectorAll<HTMLElement>('.whatif-item')) {
      const used = asIs.lines.some((l) => l.components.some((c) => c.measure === item.dataset.measure));
      item.querySelector('.name')?.classList.toggle('applies', used);
    }

    const sections = asIs.lines.map((line, i) => {
      const other = changed?.lines[i];
      const key = (c: DutyComponent) => c.measure || `base:${c.description}`;
      const keys = [...new Set([...line.components.map(key), ...(other?.components.map(key) ?? [])])];
      const rows = keys.map((k) => {
        const now = line.components.find((c) => key(c) === k);
        const then = other?.components.find((c) => key(c) === k);
        const shown = now ?? then!;
        const measure = measures.get(shown.measure);
        return h('tr', {},
          h('th', { scope: 'row' }, shown.description, allowanceNote(shown)),
          h('td', {}, shown.heading || '—'),
          h('td', {}, shown.measure ? legalBasis(measure) || shown.measure : baseRateBasis(country)),
          h('td', {}, now?.rateText ?? '—', other && then && then.rateText !== now?.rateText ? ` → ${then.rateText}` : ''),
          h('td', { class: 'amount' }, now ? formatMoney(now.amount) : '—'),
          other ? h('td', { class: 'amount' }, then ? formatMoney(then.amount) : '—') : null);
      });
      const caption = `Line ${i + 1}: ${lineTitles[i] ?? line.htsCode}`;
      return h('section', { class: 'line-quote' },
        h('table', { class: 'data' },
          h('caption', {}, caption),
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, 'Component'), h('th', { scope: 'col' }, 'Heading'), h('th', { scope: 'col' }, 'Legal basis'),
            h('th', { scope: 'col' }, 'Rate'), h('th', { scope: 'col', class: 'amount' }, changed ? 'Duty as in force' : 'Duty'),
            other ? h('th', { scope: 'col', class: 'amount' }, 'With what-if') : null)),
          h('tbody', {}, rows),
          h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: '4' }, 'Line total'),
            h('td', { class: 'amount' }, formatMoney(line.duty)), other ? h('td', { class: 'amount' }, formatMoney(other.duty)) : null))),
        line.deMinimis ? h('p', { class: 'notice' }, 'Under the de minimis threshold: the entry owes no duty.') : null,
        line.exclusionsApplied.length > 0 ? h('p', { class: 'hint' }, `Exclusions applied: ${line.exclusionsApplied.join(', ')}`) : null);
    });
    replace(this.result, h('h3', {}, 'Duty owed'), h('div', { class: 'figure-row' }, figures),
      asIs.deMinimis ? h('p', { class: 'notice' }, 'The entry is at or under the de minimis threshold: no duty at all.') : null, sections);
  }
}

function allowanceNote(component: DutyComponent): HTMLElement | null {
  const allowance = component.allowance;
  if (!allowance) {
    return null;
  }
  const show = (a: typeof allowance.remaining) => a?.quantity ? `${a.quantity.value.value ?? '0'} ${a.quantity.unit}` : a?.value ? formatMoney(a.value) : '0';
  const quota = component.quotaDraw;
  // Goods of a quota country beyond an exclusion count against the quota instead of owing the duty.
  const beyond = !allowance.beyond ? ''
    : quota ? `; ${show(allowance.beyond)} beyond it counts against ${quota.source} (${show(quota.remaining)} left)`
    : `; ${show(allowance.beyond)} beyond it owes the duty`;
  return h('small', { class: 'hint', 'data-role': 'allowance' },
    h('br'), `Draws ${show(allowance.drawn)} on ${allowance.source} (${show(allowance.remaining)} left)`, beyond);
}
