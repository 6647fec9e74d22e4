// Typed-value widgets: text_input, text_area, number_input, date_input, time_input,
// color_picker. Text commits on Enter (Ctrl/Cmd+Enter in a text area) or blur, only when the
// value changed since the last commit; numbers also on the -/+ buttons and arrow keys. Dates
// and times use the browser's own pickers, shown in the widget's `format` (formatted.js).
import { h } from '../elements.js';
import { formatNumber, normalize, parseNumber, stepBy } from '../format.js';
import { NONE, applyCommon, applyValue, commit, field, labelRow, submitFromEnter } from './base.js';
import { formattedShell, showFormatted } from './formatted.js';
import { iconEl } from './buttons.js';

/** Set an attribute, or remove it for null/undefined/false. */
function attr(el, name, v) {
  if (v == null || v === false) el.removeAttribute(name);
  else el.setAttribute(name, String(v));
}

/** Show the "Press Enter" hint while the displayed value differs from the last commit. */
function markDirty(node, kind) {
  const dirty = kind.read(node) !== node.s.committed;
  node.el.classList.toggle('dirty', dirty);
}

// ------------------------------------------------------------------------------ text
function textKind(multiline) {
  return {
    widget: true,
    create(node, p, ctx) {
      const control = multiline
        ? h('textarea', { id: p.id, class: 'input', rows: '3' })
        : h('input', { id: p.id, class: 'input', autocomplete: 'off' });
      node.s.control = control;
      const hint = h('span', { class: 'hint', 'aria-hidden': 'true' });
      node.s.hint = hint;
      node.s.box = h('div', { class: 'input-box' }, control, hint);
      node.s.error = h('div', { class: 'w-error', id: `${p.id}--error`, role: 'alert', hidden: true });
      node.el = field(node, labelRow(node), node.s.box, node.s.error);
      const done = () => {
        if (!this.valid(node)) return; // a text that breaks `validate` is not sent
        clearTimeout(node.s.liveTimer);
        commit(node, ctx, this.read(node));
        markDirty(node, this);
      };
      control.addEventListener('input', () => {
        markDirty(node, this);
        if (node.s.error.dataset.local) this.valid(node);
        if (node.p.live_ms != null && !node.p.form) {
          clearTimeout(node.s.liveTimer);
          node.s.liveTimer = setTimeout(done, node.p.live_ms);
        }
      });
      control.addEventListener('blur', done);
      control.addEventListener('keydown', (e) => {
        if (e.key === 'Escape' && node.el.classList.contains('dirty')) {
          this.write(node, node.s.committed); // drop the uncommitted edit
          return;
        }
        if (e.key !== 'Enter' || e.isComposing) return;
        if (multiline && !(e.ctrlKey || e.metaKey)) return;
        e.preventDefault();
        done();
        if (node.p.form) submitFromEnter(node, ctx);
      });
      this.update(node, p, NONE);
    },
    update(node, p, prev) {
      const c = node.s.control;
      applyCommon(node, p, prev);
      attr(c, 'maxlength', p.max_chars);
      attr(c, 'placeholder', p.placeholder);
      if (!multiline) c.type = p.type === 'password' ? 'password' : 'text';
      if (multiline && p.height !== prev.height) c.style.height = p.height ? `${p.height}px` : '';
      if (p.icon !== prev.icon) {
        node.s.icon?.remove();
        node.s.icon = iconEl(p.icon);
        if (node.s.icon) node.s.box.prepend(node.s.icon);
      }
      c.setAttribute('aria-describedby', `${p.id}--error`);
      if (p.error !== prev.error) this.showError(node, p.error ?? null, false);
      const key = multiline ? `${/Mac|iP/.test(navigator.platform) ? '⌘' : 'Ctrl'}+Enter` : 'Enter';
      node.s.hint.textContent = `Press ${key} to ${p.form ? 'submit form' : 'apply'}`;
      applyValue(node, this, p, prev);
      markDirty(node, this);
    },
    read(node) {
      const v = node.s.control.value;
      return v === '' && node.s.committed == null ? null : v;
    },
    write(node, v) {
      node.s.control.value = v ?? '';
      markDirty(node, this);
    },
    /** Check the text against `validate`'s pattern; show or clear its message. */
    valid(node) {
      const { pattern, pattern_message: message } = node.p;
      const text = node.s.control.value;
      let ok = true;
      if (pattern && text) {
        try {
          ok = new RegExp(`^(?:${pattern})$`, 'u').test(text);
        } catch {
          ok = true; // a Python-only pattern: the server checks it
        }
      }
      this.showError(node, ok ? null : (message || `Please match the requested format: ${pattern}`), true);
      return ok;
    },
    showError(node, text, local) {
      const e = node.s.error;
      if (!text && !local && e.dataset.local) return;
      e.hidden = !text;
      e.textContent = text ?? '';
      if (local && text) e.dataset.local = '1';
      else delete e.dataset.local;
      node.s.control.setAttribute('aria-invalid', String(Boolean(text)));
      node.el.classList.toggle('invalid', Boolean(text));
    },
  };
}

