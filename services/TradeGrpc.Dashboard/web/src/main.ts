// The dashboard: the token, the services' status, and the tabs of the five views.

import { ApiError, getToken, loadConfig, onCallOutcome, readClaims, serviceAddress, setToken, shownAddress, type Service } from './api';
import { CalculatorView } from './calculator';
import { byId } from './dom';
import { describe } from './errors';
import { HistoryView } from './history';
import { ImpactView } from './impact';
import { clearNegotiationCache } from './negotiations';
import { PurchasesView } from './purchases';
import { TalksView } from './talks';
import { clearTariffCache, ping } from './tariff';
import type { View } from './view';

const services: Service[] = ['tariff', 'negotiation'];

function showStatus(service: Service, state: 'ok' | 'warn' | 'bad' | '', text: string): void {
  byId(`status-${service}`).textContent = text;
  const dot = byId(`dot-${service}`);
  dot.className = `status-dot ${state}`;
}

/** What a call's outcome says about a service, in the header. */
function statusOf(service: Service, outcome: ApiError | null | unknown): void {
  if (outcome === null) {
    showStatus(service, 'ok', `answering at ${shownAddress(service)}; your token is accepted`);
    return;
  }
  if (!(outcome instanceof ApiError)) {
    return;
  }
  const { title } = describe(outcome);
  if (outcome.kind === 'network') {
    showStatus(service, 'bad', `down or unreachable at ${outcome.address}`);
  } else if (outcome.kind === 'unconfigured') {
    showStatus(service, 'bad', 'not configured for this page');
  } else if (outcome.code === 'UNAVAILABLE') {
    showStatus(service, 'bad', `unavailable: ${outcome.status?.message ?? ''}`);
  } else if (outcome.code === 'UNAUTHENTICATED' || outcome.code === 'PERMISSION_DENIED') {
    showStatus(service, 'warn', `answering; ${title.charAt(0).toLowerCase()}${title.slice(1)}`);
  }
}

async function checkServices(): Promise<void> {
  await Promise.all(services.map(async (service) => {
    if (serviceAddress(service) === null) {
      showStatus(service, 'bad', 'not configured for this page');
      return;
    }
    showStatus(service, '', 'checking…');
    try {
      await ping(service);
      statusOf(service, null);
    } catch (error) {
      statusOf(service, error);
    }
  }));
}

function showWho(): void {
  const who = byId('token-who');
  const token = getToken();
  who.classList.remove('expired');
  if (!token) {
    who.textContent = 'No token yet: the services answer nothing without one.';
    return;
  }
  const claims = readClaims(token);
  if (!claims) {
    who.textContent = 'A token is set, but it does not read as a JSON Web Token.';
    return;
  }
  const parts = [`Token for ${claims.sub ?? 'an unnamed subject'}`];
  if (claims.org) {
    parts.push(`of ${claims.org}`);
  }
  parts.push(claims.roles.length > 0 ? `with the roles ${claims.roles.join(', ')}` : 'with no role');
  let text = parts.join(' ');
  if (claims.exp) {
    const minutes = Math.round((claims.exp * 1000 - Date.now()) / 60_000);
    if (minutes <= 0) {
      who.classList.add('expired');
      text += '; it has expired';
    } else {
      text += `; it expires in ${minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`}`;
    }
  }
  who.textContent = `${text}.`;
}

class Tabs {
  private current: View | null = null;
  private readonly tabs: HTMLButtonElement[];

  constructor(private readonly views: View[]) {
    this.tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    for (const tab of this.tabs) {
      tab.addEventListener('click', () => this.go(tab.dataset.view ?? ''));
      tab.addEventListener('keydown', (event) => this.key(event, tab));
    }
    window.addEventListener('hashchange', () => this.select(this.fromHash()));
  }

  start(): void {
    this.select(this.fromHash());
  }

  /** The view again, after the token changed. */
  refresh(): void {
    this.current?.show();
  }

  private fromHash(): string {
    const id = window.location.hash.slice(1);
    return this.views.some((v) => v.id === id) ? id : this.views[0]!.id;
  }

  private go(id: string): void {
    if (window.location.hash.slice(1) === id) {
      this.select(id);
    } else {
      window.location.hash = id;
    }
  }

  /** Arrow keys, Home and End move between tabs and show each (the tabs pattern of the ARIA practices). */
  private key(event: KeyboardEvent, tab: HTMLButtonElement): void {
    const index = this.tabs.indexOf(tab);
    const last = this.tabs.length - 1;
    const target = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (target === undefined) {
      return;
    }
    event.preventDefault();
    const next = this.tabs[target]!;
    next.focus();
    this.go(next.dataset.view ?? '');
  }

  private select(id: string): void {
    const view = this.views.find((v) => v.id === id)!;
    for (const tab of this.tabs) {
      const selected = tab.dataset.view === id;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    for (const panel of document.querySelectorAll<HTMLElement>('[role="tabpanel"]')) {
      panel.hidden = panel.id !== `view-${id}`;
    }
    document.title = `${view.title} · TradeGrpc dashboard`;
    if (this.current !== view) {
      this.current?.hide?.();
      this.current = view;
    }
    view.show();
  }
}

async function main(): Promise<void> {
  await loadConfig();
  const views: View[] = [new CalculatorView(), new HistoryView(), new TalksView(), new PurchasesView(), new ImpactView()];
  const tabs = new Tabs(views);
  onCallOutcome((service, outcome) => {
    // A call refused for its own permission says nothing of the service as a whole: the check above does.
    if (!(outcome instanceof ApiError && outcome.code === 'PERMISSION_DENIED')) {
      statusOf(service, outcome);
    }
  });

  const input = byId<HTMLInputElement>('token');
  input.value = getToken();
  const changed = () => {
    showWho();
    clearTariffCache();
    clearNegotiationCache();
    for (const view of views) {
      view.reset();
    }
    void checkServices();
    tabs.refresh();
  };
  byId<HTMLFormElement>('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setToken(input.value.trim());
    changed();
  });
  byId('token-forget').addEventListener('click', () => {
    input.value = '';
    setToken('');
    changed();
    input.focus();
  });
  byId('status-check').addEventListener('click', () => void checkServices());

  showWho();
  void checkServices();
  tabs.start();
  document.body.dataset.ready = 'true';
}

void main();
