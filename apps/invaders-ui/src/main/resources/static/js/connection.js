// One session's play stream: a WebSocket to /api/v1/sessions/{id}/play that reconnects with backoff when
// the UI replica, fetch-execute or the network goes away, and never when the session ended or is gone.

import { parseMessage, applyFrame, text, FRAME, STATS, CONSOLE, END, VRAM_SIZE } from './protocol.js';

const RETRY_CLOSES = new Set([1001, 1005, 1006, 1011, 1012, 1013, 1014]);
const STALL_MS = 8000;
const MAX_DELAY_MS = 8000;

export class Player {
  /**
   * handlers: frame(header, vram), stats(object), console(text, first), end(object), problem(object),
   * status(state, text) with state one of connecting, live, retrying, ended, refused, closed.
   */
  constructor(id, handlers, controlToken = null) {
    this.id = id;
    // The session's control token when this page created it: sent first on every connection, so the relay
    // passes the controls on with it. Without it the page only watches (no controls are sent).
    this.controlToken = controlToken;
    this.h = handlers;
    this.vram = new Uint8Array(VRAM_SIZE);
    this.synced = false;
    this.ws = null;
    this.stopped = false;
    this.attempt = 0;
    this.timer = null;
    this.lastMessage = 0;
    this.bytes = 0;
    this.held = [];
    this.consoleSeen = false;
    this.lastProblem = null;
    this.stall = setInterval(() => this.checkStall(), 1000);
  }

  url() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location.host}/api/v1/sessions/${encodeURIComponent(this.id)}/play`;
  }

  start() {
    if (this.stopped) return;
    this.h.status('connecting', this.attempt === 0 ? 'Connecting…' : `Reconnecting (attempt ${this.attempt + 1})…`);
    let ws;
    try {
      ws = new WebSocket(this.url());
    } catch (e) {
      this.retry('the page could not open a WebSocket');
      return;
    }
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    this.synced = false;
    this.consoleSeen = false;
    this.lastProblem = null;
    this.lastMessage = performance.now();
    ws.onopen = () => {
      this.lastMessage = performance.now();
      if (this.controlToken) ws.send(JSON.stringify({ controlToken: this.controlToken }));
      if (this.held.length) this.sendHeld(this.held);
    };
    ws.onmessage = (e) => this.message(e.data);
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.closed(e.code, e.reason);
    };
    ws.onerror = () => {
      // onclose follows with the code
    };
  }

  message(data) {
    this.lastMessage = performance.now();
    if (typeof data === 'string') {
      this.bytes += data.length;
      try {
        const notice = JSON.parse(data);
        if (notice.type === 'problem') {
          this.lastProblem = notice;
          this.h.problem(notice);
        }
      } catch {
        // not ours
      }
      return;
    }
    this.bytes += data.byteLength;
    let msg;
    try {
      msg = parseMessage(data);
    } catch (e) {
      this.resync(e.message);
      return;
    }
    if (this.attempt !== 0 || !this.live) {
      this.attempt = 0;
      this.live = true;
      this.h.status('live', 'Live');
    }
    switch (msg.type) {
      case FRAME: {
        let header;
        try {
          const keyframe = msg.payload.length > 8 && (msg.payload[8] & 1) === 1;
          if (!this.synced && !keyframe) return; // wait for a keyframe
          header = applyFrame(msg.payload, this.vram);
          this.synced = true;
        } catch (e) {
          this.resync(e.message);
          return;
        }
        this.h.frame(header, this.vram);
        break;
      }
      case STATS:
        try {
          this.h.stats(JSON.parse(text(msg.payload)));
        } catch {
          // a broken STATS is skipped; the next comes within a second
        }
        break;
      case CONSOLE:
        this.h.console(text(msg.payload), !this.consoleSeen);
        this.consoleSeen = true;
        break;
      case END: {
        let end = {};
        try {
          end = JSON.parse(text(msg.payload));
        } catch {
          end = {};
        }
        if (end.status === 'shutdown') {
          // The CPU service is stopping; the session resumes in its next process. The close that follows
          // (4503) reconnects.
          this.h.status('retrying', 'the CPU service is restarting');
        } else {
          this.ended = true;
          this.h.end(end);
        }
        break;
      }
      default:
        break; // a message type this page does not know yet
    }
  }

  /** A broken delta: start over from the next connection's keyframe. */
  resync(why) {
    console.warn(`stream of ${this.id}: ${why}; reconnecting`);
    this.synced = false;
    if (this.ws) this.ws.close(4000, 'resync');
  }

  closed(code, reason) {
    this.live = false;
    if (this.stopped) return;
    if (code === 1000 || this.ended) {
      this.h.status('ended', 'Session ended');
      this.stop();
      return;
    }
    if (code >= 4400 && code < 4500 && code !== 4408 && code !== 4429) {
      const detail = this.lastProblem ? this.lastProblem.detail : reason || `refused (${code - 4000})`;
      this.h.status('refused', code === 4404 ? `Session not found: ${detail}` : `Stream refused: ${detail}`);
      this.stop();
      return;
    }
    let why = reason || 'the connection closed';
    if (code === 4503) why = reason || 'the CPU service is unreachable';
    else if (code === 1013) why = 'the UI service is busy';
    else if (code === 1001) why = 'the UI service is restarting';
    else if (code === 1006) why = 'the connection was lost';
    else if (!RETRY_CLOSES.has(code) && !(code >= 4500 && code < 4600) && code !== 4000) {
      why = `${why} (${code})`;
    }
    this.retry(why);
  }

  retry(why) {
    if (this.stopped) return;
    const base = Math.min(MAX_DELAY_MS, 500 * 2 ** this.attempt);
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.attempt++;
    this.h.status('retrying', `${why}; reconnecting in ${(delay / 1000).toFixed(1)} s (attempt ${this.attempt})`);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), delay);
  }

  checkStall() {
    if (this.ws && this.ws.readyState === WebSocket.OPEN && performance.now() - this.lastMessage > STALL_MS) {
      const ws = this.ws;
      this.ws = null;
      ws.close(4000, 'stalled');
      this.retry(`no data for ${STALL_MS / 1000} s`);
    }
  }

  /** The controls held now; sent at once, and again after a reconnect. */
  sendHeld(held) {
    this.held = held;
    if (this.controlToken && this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify({ held }));
    }
  }

  /** Bytes received since the last call. */
  takeBytes() {
    const b = this.bytes;
    this.bytes = 0;
    return b;
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.stall);
    if (this.ws) {
      const ws = this.ws;
      this.ws = null;
      ws.close(1000, 'page left the session');
    }
  }
}
