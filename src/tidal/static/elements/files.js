// File inputs and downloads: file_uploader (drag and drop, file chooser, a folder, a file list
// with remove buttons), camera_input (getUserMedia, a JPEG), audio_input (the microphone, a
// WAV at the widget's sample rate, made by recorder.js) and download_button. Bytes go over
// HTTP (links.js); the widget's value is the list of its files' ids and metadata, sent once
// every upload is done.
import { registerShortcut, shortcutLabel } from '../widgets/buttons.js';
import { h } from '../elements.js';
import { useStyles } from '../lazy.js';
import { NONE, applyCommon, applyValue, commit, field, labelRow } from '../widgets/base.js';
import { deleteFile, mediaUrl, uploadFile } from './links.js';
import { startRecording } from './recorder.js';

useStyles(new URL('files.css', import.meta.url).href);

const MB = 1024 * 1024;

/** Human size: "12.3KB". */
function size(n) {
  if (n < 1024) return `${n}B`;
  if (n < MB) return `${(n / 1024).toFixed(1)}KB`;
  return `${(n / MB).toFixed(1)}MB`;
}

/** A size as Streamlit's uploader shows it: the next unit once a value passes half of it. */
function sizeText(n, digits = 1) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (i < units.length - 1 && n > 512) {
    n /= 1024;
    i += 1;
  }
  return `${n.toFixed(digits)}${units[i]}`;
}

/** Streamlit's refusal for a file this widget does not take, or null (same rules as the server). */
export function refusal(p, name, type) {
  if (p.__size > p.max_bytes) return `File must be ${sizeText(p.max_bytes)} or smaller.`;
  const types = p.types ?? [];
  if (!types.length) return null;
  const lower = name.toLowerCase();
  const mime = (type || '').toLowerCase().split(';')[0].trim();
  const ok = types.some((t) => (t.startsWith('.') ? lower.endsWith(t)
    : t.endsWith('/*') ? mime.startsWith(t.slice(0, -1)) : mime === t));
  if (ok) return null;
  return `${type || 'This type of'} files are not allowed.`;
}

/** Send the widget's file list: a change (rerun), or a sync when on_change="ignore". */
function send(node, ctx, files) {
  const v = files.map(({ file_id, name, size: n, type }) => ({ file_id, name, size: n, type }));
  if (node.p.ignore && !node.p.form) {
    node.s.committed = v;
    ctx.send('sync', { values: { [node.p.id]: v } });
  } else {
    commit(node, ctx, v);
  }
}

