// case-review document decision-letter: a referral's decision letter as a file, through the same document
// pipeline as the pages (the current version, made if the data changed; the file stored with its checksum).
//
// Who it acts as. A command has no sign-in, and a document is case material, so the command does not act as
// an anonymous "system": the operator names, with --as, the person the letter is produced for (themselves, or
// whoever asked for it). That person must have an active account whose roles let them see the referral, the
// same rule as the pages (anyone else is told the referral does not exist), and the audit log records the read
// as theirs, with the action DECISION_LETTER_EXPORTED, so it reads "made at the command line" and is told apart
// from downloads through the service. The file is written only if it does not exist yet, readable by its
// owner alone.
import { writeFile } from 'node:fs/promises';
import type { Services } from '../container.ts';
import { DOCUMENT_FORMATS, type DocumentFormat } from '../domain/documents.ts';
import { LANGUAGES, type Language } from '../domain/organisation.ts';
import { guarded, type Output } from './context.ts';

export interface DecisionLetterOptions {
  referral: string;
  format: string;
  language: string;
  out: string;
  as: string;
}

export async function documentDecisionLetter(services: Services, opts: DecisionLetterOptions, io: Output): Promise<number> {
  return guarded(io, async () => {
    if (!DOCUMENT_FORMATS.includes(opts.format as DocumentFormat)) {
      io.err(`Error: --format must be one of ${DOCUMENT_FORMATS.join(', ')}`);
      return 1;
    }
    if (!LANGUAGES.includes(opts.language as Language)) {
      io.err(`Error: --language must be one of ${LANGUAGES.join(', ')}`);
      return 1;
    }
    const actor = await services.identity.actorByEmail(opts.as);
    if (!actor) {
      io.err(`Error: --as names no active account: ${opts.as}`);
      return 1;
    }
    const caller = { actor, ip: null, requestId: null, action: 'DECISION_LETTER_EXPORTED' as const };
    const file = await services.documents.download(caller, 'decision_letter', opts.referral, opts.language as Language, opts.format as DocumentFormat);
    try {
      await writeFile(opts.out, file.bytes, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        io.err(`Error: ${opts.out} already exists; it is never overwritten`);
        return 1;
      }
      throw error;
    }
    io.out(`Wrote version ${file.version} of the decision letter (${file.fileName}, ${file.bytes.length} bytes) to ${opts.out}.`);
    io.out(`SHA-256: ${file.sha256}`);
    return 0;
  });
}
