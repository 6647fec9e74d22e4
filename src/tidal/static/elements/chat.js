// Chat: st.chat_message (a container with an avatar) and st.chat_input (the message box).
// A chat input called in the main area is in the bottom root (#root-2), pinned below the main
// area: what the script writes after it goes above it, and reruns leave it (and the focus in
// it) in place. Anywhere else it is inline. With accept_audio it has a microphone button:
// the recording (recorder.js, a WAV at audio_sample_rate) goes with the next message sent.
// Loaded on first use (see render.js LAZY).
import { uploadFile } from './links.js';
import { startRecording } from './recorder.js';
import { h } from '../elements.js';
import { useStyles } from '../lazy.js';
import { iconEl } from './feedback.js';

useStyles(new URL('chat.css', import.meta.url).href);

const USER = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><circle cx="12" cy="8.5" r="4" fill="currentColor"/><path d="M4 20.5c.8-4 4-6 8-6s7.2 2 8 6" fill="currentColor"/></svg>';
const BOT = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><rect x="4" y="7.5" width="16" height="12" rx="3.5" fill="currentColor"/><circle cx="9.2" cy="13.5" r="1.6" fill="var(--bg)"/><circle cx="14.8" cy="13.5" r="1.6" fill="var(--bg)"/><path d="M12 7.5V4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round"/><circle cx="12" cy="3.6" r="1.4" fill="currentColor"/></svg>';
const SEND = '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><path d="M3.5 10h11M10.5 5l5 5-5 5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>';
const MIC = '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><rect x="7" y="2.5" width="6" height="10" rx="3" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M4.5 9.5a5.5 5.5 0 0 0 11 0M10 15v2.5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/></svg>';
const CANCEL = '<svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true"><path d="M5 5l10 10M15 5L5 15" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg>';
const CLIP = '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><path d="M13.5 6.5l-6 6a1.8 1.8 0 0 0 2.5 2.5l6.5-6.5a3.2 3.2 0 0 0-4.5-4.5L5.5 10.5a4.6 4.6 0 0 0 6.5 6.5l5-5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/></svg>';

// ------------------------------------------------------------------------------ chat_message
function avatarEl(p) {
  const box = h('div', { class: 'chat-avatar', 'aria-hidden': 'true' });
  const value = String(p.avatar ?? '');
  if (p.avatar_type === 'image') {
    box.append(h('img', { src: value, alt: '' }));
  } else if (p.avatar_type === 'emoji') {
    box.textContent = value;
  } else if (value === 'user' || value === 'assistant') {
    box.innerHTML = value === 'user' ? USER : BOT;
    box.classList.add(`chat-avatar-${value}`);
  } else if (value) {
    box.append(iconEl(value) ?? '');
  } else {
    box.textContent = String(p.name ?? '?').slice(0, 1).toUpperCase() || '?';
    box.classList.add('chat-avatar-letter');
  }
  return box;
}

const chatMessageKind = {
  create(node, p) {
    node.box = h('div', { class: 'block chat-body' });
    node.el = h('div', { class: 'chat-msg', role: 'article' }, h('div', { class: 'chat-avatar' }), node.box);
    this.update(node, p, {});
  },
  update(node, p, prev) {
    if (p.avatar !== prev.avatar || p.avatar_type !== prev.avatar_type || p.name !== prev.name) {
      node.el.firstChild.replaceWith(avatarEl(p));
    }
    const role = p.avatar === 'user' || p.avatar === 'assistant' ? p.avatar : 'other';
    node.el.dataset.role = role;
    node.el.setAttribute('aria-label', `${p.name ?? ''} message`);
    node.el.style.width = typeof p.width === 'number' ? `${p.width}px` : p.width === 'content' ? 'fit-content' : '';
  },
};

// ------------------------------------------------------------------------------ chat_input
/**
 * Upload the attached files over HTTP (links.js, the file inputs' endpoint) and give their
 * file ids, in order. A refused file (type, size) throws with the server's message.
 * @type {{upload: ((files: File[], node: any) => Promise<string[]>)|null}}
 */
export const uploads = {
  async upload(files, node) {
    const ids = [];
    for (const file of files) ids.push((await uploadFile(node.p.id, file, file.name)).file_id);
    return ids;
  },
};

