// How an inventory stops on a signal: the first SIGINT or SIGTERM aborts the run, which then writes what it finished,
// gives the checkpoint's lock back and exits 130 or 143; a second one gets the default action at once.
/** Something that emits SIGINT and SIGTERM (the bin gives `process`); without it, no signal is handled. */
export interface SignalSource {
  on(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
  off(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
}

export interface Stop {
  /** Aborted by the first SIGINT or SIGTERM, or by a failed write. */
  controller: AbortController;
  stoppedBy(): "SIGINT" | "SIGTERM" | undefined;
  unlisten(): void;
}

/** The first SIGINT or SIGTERM aborts the run; a second one gets the default action at once (see the README). */
export function listenForStop(signals: SignalSource | undefined): Stop {
  const controller = new AbortController();
  let stoppedBy: "SIGINT" | "SIGTERM" | undefined;
  const onSignal = (signal: "SIGINT" | "SIGTERM") => () => {
    stoppedBy = signal;
    // A second signal gets the default action at once: the checkpoint on disk is consistent at any moment.
    unlisten();
    controller.abort(new DOMException(`stopped by ${signal}`, "AbortError"));
  };
  const listeners = { SIGINT: onSignal("SIGINT"), SIGTERM: onSignal("SIGTERM") };
  const unlisten = () => {
    signals?.off("SIGINT", listeners.SIGINT);
    signals?.off("SIGTERM", listeners.SIGTERM);
  };
  signals?.on("SIGINT", listeners.SIGINT);
  signals?.on("SIGTERM", listeners.SIGTERM);
  return { controller, stoppedBy: () => stoppedBy, unlisten };
}
