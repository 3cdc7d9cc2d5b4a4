import type { Diagnostic, DiagnosticSeverity } from './parsed-plan';

/** Collects diagnostics while parsing; the parser never throws, it reports. */
export class DiagnosticLog {
  private readonly entries: Diagnostic[] = [];

  info(line: number, message: string): void {
    this.add(line, 'info', message);
  }

  warning(line: number, message: string): void {
    this.add(line, 'warning', message);
  }

  error(line: number, message: string): void {
    this.add(line, 'error', message);
  }

  /** Sorted by line; the sort is stable so messages about one line keep their order. */
  toArray(): Diagnostic[] {
    return [...this.entries].sort((a, b) => a.line - b.line);
  }

  private add(line: number, severity: DiagnosticSeverity, message: string): void {
    this.entries.push({ line: Math.max(1, line), severity, message });
  }
}
