// The one place the console talks to the server: every path of the HTTP API it uses is here,
// so a change of the API is followed in this file alone.
//
// Authentication is the HttpOnly session cookie set by log-in (the page never sees the token).
// Every write is sent as JSON from the console's own origin: the server refuses cookie-
// authenticated writes that are not JSON or come from another site (CSRF). Errors arrive as
// RFC 9457 problem+json and are thrown as ApiError.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code || (status === 0 ? 'network_error' : 'http_error');
    this.title = problem?.title || '';
    this.detail = problem?.detail || '';
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

const listeners = new Set();

// `fn(error)` is called when a request is answered 401 (the session ended, expired or was
// ended by an administrator); returns a function that removes the listener.
export function onSessionEnded(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function queryString(query) {
  if (!query) {
    return '';
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((v) => params.append(key, v));
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function request(method, path, { query, body, headers, quiet401 } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (method !== 'GET' && method !== 'HEAD') {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  Object.assign(init.headers, headers || {});
  let response;
  try {
    response = await fetch(`/api/v1${path}${queryString(query)}`, init);
  } catch (cause) {
    throw new ApiError(0, { title: String(cause) });
  }
  const type = response.headers.get('content-type') || '';
  const payload = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const error = new ApiError(response.status, payload);
    if (response.status === 401 && !quiet401) {
      listeners.forEach((fn) => fn(error));
    }
    throw error;
  }
  if (payload && response.headers.get('etag')) {
    Object.defineProperty(payload, '$etag', { value: response.headers.get('etag') });
  }
  return payload;
}

const get = (path, query) => request('GET', path, { query });

// A file upload (multipart/form-data). The server admits a cookie-authenticated upload only with
// X-Requested-With, which a form on another site cannot send (CSRF).
async function upload(path, fields, files) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    form.append(name, value);
  }
  files.forEach((file) => form.append('file', file, file.name));
  let response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method: 'POST', credentials: 'same-origin', body: form,
      headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    });
  } catch (cause) {
    throw new ApiError(0, { title: String(cause) });
  }
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new ApiError(response.status, payload);
    if (response.status === 401) {
      listeners.forEach((fn) => fn(error));
    }
    throw error;
  }
  return payload;
}
const post = (path, body, options = {}) => request('POST', path, { body, ...options });
const enc = encodeURIComponent;

// A URL for a document the browser opens itself (PDFs), authenticated by the cookie.
export const documentUrl = (path) => `/api/v1${path}`;

// The URL of an export (GET /exports/{what}): the browser downloads it itself, authenticated by
// the cookie, as the server streams it. `query` holds the list's filters.
export const exportUrl = (what, format, query) =>
  documentUrl(`/exports/${encodeURIComponent(what)}${queryString({ ...query, format })}`);

