// Server-side cursor paging: the browser holds one page at a time, and the cursors of the
// pages before it, so "previous" goes back without the server keeping any state.
import { reactive } from 'vue';
import { errorText } from '../i18n.js';

export function useCursorList(fetchPage, { limit = 20 } = {}) {
  const state = reactive({ rows: [], loading: false, error: '', status: 0, next: null, cursors: [], index: 0, limit });

  async function load(cursor) {
    state.loading = true;
    state.error = '';
    state.status = 0;
    try {
      const page = await fetchPage({ limit: state.limit, cursor: cursor || undefined });
      state.rows = page?.data || [];
      state.next = page?.next_cursor || null;
    } catch (e) {
      state.rows = [];
      state.next = null;
      state.error = errorText(e);
      state.status = e?.status || 0;
    } finally {
      state.loading = false;
    }
  }

  return {
    state,
    reload: () => {
      state.cursors = [];
      state.index = 0;
      return load(null);
    },
    refresh: () => load(state.cursors[state.index - 1] || null),
    nextPage: () => {
      if (!state.next) {
        return Promise.resolve();
      }
      state.cursors[state.index] = state.next;
      state.index += 1;
      return load(state.next);
    },
    prevPage: () => {
      if (state.index === 0) {
        return Promise.resolve();
      }
      state.index -= 1;
      return load(state.cursors[state.index - 1] || null);
    },
  };
}
