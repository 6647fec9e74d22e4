// Numbers for number inputs and sliders: printf-style formatting (the subset Python apps use:
// %d %i %u %f %F %e %E %g %G %s %% with flags, width and precision), parsing what a person
// typed, clamping and stepping without floating point noise. Knows nothing about the DOM.

const SPEC = /%([-+ 0#]*)(\d*)(?:\.(\d*))?([diufFeEgGs%])/g;

/** Python's exponent has at least two digits: 1e+3 -> 1e+03. */
function pyExp(s) {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function stripZeros(s) {
  return s.includes('e')
    ? s.replace(/\.?0+e/, 'e')
    : s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Python's %g: shortest of %e / %f for the precision, trailing zeros removed. */
function general(a, prec, alt) {
  const p = prec === 0 ? 1 : prec;
  if (a === 0) return alt ? (0).toFixed(p - 1) : '0';
  const x = Number(a.toExponential(p - 1).split('e')[1]); // exponent after rounding
  const s = x < -4 || x >= p ? pyExp(a.toExponential(p - 1)) : a.toFixed(Math.max(0, p - 1 - x));
  return alt ? s : stripZeros(s);
}

function convert(a, conv, prec, alt) {
  if (!Number.isFinite(a)) return Number.isNaN(a) ? 'nan' : 'inf';
  switch (conv) {
    case 'd': case 'i': case 'u': return Math.trunc(a).toFixed(0);
    case 'f': case 'F': return a.toFixed(prec ?? 6);
    case 'e': return pyExp(a.toExponential(prec ?? 6));
    case 'E': return pyExp(a.toExponential(prec ?? 6)).toUpperCase();
    case 'g': return general(a, prec ?? 6, alt);
    case 'G': return general(a, prec ?? 6, alt).toUpperCase();
    default: return String(a);
  }
}

/**
 * Format a number with a printf-style pattern, as Python's `%` operator would.
 * @param {string} fmt e.g. "%d", "%0.2f", "%.3e", "%g", "$%.2f", "%d%%"
 * @param {number} v
 * @returns {string}
 * @example sprintf("%0.2f", 3.14159) // "3.14"
 */
export function sprintf(fmt, v) {
  return fmt.replace(SPEC, (_m, flags, width, prec, conv) => {
    if (conv === '%') return '%';
    if (conv === 's') return String(v);
    const p = prec === undefined ? null : Number(prec || 0);
    const neg = v < 0 || Object.is(v, -0);
    let body = convert(Math.abs(v), conv, p, flags.includes('#'));
    const sign = neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const w = Number(width || 0);
    if (flags.includes('-')) return (sign + body).padEnd(w);
    if (flags.includes('0') && Number.isFinite(v)) body = body.padStart(w - sign.length, '0');
    return (sign + body).padStart(w);
  });
}

/**
 * Decimal places of a number as written (0.25 -> 2, 1e-7 -> 7).
 * @param {number|null|undefined} x
 * @returns {number}
 */
export function decimals(x) {
  if (x == null || !Number.isFinite(x)) return 0;
  const [mant, exp] = String(x).split('e');
  const frac = (mant.split('.')[1] || '').length;
  return Math.max(0, frac - Number(exp || 0));
}

/**
 * Display text for a number widget value.
 * @param {number|null} v
 * @param {{format?: string|null, dtype?: string, step?: number|null}} p widget props
 * @returns {string}
 */
export function formatNumber(v, p) {
  if (v == null) return '';
  if (p.format) return sprintf(p.format, v);
  if (p.dtype === 'int') return Math.round(v).toFixed(0);
  return v.toFixed(Math.min(20, Math.max(2, decimals(p.step))));
}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;

/**
 * Read a number out of what a person typed (ignores a format's prefix or suffix text).
 * @param {string} text
 * @returns {number|null|undefined} null for empty text, undefined when there is no number.
 */
export function parseNumber(text) {
  const s = text.replace(/[\s,_]/g, '');
  if (s === '') return null;
  const m = NUMBER.exec(s);
  return m ? Number(m[0]) : undefined;
}

/**
 * Clamp to [min, max] (either may be null), round an int dtype, remove float noise.
 * @param {number} v
 * @param {{min?: number|null, max?: number|null, dtype?: string, step?: number|null}} p
 * @returns {number}
 */
export function normalize(v, p) {
  let x = v;
  if (p.min != null && x < p.min) x = p.min;
  if (p.max != null && x > p.max) x = p.max;
  if (p.dtype === 'int') return Math.round(x);
  return Number(x.toPrecision(15));
}

/**
 * Add `n` steps to a value and round to the step's precision.
 * @param {number} v
 * @param {number} n
 * @param {{step?: number|null, dtype?: string, min?: number|null, max?: number|null}} p
 * @returns {number}
 */
export function stepBy(v, n, p) {
  const step = p.step ?? (p.dtype === 'int' ? 1 : 0.01);
  const places = Math.min(15, Math.max(decimals(step), decimals(v)));
  return normalize(Number((v + n * step).toFixed(places)), p);
}
