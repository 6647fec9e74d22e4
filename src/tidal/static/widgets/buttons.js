// Buttons: button and form_submit_button (triggers: a click is sent, never a value), and what
// every button-like widget shares: activation by click, Enter and Space, and the dress (kind,
// icon on its side, label wrapping, the keyboard shortcut it shows and answers).
import { h } from '../elements.js';
import { NONE, applyCommon, commit, submitForm } from './base.js';
import { iconEl } from './icons.js';
import { registerShortcut, shortcutLabel } from './shortcuts.js';

// A button is a <div role="button">, not a <button>, and nothing on screen changes while it is
// pressed: no :active style, no pressed look, no transition. Chromium holds every network task
// that follows a click until its next frame is drawn whenever the click leaves one pending
// (DeferRendererTasksAfterInput), so any of those would show the app's answer a frame late
// (measured: 4 ms click -> DOM without, 6-12 ms with). The answer itself is the feedback, and
// a run that takes a while shows the running indicator as soon as it starts. Enter (on keydown)
// and Space (on keyup) activate it, as they do a <button>.

/**
 * Make a role="button" element activate on click, Enter and Space, unless aria-disabled.
 * @param {HTMLElement} el
 * @param {() => void} activate
 */
export function pressable(el, activate) {
  const enabled = () => el.getAttribute('aria-disabled') !== 'true';
  el.addEventListener('click', () => {
    if (enabled()) activate();
  });
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') e.preventDefault(); // no page scroll on Space
    if (e.key === 'Enter' && !e.repeat && enabled()) activate();
  });
  el.addEventListener('keyup', (e) => {
    if (e.key === ' ' && enabled()) activate();
  });
}

/**
 * A button's look: kind, icon on its side, label wrapping and the shortcut it shows and answers.
 * @param {import('../render.js').Node} node
 * @param {Record<string, any>} p
 * @param {Record<string, any>} prev
 * @param {() => void} activate what the shortcut does
 */
export function dressButton(node, p, prev, activate) {
  const b = node.s.control;
  b.className = `btn btn-${['primary', 'tertiary'].includes(p.kind) ? p.kind : 'secondary'}`;
  b.classList.toggle('icon-right', p.icon_position === 'right');
  b.classList.toggle('nowrap', p.wrap === false);
  if (p.disabled !== prev.disabled) {
    b.setAttribute('aria-disabled', String(Boolean(p.disabled)));
    b.tabIndex = p.disabled ? -1 : 0;
  }
  node.el.classList.toggle('wide', Boolean(p.use_container_width));
  if (p.help) b.title = p.help;
  else b.removeAttribute('title');
  if (p.icon !== prev.icon) {
    node.s.icon?.remove();
    node.s.icon = iconEl(p.icon);
    if (node.s.icon) b.prepend(node.s.icon);
  }
  if (p.shortcut !== prev.shortcut) {
    node.s.unshortcut?.();
    node.s.kbd?.remove();
    node.s.unshortcut = null;
    node.s.kbd = null;
    if (p.shortcut) {
      node.s.unshortcut = registerShortcut(p.shortcut, () => {
        if (!node.p.disabled) activate();
      });
      node.s.kbd = h('kbd', { class: 'btn-kbd', text: shortcutLabel(p.shortcut) });
      b.append(node.s.kbd);
      b.setAttribute('aria-keyshortcuts', p.shortcut.replace('mod', 'Control').replace('cmd', 'Meta'));
    } else {
      b.removeAttribute('aria-keyshortcuts');
    }
  }
}

function buttonKind(submit) {
  return {
    widget: true,
    create(node, p, ctx) {
      node.s.label = h('span', { class: 'btn-label' });
      node.s.control = h('div', { id: p.id, role: 'button', tabindex: '0', class: 'btn' }, node.s.label);
      node.el = h('div', { class: `w w-${node.t}` }, node.s.control);
      node.s.activate = () => {
        if (submit) submitForm(ctx, node.p.form, node.p.id);
        else commit(node, ctx, true, true);
      };
      pressable(node.s.control, node.s.activate);
      this.update(node, p, NONE);
    },
    update(node, p, prev) {
      applyCommon(node, p, prev);
      dressButton(node, p, prev, node.s.activate);
    },
    destroy(node) {
      node.s.unshortcut?.();
    },
  };
}

/** The button kinds, by type name. */
export const buttonKinds = {
  button: buttonKind(false),
  form_submit_button: buttonKind(true),
};
