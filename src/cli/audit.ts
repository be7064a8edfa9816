// case-review audit verify: recomputes the audit hash chain from the first event to the stored head.
import type { Services } from '../container.ts';
import type { Output } from './context.ts';

const REASONS: Record<string, string> = {
  hash_mismatch: 'the event has been altered (its hash does not match its contents)',
  broken_link: 'the event does not follow the one before it (its previous hash differs)',
  sequence_gap: 'events before it are missing (sequence gap)',
  head_mismatch: 'events have been removed from the end of the log, or the chain head has been altered',
};

export async function auditVerify(services: Services, io: Output): Promise<number> {
  const result = await services.audit.verify();
  if (result.ok) {
    io.out(`Audit log intact: ${result.checked} event${result.checked === 1 ? '' : 's'} checked.`);
    return 0;
  }
  const problem = result.problem;
  if (!problem) {
    io.err('Audit log NOT intact.');
    return 1;
  }
  const id = 'id' in problem ? problem.id : '(missing)';
  io.err(`Audit log NOT intact: first bad event seq ${problem.seq}, id ${id}: ${problem.reason}`);
  io.err(`  ${REASONS[problem.reason] ?? problem.reason}. ${result.checked} event${result.checked === 1 ? '' : 's'} before it checked and intact.`);
  return 1;
}
