// The board's referrals listed for the dashboard (and the API's list), filtered, sorted and paged.
import { childPseudonym } from '../../domain/pseudonyms.ts';
import type { Executor } from '../transaction.ts';

export interface DashboardFilters {
  boardId: string;
  statuses: string[];
  incidentTypes?: string[] | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  sort: 'received_on' | 'incident_on' | 'aware_on';
  direction: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** The board's referrals for the dashboard: pseudonymous columns only (no restricted details). */
export async function listReferralsForDashboard(db: Executor, f: DashboardFilters) {
  let q = db.selectFrom('referrals').where('board_id', '=', f.boardId);
  if (f.statuses.length > 0) q = q.where('status', 'in', f.statuses);
  if (f.incidentTypes && f.incidentTypes.length > 0) q = q.where('incident_type', 'in', f.incidentTypes);
  if (f.receivedFrom) q = q.where('received_on', '>=', f.receivedFrom);
  if (f.receivedTo) q = q.where('received_on', '<=', f.receivedTo);
  const [rows, count] = await Promise.all([
    q
      .select([
        'id',
        'child_number',
        'status',
        'received_on',
        'incident_on',
        'incident_type',
        'abuse_or_neglect',
        'referring_agency_id',
        'aware_on',
        'national_panel_notified_on',
      ])
      .orderBy(f.sort, f.direction)
      .orderBy('id', f.direction)
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      id: r.id,
      pseudonym: childPseudonym(Number(r.child_number)),
      status: r.status,
      receivedOn: r.received_on,
      incidentOn: r.incident_on,
      incidentType: r.incident_type,
      abuseOrNeglect: r.abuse_or_neglect,
      referringAgencyId: r.referring_agency_id,
      awareOn: r.aware_on,
      nationalPanelNotifiedOn: r.national_panel_notified_on,
    })),
  };
}
