/**
 * Spoken cues (Web Speech API), the rep tick and the end-of-rest chime (WebAudio). All are optional
 * comforts: a browser without them still shows everything on screen.
 */

/** Speaking rate for cues: a touch quicker than default so a cue ends before the next rep. */
const CUE_SPEECH_RATE = 1.05;
/** Rep tick pitch, Hz: high enough to cut through gym noise, low enough not to be shrill. */
const TICK_FREQUENCY_HZ = 880;
/** Rep tick length, s: a click-like blip that does not talk over a spoken cue. */
const TICK_DURATION_S = 0.09;
/** Tick loudness at full volume (0–1 gain): a beep at gain 1 is much louder than speech. */
const TICK_MAX_GAIN = 0.25;
/**
 * The end-of-rest chime: two rising notes, Hz (E5 then B5, a fifth apart), each this long, s —
 * unlike the single rep tick, so "rest is over" is heard as its own sound.
 */
const CHIME_NOTES_HZ = [659, 988] as const;
const CHIME_NOTE_S = 0.18;

export class Speaker {
  constructor(
    public enabled: boolean,
    /** 0–1. */
    public volume: number,
  ) {}

  get available(): boolean {
    return typeof window !== 'undefined' && 'speechSynthesis' in window;
  }

  /** Speaks `text`, cutting off a stale cue still being spoken (only the newest one matters). */
  say(text: string): void {
    if (!this.enabled || !this.available || this.volume <= 0) return;
    const u = new SpeechSynthesisUtterance(text);
    u.volume = this.volume;
    u.rate = CUE_SPEECH_RATE;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(u);
  }

  stop(): void {
    if (this.available) window.speechSynthesis.cancel();
  }
}

export class RepTick {
  #ctx: AudioContext | null = null;

  /** Call from a user gesture (the Start click): browsers keep audio suspended until then. */
  unlock(): void {
    try {
      this.#ctx ??= new AudioContext();
      void this.#ctx.resume();
    } catch {
      this.#ctx = null;
    }
  }

  /** A short beep at `volume` (0–1); silent when audio is unavailable or still locked. */
  play(volume: number): void {
    this.#beep(TICK_FREQUENCY_HZ, TICK_DURATION_S, 0, volume);
  }

  /** The end-of-rest chime at `volume` (0–1): two rising notes. */
  chime(volume: number): void {
    CHIME_NOTES_HZ.forEach((hz, i) => this.#beep(hz, CHIME_NOTE_S, i * CHIME_NOTE_S, volume));
  }

  #beep(frequencyHz: number, durationS: number, delayS: number, volume: number): void {
    const ctx = this.#ctx;
    if (ctx === null || ctx.state !== 'running' || volume <= 0) return;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = frequencyHz;
    const t0 = ctx.currentTime + delayS;
    gain.gain.setValueAtTime(TICK_MAX_GAIN * volume, t0);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + durationS);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + durationS);
  }
}
