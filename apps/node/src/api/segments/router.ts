// segments.*: rule-based customer segments — preview, save, materialize, page members.
import { router } from '../trpc.ts';
import { create } from './create-segment.ts';
import { remove, restore } from './delete-segment.ts';
import { get, list } from './list-segments.ts';
import { materialize } from './materialize-segment.ts';
import { preview } from './preview-segment.ts';
import { members } from './segment-members.ts';
import { options } from './segment-options.ts';
import { update } from './update-segment.ts';

export const segmentsRouter = router({
  preview,
  options,
  list,
  get,
  create,
  update,
  delete: remove,
  restore,
  materialize,
  members,
});
