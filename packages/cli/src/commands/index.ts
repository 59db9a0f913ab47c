// The command registry: every command the CLI offers, in help order. Add new commands here.
import type { Command } from '../command.ts';

export const commands: Command[] = [];
