// Where media and uploads live on the server: media URLs (by content-hash id, scoped to the
// session by the `media` key of the welcome) and the upload endpoint (with the tab's token in
// a header, never in a URL).
const base = new URL('../../', import.meta.url);

/**
 * The URL of a media element's source: an absolute URL is used as is, an id is the
 * session's media.
 * @param {string} src
 * @returns {string}
 */
export function mediaUrl(src) {
  if (/^(https?:)?\/\//i.test(src) || src.startsWith('data:') || src.startsWith('/')) return src;
  const key = /** @type {any} */ (window).__tidal?.media ?? '';
  return new URL(`_tidal/media/${key}/${encodeURIComponent(src)}`, base).href;
}

/** The upload endpoint of a widget (and of one of its files, to delete it). */
export function uploadUrl(widgetId, fileId = '') {
  const tail = fileId ? `/${encodeURIComponent(fileId)}` : '';
  return new URL(`_tidal/upload/${encodeURIComponent(widgetId)}${tail}`, base).href;
}

/** The tab's session token (kept by connection.js). */
export function sessionToken() {
  try {
    return sessionStorage.getItem('tidal.token') ?? '';
  } catch {
    return '';
  }
}

/**
 * Upload one file (or blob) over HTTP; resolves to the server's file info, or rejects with
 * the server's message (Streamlit's wording for size and type).
 * @param {string} widgetId
 * @param {Blob} blob
 * @param {string} name
 * @returns {Promise<{file_id: string, name: string, size: number, type: string}>}
 */
export async function uploadFile(widgetId, blob, name) {
  const reply = await fetch(uploadUrl(widgetId), {
    method: 'POST',
    body: blob,
    headers: {
      'X-Tidal-Session': sessionToken(),
      'X-Tidal-Filename': encodeURIComponent(name),
      'Content-Type': blob.type || 'application/octet-stream',
    },
  });
  if (!reply.ok) {
    let message = `Upload failed (${reply.status}).`;
    try {
      message = (await reply.json()).error ?? message;
    } catch { /* not JSON */ }
    throw new Error(message);
  }
  return reply.json();
}

/** Forget an uploaded file on the server (fire and forget). */
export function deleteFile(widgetId, fileId) {
  fetch(uploadUrl(widgetId, fileId), { method: 'DELETE', headers: { 'X-Tidal-Session': sessionToken() } })
    .catch(() => {});
}
