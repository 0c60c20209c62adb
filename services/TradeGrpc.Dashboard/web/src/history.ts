// The rate history of one product of one origin: the base rate and each measure, stacked, over time.
//
// Computed in the page from LookupRates, not from the measures' phases: LookupRates applies every rule
// the service knows (rates of a product's own, China's rates per 6-digit code, country treatments,
// exclusions, the transit rule), which phases alone do not tell. The page looks the product up on the
// first day of every month and on every date where a measure, a treatment or an exclusion starts or
// ends, then narrows each change between two lookups to its day by bisection: about a hundred calls.

import { post, type Service } from './api';
import { byId, h, replace } from './dom';
import { ChartBox, palette, type EventMark } from './charts';
import { clearErrors, setFieldError } from './errors';
import { countryName, dateToUtc, dottedCode, formatDate, formatPercent, isoDate, parseDate, percent, utcToDate } from './format';
import { grantedExclusions, measuresOf, type AppliedRate, type Exclusion, type LookupRatesResponse, type Measure } from './tariff';
import { ResultReads, type View } from './view';

const day = 86_400_000;

interface Query {
  country: string;
  code: string;
  origin: string;
  transitDays: number;
  from: number;
  to: number;
}

/** A span of days with the same rates. */
interface Period {
  start: number;
  end: number;
  lookup: LookupRatesResponse;
}

interface HistoryEvent {
  time: number;
  notes: string[];
}

const tariffService: Service = 'tariff';

export class HistoryView implements View {
  readonly id = 'history';
  readonly title = 'Rate history';

  private readonly form = byId<HTMLFormElement>('history-form');
  private readonly errors = byId('history-error');
  private readonly progress = byId('history-progress');
  private readonly result = byId('history-result');
  private chart: ChartBox | null = null;
  private shown = false;
  private readonly reads = new ResultReads(this.result, this.errors, this.form);

