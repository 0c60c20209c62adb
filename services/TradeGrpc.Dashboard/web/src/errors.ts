// How a failed call reads on the page: what went wrong in words, and a bad field's error beside the field.

import { ApiError, type Service } from './api';
import { h, replace, uniqueId, type Child } from './dom';

const names: Record<Service, string> = { tariff: 'tariff service', negotiation: 'negotiation service' };

/** A headline and a sentence for an error, as the page and the header's status show it. */
export function describe(error: unknown): { title: string; text: string } {
  if (!(error instanceof ApiError)) {
    return { title: 'Something went wrong in the page', text: error instanceof Error ? error.message : String(error) };
  }
  const service = names[error.service];
  switch (error.kind) {
    case 'unconfigured':
      return {
        title: `The ${service} is not configured`,
        text: `This page does not know where the ${service} is: set Dashboard:${error.service === 'tariff' ? 'Tariff' : 'Negotiation'}Address on the host that serves the page.`,
      };
    case 'network':
      return {
        title: `The ${service} is down or unreachable`,
        text: `The ${service} does not answer at ${error.address}. It may be stopped, or it may not allow calls from this page's origin (${window.location.origin}) in its Cors:AllowedOrigins.`,
      };
    default:
      break;
  }
  const reason = error.reason;
  const message = error.status?.message ?? '';
  switch (error.code) {
    case 'UNAUTHENTICATED':
      if (reason === 'CREDENTIALS_MISSING') {
        return { title: 'A token is needed', text: `The ${service} needs a bearer token: paste one in the field at the top of the page.` };
      }
      if (reason === 'TOKEN_EXPIRED') {
        return { title: 'Your token has expired', text: `The ${service} refused your token because it has expired: paste a new one.` };
      }
      return { title: 'Your token was refused', text: `The ${service} refused your token (${reason || 'UNAUTHENTICATED'}): ${message}` };
    case 'PERMISSION_DENIED': {
      const permission = error.detail('ErrorInfo')?.metadata?.permission;
      return permission
        ? { title: `Your token lacks the permission ${permission}`, text: `The ${service} needs ${permission} for this, and your token's roles do not grant it. ${message}` }
        : { title: 'Not allowed', text: `The ${service} refused the call: ${message}` };
    }
    case 'UNAVAILABLE':
      return { title: `The ${service} is unavailable`, text: `${message}${reason ? ` (${reason})` : ''}. Try again shortly.` };
    case 'RESOURCE_EXHAUSTED':
      return { title: 'Too many calls', text: `The ${service} asks you to slow down: ${message}` };
    case 'DEADLINE_EXCEEDED':
      return { title: 'The call took too long', text: `The ${service} gave up: ${message}` };
    case 'INVALID_ARGUMENT':
      return { title: 'Check the highlighted fields', text: message };
    default:
      return { title: `${error.code}${reason ? `: ${reason}` : ''}`, text: message };
  }
}

/**
 * Shows an error in a form's error region, and each field violation (and each unknown tariff line)
 * next to the input whose `data-field` names it; violations no input names are listed in the region.
 */
export function showError(region: HTMLElement, error: unknown, form?: HTMLElement): void {
  if (error instanceof DOMException && error.name === 'AbortError') {
    return;
  }
  const { title, text } = describe(error);
  const items: Child[] = [];
  if (error instanceof ApiError && form) {
    for (const violation of error.detail('BadRequest')?.fieldViolations ?? []) {
      const input = markField(form, violation.field, violation.description);
      // Each refused field in the summary, a link that takes the keyboard to it.
      items.push(input
        ? h('li', {}, h('a', { href: `#${input.id}`, onclick: (event: Event) => {
          event.preventDefault();
          input.focus();
        } }, `${input.getAttribute('aria-label') ?? labelOf(input)}: ${violation.description}`))
        : h('li', {}, `${violation.field}: ${violation.description}`));
    }
    // An unknown code answers NOT_FOUND naming tariffLines/{hts8}: the line with that code is the one to fix.
    const resource = error.detail('ErrorInfo')?.metadata?.resource ?? '';
    const hts8 = /^tariffLines\/(\d{8})$/.exec(resource)?.[1];
    if (hts8) {
      for (const input of form.querySelectorAll<HTMLInputElement>('input[data-field$=".hts_code"]')) {
        if (input.value.replaceAll('.', '').padEnd(8, '0').startsWith(hts8)) {
          setFieldError(input, error.status?.message ?? 'Unknown code');
        }
      }
    }
  }
  const list = items.length > 0 ? h('ul', {}, items) : null;
  replace(region, h('div', { class: 'error-box' }, h('strong', {}, title), items.length > 0 ? null : h('span', {}, text), list));
}

/** What a field takes, said before the service's own words when they are a pattern's. */
const hints: [RegExp, string][] = [
  [/hts_code$/, 'Enter 6 to 10 digits, dots allowed, such as 9028.10.00.'],
  [/origin_country$/, 'Enter a country\'s two-letter ISO code, such as CN.'],
  [/quantities\[\d+\]\.unit$/, 'Enter a unit such as NO or KG.'],
  [/quantities\[\d+\]\.value$/, 'Enter a quantity such as 100 or 12.5.'],
];

function labelOf(input: HTMLElement): string {
  return (input.id && document.querySelector(`label[for="${input.id}"]`)?.textContent?.trim()) || input.dataset.field || '';
}

/** Puts a violation next to the input whose `data-field` is the longest prefix of its field path; returns that input. */
function markField(form: HTMLElement, field: string, description: string): HTMLElement | null {
  let best: HTMLElement | null = null;
  for (const input of form.querySelectorAll<HTMLElement>('[data-field]')) {
    const name = input.dataset.field ?? '';
    const matches = field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`);
    if (matches && (!best || name.length > (best.dataset.field ?? '').length)) {
      best = input;
    }
  }
  if (!best) {
    return null;
  }
  const hint = hints.find(([pattern]) => pattern.test(best.dataset.field ?? ''))?.[1];
  setFieldError(best, hint && /pattern/.test(description) ? `${hint} (The service: ${description}.)` : description);
  return best;
}

export function setFieldError(input: HTMLElement, message: string): void {
  input.setAttribute('aria-invalid', 'true');
  let note = input.parentElement?.querySelector<HTMLElement>(`.field-error[data-for="${input.id}"]`);
  if (!note) {
    note = h('span', { class: 'field-error', id: uniqueId('error'), 'data-for': input.id });
    input.insertAdjacentElement('afterend', note);
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${note.id}`.trim());
  }
  note.textContent = message;
}

/** Clears a form's field errors and its error region. */
export function clearErrors(region: HTMLElement, form?: HTMLElement): void {
  region.replaceChildren();
  if (!form) {
    return;
  }
  for (const note of form.querySelectorAll<HTMLElement>('.field-error')) {
    const input = form.querySelector<HTMLElement>(`#${note.dataset.for ?? ''}`);
    if (input) {
      input.removeAttribute('aria-invalid');
      const describedBy = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== note.id).join(' ');
      if (describedBy) {
        input.setAttribute('aria-describedby', describedBy);
      } else {
        input.removeAttribute('aria-describedby');
      }
    }
    note.remove();
  }
}