// ------------------------------------------------------------------------------ file_uploader
const fileUploader = {
  widget: true,
  create(node, p, ctx) {
    const input = h('input', { id: p.id, type: 'file', class: 'fu-input', tabindex: '-1' });
    const browse = h('button', { type: 'button', class: 'btn btn-secondary fu-browse' }, 'Browse files');
    node.s.hint = h('span', { class: 'fu-hint' });
    node.s.title = h('span', { class: 'fu-title' });
    node.s.drop = h('div', { class: 'fu-drop' },
      h('div', { class: 'fu-text' }, node.s.title, node.s.hint),
      browse, input);
    node.s.list = h('ul', { class: 'fu-list' });
    node.s.files = [];
    node.s.errors = [];
    node.s.ctx = ctx;
    node.s.control = input;
    node.el = field(node, labelRow(node, 'span'), node.s.drop, node.s.list);
    browse.addEventListener('click', () => input.click());
    input.addEventListener('change', () => {
      this.add(node, ctx, [...input.files]);
      input.value = '';
    });
    const drop = node.s.drop;
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      if (!node.p.disabled) drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      if (!node.p.disabled) this.add(node, ctx, [...(e.dataTransfer?.files ?? [])]);
    });
    this.update(node, p, NONE);
  },
  update(node, p, prev) {
    applyCommon(node, p, prev);
    const input = node.s.control;
    input.multiple = Boolean(p.multiple);
    input.toggleAttribute('webkitdirectory', p.multiple === 'directory');
    input.accept = (p.types ?? []).join(',');
    const kinds = (p.types ?? []).map((t) => t.replace(/^\./, '').toUpperCase()).join(', ');
    node.s.hint.textContent = `${sizeText(p.max_bytes, 0)} per file${kinds ? ` • ${kinds}` : ''}`;
    node.s.title.textContent = p.multiple === 'directory' ? 'Drag and drop directories here'
      : p.multiple ? 'Drag and drop files here' : 'Drag and drop a file here';
    node.el.style.width = typeof p.width === 'number' ? `${p.width}px` : '';
    applyValue(node, this, p, prev);
  },
  /** Check, upload and list new files; send the value once they are all up. */
  async add(node, ctx, picked) {
    if (!picked.length) return;
    const many = Boolean(node.p.multiple);
    const chosen = many ? picked : picked.slice(0, 1);
    node.s.errors = [];
    const ups = chosen.map(async (file) => {
      const name = file.webkitRelativePath || file.name;
      const refused = refusal({ ...node.p, __size: file.size }, name, file.type);
      if (refused) {
        node.s.errors.push({ name, size: file.size, error: refused });
        return null;
      }
      try {
        return await uploadFile(node.p.id, file, name);
      } catch (err) {
        node.s.errors.push({ name, size: file.size, error: err.message });
        return null;
      }
    });
    node.el.classList.add('uploading');
    const done = (await Promise.all(ups)).filter(Boolean);
    node.el.classList.remove('uploading');
    if (!many && done.length) for (const old of node.s.files) deleteFile(node.p.id, old.file_id);
    const files = many ? [...node.s.files, ...done] : (done.length ? done : node.s.files);
    this.show(node, ctx, files);
    if (done.length) send(node, ctx, files);
  },
  remove(node, ctx, fileId) {
    const files = node.s.files.filter((f) => f.file_id !== fileId);
    this.show(node, ctx, files);
    send(node, ctx, files);
    deleteFile(node.p.id, fileId);
  },
  /** Draw the file list (uploaded files with remove buttons, then refused ones). */
  show(node, ctx, files) {
    node.s.files = files;
    const rows = files.map((f) => h('li', { class: 'fu-file' },
      h('span', { class: 'fu-name', text: f.name }), h('span', { class: 'fu-size', text: size(f.size) }),
      h('button', {
        type: 'button', class: 'fu-remove', 'aria-label': `Remove ${f.name}`, title: 'Remove',
        onclick: () => this.remove(node, ctx, f.file_id),
      }, '×')));
    const bad = node.s.errors.map((f) => h('li', { class: 'fu-file fu-bad' },
      h('span', { class: 'fu-name', text: f.name }), h('span', { class: 'fu-error', role: 'alert', text: f.error })));
    node.s.list.replaceChildren(...rows, ...bad);
  },
  read(node) {
    return node.s.files.map(({ file_id, name, size: n, type }) => ({ file_id, name, size: n, type }));
  },
  write(node, v) {
    this.show(node, node.s.ctx, Array.isArray(v) ? v : []);
  },
};

// ------------------------------------------------------------------------------ capture inputs
function captureKind(kind) {
  const camera = kind === 'camera';
  return {
    widget: true,
    create(node, p, ctx) {
      node.s.ctx = ctx;
      node.s.files = [];
      node.s.view = h('div', { class: 'cap-view' });
      node.s.action = h('button', { type: 'button', class: 'btn btn-secondary cap-action' });
      node.s.error = h('div', { class: 'fu-error', role: 'alert' });
      node.s.control = node.s.action;
      node.el = field(node, labelRow(node, 'span'), h('div', { class: `cap cap-${kind}` }, node.s.view, node.s.action), node.s.error);
      node.s.action.addEventListener('click', () => this.act(node, ctx));
      this.update(node, p, NONE);
    },
    update(node, p, prev) {
      applyCommon(node, p, prev);
      node.el.style.width = typeof p.width === 'number' ? `${p.width}px` : '';
      applyValue(node, this, p, prev);
    },
    async act(node, ctx) {
      node.s.error.textContent = '';
      try {
        if (node.s.files.length) return this.clear(node, ctx);
        if (camera) return await (node.s.stream ? this.snap(node, ctx) : this.open(node));
        return await (node.s.recorder ? this.stop(node) : this.record(node, ctx));
      } catch (err) {
        node.s.error.textContent = `${camera ? 'Camera' : 'Microphone'}: ${err.message ?? err}`;
        return undefined;
      }
    },
    async open(node) {
      const video = node.p.height ? { height: { ideal: node.p.height } } : true;
      node.s.stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
      const el = h('video', { autoplay: true, muted: true, playsinline: true, class: 'cap-live' });
      el.srcObject = node.s.stream;
      node.s.live = el;
      node.s.view.replaceChildren(el);
      node.s.action.textContent = 'Take Photo';
    },
    async snap(node, ctx) {
      const el = node.s.live;
      if (!el.videoWidth) await new Promise((ok) => el.addEventListener('loadeddata', ok, { once: true }));
      const canvas = h('canvas');
      canvas.width = el.videoWidth;
      canvas.height = el.videoHeight;
      canvas.getContext('2d').drawImage(el, 0, 0);
      const blob = await new Promise((ok) => canvas.toBlob(ok, 'image/jpeg', 0.92));
      this.release(node);
      await this.upload(node, ctx, blob, 'image.jpg');
    },
    async record(node) {
      node.s.recorder = await startRecording();
      node.s.view.replaceChildren(h('span', { class: 'cap-rec' }, 'Recording…'));
      node.s.action.textContent = 'Stop recording';
    },
    async stop(node) {
      const recording = node.s.recorder;
      node.s.recorder = null;
      await this.upload(node, node.s.ctx, await recording.stop(node.p.sample_rate ?? null), 'audio.wav');
    },
    async upload(node, ctx, blob, name) {
      const info = await uploadFile(node.p.id, blob, name);
      node.s.files = [info];
      this.show(node);
      send(node, ctx, node.s.files);
    },
    clear(node, ctx) {
      for (const f of node.s.files) deleteFile(node.p.id, f.file_id);
      node.s.files = [];
      this.show(node);
      send(node, ctx, []);
    },
    release(node) {
      for (const track of node.s.stream?.getTracks() ?? []) track.stop();
      node.s.stream = null;
      node.s.live = null;
    },
    /** The captured file (played back from the media it is stored as), or the start button. */
    show(node) {
      const f = node.s.files[0];
      if (f) {
        node.s.view.replaceChildren(h('span', { class: 'cap-done', text: `${f.name} (${size(f.size)})` }));
        node.s.action.textContent = camera ? 'Clear photo' : 'Clear recording';
      } else {
        node.s.view.replaceChildren();
        node.s.action.textContent = camera ? 'Enable camera' : 'Record';
      }
    },
    read(node) {
      return node.s.files.map(({ file_id, name, size: n, type }) => ({ file_id, name, size: n, type }));
    },
    write(node, v) {
      node.s.files = Array.isArray(v) ? v : [];
      this.show(node);
    },
    destroy(node) {
      this.release(node);
      node.s.recorder?.cancel();
    },
  };
}