  constructor() {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run();
    });
  }

  show(): void {
    if (!this.shown) {
      this.shown = true;
      void this.run();
    }
  }

  reset(): void {
    this.shown = false;
  }

  private read(): Query | null {
    const value = (id: string) => byId<HTMLInputElement>(id).value.trim();
    const from = parseDate(value('history-from'));
    const to = parseDate(value('history-to'));
    const transit = Number(value('history-transit') || '0');
    let ok = true;
    if (!from) {
      setFieldError(byId('history-from'), 'Enter the first date.');
      ok = false;
    }
    if (!to || (from && dateToUtc(to) < dateToUtc(from))) {
      setFieldError(byId('history-to'), 'Enter a date on or after the first.');
      ok = false;
    } else if (from && dateToUtc(to) - dateToUtc(from) > 10 * 366 * day) {
      setFieldError(byId('history-to'), 'Ten years at most.');
      ok = false;
    }
    if (!Number.isInteger(transit) || transit < 0 || transit > 365) {
      setFieldError(byId('history-transit'), 'A whole number of days from 0 to 365.');
      ok = false;
    }
    if (!ok || !from || !to) {
      return null;
    }
    return {
      country: byId<HTMLSelectElement>('history-country').value,
      code: value('history-code'),
      origin: value('history-origin').toUpperCase(),
      transitDays: transit,
      from: dateToUtc(from),
      to: dateToUtc(to),
    };
  }

  private async run(): Promise<void> {
    clearErrors(this.errors, this.form);
    const query = this.read();
    if (!query) {
      return;
    }
    const current = this.reads.next();
    this.progress.textContent = 'Reading the measures and exclusions…';
    await this.reads.run(current, async () => {
      const [measures, exclusions] = await Promise.all([
        measuresOf(query.country),
        grantedExclusions().catch(() => [] as Exclusion[]),
      ]);
      const periods = await history(query, measures, exclusions, (text) => {
        if (current()) {
          this.progress.textContent = text;
        }
      });
      if (!current()) {
        return;
      }
      this.progress.textContent = '';
      this.render(query, periods, new Map(measures.map((m) => [m.name, m])), exclusions);
    }, () => {
      this.progress.textContent = '';
      this.chart?.destroy();
    });
  }

  private render(query: Query, periods: Period[], measures: Map<string, Measure>, exclusions: Exclusion[]): void {
    const first = periods[0]!.lookup;
    const series = seriesOf(periods);
    const events = eventsOf(query, periods, measures, exclusions);
    const marks: EventMark[] = events.map((e, i) => ({ x: e.time, label: String(i + 1) }));
    const title = `${dottedCode(query.code)} of ${countryName(query.origin)} into ${countryName(query.country)}`;
    this.chart?.destroy();
    this.chart = new ChartBox(`Rates on ${title} from ${formatDate(query.from)} to ${formatDate(query.to)}, stacked; the table below gives the figures.`);

    const eventList = h('ol', { class: 'events', id: 'history-events' }, events.map((event, i) =>
      h('li', {}, h('span', { class: 'event-number', 'aria-hidden': 'true' }, String(i + 1)),
        h('span', {}, h('span', { class: 'visually-hidden' }, `Event ${i + 1}: `), h('span', { class: 'event-date' }, formatDate(event.time)), ' ',
          event.notes.join(' ')))));
    const table = h('table', { class: 'data', id: 'history-table' },
      h('caption', {}, 'Rates by period'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'From'), h('th', { scope: 'col' }, 'To'),
        series.map((s) => h('th', { scope: 'col' }, s.label)), h('th', { scope: 'col', class: 'amount' }, 'Ad valorem in all'))),
      h('tbody', {}, periods.map((p, i) => h('tr', {},
        h('td', {}, formatDate(p.start)), h('td', {}, formatDate(p.end)),
        series.map((s) => h('td', {}, s.texts[i] ?? '—')),
        h('td', { class: 'amount' }, formatPercent(series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)))))));

    replace(this.result,
      h('h3', {}, title),
      h('p', { class: 'hint' }, first.description),
      this.chart.element,
      h('h4', {}, 'Events'),
      events.length > 0 ? eventList : h('p', { class: 'hint' }, 'Nothing changed in this period.'),
      table);

    // Each point holds its value until the next: a stepped line, filled down to the series below it.
    const points = [...periods.map((p) => p.start), query.to];
    this.chart.draw({
      type: 'line',
      data: {
        datasets: series.map((s, i) => ({
          label: s.label,
          data: points.map((x, j) => ({ x, y: s.values[Math.min(j, periods.length - 1)] ?? 0 })),
          stepped: 'before' as const,
          fill: i === 0 ? 'origin' : '-1',
          borderColor: palette[i % palette.length],
          backgroundColor: `${palette[i % palette.length]}99`,
          borderWidth: 1.5,
          pointRadius: 0,
          pointHitRadius: 6,
        })),
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: {
            type: 'linear', min: query.from, max: query.to,
            afterBuildTicks: (scale) => {
              scale.ticks = quarterStarts(query.from, query.to).map((value) => ({ value }));
            },
            ticks: { callback: (value) => monthLabel(Number(value)), maxRotation: 0, autoSkip: true },
            title: { display: true, text: 'Entry date' },
          },
          y: { stacked: true, min: 0, title: { display: true, text: 'Percent of customs value' }, ticks: { callback: (value) => `${value}%` } },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              title: (items) => formatDate(Number(items[0]?.parsed.x ?? 0)),
              label: (item) => {
                const index = Math.min(Math.max(0, periodIndex(periods, Number(item.parsed.x))), periods.length - 1);
                return `${item.dataset.label}: ${series[item.datasetIndex]?.texts[index] ?? '—'}`;
              },
            },
          },
          eventLines: { marks },
        },
      },
    });
  }
}

