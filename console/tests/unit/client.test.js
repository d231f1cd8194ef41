import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError } from '../../src/api/client.js';

function answer(status, body, headers = {}) {
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: new Headers({ 'content-type': 'application/json', ...headers }),
    json: async () => body,
  };
}

describe('versioned writes', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('send back the version the page read', async () => {
    const calls = [];
    vi.stubGlobal('fetch', async (url, init) => {
      calls.push({ url, init });
      return init.method === 'GET'
        ? answer(200, { auto_review: true }, { etag: '"v7"' })
        : answer(200, { auto_review: false }, { etag: '"v8"' });
    });
    const settings = await api.system.settings();
    expect(settings.$etag).toBe('"v7"');
    await api.system.patchSettings({ auto_review: false }, settings.$etag);
    await api.system.putCarriers({ rules: [] }, '"c3"');
    expect(calls[1].init.method).toBe('PATCH');
    expect(calls[1].init.headers['If-Match']).toBe('"v7"');
    expect(calls[2].init.method).toBe('PUT');
    expect(calls[2].init.headers['If-Match']).toBe('"c3"');
  });

  it('report a stale version by its code', async () => {
    vi.stubGlobal('fetch', async () =>
      answer(412, { code: 'version_mismatch', title: 'Precondition Failed' }));
    const error = await api.system.patchSettings({}, '"old"').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(412);
    expect(error.code).toBe('version_mismatch');
  });
});
