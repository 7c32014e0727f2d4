// The "What do you want back?" radio list: every kind the protocol registers (MatchKind, in order, with
// MATCH_KIND_INFO's labels); the ones the collaboration's policy refuses are shown disabled, with the reason.
import { MATCH_KIND_INFO, MatchKind } from '@concord/protocol/contract/matches';

export function KindField({
  kind,
  kinds,
  onChange,
}: {
  kind: MatchKind;
  /** The kinds the policy allows (`allowedKinds`). */
  kinds: MatchKind[];
  onChange: (kind: MatchKind) => void;
}) {
  return (
    <fieldset className="wide">
      <legend>What do you want back?</legend>
      <div className="stack-sm">
        {MatchKind.options.map((k) => (
          <label key={k} className="check">
            <input
              type="radio"
              name="kind"
              checked={kind === k}
              disabled={!kinds.includes(k)}
              onChange={() => onChange(k)}
            />
            {MATCH_KIND_INFO[k].label}
            {!kinds.includes(k) ? (
              <span className="small muted"> — not allowed by this collaboration</span>
            ) : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