/** "0:07": how long the microphone has been recording. */
function elapsed(since) {
  const seconds = Math.floor((Date.now() - since) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Show the bar recording (a handle from startRecording) or not (null). */
function setRecording(s, recording) {
  s.recording = recording;
  clearInterval(s.clock);
  s.bar.classList.toggle('recording', Boolean(recording));
  s.rec.hidden = !recording;
  s.cancel.hidden = !recording;
  s.mic.hidden = Boolean(recording) || !s.owner.p.accept_audio;
  if (recording) {
    const since = Date.now();
    s.recTime.textContent = '0:00';
    s.clock = setInterval(() => { s.recTime.textContent = elapsed(since); }, 250);
  }
  s.grow();
}

function buildBar(node, ctx) {
  const s = {};
  s.text = h('textarea', { class: 'chat-text', rows: '1', id: node.p.id });
  s.send = h('button', { type: 'button', class: 'chat-send', 'aria-label': 'Send message', html: SEND });
  s.file = h('input', { type: 'file', hidden: true });
  s.attach = h('button', { type: 'button', class: 'chat-attach', 'aria-label': 'Attach files', html: CLIP });
  s.mic = h('button', { type: 'button', class: 'chat-attach chat-mic', 'aria-label': 'Record audio', html: MIC });
  s.cancel = h('button', { type: 'button', class: 'chat-attach chat-cancel', 'aria-label': 'Cancel recording', html: CANCEL, hidden: true });
  s.recTime = h('span', { class: 'chat-rec-time' });
  s.rec = h('span', { class: 'chat-rec', role: 'status', hidden: true }, h('span', { class: 'chat-rec-dot' }), 'Recording ', s.recTime);
  s.chips = h('div', { class: 'chat-files' });
  s.count = h('span', { class: 'chat-count', 'aria-live': 'polite' });
  s.files = [];
  s.recording = null;
  s.bar = h('div', { class: 'chat-input' }, s.chips,
    h('div', { class: 'chat-row' }, s.attach, s.file, s.text, s.rec, s.count, s.cancel, s.mic, s.send));
  s.owner = node;
  const grow = () => {
    s.text.style.height = 'auto';
    s.text.style.height = `${Math.min(s.text.scrollHeight, 200)}px`;
    const p = s.owner.p;
    const n = s.text.value.length;
    s.count.textContent = p.max_chars && n ? `${n}/${p.max_chars}` : '';
    s.send.disabled = Boolean(p.disabled) || (!s.text.value.trim() && !s.files.length && !s.recording);
  };
  s.grow = grow;
  /** Upload the attached files and the recording; the message's value, or null (refused). */
  const attachments = async (p) => {
    const recording = s.recording;
    if (recording) setRecording(s, null);
    let wav = null;
    if (recording) wav = new File([await recording.stop(p.audio_sample_rate ?? null)], 'audio.wav', { type: 'audio/wav' });
    if ((s.files.length || wav) && !uploads.upload) {
      s.count.textContent = 'File uploads are not available on this server.';
      return null;
    }
    const files = s.files.length ? await uploads.upload(s.files, s.owner) : [];
    const audio = wav ? (await uploads.upload([wav], s.owner))[0] : null;
    return { files, audio };
  };
  const submit = async () => {
    const p = s.owner.p;
    const text = s.text.value;
    if (p.disabled || (!text.trim() && !s.files.length && !s.recording)) return;
    if (p.max_chars && text.length > p.max_chars) return;
    let v = text;
    if (p.accept_file !== 'none' || p.accept_audio) {
      let sent = null;
      try {
        sent = await attachments(p);
      } catch (err) {
        s.count.textContent = String(err?.message ?? err);
        return;
      }
      if (!sent) return;
      v = { text, files: sent.files, audio: sent.audio };
    }
    s.text.value = '';
    s.files = [];
    s.chips.replaceChildren();
    grow();
    ctx.send('change', { id: p.id, v });
  };
  s.text.addEventListener('input', grow);
  s.text.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
    e.preventDefault();
    submit();
  });
  s.send.addEventListener('click', () => { submit(); s.text.focus(); });
  s.attach.addEventListener('click', () => s.file.click());
  s.mic.addEventListener('click', async () => {
    if (s.owner.p.disabled || s.recording) return;
    s.count.textContent = '';
    try {
      setRecording(s, await startRecording());
    } catch (err) {
      s.count.textContent = `Microphone: ${err?.message ?? err}`;
    }
  });
  s.cancel.addEventListener('click', () => {
    s.recording?.cancel();
    setRecording(s, null);
    s.text.focus();
  });
  s.file.addEventListener('change', () => {
    const picked = [...(s.file.files ?? [])];
    s.files = s.owner.p.accept_file === 'single' ? picked.slice(0, 1) : [...s.files, ...picked];
    s.chips.replaceChildren(...s.files.map((f) => h('span', { class: 'chat-chip', text: f.name })));
    s.file.value = '';
    grow();
  });
  return s;
}

function applyBar(s, p) {
  // text the script put in the box through session state (shown, not sent)
  if (p.set_value != null && p.set_value !== s.lastSet) s.text.value = p.set_value;
  s.lastSet = p.set_value ?? null;
  s.text.placeholder = p.placeholder ?? '';
  s.text.setAttribute('aria-label', p.placeholder || 'Chat message');
  if (p.max_chars) s.text.maxLength = p.max_chars;
  else s.text.removeAttribute('maxlength');
  s.text.disabled = Boolean(p.disabled);
  s.bar.classList.toggle('disabled', Boolean(p.disabled));
  const files = p.accept_file && p.accept_file !== 'none';
  s.attach.hidden = !files;
  s.attach.disabled = Boolean(p.disabled);
  s.mic.hidden = !p.accept_audio || Boolean(s.recording);
  s.mic.disabled = Boolean(p.disabled);
  if (!p.accept_audio && s.recording) {
    s.recording.cancel();
    setRecording(s, null);
  }
  s.file.multiple = p.accept_file === 'multiple' || p.accept_file === 'directory';
  s.file.toggleAttribute('webkitdirectory', p.accept_file === 'directory');
  if (Array.isArray(p.file_type) && p.file_type.length) s.file.accept = p.file_type.join(',');
  else s.file.removeAttribute('accept');
  s.bar.style.width = typeof p.width === 'number' ? `${p.width}px` : '';
  // height: "content" grows with the text; a number is a minimum height in pixels
  s.text.style.minHeight = typeof p.height === 'number' ? `${Math.max(0, p.height - 16)}px` : '';
  s.grow();
}

const chatInputKind = {
  widget: true,
  create(node, p, ctx) {
    node.s.bar = buildBar(node, ctx);
    node.s.control = node.s.bar.text;
    node.el = h('div', { class: 'w-chat-input' }, node.s.bar.bar);
    this.update(node, p, {});
  },
  update(node, p) {
    node.el.classList.toggle('pinned', p.position === 'bottom');
    applyBar(node.s.bar, p);
  },
  read(node) {
    return node.s.bar.text.value;
  },
  write() {},
  destroy(node) {
    node.s.bar.recording?.cancel();
    clearInterval(node.s.bar.clock);
  },
};

export const kinds = {
  chat_message: chatMessageKind,
  chat_input: chatInputKind,
};
