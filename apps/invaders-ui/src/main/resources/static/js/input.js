// The controls a player holds: keyboard (arrows, space, C or Enter, 1 and 2) and the on-screen buttons
// (pointer events, so touch works: held from down to up). Reports the whole set on every change.

const MIN_HOLD_MS = 60;

const KEYS = {
  ArrowLeft: 'p1-left',
  ArrowRight: 'p1-right',
  Space: 'p1-fire',
  KeyC: 'coin',
  Enter: 'coin',
  NumpadEnter: 'coin',
  Digit1: 'p1-start',
  Numpad1: 'p1-start',
  Digit2: 'p2-start',
  Numpad2: 'p2-start',
};

/** Elements where keys belong to the element (typing, choosing, pressing a real button). */
function ownsKeys(el) {
  if (!el || !el.tagName) {
    return false;
  }
  const tag = el.tagName.toLowerCase();
  if (tag === 'input' || tag === 'select' || tag === 'textarea' || el.isContentEditable) {
    return true;
  }
  return (tag === 'button' || tag === 'a' || tag === 'summary') && !el.dataset.control;
}

export class Controls {
  constructor(onChange) {
    this.onChange = onChange;
    this.keys = new Map(); // code -> control
    this.pointers = new Map(); // pointerId -> control
    this.buttons = new Map(); // button -> control, held by keyboard on that button
    this.since = new Map(); // control -> when it was pressed
    this.timer = null;
    this.last = '';
  }

  /** The controls reported last. */
  held() {
    return this.last === '' ? [] : this.last.split(',');
  }

  /**
   * Reports the set held now. A control released sooner than MIN_HOLD_MS after it was pressed stays held
   * until then, so a quick tap (a touch, a key tapped) still spans a few frames at the CPU service.
   */
  changed() {
    const now = performance.now();
    const active = new Set([...this.keys.values(), ...this.pointers.values(), ...this.buttons.values()]);
    for (const c of active) {
      if (!this.since.has(c)) this.since.set(c, now);
    }
    let wait = 0;
    for (const [c, t] of this.since) {
      if (active.has(c)) continue;
      const left = MIN_HOLD_MS - (now - t);
      if (left > 0) {
        active.add(c);
        wait = Math.max(wait, left);
      } else {
        this.since.delete(c);
      }
    }
    clearTimeout(this.timer);
    if (wait > 0) this.timer = setTimeout(() => this.changed(), wait + 1);
    const key = [...active].sort().join(',');
    if (key !== this.last) {
      this.last = key;
      this.onChange(this.held());
    }
  }

  releaseAll() {
    this.keys.clear();
    this.pointers.clear();
    this.buttons.clear();
    this.since.clear();
    document.querySelectorAll('[data-control].held').forEach((b) => b.classList.remove('held'));
    this.changed();
  }

  attach(root, buttons) {
    root.addEventListener('keydown', (e) => {
      const control = KEYS[e.code];
      if (!control || e.ctrlKey || e.metaKey || e.altKey || ownsKeys(e.target)) {
        return;
      }
      e.preventDefault();
      if (!this.keys.has(e.code)) {
        this.keys.set(e.code, control);
        this.changed();
      }
    });
    root.addEventListener('keyup', (e) => {
      if (this.keys.delete(e.code)) {
        e.preventDefault();
        this.changed();
      }
    });
    window.addEventListener('blur', () => this.releaseAll());
    document.addEventListener('visibilitychange', () => {
      if (document.hidden) this.releaseAll();
    });

    for (const button of buttons) {
      const control = button.dataset.control;
      const down = (e) => {
        e.preventDefault();
        try {
          button.setPointerCapture(e.pointerId);
        } catch {
          // not capturable (synthetic event): the up event still ends it
        }
        this.pointers.set(e.pointerId, control);
        button.classList.add('held');
        this.changed();
      };
      const up = (e) => {
        if (this.pointers.delete(e.pointerId)) {
          if (![...this.pointers.values()].includes(control) && !this.buttons.has(button)) {
            button.classList.remove('held');
          }
          this.changed();
        }
      };
      button.addEventListener('pointerdown', down);
      button.addEventListener('pointerup', up);
      button.addEventListener('pointercancel', up);
      button.addEventListener('lostpointercapture', up);
      button.addEventListener('contextmenu', (e) => e.preventDefault());
      // A keyboard user holds a focused on-screen button with Space or Enter.
      button.addEventListener('keydown', (e) => {
        if ((e.code === 'Space' || e.code === 'Enter' || e.code === 'NumpadEnter') && !e.repeat) {
          e.preventDefault();
          e.stopPropagation();
          this.buttons.set(button, control);
          button.classList.add('held');
          this.changed();
        }
      });
      button.addEventListener('keyup', (e) => {
        if ((e.code === 'Space' || e.code === 'Enter' || e.code === 'NumpadEnter') && this.buttons.delete(button)) {
          e.preventDefault();
          e.stopPropagation();
          button.classList.remove('held');
          this.changed();
        }
      });
      button.addEventListener('blur', () => {
        if (this.buttons.delete(button)) {
          button.classList.remove('held');
          this.changed();
        }
      });
    }
  }
}
