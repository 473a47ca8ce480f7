// The session API (this UI proxies it to fetch-execute). Every failure becomes a ProblemError whose
// detail is what the server said (RFC 9457), or a sentence about the network.

export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `the server answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

// A session's control token: the create answers it once, and every change of the session (pause, resume, stop,
// input) must carry it. Kept per tab in sessionStorage (a reload keeps it; another tab or browser does not have
// it, so it can watch the session but not change it).
const TOKENS = 'invaders.controlTokens';
const CONTROL_HEADER = 'Invaders-Control-Token';

function tokens() {
  try {
    const t = JSON.parse(sessionStorage.getItem(TOKENS) || '{}');
    return t && typeof t === 'object' ? t : {};
  } catch {
    return {};
  }
}

export function controlToken(id) {
  const t = tokens()[id];
  return typeof t === 'string' ? t : null;
}

function keepControlToken(id, token) {
  const t = tokens();
  t[id] = token;
  try {
    sessionStorage.setItem(TOKENS, JSON.stringify(t));
  } catch {
    // storage full or off: the token lives as long as the page
  }
  memory[id] = token;
}

export function forgetControlToken(id) {
  const t = tokens();
  delete t[id];
  delete memory[id];
  try {
    sessionStorage.setItem(TOKENS, JSON.stringify(t));
  } catch {
    // nothing kept
  }
}

const memory = {};

export function ownToken(id) {
  return controlToken(id) || memory[id] || null;
}

export async function api(method, path, body, timeoutMs = 15000, extraHeaders = {}) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        ...(body === undefined ? { Accept: 'application/json' }
          : { 'Content-Type': 'application/json', Accept: 'application/json' }),
        ...extraHeaders,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: abort.signal,
      cache: 'no-store',
    });
  } catch (e) {
    throw new ProblemError(0, {
      title: 'Unreachable',
      detail: abort.signal.aborted ? `no answer within ${timeoutMs / 1000} s` : 'the UI service is unreachable',
    });
  } finally {
    clearTimeout(timer);
  }
  const type = response.headers.get('Content-Type') || '';
  let data = null;
  try {
    data = type.includes('json') ? await response.json() : await response.text();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : { detail: `the server answered ${response.status}` };
    throw new ProblemError(response.status, problem);
  }
  return data;
}

function owner(id) {
  const token = ownToken(id);
  return token ? { [CONTROL_HEADER]: token } : {};
}

export const sessions = {
  list: () => api('GET', '/api/v1/sessions'),
  get: (id) => api('GET', `/api/v1/sessions/${encodeURIComponent(id)}`),
  create: async (body) => {
    const created = await api('POST', '/api/v1/sessions', body, 60000);
    if (created && typeof created.id === 'string' && typeof created.controlToken === 'string') {
      keepControlToken(created.id, created.controlToken);
    }
    return created;
  },
  remove: async (id) => {
    const answer = await api('DELETE', `/api/v1/sessions/${encodeURIComponent(id)}`, undefined, 15000, owner(id));
    forgetControlToken(id);
    return answer;
  },
  pause: (id) => api('POST', `/api/v1/sessions/${encodeURIComponent(id)}/pause`, undefined, 15000, owner(id)),
  resume: (id) => api('POST', `/api/v1/sessions/${encodeURIComponent(id)}/resume`, undefined, 15000, owner(id)),
};
