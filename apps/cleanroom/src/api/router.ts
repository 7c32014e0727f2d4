// The clean room's tRPC router: composes one procedure per file. Paths match PROCEDURES in @concord/protocol.
import { events } from './audit/events.ts';
import { transparency } from './audit/transparency.ts';
import { approve } from './collaborations/approve.ts';
import { get } from './collaborations/get.ts';
import { leave } from './collaborations/leave.ts';
import { list as listCollaborations } from './collaborations/list.ts';
import { propose } from './collaborations/propose.ts';
import { resume } from './collaborations/resume.ts';
import { suspend } from './collaborations/suspend.ts';
import { redeem } from './join/redeem.ts';
import { fetchList } from './lists/fetch-list.ts';
import { listLists } from './lists/list-lists.ts';
import { removals } from './lists/removals.ts';
import { requestMatch } from './matches/request-match.ts';
import { list as listMeasurements } from './measurements/list.ts';
import { publish as publishMeasurement } from './measurements/publish.ts';
import { result as measurementResult } from './measurements/result.ts';
import { addPartner } from './operator/add-partner.ts';
import { auditEvents } from './operator/audit-events.ts';
import { invite } from './operator/invite.ts';
import { listInvitations } from './operator/list-invitations.ts';
import { listPartners } from './operator/list-partners.ts';
import { revokeInvitation } from './operator/revoke-invitation.ts';
import { rotateCredential } from './operator/rotate-credential.ts';
import { setPartnerStatus } from './operator/set-partner-status.ts';
import { setPublicKey } from './operator/set-public-key.ts';
import { sweep } from './operator/sweep.ts';
import { verifyAudit } from './operator/verify-audit.ts';
import { directory } from './partners/directory.ts';
import { revoke } from './partners/revoke.ts';
import { rotateCredential as rotateOwnCredential } from './partners/rotate-credential.ts';
import { whoami } from './partners/whoami.ts';
import { abort } from './publications/abort.ts';
import { begin } from './publications/begin.ts';
import { commit } from './publications/commit.ts';
import { deltas } from './publications/deltas.ts';
import { list as listPublications } from './publications/list.ts';
import { tighten } from './publications/tighten.ts';
import { info } from './system/info.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  system: router({ info }),
  partners: router({ whoami, directory, rotateCredential: rotateOwnCredential, revoke }),
  join: router({ redeem }),
  collaborations: router({ propose, approve, get, list: listCollaborations, suspend, resume, leave }),
  publications: router({ begin, commit, abort, list: listPublications, deltas, tighten }),
  matches: router({ request: requestMatch }),
  lists: router({ list: listLists, fetch: fetchList, removals }),
  measurements: router({ publish: publishMeasurement, list: listMeasurements, result: measurementResult }),
  audit: router({ events, transparency }),
  operator: router({
    addPartner,
    invite,
    listInvitations,
    revokeInvitation,
    listPartners,
    rotateCredential,
    setPartnerStatus,
    setPublicKey,
    verifyAudit,
    auditEvents,
    sweep,
  }),
});

export type AppRouter = typeof appRouter;
