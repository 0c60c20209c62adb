// The tariff service's resources the views share: measures and exclusions, read once per token.

import { get, listAll } from './api';
import type { Decimal, Money, ProtoDate } from './format';

export interface TransitRule {
  exportedBeforeDate: ProtoDate;
  enteredBeforeDate: ProtoDate;
  heading?: string;
}

export interface RatePhase {
  effectiveDate: ProtoDate;
  adValoremPercent: Decimal;
  heading?: string;
  transit?: TransitRule | null;
}

export interface Measure {
  name: string;
  title: string;
  description?: string;
  legalBasis: string;
  importingCountry: string;
  originCountries?: string[];
  heading?: string;
  phases?: RatePhase[];
  state: string;
  suspensionDate?: ProtoDate | null;
  tradeValue?: Money | null;
  excludedWith?: string;
}

export interface Exclusion {
  name: string;
  measure: string;
  htsCode: string;
  productDescription?: string;
  requester?: string;
  state: string;
  heading?: string;
  startDate?: ProtoDate | null;
  endDate?: ProtoDate | null;
  importer?: string;
}

/** The duty and what it is made of, as QuoteDuty answers. */
export interface DutyComponent {
  heading: string;
  description: string;
  rateText: string;
  amount: Money;
  measure: string;
  allowance?: AllowanceDraw | null;
  /** The absolute quota that goods beyond the exclusion in `allowance` count against. */
  quotaDraw?: AllowanceDraw | null;
}

export interface AllowanceDraw {
  source: string;
  remaining?: Allowance;
  drawn?: Allowance;
  beyond?: Allowance;
}

export interface Allowance {
  quantity?: { unit: string; value: Decimal };
  value?: Money;
}

export interface LineQuote {
  htsCode: string;
  duty: Money;
  components: DutyComponent[];
  deMinimis: boolean;
  exclusionsApplied: string[];
}

export interface QuoteDutyResponse {
  lines: LineQuote[];
  totalDuty: Money;
  deMinimis: boolean;
}

export interface AppliedRate {
  heading: string;
  description: string;
  rateText: string;
  measure: string;
  adValoremPercent?: Decimal | null;
  excludedBy: string;
}

export interface LookupRatesResponse {
  htsCode: string;
  description: string;
  rates: AppliedRate[];
}

const legalBases: Record<string, string> = {
  LEGAL_BASIS_SECTION_301: 'Section 301, Trade Act of 1974',
  LEGAL_BASIS_SECTION_232: 'Section 232, Trade Expansion Act of 1962',
  LEGAL_BASIS_RETALIATION: 'Retaliation',
};

/** The law a measure rests on, in words. */
export function legalBasis(measure: Measure | undefined): string {
  return measure ? legalBases[measure.legalBasis] ?? measure.legalBasis : '';
}

/** The law the base rate of an importing country's schedule rests on. */
export function baseRateBasis(importingCountry: string): string {
  return importingCountry === 'CN' ? "China's applied MFN tariff" : 'Harmonized Tariff Schedule of the United States';
}

let measureCache = new Map<string, Promise<Measure[]>>();
let exclusionCache: Promise<Exclusion[]> | null = null;

/** Forgets what was read with the previous token. */
export function clearTariffCache(): void {
  measureCache = new Map();
  exclusionCache = null;
}

/** Every measure on imports into one country (the BASIC view: phases, no product scope). */
export function measuresOf(importingCountry: string): Promise<Measure[]> {
  let measures = measureCache.get(importingCountry);
  if (!measures) {
    measures = listAll<Measure>('tariff', '/v1/measures', 'measures', { importingCountry });
    measures.catch(() => measureCache.delete(importingCountry));
    measureCache.set(importingCountry, measures);
  }
  return measures;
}

export async function measureMap(importingCountry: string): Promise<Map<string, Measure>> {
  return new Map((await measuresOf(importingCountry)).map((m) => [m.name, m]));
}

/** Every granted exclusion the caller may see. */
export function grantedExclusions(): Promise<Exclusion[]> {
  if (!exclusionCache) {
    exclusionCache = listAll<Exclusion>('tariff', '/v1/exclusions', 'exclusions', { state: 'EXCLUSION_STATE_GRANTED' });
    exclusionCache.catch(() => {
      exclusionCache = null;
    });
  }
  return exclusionCache;
}

export function ping(service: 'tariff' | 'negotiation'): Promise<unknown> {
  return get(service, '/v1/diagnostics:ping');
}