export const api = {
  auth: {
    login: (username, password) =>
      request('POST', '/auth/login', { body: { username, password }, quiet401: true }),
    logout: () => post('/auth/logout', {}, { quiet401: true }),
    me: () => request('GET', '/auth/me', { quiet401: true }),
  },
  dashboard: (query) => get('/dashboard', query),
  imports: {
    list: (query) => get('/imports', query),
    get: (id, query) => get(`/imports/${enc(id)}`, query),
    upload: (format, files) => upload('/imports', { format }, files),
  },
  reports: {
    list: () => get('/reports'),
    get: (name, query) => get(`/reports/${enc(name)}`, query),
    fileUrl: (name, format, query) => documentUrl(`/reports/${enc(name)}${queryString({ ...query, format })}`),
  },
  orders: {
    list: (query) => get('/orders', query),
    counts: (query) => get('/orders/counts', query),
    get: (no) => get(`/orders/${enc(no)}`),
    events: (no) => get(`/orders/${enc(no)}/events`, { limit: 200 }),
    shipments: (no) => get(`/orders/${enc(no)}/shipments`),
    reveal: (no, reason) => post(`/orders/${enc(no)}/reveal`, { reason }),
    create: (body) => post('/orders', body),
    transition: (no, action, body) => post(`/orders/${enc(no)}/${action}`, body || {}),
    verify: (no, scans) => post(`/orders/${enc(no)}/verify`, { scans }),
    atRisk: (query) => get('/orders/at-risk', query),
    actions: (no) => get(`/orders/${enc(no)}/actions`),
  },
  review: {
    queue: (query) => get('/review-queue', query),
    rerun: (no) => post(`/orders/${enc(no)}/rerun-review`, {}),
  },
  anomalies: {
    list: (query) => get('/anomalies', query),
    get: (id) => get(`/anomalies/${enc(id)}`),
    act: (id, action, body) => post(`/anomalies/${enc(id)}/${action}`, body || {}),
  },
  stock: {
    skus: (query) => get('/skus', query),
    sku: (code) => get(`/skus/${enc(code)}`),
    warehouses: () => get('/warehouses'),
    get: (sku) => get(`/stock/${enc(sku)}`),
    ledger: (sku, query) => get(`/stock/${enc(sku)}/ledger`, query),
    alerts: () => get('/stock/alerts'),
    receive: (body) => post('/stock/receipts', body),
    adjust: (body) => post('/stock/adjustments', body),
    stocktakes: (query) => get('/stocktakes', query),
    createStocktake: (body) => post('/stocktakes', body),
    backorders: (query) => get('/backorders', query),
    replenishment: (query) => get('/replenishment-requests', query),
  },
  waves: {
    list: (query) => get('/waves', query),
    get: (id) => get(`/waves/${enc(id)}`),
    create: (body) => post('/waves', body),
    pdf: (id, which) => documentUrl(`/waves/${enc(id)}/${which}.pdf`),
  },
  afterSales: {
    list: (query) => get('/after-sales', query),
    get: (id) => get(`/after-sales/${enc(id)}`),
    create: (body) => post('/after-sales', body),
    act: (id, action, body) => post(`/after-sales/${enc(id)}/${action}`, body || {}),
  },
  // Finance's list of payments (GET /payments, finance:read) where the server has it.
  payments: { list: (query) => get('/payments', query) },
  refunds: {
    list: (query) => get('/refunds', query),
    // A payout done names the provider's reference of it (required for a success).
    execute: (id, providerRef) => post(`/refunds/${enc(id)}/execute`, { provider_ref: providerRef }),
    // Four eyes: approved or rejected by someone other than the person who asked for it.
    approve: (id) => post(`/refunds/${enc(id)}/approve`, {}),
    reject: (id, note) => post(`/refunds/${enc(id)}/reject`, { note }),
  },
  customers: {
    list: (query) => get('/customers', query),
    get: (id) => get(`/customers/${enc(id)}`),
    update: (id, body) => request('PATCH', `/customers/${enc(id)}`, { body }),
    blacklist: (id, on, reason) => post(`/customers/${enc(id)}/${on ? 'blacklist' : 'unblacklist'}`, { reason }),
  },
  // The document archive: an order's documents, access grants (asked by another department,
  // decided by the owning department's head) and destructions (proposed by one supervisor,
  // approved by another).
  documents: {
    ofOrder: (no) => get(`/orders/${enc(no)}/documents`),
    get: (id) => get(`/documents/${enc(id)}`),
    pdf: (id) => documentUrl(`/documents/${enc(id)}?format=pdf`),
    grants: (query) => get('/document-grants', query),
    requestGrant: (body) => post('/document-grants', body),
    decideGrant: (id, approve, note) => post(`/document-grants/${enc(id)}/${approve ? 'approve' : 'refuse'}`, { note }),
    due: () => get('/documents/due-for-destruction'),
    destructions: (query) => get('/document-destructions', query),
    propose: (ids, reason) => post('/document-destructions', { document_ids: ids, reason }),
    decideDestruction: (id, approve, note) => post(`/document-destructions/${enc(id)}/${approve ? 'approve' : 'refuse'}`, { note }),
  },
  supervision: {
    violations: (query) => get('/violations', query),
    detect: (body) => post('/violations/detect', body),
    kpis: (query) => get('/kpis', query),
    sanctions: (kind, query) => get(`/${kind}`, query),
  },
  system: {
    users: () => get('/users'),
    createUser: (body) => post('/users', body),
    setUserDisabled: (username, disabled) =>
      post(`/users/${enc(username)}/${disabled ? 'disable' : 'enable'}`, {}),
    settings: () => get('/settings'),
    // Both writes name the version they change (the `$etag` of the read they follow): the
    // server refuses them without it (428) and when someone saved in between (412).
    patchSettings: (body, etag) =>
      request('PATCH', '/settings', { body, headers: { 'If-Match': etag } }),
    carriers: () => get('/carriers'),
    putCarriers: (body, etag) =>
      request('PUT', '/carriers', { body, headers: { 'If-Match': etag } }),
    audit: (query) => get('/audit', query),
    verifyAudit: () => get('/audit/verify'),
    backups: () => get('/backups'),
    takeBackup: () => post('/backups', {}),
  },
};