// ------------------------------------------------------------------------------ number
const numberKind = {
  widget: true,
  create(node, p, ctx) {
    const input = h('input', { id: p.id, class: 'input', type: 'text', role: 'spinbutton', autocomplete: 'off' });
    // Named after the field ("Decrease Amount"), not "Increment"/"Decrement": an app's own
    // buttons are often called that, and two same-named buttons confuse screen readers.
    const minus = h('button', { type: 'button', class: 'step', tabindex: '-1' }, '−');
    const plus = h('button', { type: 'button', class: 'step', tabindex: '-1' }, '+');
    Object.assign(node.s, { control: input, minus, plus });
    node.el = field(node, labelRow(node), h('div', { class: 'input-box number' }, input, minus, plus));
    const apply = () => {
      const v = this.read(node);
      this.write(node, v);
      commit(node, ctx, v);
    };
    const step = (n) => {
      const cur = this.read(node);
      const v = cur == null ? normalize(node.p.min ?? 0, node.p) : stepBy(cur, n, node.p);
      this.write(node, v);
      commit(node, ctx, v);
    };
    input.addEventListener('blur', apply);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
        e.preventDefault();
        step(e.key === 'ArrowUp' ? 1 : -1);
      } else if (e.key === 'Enter' && !e.isComposing) {
        e.preventDefault();
        apply();
        if (node.p.form) submitFromEnter(node, ctx);
      }
    });
    // Keep the focus where it is when a stepper is clicked.
    for (const b of [minus, plus]) b.addEventListener('mousedown', (e) => e.preventDefault());
    minus.addEventListener('click', () => step(-1));
    plus.addEventListener('click', () => step(1));
    this.update(node, p, NONE);
  },
  update(node, p, prev) {
    const { control } = node.s;
    applyCommon(node, p, prev);
    control.inputMode = p.dtype === 'int' && !(p.min < 0) ? 'numeric' : 'decimal';
    if (p.icon !== prev.icon) {
      node.s.icon?.remove();
      node.s.icon = iconEl(p.icon);
      if (node.s.icon) control.parentElement.prepend(node.s.icon);
    }
    attr(control, 'placeholder', p.placeholder);
    attr(control, 'aria-valuemin', p.min);
    attr(control, 'aria-valuemax', p.max);
    if (p.label !== prev.label) {
      const name = node.s.label?.textContent.trim() || 'value';
      node.s.minus.setAttribute('aria-label', `Decrease ${name}`);
      node.s.plus.setAttribute('aria-label', `Increase ${name}`);
    }
    if (prev !== NONE && (p.format !== prev.format || p.dtype !== prev.dtype) && document.activeElement !== control) {
      this.write(node, this.read(node));
    }
    applyValue(node, this, p, prev);
    steppers(node);
  },
  /** The displayed number, clamped; the last commit when the text is not a number. */
  read(node) {
    const v = parseNumber(node.s.control.value);
    if (v === undefined) return node.s.committed;
    return v === null ? null : normalize(v, node.p);
  },
  write(node, v) {
    node.s.control.value = formatNumber(v, node.p);
    attr(node.s.control, 'aria-valuenow', v);
    steppers(node);
  },
};

/** Disable -/+ at the bounds (and with the widget). */
function steppers(node) {
  const { minus, plus } = node.s;
  const v = parseNumber(node.s.control.value);
  const { min, max, disabled } = node.p;
  minus.disabled = Boolean(disabled) || (v != null && min != null && v <= min);
  plus.disabled = Boolean(disabled) || (v != null && max != null && v >= max);
}

