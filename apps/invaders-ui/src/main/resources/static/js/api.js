// The session API (this UI proxies it to fetch-execute). Every failure becomes a ProblemError whose
// detail is what the server said (RFC 9457), or a sentence about the network.

export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `the server answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(method, path, body, timeoutMs = 15000) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { Accept: 'application/json' }
        : { 'Content-Type': 'application/json', Accept: 'application/json' },
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

export const sessions = {
  list: () => api('GET', '/api/v1/sessions'),
  get: (id) => api('GET', `/api/v1/sessions/${encodeURIComponent(id)}`),
  create: (body) => api('POST', '/api/v1/sessions', body, 60000),
  remove: (id) => api('DELETE', `/api/v1/sessions/${encodeURIComponent(id)}`),
  pause: (id) => api('POST', `/api/v1/sessions/${encodeURIComponent(id)}/pause`),
  resume: (id) => api('POST', `/api/v1/sessions/${encodeURIComponent(id)}/resume`),
};