// ------------------------------------------------------------------------------ download_button
const downloadButton = {
  widget: true,
  create(node, p, ctx) {
    node.s.label = h('span', { class: 'btn-label' });
    node.s.icon = h('span', { class: 'btn-icon' });
    node.s.control = h('a', { id: p.id, role: 'button', class: 'btn', tabindex: '0' }, node.s.label);
    node.el = h('div', { class: 'w w-download_button' }, node.s.control);
    node.s.control.addEventListener('click', (e) => {
      if (node.p.disabled) {
        e.preventDefault();
        return;
      }
      // the browser downloads the href; the click then reruns the app unless "ignore"
      if (!node.p.ignore) commit(node, ctx, true, true);
    });
    node.s.control.addEventListener('keydown', (e) => {
      if (e.key === ' ') {
        e.preventDefault();
        node.s.control.click();
      }
    });
    this.update(node, p, NONE);
  },
  update(node, p, prev) {
    applyCommon(node, p, prev);
    const b = node.s.control;
    b.className = `btn btn-${['primary', 'tertiary'].includes(p.kind) ? p.kind : 'secondary'}`;
    if (p.url) {
      b.href = mediaUrl(p.url);
      b.download = p.file_name;
    } else {
      b.removeAttribute('href'); // disabled: nothing to download
      b.removeAttribute('download');
    }
    b.setAttribute('aria-disabled', String(Boolean(p.disabled)));
    node.s.icon.textContent = p.icon ?? '';
    if (p.icon) b.insertBefore(node.s.icon, p.icon_position === 'right' ? null : node.s.label);
    else node.s.icon.remove();
    node.el.classList.toggle('wide', p.width === 'stretch');
    b.classList.toggle('nowrap', p.wrap === false);
    if (p.help) b.title = p.help;
    else b.removeAttribute('title');
    if (p.shortcut !== prev.shortcut) {
      node.s.unshortcut?.();
      node.s.kbd?.remove();
      node.s.unshortcut = null;
      node.s.kbd = null;
      if (p.shortcut) {
        node.s.unshortcut = registerShortcut(p.shortcut, () => {
          if (!node.p.disabled) node.s.control.click();
        });
        node.s.kbd = h('kbd', { class: 'btn-kbd', text: shortcutLabel(p.shortcut) });
        b.append(node.s.kbd);
        b.setAttribute('aria-keyshortcuts', p.shortcut.replace('mod', 'Control').replace('cmd', 'Meta'));
      } else {
        b.removeAttribute('aria-keyshortcuts');
      }
    }
  },
  destroy(node) {
    node.s.unshortcut?.();
  },
};

export const kinds = {
  file_uploader: fileUploader,
  camera_input: captureKind('camera'),
  audio_input: captureKind('audio'),
  download_button: downloadButton,
};