// ------------------------------------------------------------------------------ date, time, colour
function nativeKind(type, extra) {
  return {
    widget: true,
    create(node, p, ctx) {
      const input = h('input', { id: p.id, class: `input input-${type}`, type });
      node.s.control = input;
      const parts = [input];
      if (FORMATTED.has(type)) parts[0] = node.s.shell = formattedShell(input, () => node.p);
      if (type === 'color') {
        node.s.hex = h('span', { class: 'color-hex', 'aria-hidden': 'true' });
        parts.push(node.s.hex);
        input.addEventListener('input', () => { node.s.hex.textContent = input.value; });
      }
      node.el = field(node, labelRow(node), h('div', { class: `input-box ${type}` }, ...parts));
      input.addEventListener('change', () => commit(node, ctx, this.read(node)));
      this.update(node, p, NONE);
    },
    update(node, p, prev) {
      applyCommon(node, p, prev);
      extra?.(node.s.control, p);
      applyValue(node, this, p, prev);
      if (node.s.shell && p.format !== prev.format) showFormatted(node.s.shell, p);
    },
    read(node) {
      const v = node.s.control.value;
      return v === '' ? null : v;
    },
    write(node, v) {
      node.s.control.value = v ?? (type === 'color' ? '#000000' : '');
      if (node.s.hex) node.s.hex.textContent = node.s.control.value;
      if (node.s.shell) showFormatted(node.s.shell, node.p);
    },
  };
}

/** Input types shown in the widget's `format` (see formatted.js). */
const FORMATTED = new Set(['date', 'datetime-local', 'time']);

// ------------------------------------------------------------------------------ date range
// `st.date_input` with a range value: two pickers (start, end). The value is a list of 0-2
// ISO dates; the end picker cannot go before the start.
const dateKind = nativeKind('date', (el, p) => {
  attr(el, 'min', p.min);
  attr(el, 'max', p.max);
});

const dateRangeKind = {
  widget: true,
  create(node, p, ctx) {
    const a = h('input', { id: p.id, class: 'input input-date', type: 'date', 'aria-label': 'Start date' });
    const b = h('input', { id: `${p.id}--end`, class: 'input input-date', type: 'date', 'aria-label': 'End date' });
    node.s.control = a;
    node.s.end = b;
    node.s.shells = [formattedShell(a, () => node.p), formattedShell(b, () => node.p)];
    node.el = field(node, labelRow(node), h('div', { class: 'input-box date-range' }, node.s.shells[0], h('span', { class: 'sep', text: '–' }), node.s.shells[1]));
    const change = () => {
      if (a.value && b.value && b.value < a.value) b.value = a.value;
      b.min = a.value || node.p.min || '';
      this.show(node, node.p);
      commit(node, ctx, this.read(node));
    };
    a.addEventListener('change', change);
    b.addEventListener('change', change);
    this.update(node, p, NONE);
  },
  update(node, p, prev) {
    applyCommon(node, p, prev);
    for (const el of [node.s.control, node.s.end]) {
      attr(el, 'min', p.min);
      attr(el, 'max', p.max);
    }
    applyValue(node, this, p, prev);
    if (p.format !== prev.format) this.show(node, p);
  },
  show(node, p) {
    for (const shell of node.s.shells) showFormatted(shell, p);
  },
  read(node) {
    const [a, b] = [node.s.control.value, node.s.end.value];
    return a ? (b ? [a, b] : [a]) : (b ? [b] : []);
  },
  write(node, v) {
    const [a, b] = Array.isArray(v) ? v : [];
    node.s.control.value = a ?? '';
    node.s.end.value = b ?? '';
    this.show(node, node.p);
  },
};

/** `st.date_input`: one picker, or two for a range (`range` does not change for a widget). */
const dateInputKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.kind = p.range ? dateRangeKind : dateKind;
    node.s.kind.create(node, p, ctx);
  },
  update(node, p, prev) {
    node.s.kind.update(node, p, prev);
  },
  read: (node) => node.s.kind.read(node),
  write: (node, v) => node.s.kind.write(node, v),
};

/** Typed-value widget kinds, by type name. */
export const kinds = {
  text_input: textKind(false),
  text_area: textKind(true),
  number_input: numberKind,
  date_input: dateInputKind,
  datetime_input: nativeKind('datetime-local', (el, p) => {
    attr(el, 'min', p.min);
    attr(el, 'max', p.max);
    attr(el, 'step', p.step);
  }),
  time_input: nativeKind('time', (el, p) => attr(el, 'step', p.step)),
  color_picker: nativeKind('color'),
};
