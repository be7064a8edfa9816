// Writes the action plan spreadsheet templates shipped in the repository (issue 12 item 8): templates/action-plan.xlsx
// (English headers) and templates/action-plan-cy.xlsx (Welsh), from the columns of src/domain/actions/plan-columns.ts.
// Run after changing the columns: `npx tsx scripts/action-plan-template.ts`; plan-spreadsheet.test.ts fails while
// a shipped template differs from what this writes.
import { writeFile } from 'node:fs/promises';
import { planWorkbook } from '../src/services/actions/plan-spreadsheet-service.ts';

for (const [language, name] of [
  ['en', 'action-plan.xlsx'],
  ['cy', 'action-plan-cy.xlsx'],
] as const) {
  await writeFile(new URL(`../templates/${name}`, import.meta.url), await planWorkbook(language, []));
  console.log(`templates/${name}`);
}
