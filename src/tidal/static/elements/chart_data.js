// Chart data from the wire: compact columns (numbers as base64 of their bytes, the index as a
// range, see chart_data.py) turned into arrays and rows. Shared by the chart families.

function bytes(b64) {
  const fromBase64 = /** @type {any} */ (Uint8Array).fromBase64;
  if (fromBase64) return fromBase64(b64);
  const text = atob(b64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** One column's values from its wire encoding. */
export function column(enc, n) {
  if (enc.r) {
    const [start, step] = enc.r;
    return Array.from({ length: n }, (_, i) => start + i * step);
  }
  if (enc.f8) {
    const b = bytes(enc.f8);
    return Array.from(new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8),
      (v) => (Number.isNaN(v) ? null : v));
  }
  if (enc.i4) {
    const b = bytes(enc.i4);
    return Array.from(new Int32Array(b.buffer, b.byteOffset, b.byteLength / 4));
  }
  return enc.v;
}

/** Rows (objects) from the wire's columns. */
export function rows(data) {
  const n = data.n;
  const cols = data.cols.map(([name, enc]) => [name, column(enc, n)]);
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = {};
    for (const [name, values] of cols) row[name] = values[i];
    out[i] = row;
  }
  return out;
}
