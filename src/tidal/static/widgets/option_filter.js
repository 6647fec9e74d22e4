// Which options typed text leaves in a choice widget's list (selectbox, multiselect), under the
// widget's `filter_mode`. Knows nothing about the DOM.

/**
 * How well an option label matches typed text under a `filter_mode`, case-insensitively:
 * "prefix" (the label starts with the text), "contains" (the text is in the label) or "fuzzy"
 * (the text's characters appear in the label in order, not necessarily together). No text, or
 * mode null (no typing), matches everything. Lower is better, -1 no match: the label itself
 * first, then (fuzzy) labels that start with the text, that contain it, and the others.
 * @param {string} label
 * @param {string} typed
 * @param {string|null} mode
 * @returns {number}
 */
export function matchRank(label, typed, mode) {
  const q = typed.trim().toLowerCase();
  if (!q || mode == null) return 0;
  const l = label.toLowerCase();
  if (l === q) return 0;
  if (mode === 'prefix') return l.startsWith(q) ? 1 : -1;
  if (mode === 'contains') return l.includes(q) ? 1 : -1;
  if (l.startsWith(q)) return 1;
  if (l.includes(q)) return 2;
  let at = 0;
  for (const ch of q) {
    at = l.indexOf(ch, at);
    if (at < 0) return -1;
    at += 1;
  }
  return 3;
}

/**
 * The indices of the options to offer for typed text, best match first (option order within
 * a rank), leaving out those `skip` names.
 * @param {any[]} options the option labels
 * @param {string} typed
 * @param {string|null} mode
 * @param {(i: number) => boolean} [skip]
 * @returns {number[]}
 */
export function filterOptions(options, typed, mode, skip = () => false) {
  const ranked = [];
  options.forEach((o, i) => {
    if (skip(i)) return;
    const rank = matchRank(String(o), typed, mode);
    if (rank >= 0) ranked.push([rank, i]);
  });
  return ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
}
