// Who is logged in and what they may do, as the server says (GET /auth/me). The menu, the
// routes and the buttons ask `can(permission)`; the server still decides every request.
import { reactive } from 'vue';
import { api } from '../api/client.js';

export const session = reactive({ loaded: false, user: null, permissions: [] });

export function can(permission) {
  if (!permission) {
    return true;
  }
  const wanted = Array.isArray(permission) ? permission : [permission];
  return wanted.some((p) => session.permissions.includes(p));
}

// Loads the current user; false when there is no valid session.
export async function loadSession() {
  try {
    const me = await api.auth.me();
    session.user = me;
    session.permissions = me.permissions || [];
    return true;
  } catch {
    session.user = null;
    session.permissions = [];
    return false;
  } finally {
    session.loaded = true;
  }
}

export function clearSession() {
  session.user = null;
  session.permissions = [];
}
