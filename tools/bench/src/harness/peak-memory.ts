// The highest `heapUsed` and RSS seen while something runs: sampled on a timer (for work that yields to the event
// loop, like requests over a socket) and wherever the work calls `sample()` (for work that never yields).
export class PeakMemory {
  heapUsed = 0;
  rss = 0;
  samples = 0;
  #timer: NodeJS.Timeout | undefined;

  sample(): void {
    const { heapUsed, rss } = process.memoryUsage();
    if (heapUsed > this.heapUsed) this.heapUsed = heapUsed;
    if (rss > this.rss) this.rss = rss;
    this.samples++;
  }

  /** Samples every `ms` until `stop()`. */
  every(ms: number): this {
    this.sample();
    this.#timer = setInterval(() => this.sample(), ms);
    return this;
  }

  stop(): this {
    clearInterval(this.#timer);
    this.sample();
    return this;
  }
}
