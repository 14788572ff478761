// The server works out one API answer per event-loop turn, first come first
// served. Node accepts one new connection per turn (libuv 1.45 and later), so a
// server that works out a whole wave of answers in one turn accepts the next
// connection only after the wave: a git clone or a client's new sockets then
// wait in the accept queue for as many waves as connections are ahead of them,
// which GitHub, answering in parallel, never makes them do. The latency still
// counts from arrival, so a request waiting for its turn is not answered later.

export class AnswerTurns {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  /** Resolves on this request's turn. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.step);
      }
    });
  }

  /** Lets one request go; the next goes in the following turn, after the loop has polled again. */
  private readonly step = (): void => {
    this.waiting.shift()?.();
    if (this.waiting.length > 0) setImmediate(this.step);
    else this.scheduled = false;
  };
}
