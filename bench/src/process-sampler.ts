import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of utime/stime in /proc/<pid>/stat. */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User + system CPU time a process has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLOCK_TICKS;
}

/** Resident set size of a process, in MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/**
 * Samples a process' RSS every 100 ms and keeps the samples per phase (idle, load, closing…), so
 * a report can say how much memory each kind of work needed.
 */
export class RssSampler {
  private readonly samples = new Map<string, number[]>();
  private phase: string | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly pid: number,
    private readonly intervalMs = 100,
  ) {}

  start(): this {
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  /** Samples taken from now on count for this phase (null: for none). */
  setPhase(phase: string | null): void {
    this.phase = phase;
    if (phase) this.sample();
  }

  /** Runs work with its samples counted for a phase, then returns to the previous one. */
  async during<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const previous = this.phase;
    this.setPhase(phase);
    try {
      return await work();
    } finally {
      this.sample();
      this.setPhase(previous);
    }
  }

  of(phase: string): number[] {
    return this.samples.get(phase) ?? [];
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    if (!this.phase) return;
    try {
      const list = this.samples.get(this.phase) ?? [];
      list.push(rssMb(this.pid));
      this.samples.set(this.phase, list);
    } catch {
      // The process has exited; nothing left to sample.
    }
  }
}

/** CPU the bench process itself used (its load generator and raw-SQL clients), in ms. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
