// Microphone recordings as WAV files: getUserMedia + MediaRecorder, then decoded and resampled
// in the browser to a 16-bit mono WAV at the widget's sample rate (Streamlit's format). Shared
// by st.audio_input (files.js) and st.chat_input's microphone button (chat.js). Knows nothing
// about widgets or uploads.

/** 16-bit PCM mono WAV of float samples. */
function wav(samples, rate) {
  const out = new DataView(new ArrayBuffer(44 + samples.length * 2));
  const text = (at, s) => [...s].forEach((c, i) => out.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF'); out.setUint32(4, 36 + samples.length * 2, true); text(8, 'WAVE');
  text(12, 'fmt '); out.setUint32(16, 16, true); out.setUint16(20, 1, true); out.setUint16(22, 1, true);
  out.setUint32(24, rate, true); out.setUint32(28, rate * 2, true); out.setUint16(32, 2, true);
  out.setUint16(34, 16, true); text(36, 'data'); out.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => out.setInt16(44 + i * 2, Math.max(-1, Math.min(1, s)) * 0x7fff, true));
  return new Blob([out], { type: 'audio/wav' });
}

/** A recording (any format MediaRecorder made) as a WAV at `rate` (null: its own rate). */
async function toWav(blob, rate) {
  const decoded = await new AudioContext().decodeAudioData(await blob.arrayBuffer());
  const target = rate ?? decoded.sampleRate;
  const offline = new OfflineAudioContext(1, Math.max(1, Math.ceil(decoded.duration * target)), target);
  const source = offline.createBufferSource();
  source.buffer = decoded;
  source.connect(offline.destination);
  source.start();
  return wav((await offline.startRendering()).getChannelData(0), target);
}

/**
 * Start recording from the microphone (the browser asks for permission the first time).
 * `stop(rate)` ends it and resolves to the WAV at `rate` Hz (null: the microphone's own rate);
 * `cancel()` ends it and drops it. Either releases the microphone.
 * @returns {Promise<{stop: (rate: number|null) => Promise<Blob>, cancel: () => void}>}
 */
export async function startRecording() {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
  const recorder = new MediaRecorder(stream);
  const parts = [];
  recorder.addEventListener('dataavailable', (e) => parts.push(e.data));
  const recorded = new Promise((ok) => recorder.addEventListener('stop', () => ok(new Blob(parts, { type: recorder.mimeType }))));
  const release = () => {
    if (recorder.state !== 'inactive') recorder.stop();
    for (const track of stream.getTracks()) track.stop();
  };
  recorder.start();
  return {
    async stop(rate) {
      release();
      return toWav(await recorded, rate ?? null);
    },
    cancel: release,
  };
}
