// case-review audit verify: recomputes the audit chain under the audit key from the first event to the
// stored head, then compares it with the signed checkpoints kept outside the database.
import type { Services } from '../container.ts';
import { readCheckpoints } from '../services/audit-checkpoints.ts';
import type { Output } from './context.ts';

const REASONS: Record<string, string> = {
  hash_mismatch: 'the event has been altered (its hash does not match its contents under the audit key)',
  broken_link: 'the event does not follow the one before it (its previous hash differs)',
  sequence_gap: 'events before it are missing (sequence gap)',
  head_mismatch: 'events have been removed from the end of the log, or the chain head has been altered',
  not_keyed: 'the chain has not been keyed yet: start the service once to verify and re-key it',
  checkpoint_forged: 'a line of the checkpoints file is not a checkpoint signed with the audit key (the file has been edited)',
  checkpoint_missing_event: 'a signed checkpoint names an event that is no longer in the log: events have been removed from the end',
  checkpoint_mismatch: 'a signed checkpoint names an event whose hash has changed since: the log has been rewritten',
};

export async function auditVerify(services: Services, io: Output, checkpointsFile?: string): Promise<number> {
  const checkpoints = checkpointsFile ? readCheckpoints(checkpointsFile) : [];
  const result = await services.audit.verify(checkpoints);
  const events = `${result.checked} event${result.checked === 1 ? '' : 's'}`;
  if (result.ok) {
    const compared =
      checkpoints.length > 0
        ? `; ${result.checkpoints} signed checkpoint${result.checkpoints === 1 ? '' : 's'} match`
        : checkpointsFile
          ? `; no signed checkpoints to compare with in ${checkpointsFile}`
          : '';
    io.out(`Audit log intact: ${events} checked${compared}.`);
    return 0;
  }
  const problem = result.problem;
  if (!problem) {
    io.err('Audit log NOT intact.');
    return 1;
  }
  const id = 'id' in problem ? problem.id : '(missing)';
  const where = 'line' in problem ? ` (${checkpointsFile} line ${problem.line})` : '';
  io.err(`Audit log NOT intact: first bad event seq ${problem.seq}, id ${id}: ${problem.reason}${where}`);
  io.err(`  ${REASONS[problem.reason] ?? problem.reason}. ${events} before it checked and intact.`);
  return 1;
}