/** The lookups of every period from the first day to the last. */
async function history(query: Query, measures: Measure[], exclusions: Exclusion[], progress: (text: string) => void): Promise<Period[]> {
  const results = new Map<number, LookupRatesResponse>();
  const lookup = async (time: number) => {
    if (!results.has(time)) {
      const entryDate = utcToDate(time);
      const request: Record<string, unknown> = { htsCode: query.code, originCountry: query.origin, importingCountry: query.country, entryDate };
      if (query.transitDays > 0) {
        request.exportDate = utcToDate(time - query.transitDays * day);
      }
      results.set(time, await post<LookupRatesResponse>(tariffService, '/v1/tariff:lookupRates', request));
    }
    return results.get(time)!;
  };

  // A first call alone, so that a bad code or a missing permission fails once, not a hundred times.
  await lookup(query.from);
  const dates = candidateDates(query, measures, exclusions);
  progress(`Looking up the rates on ${dates.length} dates…`);
  await inParallel(dates, 6, lookup);

  // Between two dates whose rates differ, the day they changed.
  const changes: [number, number][] = [];
  for (let i = 1; i < dates.length; i++) {
    if (signature(results.get(dates[i - 1]!)!) !== signature(results.get(dates[i]!)!) && dates[i]! - dates[i - 1]! > day) {
      changes.push([dates[i - 1]!, dates[i]!]);
    }
  }
  if (changes.length > 0) {
    progress(`Narrowing ${changes.length} ${changes.length === 1 ? 'change' : 'changes'} to the day…`);
  }
  await inParallel(changes, 6, async ([low, high]) => {
    // The first day unlike `low`; then again from there, for a second change before `high`.
    let lo = low;
    while (high - lo > day && signature(await lookup(lo)) !== signature(await lookup(high))) {
      const before = signature(await lookup(lo));
      let hi = high;
      while (hi - lo > day) {
        const mid = lo + Math.floor((hi - lo) / day / 2) * day;
        if (signature(await lookup(mid)) === before) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      lo = hi;
    }
  });

  const times = [...results.keys()].sort((a, b) => a - b);
  const periods: Period[] = [];
  for (const time of times) {
    const result = results.get(time)!;
    const last = periods[periods.length - 1];
    if (last && signature(last.lookup) === signature(result)) {
      continue;
    }
    if (last) {
      last.end = time - day;
    }
    periods.push({ start: time, end: query.to, lookup: result });
  }
  return periods;
}

/** The first day of each month, and each day on which something the service knows of starts or ends. */
function candidateDates(query: Query, measures: Measure[], exclusions: Exclusion[]): number[] {
  const dates = new Set<number>([query.from]);
  const add = (time: number | null | undefined) => {
    if (time !== null && time !== undefined && time >= query.from && time <= query.to) {
      dates.add(time);
    }
  };
  const start = new Date(query.from);
  for (let month = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1); month <= query.to;) {
    add(month);
    const d = new Date(month);
    month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  const transit = query.transitDays * day;
  for (const measure of measures) {
    for (const phase of measure.phases ?? []) {
      add(dateToUtc(phase.effectiveDate));
      if (phase.transit) {
        add(dateToUtc(phase.transit.exportedBeforeDate) + transit);
        add(dateToUtc(phase.transit.enteredBeforeDate));
      }
    }
    if (measure.suspensionDate) {
      add(dateToUtc(measure.suspensionDate));
    }
  }
  for (const exclusion of exclusions) {
    if (covers(exclusion.htsCode, query.code)) {
      if (exclusion.startDate) {
        add(dateToUtc(exclusion.startDate));
      }
      if (exclusion.endDate) {
        add(dateToUtc(exclusion.endDate) + day);
      }
    }
  }
  return [...dates].sort((a, b) => a - b);
}

function covers(exclusionCode: string, code: string): boolean {
  return code.replaceAll('.', '').startsWith(exclusionCode.replaceAll('.', ''));
}

function signature(lookup: LookupRatesResponse): string {
  return JSON.stringify(lookup.rates.map((r) => [r.measure, r.rateText, r.heading, r.adValoremPercent?.value ?? '', r.excludedBy]));
}

function key(rate: AppliedRate): string {
  return rate.measure || 'base';
}

/** A rate in percent of value: a measure's, or the ad valorem part of a base rate as printed. */
function valueOf(rate: AppliedRate): number {
  if (rate.excludedBy) {
    return 0;
  }
  if (rate.measure) {
    return percent(rate.adValoremPercent);
  }
  const match = /([0-9]+(?:\.[0-9]+)?)\s*%/.exec(rate.rateText);
  return match ? Number(match[1]) : 0;
}

function textOf(rate: AppliedRate): string {
  const text = rate.heading ? `${rate.rateText} (${rate.heading})` : rate.rateText;
  return rate.excludedBy ? `${text}, excluded` : text;
}

interface Series {
  label: string;
  values: (number | undefined)[];
  texts: (string | undefined)[];
}

function seriesOf(periods: Period[]): Series[] {
  const byKey = new Map<string, Series>();
  periods.forEach((period, i) => {
    for (const rate of period.lookup.rates) {
      let series = byKey.get(key(rate));
      if (!series) {
        series = { label: rate.description, values: [], texts: [] };
        byKey.set(key(rate), series);
      }
      series.values[i] = valueOf(rate);
      series.texts[i] = textOf(rate);
      if (!rate.measure && !/^\s*(free|[0-9.]+\s*%)\s*$/i.test(rate.rateText)) {
        series.label = `${rate.description} (ad valorem part of ${rate.rateText})`;
      }
    }
  });
  // The base rate first, at the bottom of the stack.
  return [...byKey.entries()].sort(([a], [b]) => (a === 'base' ? -1 : b === 'base' ? 1 : 0)).map(([, s]) => s);
}

/** What changed from one period to the next, and the rules and exclusions around those dates. */
function eventsOf(query: Query, periods: Period[], measures: Map<string, Measure>, exclusions: Exclusion[]): HistoryEvent[] {
  const events = new Map<number, string[]>();
  const note = (time: number, text: string) => {
    if (time >= query.from && time <= query.to) {
      events.set(time, [...(events.get(time) ?? []), text]);
    }
  };
  const seen = new Set<string>();
  for (let i = 0; i < periods.length; i++) {
    const before = new Map((i > 0 ? periods[i - 1]!.lookup.rates : []).map((r) => [key(r), r]));
    const after = new Map(periods[i]!.lookup.rates.map((r) => [key(r), r]));
    const time = periods[i]!.start;
    for (const [k, rate] of after) {
      seen.add(rate.measure);
      const old = before.get(k);
      if (i === 0) {
        continue;
      }
      if (!old) {
        note(time, `${rate.description} applies: ${rate.rateText}${rate.heading ? ` under ${rate.heading}` : ''}.`);
      } else if (old.rateText !== rate.rateText || old.heading !== rate.heading) {
        const halved = valueOf(rate) > 0 && Math.abs(valueOf(old) / 2 - valueOf(rate)) < 1e-9 ? ' (halved)' : '';
        note(time, `${rate.description}: ${textOf({ ...old, excludedBy: '' })} → ${textOf({ ...rate, excludedBy: '' })}${halved}.`);
      }
      if (old && !old.excludedBy && rate.excludedBy) {
        note(time, `${rate.description} lifted by the exclusion ${exclusionTitle(rate.excludedBy, exclusions)}.`);
      } else if (old?.excludedBy && !rate.excludedBy) {
        note(time, `The exclusion ${exclusionTitle(old.excludedBy, exclusions)} ends: ${rate.description} applies again.`);
      }
    }
    if (i > 0) {
      for (const [k, old] of before) {
        if (!after.has(k)) {
          const measure = measures.get(old.measure);
          const suspended = measure?.suspensionDate && dateToUtc(measure.suspensionDate) === time;
          note(time, `${old.description} ${suspended ? 'suspended' : 'no longer applies'}.`);
        }
      }
    }
  }
  // The transit rule of each phase of a measure that applies, and the exclusions of this product that
  // the lookups could not price (those for one importer only).
  for (const name of seen) {
    const measure = measures.get(name);
    for (const phase of measure?.phases ?? []) {
      if (phase.transit) {
        const t = phase.transit;
        note(dateToUtc(phase.effectiveDate), `Transit rule: goods exported before ${formatDate(t.exportedBeforeDate)} and entered before ${formatDate(t.enteredBeforeDate)} keep the previous rate${t.heading ? ` under ${t.heading}` : ''}.`);
        note(dateToUtc(t.enteredBeforeDate), `${measure!.title}: the transit window closes; goods entered from today pay the new rate whenever they left.`);
      }
    }
  }
  for (const exclusion of exclusions) {
    if (covers(exclusion.htsCode, query.code) && seen.has(exclusion.measure) && exclusion.importer && exclusion.startDate) {
      note(dateToUtc(exclusion.startDate), `Exclusion granted to ${exclusion.importer} only (${isoDate(exclusion.startDate)} to ${isoDate(exclusion.endDate)}): ${exclusion.productDescription ?? exclusion.name}; lines of other importers owe the duty, as charted.`);
    }
  }
  return [...events.entries()].sort(([a], [b]) => a - b).map(([time, notes]) => ({ time, notes }));
}

function exclusionTitle(name: string, exclusions: Exclusion[]): string {
  const exclusion = exclusions.find((e) => e.name === name);
  return exclusion ? `${name} (${exclusion.requester ?? 'granted'}, from ${formatDate(exclusion.startDate)} to ${formatDate(exclusion.endDate)})` : name;
}

function periodIndex(periods: Period[], time: number): number {
  let index = 0;
  periods.forEach((p, i) => {
    if (p.start <= time) {
      index = i;
    }
  });
  return index;
}

function quarterStarts(from: number, to: number): number[] {
  const ticks: number[] = [];
  const start = new Date(from);
  for (let m = start.getUTCFullYear() * 12 + Math.floor(start.getUTCMonth() / 3) * 3; ; m += 3) {
    const time = Date.UTC(Math.floor(m / 12), m % 12, 1);
    if (time > to) {
      break;
    }
    if (time >= from) {
      ticks.push(time);
    }
  }
  return ticks;
}

const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

function monthLabel(time: number): string {
  return monthYear.format(time);
}

/** Runs `work` on every item, at most `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
