// The negotiation service's resources the views share.

import { listAll } from './api';
import { h, replace } from './dom';
import type { Decimal, Money, ProtoDate } from './format';

export interface Negotiation {
  name: string;
  title: string;
  parties: string[];
  state: string;
  delegations?: { party: string; members: { name: string; title?: string; office?: string; lead?: boolean }[] }[];
}

export interface Round {
  name: string;
  venueCity?: string;
  venueCountry?: string;
  format: string;
  startDate: ProtoDate;
  endDate?: ProtoDate | null;
  participants?: string[];
  state: string;
  outcome?: string;
  summary?: string;
}

export interface Position {
  party: string;
  stance: string;
  text?: string;
  positionDate?: ProtoDate | null;
}

export interface Issue {
  name: string;
  title: string;
  category: string;
  demandedBy: string;
  state: string;
  positions: Position[];
}

export interface DraftProgress {
  agreed?: number;
  total?: number;
  agreedPercent?: number;
}

export interface Provision {
  key: string;
  title?: string;
  text?: string;
  state: string;
}

export interface DraftVersion {
  name: string;
  version: number;
  basedOn?: number;
  label?: string;
  provisions: Provision[];
  progress?: DraftProgress;
  revertedTo?: number;
  createTime?: string;
}

export interface ProvisionChange {
  key: string;
  kind: string;
  before?: Provision | null;
  after?: Provision | null;
}

export interface CompareDraftsResponse {
  changes: ProvisionChange[];
  fromProgress?: DraftProgress;
  toProgress?: DraftProgress;
}

export interface Statement {
  name: string;
  speaker: { name?: string; title?: string; party?: string };
  attribution: string;
  quote: string;
  statementDate: ProtoDate;
  source?: string;
}

export interface NegotiationEvent {
  sequence: string;
  negotiation: string;
  kind: string;
  subject: string;
  eventTime: string;
  summary: string;
  actor?: { subject?: string; organisation?: string };
}

export interface Commitment {
  name: string;
  party: string;
  kind: string;
  state: string;
  description?: string;
  concession?: { measure: string; action: string; ratePercent?: Decimal | null; effectiveDate?: ProtoDate | null } | null;
}

export interface PurchaseProgress {
  category?: string;
  commitments?: string[];
  baseline?: Money | null;
  target?: Money | null;
  goal?: Money | null;
  purchased?: Money | null;
  fulfilled?: Money | null;
  purchasedPercent?: number;
  fulfilledPercent?: number;
}

export interface GetPurchaseProgressResponse {
  categories: PurchaseProgress[];
  total?: PurchaseProgress | null;
}

let negotiations: Promise<Negotiation[]> | null = null;

export function clearNegotiationCache(): void {
  negotiations = null;
}

export function listNegotiations(): Promise<Negotiation[]> {
  if (!negotiations) {
    negotiations = listAll<Negotiation>('negotiation', '/v1/negotiations', 'negotiations');
    negotiations.catch(() => {
      negotiations = null;
    });
  }
  return negotiations;
}

/** Fills a select with the negotiations, keeping its choice when it still names one. */
export function fillNegotiations(select: HTMLSelectElement, all: Negotiation[], preferred?: string): void {
  const current = select.value || preferred || '';
  replace(select, all.map((n) => h('option', { value: n.name }, n.title)));
  if (all.some((n) => n.name === current)) {
    select.value = current;
  }
}
