// Placeholder entry point; the lead is writing the real one (argument parsing, help, store wiring).
import { commands } from './commands/index.ts';

export async function main(argv: string[]): Promise<number> {
  const command = commands.find((c) => c.name === argv[0]);
  if (!command) return 2;
  return Promise.resolve(2);
}
