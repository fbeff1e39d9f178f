/**
 * All time comes from a Clock (DESIGN decision 3). Production uses the system clock; demo mode and tests use a
 * settable clock whose offset an admin can advance, so a 20-working-day bureau review can be shown in minutes.
 */
export interface Clock {
  now(): Date;
  readonly adjustable: boolean;
}

export const systemClock: Clock = { now: () => new Date(), adjustable: false };

export class AdjustableClock implements Clock {
  readonly adjustable = true;
  private offsetMs = 0;
  private frozenAt: number | null;

  constructor(start?: Date | string, opts: { frozen?: boolean } = {}) {
    const base = start ? new Date(start).getTime() : Date.now();
    this.frozenAt = opts.frozen ? base : null;
    if (!opts.frozen && start) this.offsetMs = base - Date.now();
  }

  now(): Date {
    return new Date((this.frozenAt ?? Date.now()) + this.offsetMs);
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError('a clock only moves forward');
    this.offsetMs += ms;
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }

  set(to: Date | string): void {
    const target = new Date(to).getTime();
    const current = this.now().getTime();
    if (target < current) throw new RangeError('a clock only moves forward');
    this.offsetMs += target - current;
  }
}
