// The cabinet's sounds, synthesised with Web Audio from the sound latches (no sample files).
// OUT 3: bit 0 UFO (repeats while the bit stays 1), 1 shot, 2 player dies, 3 invader dies, 4 extra life,
// 5 amplifier on. OUT 5: bits 0-3 the fleet's four notes, 4 UFO hit. A sound starts on a 0 -> 1 edge.

export class Sound {
  constructor() {
    this.ctx = null;
    this.master = null;
    this.enabled = false;
    this.ufo = null;
    this.noise = null;
  }

  /** Turns sound on or off; the first call must come from a user gesture (browsers require it). */
  async setEnabled(on) {
    this.enabled = on;
    if (on && !this.ctx) {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) {
        this.enabled = false;
        throw new Error('this browser has no Web Audio');
      }
      this.ctx = new Ctx();
      this.master = this.ctx.createGain();
      this.master.gain.value = 0.25;
      this.master.connect(this.ctx.destination);
      this.noise = this.makeNoise();
    }
    if (this.ctx) {
      if (on) {
        await this.ctx.resume();
      } else {
        this.stopUfo();
        await this.ctx.suspend();
      }
    }
  }

  makeNoise() {
    const length = this.ctx.sampleRate;
    const buffer = this.ctx.createBuffer(1, length, this.ctx.sampleRate);
    const data = buffer.getChannelData(0);
    let lfsr = 0x7ffff;
    for (let i = 0; i < length; i++) {
      const bit = ((lfsr >> 0) ^ (lfsr >> 5)) & 1;
      lfsr = (lfsr >> 1) | (bit << 18);
      data[i] = bit ? 1 : -1;
    }
    return buffer;
  }

  /** One frame's latches and edges. */
  frame(sound3, sound5, edges3, edges5) {
    if (!this.enabled || !this.ctx) {
      return;
    }
    const amp = (sound3 & 0x20) !== 0;
    if (!amp) {
      this.stopUfo();
      return;
    }
    if (sound3 & 1) {
      this.startUfo();
    } else {
      this.stopUfo();
    }
    if (edges3 & 0x02) this.shot();
    if (edges3 & 0x04) this.playerDies();
    if (edges3 & 0x08) this.invaderDies();
    if (edges3 & 0x10) this.extraLife();
    const notes = [98, 87.3, 77.8, 73.4];
    for (let n = 0; n < 4; n++) {
      if (edges5 & (1 << n)) this.fleet(notes[n]);
    }
    if (edges5 & 0x10) this.ufoHit();
  }

  envelope(gain, t, attack, hold, release, level) {
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(level, t + attack);
    gain.gain.setValueAtTime(level, t + attack + hold);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + attack + hold + release);
    return t + attack + hold + release;
  }

  tone(type, from, to, seconds, level) {
    const t = this.ctx.currentTime;
    const osc = this.ctx.createOscillator();
    const gain = this.ctx.createGain();
    osc.type = type;
    osc.frequency.setValueAtTime(from, t);
    osc.frequency.exponentialRampToValueAtTime(to, t + seconds);
    osc.connect(gain).connect(this.master);
    const end = this.envelope(gain, t, 0.005, seconds * 0.3, seconds * 0.7, level);
    osc.start(t);
    osc.stop(end + 0.02);
  }

  burst(seconds, filterType, frequency, level) {
    const t = this.ctx.currentTime;
    const src = this.ctx.createBufferSource();
    src.buffer = this.noise;
    src.loop = true;
    const filter = this.ctx.createBiquadFilter();
    filter.type = filterType;
    filter.frequency.value = frequency;
    const gain = this.ctx.createGain();
    src.connect(filter).connect(gain).connect(this.master);
    const end = this.envelope(gain, t, 0.005, seconds * 0.2, seconds * 0.8, level);
    src.start(t, Math.random());
    src.stop(end + 0.02);
  }

  shot() { this.tone('square', 1400, 220, 0.22, 0.3); }
  invaderDies() { this.burst(0.18, 'bandpass', 1800, 0.8); }
  playerDies() { this.burst(1.0, 'lowpass', 700, 1.0); }
  fleet(freq) { this.tone('square', freq, freq * 0.97, 0.09, 0.5); }

  extraLife() {
    [880, 1175, 1568].forEach((f, i) => setTimeout(() => this.enabled && this.tone('square', f, f, 0.08, 0.25), i * 90));
  }

  ufoHit() {
    const t = this.ctx.currentTime;
    const osc = this.ctx.createOscillator();
    const lfo = this.ctx.createOscillator();
    const depth = this.ctx.createGain();
    const gain = this.ctx.createGain();
    osc.type = 'square';
    osc.frequency.setValueAtTime(900, t);
    osc.frequency.exponentialRampToValueAtTime(200, t + 0.8);
    lfo.frequency.value = 18;
    depth.gain.value = 120;
    lfo.connect(depth).connect(osc.frequency);
    osc.connect(gain).connect(this.master);
    const end = this.envelope(gain, t, 0.01, 0.3, 0.5, 0.3);
    osc.start(t);
    lfo.start(t);
    osc.stop(end + 0.02);
    lfo.stop(end + 0.02);
  }

  /** The UFO's warble, looping until its latch bit goes off. */
  startUfo() {
    if (this.ufo) {
      return;
    }
    const t = this.ctx.currentTime;
    const osc = this.ctx.createOscillator();
    const lfo = this.ctx.createOscillator();
    const depth = this.ctx.createGain();
    const gain = this.ctx.createGain();
    osc.type = 'sawtooth';
    osc.frequency.value = 520;
    lfo.type = 'triangle';
    lfo.frequency.value = 7;
    depth.gain.value = 180;
    lfo.connect(depth).connect(osc.frequency);
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.12, t + 0.03);
    osc.connect(gain).connect(this.master);
    osc.start(t);
    lfo.start(t);
    this.ufo = { osc, lfo, gain };
  }

  stopUfo() {
    if (!this.ufo || !this.ctx) {
      return;
    }
    const { osc, lfo, gain } = this.ufo;
    const t = this.ctx.currentTime;
    gain.gain.cancelScheduledValues(t);
    gain.gain.setValueAtTime(gain.gain.value, t);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.05);
    osc.stop(t + 0.06);
    lfo.stop(t + 0.06);
    this.ufo = null;
  }
}
