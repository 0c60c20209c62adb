// The talks: rounds, open sticking points with each side's position, the drafts' progress, statements,
// and the negotiation's events, live from WatchNegotiation.

import { ApiError, get, listAll, stream } from './api';
import { ChartBox, palette } from './charts';
import { byId, h, replace } from './dom';
import { describe } from './errors';
import { countryName, enumClass, enumLabel, formatDate, formatDateRange, formatTimestamp } from './format';
import {
  fillNegotiations, listNegotiations, type CompareDraftsResponse, type DraftVersion, type Issue, type Negotiation, type NegotiationEvent,
  type Round, type Statement,
} from './negotiations';
import { ResultReads, type View } from './view';

/** How many events the feed keeps on the page. */
const feedLength = 60;

export class TalksView implements View {
  readonly id = 'talks';
  readonly title = 'Talks';

  private readonly select = byId<HTMLSelectElement>('talks-negotiation');
  private readonly errors = byId('talks-error');
  private readonly result = byId('talks-result');
  private loaded = '';
  private visible = false;
  private watch: AbortController | null = null;
  private draftChart: ChartBox | null = null;
  private readonly reads = new ResultReads(this.result, this.errors);

  constructor() {
    this.select.addEventListener('change', () => void this.load());
  }

  show(): void {
    this.visible = true;
    if (!this.loaded || this.loaded !== this.select.value) {
      void this.load();
    } else {
      this.startWatch();
    }
  }

  hide(): void {
    this.visible = false;
    this.stopWatch();
  }

  reset(): void {
    this.stopWatch();
    this.loaded = '';
  }

  private async load(): Promise<void> {
    this.stopWatch();
    this.errors.replaceChildren();
    const current = this.reads.next();
    await this.reads.run(current, async () => {
      const all = await listNegotiations();
      fillNegotiations(this.select, all);
      const negotiation = all.find((n) => n.name === this.select.value);
      if (!negotiation) {
        replace(this.result, h('p', { class: 'notice' }, 'No negotiation is recorded yet.'));
        return;
      }
      const name = negotiation.name;
      const [rounds, issues, drafts, statements, events] = await Promise.all([
        listAll<Round>('negotiation', `/v1/${name}/rounds`, 'rounds'),
        listAll<Issue>('negotiation', `/v1/${name}/issues`, 'issues'),
        listAll<DraftVersion>('negotiation', `/v1/${name}/drafts`, 'drafts'),
        listAll<Statement>('negotiation', `/v1/${name}/statements`, 'statements'),
        listAll<NegotiationEvent>('negotiation', `/v1/${name}/events`, 'events'),
      ]);
      if (!current()) {
        return;
      }
      this.loaded = name;
      this.render(negotiation, rounds, issues, drafts, statements, events);
      if (this.visible) {
        this.startWatch();
      }
    }, () => this.draftChart?.destroy());
  }

