// The entry lines of a quote or a basket: a table of inputs, one row a line, that adds and removes rows.

import { h, replace } from './dom';
import { setFieldError } from './errors';
import { parseDate, type Money, type ProtoDate } from './format';

export interface LineValues {
  code: string;
  origin: string;
  value: string;
  quantity?: string;
  unit?: string;
  exportDate?: string;
}

/** A quote line as the contracts' JSON has it (trade.tariff.v1.QuoteLine). */
export interface QuoteLine {
  htsCode: string;
  originCountry: string;
  customsValue: Money;
  quantities?: { unit: string; value: { value: string } }[];
  exportDate?: ProtoDate;
}

export class LineEditor {
  private values: LineValues[];
  private readonly table: HTMLTableSectionElement;
  private readonly addButton: HTMLButtonElement;

  constructor(container: HTMLElement, private readonly prefix: string, initial: LineValues[], private readonly noun = 'line') {
    this.values = initial.map((v) => ({ ...v }));
    this.table = h('tbody');
    this.addButton = h('button', { type: 'button', class: 'secondary small', onclick: () => this.add() }, `Add a ${noun}`);
    const head = h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Number')),
      h('th', { scope: 'col' }, 'HS code'),
      h('th', { scope: 'col' }, 'Origin'),
      h('th', { scope: 'col' }, 'Customs value (USD)'),
      h('th', { scope: 'col' }, 'Quantity'),
      h('th', { scope: 'col' }, 'Unit'),
      h('th', { scope: 'col' }, 'Export date'),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Remove'))));
    replace(container, h('table', { class: 'lines' }, head, this.table), h('div', { class: 'lines-actions' }, this.addButton));
    this.render();
  }

  /** Replaces every line. */
  set(lines: LineValues[]): void {
    this.values = lines.map((v) => ({ ...v }));
    this.render();
  }

  get count(): number {
    return this.values.length;
  }

  /**
   * The lines as the request sends them, or null after marking the inputs that cannot be sent at all
   * (an amount that is not a number); everything else the service checks, and its errors land by the fields.
   */
  read(): QuoteLine[] | null {
    this.collect();
    let ok = true;
    const lines = this.values.map((v, i) => {
      const line: QuoteLine = {
        htsCode: v.code.trim(),
        originCountry: v.origin.trim().toUpperCase(),
        customsValue: { currencyCode: 'USD', units: '0', nanos: 0 },
      };
      const money = /^\s*\$?\s*([0-9][0-9,]*)(?:\.([0-9]{1,2}))?\s*$/.exec(v.value);
      if (money) {
        line.customsValue = { currencyCode: 'USD', units: money[1]!.replaceAll(',', ''), nanos: Number((money[2] ?? '').padEnd(9, '0')) };
      } else {
        setFieldError(this.input(i, 'value'), 'Enter an amount in US dollars, such as 5000 or 1250.50.');
        ok = false;
      }
      if (v.quantity?.trim() || v.unit?.trim()) {
        line.quantities = [{ unit: (v.unit ?? '').trim().toUpperCase(), value: { value: (v.quantity ?? '').trim() } }];
      }
      if (v.exportDate) {
        const date = parseDate(v.exportDate);
        if (date) {
          line.exportDate = date;
        }
      }
      return line;
    });
    return ok ? lines : null;
  }

  private input(index: number, name: string): HTMLInputElement {
    return document.getElementById(`${this.prefix}-${index}-${name}`) as HTMLInputElement;
  }

  private collect(): void {
    this.values = this.values.map((_, i) => ({
      code: this.input(i, 'code').value,
      origin: this.input(i, 'origin').value,
      value: this.input(i, 'value').value,
      quantity: this.input(i, 'quantity').value,
      unit: this.input(i, 'unit').value,
      exportDate: this.input(i, 'export').value,
    }));
  }

  private add(): void {
    this.collect();
    const last = this.values[this.values.length - 1];
    this.values.push({ code: '', origin: last?.origin ?? 'CN', value: '' });
    this.render();
    this.input(this.values.length - 1, 'code').focus();
  }

  private remove(index: number): void {
    this.collect();
    this.values.splice(index, 1);
    this.render();
    (this.values.length > 0 ? this.input(Math.max(0, index - 1), 'code') : this.addButton).focus();
  }

  private render(): void {
    const rows = this.values.map((v, i) => {
      const n = i + 1;
      const field = (name: string, label: string, value: string, path: string, attrs: Record<string, string> = {}) =>
        h('input', { id: `${this.prefix}-${i}-${name}`, 'aria-label': `${capitalise(this.noun)} ${n}: ${label}`, value, 'data-field': `lines[${i}].${path}`, autocomplete: 'off', ...attrs });
      return h('tr', {},
        h('td', { class: 'num' }, String(n)),
        h('td', {}, field('code', 'HS code', v.code, 'hts_code', { inputmode: 'numeric', placeholder: '9028.10.00' })),
        h('td', {}, field('origin', 'origin (ISO code)', v.origin, 'origin_country', { maxlength: '2', placeholder: 'CN' })),
        h('td', {}, field('value', 'customs value in US dollars', v.value, 'customs_value', { inputmode: 'decimal', placeholder: '5000' })),
        h('td', {}, field('quantity', 'quantity', v.quantity ?? '', 'quantities[0].value', { inputmode: 'decimal', placeholder: 'optional' })),
        h('td', {}, field('unit', 'unit of quantity', v.unit ?? '', 'quantities[0].unit', { placeholder: 'NO, KG' })),
        h('td', {}, field('export', 'export date', v.exportDate ?? '', 'export_date', { type: 'date' })),
        h('td', {}, h('button', {
          type: 'button', class: 'secondary small', 'aria-label': `Remove ${this.noun} ${n}`, disabled: this.values.length === 1,
          onclick: () => this.remove(i),
        }, 'Remove')));
    });
    replace(this.table, rows);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function lineSummary(line: QuoteLine): string {
  return `${line.htsCode} of ${line.originCountry}`;
}
