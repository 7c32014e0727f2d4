// A progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise (logs, CI).
export interface ProgressBar {
  update(done: number, total: number, note?: string): void;
  finish(): void;
}

export function progressBar(stream: NodeJS.WritableStream & { isTTY?: boolean }, label: string): ProgressBar {
  let lastDecile = -1;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, total, note = '') {
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const percent = Math.floor(ratio * 100);
      if (stream.isTTY) {
        const now = Date.now();
        if (now - lastDraw < 100 && ratio < 1) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(ratio * width);
        stream.write(
          `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${note}\x1b[K`,
        );
        drawn = true;
        return;
      }
      const decile = Math.floor(percent / 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(`${label} ${percent}% ${note}\n`);
      }
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
