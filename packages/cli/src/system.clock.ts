// The wall clock, for commands whose use cases take a Clock (tests pass their own).
import type { Clock } from '@echotrace/core';

export const systemClock: Clock = { now: () => new Date() };
