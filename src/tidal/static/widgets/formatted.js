// A native date, time or datetime input shown in its widget's `format`. The browser's own
// input stays the control (its picker, keyboard, min/max and ISO value are untouched); while it
// does not have the focus, its locale text is hidden under the value written in `format`:
// st.date_input's "YYYY/MM/DD", "DD.MM.YYYY"..., st.time_input's "24h" or "12h". While it has
// the focus the browser's own text shows, to be edited. Knows nothing about the wire.
import { h } from '../elements.js';

/**
 * An ISO date ("2024-01-31") written in a date `format` of YYYY, MM and DD ("DD/MM/YYYY").
 * @param {string} iso
 * @param {string} [format]
 * @returns {string}
 */
export function dateText(iso, format = 'YYYY/MM/DD') {
  const [y, m, d] = iso.split('-');
  return format.replace('YYYY', y).replace('MM', m).replace('DD', d);
}

/**
 * A wire time ("14:05" or "14:05:30") on a "24h" ("14:05") or "12h" ("2:05 PM") clock.
 * @param {string} hms
 * @param {string} [format]
 * @returns {string}
 */
export function timeText(hms, format = '24h') {
  const [hh, mm, ss] = hms.split(':');
  const tail = ss && ss !== '00' ? `:${mm}:${ss.slice(0, 2)}` : `:${mm}`;
  if (format !== '12h') return `${hh}${tail}`;
  const hour = Number(hh);
  return `${hour % 12 || 12}${tail} ${hour < 12 ? 'AM' : 'PM'}`;
}

/**
 * How a native input's value reads under the widget's props (`format`), by input type.
 * @param {string} type "date", "datetime-local" or "time"
 * @param {string} value the input's value ('' when empty)
 * @param {Record<string, any>} p
 * @returns {string}
 */
export function shownText(type, value, p) {
  if (!value) return '';
  if (type === 'date') return dateText(value, p.format);
  if (type === 'time') return timeText(value, p.format);
  const [day, time] = value.split('T');
  return `${dateText(day, p.format)} ${timeText(time, '24h')}`;
}

/** What an empty input shows: the format itself. */
function emptyText(type, p) {
  if (type === 'date') return p.format || 'YYYY/MM/DD';
  if (type === 'time') return p.format === '12h' ? 'H:MM AM' : 'HH:MM';
  return `${p.format || 'YYYY/MM/DD'} HH:MM`;
}

/**
 * Wrap a native input in a shell that shows its value in the widget's format.
 * @param {HTMLInputElement} input
 * @param {() => Record<string, any>} props the widget's current props
 * @returns {HTMLElement} the shell, to put where the input would go
 */
export function formattedShell(input, props) {
  const shell = h('span', { class: 'fmt' }, input, h('span', { class: 'fmt-text', 'aria-hidden': 'true' }));
  input.addEventListener('input', () => showFormatted(shell, props()));
  return shell;
}

/**
 * Write the shell's input value in the widget's format (after the value or props change).
 * @param {HTMLElement} shell from formattedShell
 * @param {Record<string, any>} p the widget's props
 */
export function showFormatted(shell, p) {
  const input = /** @type {HTMLInputElement} */ (shell.firstChild);
  const text = shownText(input.type, input.value, p);
  const el = /** @type {HTMLElement} */ (shell.lastChild);
  el.textContent = text || emptyText(input.type, p);
  el.classList.toggle('fmt-empty', !text);
}
