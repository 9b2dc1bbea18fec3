// Batches as rates: operations per second by wall clock and by CPU time.
import type { Batch } from "./rounds.js";

export const opsPerWallSecond = (batch: Batch): number => batch.calls / (batch.wallMs / 1000);
export const opsPerCpuSecond = (batch: Batch): number => batch.calls / (batch.cpuMs / 1000);
