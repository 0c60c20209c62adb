// How figures, dates and enum values read on the page.

export interface Money {
  currencyCode?: string;
  units?: string | number;
  nanos?: number;
}

export interface ProtoDate {
  year: number;
  month: number;
  day: number;
}

export interface Decimal {
  value?: string;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdWhole = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usdCompact = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

/** A Money as a number of its currency's units (exact to the cent for what the services send). */
export function amount(money: Money | null | undefined): number {
  if (!money) {
    return 0;
  }
  return Number(money.units ?? 0) + (money.nanos ?? 0) / 1e9;
}

/** `$1,391.00`. */
export function formatMoney(money: Money | number | null | undefined): string {
  return usd.format(typeof money === 'number' ? money : amount(money));
}

/** `$50,151,478,524`. */
export function formatWholeMoney(money: Money | number | null | undefined): string {
  return usdWhole.format(typeof money === 'number' ? money : amount(money));
}

/** `$50.2B`. */
export function formatCompactMoney(value: number): string {
  return usdCompact.format(value);
}

/** A signed difference: `−$1,250.00`, `+$10.00`. */
export function formatDelta(value: number): string {
  const sign = value < 0 ? '−' : value > 0 ? '+' : '±';
  return `${sign}${usd.format(Math.abs(value))}`;
}

export function percent(decimal: Decimal | null | undefined): number {
  return Number(decimal?.value ?? 0);
}

export function formatPercent(value: number): string {
  return `${Number(value.toFixed(3))}%`;
}

/** A date input's value (`2019-07-30`) as a google.type.Date; null when empty or not a date. */
export function parseDate(value: string): ProtoDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
}

export function dateToUtc(date: ProtoDate): number {
  return Date.UTC(date.year, date.month - 1, date.day);
}

export function utcToDate(time: number): ProtoDate {
  const d = new Date(time);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `2019-07-30`. */
export function isoDate(date: ProtoDate | null | undefined): string {
  if (!date) {
    return '';
  }
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** `30 Jul 2019`. */
export function formatDate(date: ProtoDate | number | null | undefined): string {
  if (date === null || date === undefined) {
    return '';
  }
  return shortDate.format(typeof date === 'number' ? date : dateToUtc(date));
}

/** `30 Jul 2019` or `30 Jul 2019 – 31 Jul 2019`. */
export function formatDateRange(start: ProtoDate | null | undefined, end: ProtoDate | null | undefined): string {
  return end && isoDate(end) !== isoDate(start) ? `${formatDate(start)} – ${formatDate(end)}` : formatDate(start);
}

/** A protobuf JSON timestamp, in UTC. */
export function formatTimestamp(timestamp: string | null | undefined): string {
  return timestamp ? `${dateTime.format(new Date(timestamp))} UTC` : '';
}

/** `ROUND_OUTCOME_AGREEMENT_IN_PRINCIPLE` read with the prefix `ROUND_OUTCOME_`: `Agreement in principle`. */
export function enumLabel(value: string | null | undefined, prefix: string): string {
  if (!value || value.endsWith('_UNSPECIFIED')) {
    return '';
  }
  const words = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  const text = words.toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The same value as a CSS class: `agreement-in-principle`. */
export function enumClass(value: string | null | undefined, prefix: string): string {
  return enumLabel(value, prefix).toLowerCase().replaceAll(' ', '-');
}

const countries: Record<string, string> = {
  US: 'United States', CN: 'China', JP: 'Japan', AR: 'Argentina', CA: 'Canada', MX: 'Mexico', HK: 'Hong Kong',
};

export function countryName(code: string | null | undefined): string {
  return code ? countries[code] ?? code : '';
}

/** `9028.10.00`, `1201.90`: an HS code's digits grouped as the schedules print them. */
export function dottedCode(code: string): string {
  const digits = code.replaceAll('.', '');
  const parts = [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8), digits.slice(8, 10)].filter((p) => p.length > 0);
  return parts.join('.');
}
