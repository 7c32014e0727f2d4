// A member's data in a collaboration: publications, matches, delivered lists, measurements, its audit view.
import { AuditEventsInput, AuditEventsOutput, TransparencyInput, TransparencyOutput } from './audit.ts';
import {
  FetchListInput,
  FetchListOutput,
  ListListsInput,
  ListListsOutput,
  ListRemovalsInput,
  ListRemovalsOutput,
} from './lists.ts';
import { RequestMatchInput, RequestMatchOutput } from './matches.ts';
import {
  ListMeasurementsInput,
  ListMeasurementsOutput,
  MeasurementResultInput,
  MeasurementResultOutput,
  PublishMeasurementInput,
  PublishMeasurementOutput,
} from './measurements.ts';
import { def } from './procedure-def.ts';
import {
  AbortPublicationOutput,
  BeginPublicationInput,
  BeginPublicationOutput,
  CommitPublicationInput,
  CommitPublicationOutput,
  ListPublicationsInput,
  ListPublicationsOutput,
  SendDeltasInput,
  SendDeltasOutput,
  TightenPublicationInput,
  TightenPublicationOutput,
  VersionRefInput,
} from './publications.ts';

export const DATA_PROCEDURES = {
  beginPublication: def({
    path: 'publications.begin',
    type: 'mutation',
    auth: 'partner',
    input: BeginPublicationInput,
    output: BeginPublicationOutput,
  }),
  commitPublication: def({
    path: 'publications.commit',
    type: 'mutation',
    auth: 'partner',
    input: CommitPublicationInput,
    output: CommitPublicationOutput,
  }),
  abortPublication: def({
    path: 'publications.abort',
    type: 'mutation',
    auth: 'partner',
    input: VersionRefInput,
    output: AbortPublicationOutput,
  }),
  listPublications: def({
    path: 'publications.list',
    type: 'query',
    auth: 'partner',
    input: ListPublicationsInput,
    output: ListPublicationsOutput,
  }),
  sendDeltas: def({
    path: 'publications.deltas',
    type: 'mutation',
    auth: 'partner',
    input: SendDeltasInput,
    output: SendDeltasOutput,
  }),
  tightenPublication: def({
    path: 'publications.tighten',
    type: 'mutation',
    auth: 'partner',
    input: TightenPublicationInput,
    output: TightenPublicationOutput,
  }),
  requestMatch: def({
    path: 'matches.request',
    type: 'mutation',
    auth: 'partner',
    input: RequestMatchInput,
    output: RequestMatchOutput,
  }),
  fetchLists: def({
    path: 'lists.list',
    type: 'query',
    auth: 'partner',
    input: ListListsInput,
    output: ListListsOutput,
  }),
  fetchList: def({
    path: 'lists.fetch',
    type: 'query',
    auth: 'partner',
    input: FetchListInput,
    output: FetchListOutput,
  }),
  listRemovals: def({
    path: 'lists.removals',
    type: 'query',
    auth: 'partner',
    input: ListRemovalsInput,
    output: ListRemovalsOutput,
  }),
  publishMeasurement: def({
    path: 'measurements.publish',
    type: 'mutation',
    auth: 'partner',
    input: PublishMeasurementInput,
    output: PublishMeasurementOutput,
  }),
  listMeasurements: def({
    path: 'measurements.list',
    type: 'query',
    auth: 'partner',
    input: ListMeasurementsInput,
    output: ListMeasurementsOutput,
  }),
  // A mutation: it may charge the requester's epsilon budget.
  measurementResult: def({
    path: 'measurements.result',
    type: 'mutation',
    auth: 'partner',
    input: MeasurementResultInput,
    output: MeasurementResultOutput,
  }),
  auditEvents: def({
    path: 'audit.events',
    type: 'query',
    auth: 'partner',
    input: AuditEventsInput,
    output: AuditEventsOutput,
  }),
  /** Every match that touched the caller's data (who asked, kind, purpose, what was released, ε) and ε per requester. */
  transparency: def({
    path: 'audit.transparency',
    type: 'query',
    auth: 'partner',
    input: TransparencyInput,
    output: TransparencyOutput,
  }),
} as const;
