// Terminal text for an ownership trace (the trace itself comes from @echotrace/app).
import type { OwnershipTrace } from '@echotrace/sanctions';

/** Lines for a terminal: the flag and each chain with its explanations. */
export function describeOwnership(trace: OwnershipTrace, indent = '  '): string {
  if (!trace.flagged) return '';
  let text = `${indent}SANCTIONED OWNERSHIP:\n`;
  for (const chain of trace.chains) {
    text += `${indent}  ${chain.summary}\n`;
    for (const link of chain.links) text += `${indent}    - ${link.explanation}\n`;
  }
  return text;
}