  private render(negotiation: Negotiation, rounds: Round[], issues: Issue[], drafts: DraftVersion[], statements: Statement[], events: NegotiationEvent[]): void {
    const parties = negotiation.parties.map(countryName).join(' and ');
    const delegations = (negotiation.delegations ?? []).map((d) => {
      const lead = d.members.find((m) => m.lead) ?? d.members[0];
      return lead ? `${countryName(d.party)}: ${lead.name}${lead.title ? `, ${lead.title}` : ''}${d.members.length > 1 ? ` and ${d.members.length - 1} more` : ''}` : '';
    }).filter(Boolean);
    const open = issues.filter((i) => i.state === 'ISSUE_STATE_OPEN' || i.state === 'ISSUE_STATE_NARROWED');
    const settled = issues.length - open.length;

    this.draftChart?.destroy();
    this.draftChart = drafts.length > 0 ? new ChartBox(`Share of provisions agreed in each of the ${drafts.length} draft versions; the table beside it gives the figures.`, 'small') : null;
    const feed = h('ol', { class: 'feed', id: 'talks-feed', 'aria-label': 'Events, newest first' });
    const feedStatus = h('p', { class: 'feed-status', id: 'talks-feed-status', role: 'status' }, 'Connecting…');
    for (const event of events.slice(-feedLength).reverse()) {
      feed.appendChild(eventItem(event, false));
    }
    feed.dataset.after = events.length > 0 ? events[events.length - 1]!.sequence : '0';

    replace(this.result,
      h('p', { class: 'talks-summary' },
        h('strong', {}, negotiation.title), ` between ${parties}. `,
        h('span', { class: `badge ${enumClass(negotiation.state, 'NEGOTIATION_STATE_')}` }, enumLabel(negotiation.state, 'NEGOTIATION_STATE_')),
        delegations.length > 0 ? h('span', { class: 'hint' }, ` Delegations led by ${delegations.join('; ')}.`) : null),
      h('div', { class: 'talks-grid' },
        h('section', { 'aria-labelledby': 'talks-rounds-heading' },
          h('h3', { id: 'talks-rounds-heading' }, `Rounds (${rounds.length})`),
          rounds.length > 0 ? h('ol', { class: 'timeline', id: 'talks-rounds' }, rounds.map(roundItem)) : h('p', { class: 'hint' }, 'No round yet.')),
        h('section', { 'aria-labelledby': 'talks-issues-heading' },
          h('h3', { id: 'talks-issues-heading' }, `Open sticking points (${open.length})`),
          settled > 0 ? h('p', { class: 'hint' }, `${settled} more resolved or dropped.`) : null,
          h('div', { id: 'talks-issues' }, open.map((issue) => issueItem(issue, negotiation.parties)))),
        h('section', { 'aria-labelledby': 'talks-drafts-heading' },
          h('h3', { id: 'talks-drafts-heading' }, 'Draft progress'),
          drafts.length > 0 ? [this.draftChart!.element, draftTable(drafts), compareForm(negotiation.name, drafts)] : h('p', { class: 'hint' }, 'No draft yet.')),
        h('section', { 'aria-labelledby': 'talks-statements-heading' },
          h('h3', { id: 'talks-statements-heading' }, `Statements (${statements.length})`),
          h('div', { id: 'talks-statements' }, [...statements].sort((a, b) => compareDates(b.statementDate, a.statementDate)).map(statementItem))),
        h('section', { 'aria-labelledby': 'talks-feed-heading', class: 'feed-section' },
          h('h3', { id: 'talks-feed-heading' }, 'Live events'),
          feedStatus,
          feed)));

    this.draftChart?.draw({
      type: 'bar',
      data: {
        labels: drafts.map((d) => `v${d.version}`),
        datasets: [{
          label: 'Provisions agreed',
          data: drafts.map((d) => d.progress?.agreedPercent ?? 0),
          backgroundColor: drafts.map((_, i) => (i === drafts.length - 1 ? palette[0] : `${palette[0]}88`)),
        }],
      },
      options: {
        scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` }, title: { display: true, text: 'Provisions agreed' } } },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => {
            const d = drafts[item.dataIndex]!;
            return `${d.label ?? ''}: ${d.progress?.agreed ?? 0} of ${d.progress?.total ?? 0} agreed (${item.parsed.y}%)`;
          } } },
        },
      },
    });
  }

  private startWatch(): void {
    if (this.watch || !this.loaded) {
      return;
    }
    const controller = new AbortController();
    this.watch = controller;
    void this.runWatch(this.loaded, controller.signal);
  }

  private stopWatch(): void {
    this.watch?.abort();
    this.watch = null;
  }

  /** Watches from the last event shown; a watch that ends (the service's cap on a stream, a restart) starts again where it was. */
  private async runWatch(name: string, signal: AbortSignal): Promise<void> {
    let delay = 1000;
    while (!signal.aborted) {
      const feed = document.getElementById('talks-feed');
      const status = document.getElementById('talks-feed-status');
      if (!feed || !status) {
        return;
      }
      try {
        const events = stream<NegotiationEvent>('negotiation', `/v1/${name}:watch?afterSequence=${feed.dataset.after ?? '0'}`, signal);
        replace(status, h('span', { class: 'live' }, 'Live'), ': new events appear at the top as they are recorded.');
        // Announced as they come, not the events already listed.
        feed.setAttribute('aria-live', 'polite');
        for await (const event of events) {
          delay = 1000;
          if (BigInt(event.sequence) <= BigInt(feed.dataset.after ?? '0')) {
            continue;
          }
          feed.dataset.after = event.sequence;
          feed.prepend(eventItem(event, true));
          while (feed.children.length > feedLength) {
            feed.lastElementChild?.remove();
          }
        }
      } catch (error) {
        if (signal.aborted) {
          return;
        }
        const { title, text } = describe(error);
        const final = error instanceof ApiError && ['UNAUTHENTICATED', 'PERMISSION_DENIED', 'NOT_FOUND', 'INVALID_ARGUMENT'].includes(error.code);
        replace(status, h('strong', {}, `${title}. `), text, final ? '' : ` Trying again in ${Math.round(delay / 1000)} s.`);
        if (final) {
          return;
        }
      }
      if (signal.aborted) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  }
}

function roundItem(round: Round): HTMLElement {
  const ended = round.state === 'ROUND_STATE_ENDED';
  const where = [round.venueCity, countryName(round.venueCountry)].filter(Boolean).join(', ') || 'Call';
  return h('li', { class: enumClass(round.state, 'ROUND_STATE_') },
    h('div', { class: 'round-head' },
      h('span', { class: 'round-when' }, formatDateRange(round.startDate, round.endDate)),
      h('span', { class: 'round-where' }, where),
      h('span', { class: 'badge' }, enumLabel(round.format, 'ROUND_FORMAT_')),
      ended && round.outcome && !round.outcome.endsWith('UNSPECIFIED')
        ? h('span', { class: `badge ${enumClass(round.outcome, 'ROUND_OUTCOME_')}` }, enumLabel(round.outcome, 'ROUND_OUTCOME_'))
        : h('span', { class: `badge ${enumClass(round.state, 'ROUND_STATE_')}` }, enumLabel(round.state, 'ROUND_STATE_'))),
    round.summary ? h('p', { class: 'round-summary' }, round.summary) : null);
}

function issueItem(issue: Issue, parties: string[]): HTMLElement {
  const rows = parties.map((party) => {
    const position = issue.positions.find((p) => p.party === party);
    return h('tr', {},
      h('th', { scope: 'row' }, countryName(party)),
      position
        ? [h('td', {}, h('span', { class: `badge ${enumClass(position.stance, 'STANCE_')}` }, enumLabel(position.stance, 'STANCE_'))),
          h('td', {}, position.text ?? '', position.positionDate ? h('span', { class: 'hint' }, ` (${formatDate(position.positionDate)})`) : null)]
        : [h('td', { colspan: '2', class: 'hint' }, 'No position recorded')]);
  });
  return h('article', { class: 'issue' },
    h('h4', {}, issue.title),
    h('p', { class: 'meta' }, `Demanded by ${countryName(issue.demandedBy)} · ${enumLabel(issue.category, 'ISSUE_CATEGORY_')} · `,
      h('span', { class: `badge ${enumClass(issue.state, 'ISSUE_STATE_')}` }, enumLabel(issue.state, 'ISSUE_STATE_'))),
    h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, `Positions on ${issue.title}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Side'), h('th', { scope: 'col' }, 'Stance'), h('th', { scope: 'col' }, 'Position'))),
      h('tbody', {}, rows)));
}

function draftTable(drafts: DraftVersion[]): HTMLElement {
  return h('table', { class: 'data', id: 'talks-drafts' },
    h('caption', { class: 'visually-hidden' }, 'Draft versions'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Version'), h('th', { scope: 'col' }, 'Label'),
      h('th', { scope: 'col', class: 'amount' }, 'Agreed'))),
    h('tbody', {}, drafts.map((d) => h('tr', {},
      h('th', { scope: 'row' }, `v${d.version}`, d.basedOn ? h('span', { class: 'hint' }, ` from v${d.basedOn}`) : null),
      h('td', {}, d.label ?? ''),
      h('td', { class: 'amount' }, `${d.progress?.agreed ?? 0} of ${d.progress?.total ?? 0} (${d.progress?.agreedPercent ?? 0}%)`)))));
}

/** Two versions to compare with CompareDrafts, the last two at first. */
function compareForm(name: string, drafts: DraftVersion[]): HTMLElement {
  if (drafts.length < 2) {
    return h('p', { class: 'hint' }, 'One version so far: nothing to compare.');
  }
  const options = (selected: number) => drafts.map((d) => h('option', { value: String(d.version), selected: d.version === selected }, `v${d.version}`));
  const from = h('select', { id: 'compare-from' }, options(drafts[drafts.length - 2]!.version));
  const to = h('select', { id: 'compare-to' }, options(drafts[drafts.length - 1]!.version));
  const output = h('div', { id: 'compare-result', 'aria-live': 'polite' });
  const compare = async () => {
    try {
      const result = await get<CompareDraftsResponse>('negotiation', `/v1/${name}/drafts:compare`, { fromVersion: from.value, toVersion: to.value });
      replace(output, result.changes.length === 0 ? h('p', { class: 'hint' }, 'No provision differs.') : h('ul', { class: 'changes' }, result.changes.map((c) => {
        const before = enumLabel(c.before?.state, 'PROVISION_STATE_');
        const after = enumLabel(c.after?.state, 'PROVISION_STATE_');
        const title = c.after?.title || c.before?.title || c.key;
        const what = c.kind === 'PROVISION_CHANGE_KIND_STATE_CHANGED' ? `${before} → ${after}`
          : c.kind === 'PROVISION_CHANGE_KIND_CHANGED' ? `text changed${before !== after ? `, ${before} → ${after}` : ` (${after})`}`
            : enumLabel(c.kind, 'PROVISION_CHANGE_KIND_').toLowerCase();
        return h('li', {}, h('strong', {}, title), `: ${what}`);
      })));
    } catch (error) {
      const { title, text } = describe(error);
      replace(output, h('div', { class: 'error-box' }, h('strong', {}, title), text));
    }
  };
  const form = h('form', { class: 'inline-form', 'aria-label': 'Compare two versions' },
    h('div', { class: 'field inline' }, h('label', { for: from.id }, 'Compare'), from),
    h('div', { class: 'field inline' }, h('label', { for: to.id }, 'with'), to),
    h('div', { class: 'field inline' }, h('button', { type: 'submit', class: 'secondary small' }, 'Compare')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void compare();
  });
  void compare();
  return h('div', {}, form, output);
}

const attributions: Record<string, string> = {
  ATTRIBUTION_ON_THE_RECORD: 'on the record',
  ATTRIBUTION_ANONYMOUS_OFFICIAL: 'an official speaking anonymously',
  ATTRIBUTION_PERSON_FAMILIAR: 'a person familiar with the talks',
  ATTRIBUTION_STATE_MEDIA: 'state media',
};

function statementItem(statement: Statement): HTMLElement {
  const speaker = statement.speaker;
  const who = [speaker.name, speaker.title, speaker.party ? countryName(speaker.party) : ''].filter(Boolean).join(', ') || 'An unnamed source';
  return h('blockquote', { class: 'statement' },
    h('p', {}, `“${statement.quote}”`),
    h('footer', {}, `${who} — ${attributions[statement.attribution] ?? enumLabel(statement.attribution, 'ATTRIBUTION_')}, ${formatDate(statement.statementDate)}`,
      statement.source ? `. ${statement.source}` : ''));
}

function eventItem(event: NegotiationEvent, fresh: boolean): HTMLElement {
  return h('li', { class: fresh ? 'new' : '', 'data-sequence': event.sequence },
    h('span', { class: 'seq' }, `#${event.sequence}`),
    h('span', { class: 'kind' }, enumLabel(event.kind, 'EVENT_KIND_')),
    event.summary,
    h('span', { class: 'when' }, `${formatTimestamp(event.eventTime)}${event.actor?.subject ? ` · ${event.actor.subject}` : ''}`));
}

function compareDates(a: { year: number; month: number; day: number }, b: { year: number; month: number; day: number }): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
