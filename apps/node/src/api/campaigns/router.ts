// campaigns.*: audience, holdout, contacts, exports, results and cross-partner measurement.
import { router } from '../trpc.ts';
import { members } from './campaign-members.ts';
import { results } from './campaign-results.ts';
import { collaborationResults } from './collaboration-results.ts';
import { create } from './create-campaign.ts';
import { exportChannel } from './export-channel.ts';
import { get } from './get-campaign.ts';
import { importContacts } from './import-contacts.ts';
import { launch } from './launch-campaign.ts';
import { list } from './list-campaigns.ts';
import { partnerMeasurements } from './partner-measurements.ts';
import { partnerResult } from './partner-result.ts';
import { publishMeasurement } from './publish-measurement.ts';
import { recordContacts } from './record-contacts.ts';

export const campaignsRouter = router({
  list,
  get,
  create,
  launch,
  members,
  recordContacts,
  importContacts,
  exportChannel,
  results,
  collaborationResults,
  publishMeasurement,
  partnerMeasurements,
  partnerResult,
});
